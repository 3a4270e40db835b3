from django.contrib import admin

from register import services
from register.models import AuditEntry, Centre, CounsellorProfile, County, Membership, NationalRole


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
