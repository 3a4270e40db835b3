"""Wagtail admin rules of the portal.

County and centre pages follow the register (``sync_portal_pages``): nobody creates one by hand
(``is_creatable = False``); county editors edit and publish them, but copying, moving, unpublishing
or deleting one is for national administrators. Wagtail's page permissions cannot say that per
page type, so these hooks do.
"""

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.models import Page

from portal.permissions import may_restructure

BULK_RESTRUCTURING = frozenset({"delete", "move", "unpublish"})


@hooks.register("before_copy_page")
@hooks.register("before_delete_page")
@hooks.register("before_unpublish_page")
def _register_pages_stay(request, page):
    if not may_restructure(request.user, page):
        return permission_denied(request)
    return None


@hooks.register("before_move_page")
def _register_pages_stay_in_place(request, page, destination):
    if not may_restructure(request.user, page):
        return permission_denied(request)
    return None


@hooks.register("before_bulk_action")
def _register_pages_stay_in_bulk(request, action_type, objects, action_class_instance):
    if action_type in BULK_RESTRUCTURING and any(
        isinstance(obj, Page) and not may_restructure(request.user, obj) for obj in objects
    ):
        return permission_denied(request)
    return None
