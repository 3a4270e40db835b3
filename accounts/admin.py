from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db import admin as tasks_db_admin
from django_tasks_db.models import DBTaskResult

from accounts.models import ApiToken, FailedEmail, User
from accounts.tasks import send_email
from core.admin import ReadOnlyAdmin


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["full_name"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]


# A task's arguments are never shown or filtered on in the admin: the e-mail task's are the message itself, its body
# holding password-reset and private links and its headers unsubscribe links.
HIDDEN_ARGUMENTS = "args_kwargs"


class NoArgumentLookups:
    """The admin lets a URL filter on any field (``?args_kwargs__icontains=``): no guessing a link that way."""

    def lookup_allowed(self, lookup, value, request=None):
        return not lookup.startswith(HIDDEN_ARGUMENTS) and super().lookup_allowed(lookup, value, request)


# django_tasks_db's own admin (imported above, so registered before we replace it) shows every field.
admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(NoArgumentLookups, tasks_db_admin.DBTaskResultAdmin):
    """Every background task's result, as django_tasks_db shows it, without the arguments."""

    def get_readonly_fields(self, request, obj=None):
        return [name for name in super().get_readonly_fields(request, obj) if name != HIDDEN_ARGUMENTS]


@admin.register(FailedEmail)
class FailedEmailAdmin(NoArgumentLookups, ReadOnlyAdmin):
    """The e-mails given up on (three failed tries, or an error no retry mends), for the national administrators:
    to whom, about what, how many tries, when and why. Never the body."""

    list_display = ["failed_at", "recipient", "subject", "attempts", "error"]
    list_display_links = None
    fields = readonly_fields = list_display
    ordering = ["-finished_at"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(task_path=send_email.module_path, status=TaskResultStatus.FAILED)
            .only("finished_at", "args_kwargs", "exception_class_path", "traceback")
        )

    @staticmethod
    def _message(obj: FailedEmail) -> dict:
        return (obj.args_kwargs or {}).get("kwargs", {})

    @admin.display(description=_("failed at"), ordering="finished_at")
    def failed_at(self, obj: FailedEmail):
        return obj.finished_at

    @admin.display(description=_("recipient"))
    def recipient(self, obj: FailedEmail) -> str:
        return ", ".join(self._message(obj).get("to", []))

    @admin.display(description=_("subject"))
    def subject(self, obj: FailedEmail) -> str:
        return self._message(obj).get("subject", "")

    @admin.display(description=_("tries"))
    def attempts(self, obj: FailedEmail) -> int:
        return self._message(obj).get("attempt", 1)

    @admin.display(description=_("error"))
    def error(self, obj: FailedEmail) -> str:
        """The exception and its message: the traceback's last line."""
        lines = [line for line in obj.traceback.splitlines() if line.strip()]
        return (lines[-1] if lines else obj.exception_class_path)[:300]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Who has which tokens, never a key: only a hash is stored, and not even that is shown here.

    Tokens are made by their owner on the token page (no "add" here); an administrator may revoke one by deleting it.
    """

    list_display = ["name", "user", "created", "expiry", "last_used"]
    list_select_related = ["user"]
    list_filter = ["expiry", "last_used"]
    search_fields = ["name", "user__email", "user__full_name"]
    ordering = ["-created"]
    fields = ["user", "name", "created", "expiry", "last_used"]
    readonly_fields = fields

    def has_delete_permission(self, request, obj=None):
        # Revoking is deleting: the admin's own delete permission decides, not ReadOnlyAdmin's "never".
        return admin.ModelAdmin.has_delete_permission(self, request, obj)
