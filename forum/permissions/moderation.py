"""Who moderates what: national moderators and admins everywhere; centre moderators their centre's
network and its county; group moderators their group.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from accounts.models import User
from forum.models import Category, CategoryKind, GroupRole
from forum.permissions.reach import Reach, RequestUser, reach_of
from register.models import NationalRole, NationalRoleKind, Role
from register.permissions import is_national_admin, is_national_moderator, roles_of


def moderator_q(reach: Reach) -> Q:
    """The categories ``reach`` moderates, as a filter on Category."""
    if reach.national_moderator:
        return Q(pk__isnull=False)
    return (
        Q(kind=CategoryKind.CENTRE, centre_id__in=reach.moderated_centre_ids)
        | Q(kind=CategoryKind.COUNTY, county_id__in=reach.moderated_county_ids)
        | Q(kind=CategoryKind.GROUP, pk__in=reach.moderated_group_ids)
    )


def is_moderator_reach(reach: Reach, category: Category) -> bool:
    if not reach.professional:
        return False
    if reach.national_moderator:
        return True
    if category.kind == CategoryKind.CENTRE:
        return category.centre_id in reach.moderated_centre_ids
    if category.kind == CategoryKind.COUNTY:
        return category.county_id in reach.moderated_county_ids
    if category.kind == CategoryKind.GROUP:
        return category.pk in reach.moderated_group_ids
    return False


def can_moderate(user: RequestUser, category: Category) -> bool:
    return is_moderator_reach(reach_of(user), category)


def moderates_by_role(user: RequestUser) -> bool:
    """A national moderator or administrator, or a moderator at some centre: from the roles alone, no query
    beyond them (a private group's moderators are not counted: that needs the user's reach)."""
    return is_national_moderator(user) or is_national_admin(user) or bool(roles_of(user).centre_ids(Role.MODERATOR))


def can_moderate_anything(user: RequestUser) -> bool:
    """True for national moderators and anyone who moderates a centre network or a group."""
    reach = reach_of(user)
    return reach.professional and bool(
        reach.national_moderator or reach.moderated_centre_ids or reach.moderated_group_ids
    )


def require_moderator(user: RequestUser) -> None:
    if not can_moderate_anything(user):
        raise PermissionDenied


def category_moderators(category: Category) -> QuerySet[User]:
    """The people who moderate ``category``: national moderators and admins, plus its own moderators."""
    national = NationalRole.objects.filter(role__in=[NationalRoleKind.MODERATOR, NationalRoleKind.ADMIN]).values(
        "user_id"
    )
    local = Q(pk__in=national)
    if category.kind == CategoryKind.CENTRE:
        local |= Q(memberships__centre_id=category.centre_id, memberships__role=Role.MODERATOR)
    elif category.kind == CategoryKind.COUNTY:
        local |= Q(memberships__centre__county_id=category.county_id, memberships__role=Role.MODERATOR)
    elif category.kind == CategoryKind.GROUP:
        local |= Q(forum_groups__category=category, forum_groups__role=GroupRole.MODERATOR)
    return User.objects.filter(local, is_active=True).distinct()
