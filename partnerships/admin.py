"""Agreements and the national guideline clauses in the Django admin, read only: every change goes through the
agreement pages and ``partnerships.services``, so it is checked and lands in the agreement's history."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin
from partnerships.models import Agreement, GuidelineClause


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["title", "centre", "county", "status", "start_date", "end_date"]
    list_filter = ["status", "county"]
    search_fields = ["title", "parties__name"]
    list_select_related = ["centre", "county"]
    exclude = ["document"]


@admin.register(GuidelineClause)
class GuidelineClauseAdmin(ReadOnlyAdmin):
    list_display = ["title", "is_active", "created_at"]
    list_filter = ["is_active"]
