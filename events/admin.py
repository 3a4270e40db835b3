from django.contrib import admin

from core.admin import ReadOnlyAdmin
from events.models import Event, EventMessage, Registration


class RegistrationInline(admin.TabularInline):
    model = Registration
    fields = ["user", "status", "registered_at", "attended"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    """For overview and support; organisers work on the event pages, where the rules are kept."""

    list_display = ["title", "centre", "county", "kind", "starts_at", "status", "capacity"]
    list_filter = ["status", "kind", "audience", "county"]
    list_select_related = ["centre", "county"]
    search_fields = ["title", "centre__name"]
    date_hierarchy = "starts_at"
    inlines = [RegistrationInline]


@admin.register(EventMessage)
class EventMessageAdmin(ReadOnlyAdmin):
    list_display = ["subject", "event", "sender", "recipient_count", "sent_at"]
    list_select_related = ["event", "sender"]
