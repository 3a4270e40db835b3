"""Admin helpers every app uses."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown for overview and support; changes go through the app's pages and services."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
