"""DRF permission classes. Each one asks a predicate from ``register.permissions``; no rule lives here."""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from register.permissions import (
    can_verify,
    can_verify_cpd,
    is_national_admin,
    is_owner,
    is_verifier,
    sees_any_network,
)


class OwnerOrVerifier(permissions.IsAuthenticated):
    """Signed in; an entry must be the user's own or one they may decide as a verifier."""

    def has_object_permission(self, request, view, obj):
        return is_owner(request.user, obj) or can_verify(request.user, obj)


class IsOwner(permissions.IsAuthenticated):
    """Signed in; objects must be the user's own (the querysets are scoped as well, so others get 404)."""

    def has_object_permission(self, request, view, obj):
        return is_owner(request.user, obj)


class CanVerifyCredit(permissions.IsAuthenticated):
    """A verifier, and for one entry: a verifier at its owner's home centre who is not its owner."""

    def has_permission(self, request, view):
        return super().has_permission(request, view) and is_verifier(request.user)

    def has_object_permission(self, request, view, obj):
        return can_verify(request.user, obj)


class OwnerOrCPDVerifier(permissions.IsAuthenticated):
    """Signed in; an activity must be the user's own or one whose evidence they may verify."""

    def has_object_permission(self, request, view, obj):
        return is_owner(request.user, obj) or can_verify_cpd(request.user, obj)


class CanVerifyCPD(CanVerifyCredit):
    """A verifier, and for one activity: a verifier at its owner's home centre who is not its owner."""

    def has_object_permission(self, request, view, obj):
        return can_verify_cpd(request.user, obj)


class SeesNetwork(permissions.IsAuthenticated):
    """Admin, verifier or HR at a centre: sees that centre's staff, and (not HR) its affiliated counsellors.

    National admins see every centre's, as on the network pages."""

    message = _("Only admins, verifiers and HR staff of a centre see its counsellors.")

    def has_permission(self, request, view):
        user = request.user
        return super().has_permission(request, view) and (sees_any_network(user) or is_national_admin(user))
