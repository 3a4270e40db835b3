"""Admin helpers every app uses."""

from django.contrib import admin
from django.db.models import Model, URLField
from django.http import HttpRequest


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown for overview and support; changes go through the app's pages and services."""

    # The read-only page still builds the model's form: its URL fields take "https" for a link without a
    # scheme, as Django 6 will and as the apps' own forms do (and Django 5 warns until it is said).
    formfield_overrides = {URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
