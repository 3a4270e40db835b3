"""The portal's editor groups in /cms/: their Wagtail permissions, and membership that follows the register.

``register`` never imports ``portal``, so no signal pushes role changes here. Instead
``EditorGroupsMiddleware`` brings a user's portal groups in line with their register roles on every
request under /cms/: a role granted or revoked takes effect at the next CMS request. Who belongs
where is decided in ``portal.permissions``.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from portal.models import CountyPage
from portal.permissions import NATIONAL_EDITORS, county_editors_name, editor_group_names, is_portal_group

ACCESS_ADMIN = ("wagtailadmin", "access_admin")
NATIONAL_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page")
# Without bulk_delete a county editor cannot delete a page that has pages below it.
COUNTY_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
NATIONAL_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)


def _permissions():
    """Every permission the editor groups use, by (app label, codename), in one query."""
    wanted = [ACCESS_ADMIN, *NATIONAL_COLLECTION_PERMISSIONS]
    wanted += [("wagtailcore", codename) for codename in NATIONAL_PAGE_PERMISSIONS]
    query = Q()
    for app_label, codename in wanted:
        query |= Q(content_type__app_label=app_label, codename=codename)
    return {
        (perm.content_type.app_label, perm.codename): perm
        for perm in Permission.objects.filter(query).select_related("content_type")
    }


@transaction.atomic
def ensure_editor_groups():
    """Create the portal's editor groups and their permissions where missing; removes nothing.

    One group per county page, so run it after ``sync_portal_pages`` has made the county pages.
    Safe to run any number of times, also concurrently.
    """
    perms = _permissions()
    national_page_perms = [perms["wagtailcore", codename] for codename in NATIONAL_PAGE_PERMISSIONS]
    county_page_perms = [perms["wagtailcore", codename] for codename in COUNTY_PAGE_PERMISSIONS]
    county_pages = list(CountyPage.objects.select_related("county"))
    names = [NATIONAL_EDITORS, *(county_editors_name(page.county.name) for page in county_pages)]
    Group.objects.bulk_create([Group(name=name) for name in names], ignore_conflicts=True)
    by_name = Group.objects.in_bulk(names, field_name="name")
    national = by_name[NATIONAL_EDITORS]
    # National editors hold their rights on the tree's root, so every page of every site is theirs.
    page_grants = [(national, Page.get_first_root_node(), national_page_perms)]
    page_grants += [
        (by_name[name], page, county_page_perms) for name, page in zip(names[1:], county_pages, strict=True)
    ]
    groups = list(by_name.values())

    Group.permissions.through.objects.bulk_create(
        [Group.permissions.through(group=group, permission=perms[ACCESS_ADMIN]) for group in groups],
        ignore_conflicts=True,
    )
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=group, page=page, permission=permission)
            for group, page, permissions in page_grants
            for permission in permissions
        ],
        ignore_conflicts=True,
    )
    # A database emptied by a test's flush has lost the root collection its migration made.
    root_collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    GroupCollectionPermission.objects.bulk_create(
        [
            GroupCollectionPermission(group=national, collection=root_collection, permission=perms[key])
            for key in NATIONAL_COLLECTION_PERMISSIONS
        ],
        ignore_conflicts=True,
    )


def editor_groups_sync(user):
    """Put ``user`` in the portal groups their register roles call for and out of the other portal groups.

    Groups that are not the portal's are left as they are. Returns True if anything changed.
    Precondition: nothing has checked the user's permissions earlier in this request, or the caller
    reloads the user (Django caches permissions on the user object; those caches are dropped here).
    """
    wanted = editor_group_names(user)
    current = {name: pk for pk, name in user.groups.values_list("pk", "name") if is_portal_group(name)}
    if wanted == current.keys():
        return False
    missing = wanted - current.keys()
    if missing:
        groups = list(Group.objects.filter(name__in=missing))
        if len(groups) < len(missing):
            ensure_editor_groups()
            groups = list(Group.objects.filter(name__in=missing))
        user.groups.add(*groups)
    stale = [pk for name, pk in current.items() if name not in wanted]
    if stale:
        user.groups.remove(*stale)
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        if hasattr(user, cache):
            delattr(user, cache)
    return True


class EditorGroupsMiddleware:
    """Keeps signed-in users' portal groups in step with the register on every request under /cms/.

    Place it after the authentication middleware (and after StaffMFAMiddleware, which may send
    the user elsewhere first). Costs three or four queries per CMS request when nothing changed.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._cms_prefix = None

    def __call__(self, request):
        if self._cms_prefix is None:
            self._cms_prefix = reverse("wagtailadmin_home")
        if request.user.is_authenticated and request.path_info.startswith(self._cms_prefix):
            editor_groups_sync(request.user)
        return self.get_response(request)
