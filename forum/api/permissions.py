"""DRF permission classes for the forum API. Each asks a predicate from ``forum.permissions``."""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from forum.permissions import can_edit_post, is_professional


class IsProfessional(permissions.IsAuthenticated):
    """Signed in with a counsellor profile, a centre role or a national role: the forum's audience."""

    message = _("The forum is open to counsellors and centre staff only.")

    def has_permission(self, request, view):
        return super().has_permission(request, view) and is_professional(request.user)


class IsPostAuthor(IsProfessional):
    """For one post: its author, while it is not deleted (the queryset already hides unreadable posts)."""

    def has_object_permission(self, request, view, obj):
        if can_edit_post(request.user, obj):
            return True
        self.message = _("You can only edit your own posts.")
        return False
