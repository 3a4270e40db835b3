from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyAdmin
from register import services
from register.forms.standard import RequirementSetForm
from register.models import (
    AttendanceCertificate,
    AuditEntry,
    Centre,
    CompetenceArea,
    CompetenceStatement,
    CounsellorProfile,
    County,
    CPDActivity,
    CreditEntry,
    HomeCentreRequest,
    Membership,
    NationalRole,
    RequirementSet,
    SelfAssessment,
    StatementLookup,
)
from register.services import standard


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "population", "population_year", "population_is_demo"]
    readonly_fields = ["number"]
    search_fields = ["name", "number"]

    def has_add_permission(self, request):
        # The 15 counties come from a data migration; numbers are official, not edited here.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ["name", "county", "place", "is_resource_centre", "is_active", "is_demo"]
    list_filter = ["county", "is_resource_centre", "is_active", "is_demo"]
    list_select_related = ["county"]
    search_fields = ["name", "place", "email"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(CounsellorProfile)
class CounsellorProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "workplace_type", "workplace_name", "county", "home_centre"]
    list_filter = ["workplace_type", "county"]
    list_select_related = ["user", "county", "home_centre"]
    search_fields = ["user__email", "user__full_name", "workplace_name"]
    raw_id_fields = ["user"]


class ServiceBackedAdmin(admin.ModelAdmin):
    """Roles are given and taken through the register's services, so they are audited."""

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj else []

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Membership)
class MembershipAdmin(ServiceBackedAdmin):
    fields = ["user", "centre", "role"]
    list_display = ["user", "centre", "role", "created_at"]
    list_filter = ["role", "centre__county"]
    list_select_related = ["user", "centre"]
    search_fields = ["user__email", "user__full_name", "centre__name"]
    raw_id_fields = ["user"]

    def save_model(self, request, obj, form, change):
        if not change:
            created = services.membership_grant(user=obj.user, centre=obj.centre, role=obj.role, actor=request.user)
            obj.pk = created.pk

    def delete_model(self, request, obj):
        services.membership_revoke(membership=obj, actor=request.user)


@admin.register(NationalRole)
class NationalRoleAdmin(ServiceBackedAdmin):
    fields = ["user", "role"]
    list_display = ["user", "role", "created_at"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]

    def save_model(self, request, obj, form, change):
        if not change:
            created = services.national_role_grant(user=obj.user, role=obj.role, actor=request.user)
            obj.pk = created.pk

    def delete_model(self, request, obj):
        services.national_role_revoke(national_role=obj, actor=request.user)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "actor", "subject_user", "centre", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    list_select_related = ["actor", "subject_user", "centre"]
    search_fields = ["subject_user__email", "actor__email", "object_id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Competence register: areas and requirement sets are edited here by national administrators;
# everything a counsellor or centre does is shown read-only (decisions belong to the verification pages).


@admin.register(CompetenceArea)
class CompetenceAreaAdmin(admin.ModelAdmin):
    list_display = ["number", "name_nb", "name_en", "is_demo"]
    list_display_links = ["number", "name_nb"]
    list_filter = ["is_demo"]
    ordering = ["number"]
    search_fields = ["name_nb", "name_en"]

    def has_delete_permission(self, request, obj=None):
        # Deleting an area in use would silently drop it from entries and requirement sets.
        if obj is not None and (
            obj.credit_entries.exists() or obj.requirement_sets.exists() or obj.cpd_activities.exists()
        ):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(RequirementSet)
class RequirementSetAdmin(admin.ModelAdmin):
    """New sets for today or a future date; a set once in force is view-only and never deleted."""

    form = RequirementSetForm
    list_display = [
        "name",
        "workplace_type",
        "effective_from",
        "min_credits",
        "min_core_credits",
        "cpd_hours",
        "cpd_min_evidenced_hours",
        "cpd_cycle",
        "in_force_or_past",
    ]
    list_filter = ["workplace_type", "effective_from"]
    ordering = ["workplace_type", "-effective_from"]
    filter_horizontal = ["required_areas"]
    search_fields = ["name"]

    @admin.display(boolean=True, description=_("in force or past"))
    def in_force_or_past(self, obj):
        return obj.is_in_force_or_past

    def has_change_permission(self, request, obj=None):
        # Without change permission Django shows the set with every field read-only and no save button.
        if obj is not None and obj.is_in_force_or_past:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_in_force_or_past:
            return False
        return super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_in_force_or_past:
            return RequirementSetForm.Meta.fields
        return super().get_readonly_fields(request, obj)

    def save_model(self, request, obj, form, change):
        standard.requirement_set_save(
            actor=request.user,
            requirement=obj,
            cleaned=form.cleaned_data,
            changed=form.changed_data if change else list(form.cleaned_data),
            is_new=not change,
        )

    def delete_model(self, request, obj):
        standard.requirement_set_delete(actor=request.user, requirement=obj)

    def delete_queryset(self, request, queryset):
        # The bulk action must keep the same rules and audit trail as the single delete.
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(CreditEntry)
class CreditEntryAdmin(ReadOnlyAdmin):
    # The evidence file has no public URL, so the admin shows its name and type only.
    fields = [
        "owner",
        "title",
        "institution",
        "course_code",
        "credits",
        "completed_on",
        "areas",
        "evidence_name",
        "evidence_type",
        "status",
        "created_at",
        "decided_at",
        "decided_by",
        "decision_reason",
    ]
    list_display = ["title", "owner", "credits", "completed_on", "status", "created_at", "decided_by"]
    list_filter = ["status", "owner__counsellor_profile__workplace_type"]
    list_select_related = ["owner", "decided_by"]
    search_fields = ["title", "institution", "owner__email", "owner__full_name"]
    date_hierarchy = "created_at"


@admin.register(CPDActivity)
class CPDActivityAdmin(ReadOnlyAdmin):
    fields = [
        "owner",
        "title",
        "date",
        "hours",
        "kind",
        "areas",
        "reflection",
        "evidence_name",
        "evidence_type",
        "source",
        "source_ref",
        "evidence_level",
        "review",
        "reviewed_by",
        "reviewed_at",
        "review_note",
        "created_at",
    ]
    list_display = ["title", "owner", "date", "hours", "kind", "source", "evidence_level"]
    list_filter = ["kind", "source"]
    list_select_related = ["owner"]
    search_fields = ["title", "owner__email", "owner__full_name"]
    date_hierarchy = "date"


@admin.register(CompetenceStatement)
class CompetenceStatementAdmin(ReadOnlyAdmin):
    # The code is the holder's to share: it is not shown here at all.
    fields = ["owner", "holder_name", "created_at", "expires_on", "revoked_at", "snapshot"]
    list_display = ["holder_name", "owner", "created_at", "expires_on", "revoked_at"]
    list_filter = ["expires_on", "revoked_at"]
    list_select_related = ["owner"]
    search_fields = ["holder_name", "owner__email"]


@admin.register(AttendanceCertificate)
class AttendanceCertificateAdmin(ReadOnlyAdmin):
    fields = [
        "owner",
        "holder_name",
        "title",
        "issuer_name",
        "starts_on",
        "ends_on",
        "hours",
        "created_at",
        "revoked_at",
    ]
    list_display = ["holder_name", "title", "starts_on", "hours", "revoked_at"]
    list_filter = ["starts_on", "revoked_at"]
    list_select_related = ["owner"]
    search_fields = ["holder_name", "owner__email", "title"]


@admin.register(StatementLookup)
class StatementLookupAdmin(ReadOnlyAdmin):
    fields = ["statement", "certificate", "checked_at", "outcome"]
    list_display = ["checked_at", "outcome", "statement", "certificate"]
    list_filter = ["outcome"]
    list_select_related = ["statement", "certificate"]
    date_hierarchy = "checked_at"


@admin.register(HomeCentreRequest)
class HomeCentreRequestAdmin(ReadOnlyAdmin):
    list_display = ["user", "centre", "status", "created_at", "decided_at", "decided_by"]
    list_filter = ["status", "centre__county"]
    list_select_related = ["user", "centre", "decided_by"]
    search_fields = ["user__email", "user__full_name", "centre__name"]


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(ReadOnlyAdmin):
    list_display = ["user", "area", "level", "updated_at"]
    list_filter = ["level", "area"]
    list_select_related = ["user", "area"]
    search_fields = ["user__email", "user__full_name"]
