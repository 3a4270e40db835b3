"""The register's entries in the header's menus (registered in ``RegisterConfig.ready``)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import npgettext

from core.navigation import NavItem
from notifications.selectors import unread_count
from register.models import Role
from register.permissions import (
    centres_seeing_network,
    is_national_admin,
    is_professional,
    roles_of,
    verifier_centre_ids,
)


def public_items(request):
    yield NavItem(_("Career centres"), reverse("centre_list"), order=20)


def workspace_items(request):
    """Every professional: their page, their competence and their notices; staff: the work of their roles."""
    user = request.user
    if not is_professional(user):
        return
    roles = roles_of(user)
    yield NavItem(_("My page"), reverse("dashboard"), order=10, url_names=frozenset({"profile", "home_centre"}))
    yield NavItem(_("Competence"), reverse("competence"), order=20)
    if verifier_centre_ids(user):
        yield NavItem(
            _("Verification"),
            reverse("verification_queue"),
            order=50,
            url_names=frozenset({"audit_overview", "audit_decide"}),
        )
    if centres_seeing_network(user) or roles.centre_ids(Role.HR):
        yield NavItem(
            _("Network"),
            reverse("my_network"),
            order=60,
            url_names=frozenset({"centre_network", "network_counsellor", "home_centre_decision"}),
        )
    if roles.centre_ids(Role.ADMIN):
        yield NavItem(_("Overview"), reverse("my_overview"), order=70, url_names=frozenset({"overview_centre"}))
    if roles.centre_ids(Role.HR):
        yield NavItem(_("Check a statement"), reverse("verify"), order=75, url_names=frozenset({"verify_code"}))
    if is_national_admin(user):
        yield NavItem(
            _("National"),
            reverse("overview_national"),
            order=80,
            url_names=frozenset({"overview_county", "standard_home", "area_edit", "requirement_edit"}),
        )
    count = unread_count(user=user)
    yield NavItem(
        _("Notices"),
        reverse("notifications:list"),
        order=95,
        count=count,
        count_label=npgettext("after a number of notices", "unread", "unread", count),
    )
