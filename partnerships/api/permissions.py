"""Who may use the partnership endpoints: the predicates of ``partnerships.permissions`` and the register's."""

from django.utils.translation import gettext_lazy
from rest_framework import permissions

from partnerships.permissions import works_with_agreements
from register.permissions import is_professional


class WorksWithAgreements(permissions.IsAuthenticated):
    """The list and creating: centre admins and national administrators (``works_with_agreements``); 403 for
    others. One agreement's routes are open to the signed-in, and ``access_agreement`` answers 404."""

    message = gettext_lazy("Only the admins of a centre and the national administrators see its agreements.")

    def has_permission(self, request, view):
        return super().has_permission(request, view) and (view.detail or works_with_agreements(request.user))


class IsProfessional(permissions.IsAuthenticated):
    """Counsellors and staff (``register.permissions.is_professional``)."""

    message = gettext_lazy("The national guidelines are open to counsellors and centre staff.")

    def has_permission(self, request, view):
        return super().has_permission(request, view) and is_professional(request.user)
