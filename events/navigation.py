"""The events' section on the register's staff page (registered in ``EventsConfig.ready``)."""

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext as _

from events.permissions import MANAGER_ROLES
from register.models import Membership
from register.permissions import is_national_admin
from register.staff_sections import StaffLink, StaffSection


def staff_section(user, memberships: Sequence[Membership]) -> StaffSection:
    """All events for national administrators; each centre's events for its admins and organisers."""
    manage = reverse("events:manage_list")
    links = [StaffLink(_("Manage events"), manage)] if is_national_admin(user) else []
    seen = set()
    for membership in memberships:
        if membership.role in MANAGER_ROLES and membership.centre_id not in seen:
            seen.add(membership.centre_id)
            label = _("Events of %(name)s") % {"name": membership.centre.name}
            links.append(StaffLink(label, f"{manage}?centre={membership.centre.slug}"))
    return StaffSection("events", _("Events"), links)
