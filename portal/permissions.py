"""Who may edit what in the portal's CMS (/cms/).

Wagtail grants page rights per group. The portal owns a few groups and derives who belongs in them
from the register (``portal.editors`` keeps the membership in step):

- "Nasjonale redaktører": national administrators; every page, image and document.
- "Redaktører <county>": the admins of the county's active centres; the county page and the pages
  below it (centre pages, local news), nothing else.

Group names starting with ``COUNTY_EDITORS_PREFIX`` are reserved for the portal; other groups are
never touched.
"""

from django.contrib.auth.models import AnonymousUser
from wagtail.models import Page

from accounts.models import User
from portal.models import CentrePage, CountyPage
from register.models import County, Role
from register.permissions import is_national_admin, roles_of

NATIONAL_EDITORS = "Nasjonale redaktører"
COUNTY_EDITORS_PREFIX = "Redaktører "

# Pages that follow the register (sync_portal_pages makes one per county and per active centre).
REGISTER_PAGE_TYPES = (CountyPage, CentrePage)


def county_editors_name(county_name: str) -> str:
    return f"{COUNTY_EDITORS_PREFIX}{county_name}"


def is_portal_group(name: str) -> bool:
    """The portal manages this group: its members follow the register."""
    return name == NATIONAL_EDITORS or name.startswith(COUNTY_EDITORS_PREFIX)


def editor_group_names(user: User | AnonymousUser) -> set[str]:
    """The names of the portal groups ``user`` belongs in, from their roles in the register.

    Costs the register's role lookup (cached on the user) and, for centre admins, one query.
    """
    if not user.is_authenticated:
        return set()
    names: set[str] = set()
    if is_national_admin(user):
        names.add(NATIONAL_EDITORS)
    admin_centre_ids = roles_of(user).centre_ids(Role.ADMIN)
    if admin_centre_ids:
        counties = County.objects.filter(centres__pk__in=admin_centre_ids, centres__is_active=True)
        names.update(county_editors_name(name) for name in counties.values_list("name", flat=True).distinct())
    return names


def is_register_page(page: Page) -> bool:
    page_class = page.specific_class
    return page_class is not None and issubclass(page_class, REGISTER_PAGE_TYPES)


def may_restructure(user: User | AnonymousUser, page: Page) -> bool:
    """County and centre pages come and go with the register: county editors edit and publish them,
    but only national administrators copy, move, unpublish or delete them.
    """
    return not is_register_page(page) or is_national_admin(user)
