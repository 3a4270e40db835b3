"""Questions and answers are not in the admin: counsellors open them on the queue pages, where every opening is
logged. National administrators correct or remove FAQ entries here, can read the access log, and set the
promise clock: the service's opening hours and the days every service is closed."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin
from guidance.models import WEEKDAY_FIELDS, AccessLog, ClosurePeriod, FaqEntry, ServiceHours


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin):
    list_display = ["title", "topic", "author", "published_at"]
    list_filter = ["topic"]
    list_select_related = ["author"]
    search_fields = ["title", "question", "answer"]
    readonly_fields = ["author", "published_at"]
    fields = ["title", "topic", "question", "answer", "author", "published_at"]

    def has_add_permission(self, request):
        return False  # entries are written from answered questions, on the counsellors' pages


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["opened_at", "user", "question_number"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    date_hierarchy = "opened_at"


@admin.register(ServiceHours)
class ServiceHoursAdmin(admin.ModelAdmin):
    list_display = ["service", "opens", "closes", *WEEKDAY_FIELDS]
    fields = [
        "service",
        ("opens", "closes"),
        ("monday", "tuesday", "wednesday", "thursday", "friday"),
        ("saturday", "sunday"),
    ]


@admin.register(ClosurePeriod)
class ClosurePeriodAdmin(admin.ModelAdmin):
    list_display = ["name", "first_day", "last_day"]
    date_hierarchy = "first_day"
    search_fields = ["name"]
