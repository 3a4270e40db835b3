"""Partnership agreements in the header's workspace menu and on the register's staff page (registered in
``PartnershipsConfig.ready``)."""

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext as _

from core.navigation import NavItem
from partnerships.permissions import admin_centre_ids, works_with_agreements
from register.models import Membership
from register.permissions import is_national_admin
from register.staff_sections import StaffLink, StaffSection


def workspace_items(request):
    """The agreements for centre admins (roles only: no query). National administrators reach them from the staff
    page and the national overview: their header already holds nine entries, the most that fit on one row."""
    if admin_centre_ids(request.user):
        yield NavItem(_("Agreements"), reverse("partnerships:list"), order=66)


def staff_section(user, memberships: Sequence[Membership]) -> StaffSection:
    links = []
    if works_with_agreements(user):
        links.append(StaffLink(_("Partnership agreements"), reverse("partnerships:list")))
        links.append(StaffLink(_("Record an agreement"), reverse("partnerships:create")))
        links.append(StaffLink(_("Agreements: filter and export"), reverse("partnerships:overview_list")))
        links.append(StaffLink(_("National guideline clauses"), reverse("partnerships:clauses")))
    if is_national_admin(user):
        links.append(StaffLink(_("National overview of agreements"), reverse("partnerships:overview_national")))
    return StaffSection("partnerships", _("Partnerships"), links)
