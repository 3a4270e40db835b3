"""Who moderates, and who sees and manages private groups (categories of kind ``group``).

A group's moderators and the national moderators manage it. Open and request-to-join groups
are listed to every professional; closed groups only to their members and managers. The member
list is shown to managers, approved members and, for open groups, anyone who could join; other
group pages answer 404 so a closed group is not revealed.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from forum.models import Category, CategoryKind, GroupMembership, JoinPolicy
from forum.permissions import can_moderate, reach_of


def can_moderate_anything(user):
    """True for national moderators and anyone who moderates a centre network or a group."""
    reach = reach_of(user)
    return reach.professional and bool(
        reach.national_moderator or reach.moderated_centre_ids or reach.moderated_group_ids
    )


def require_moderator(user):
    if not can_moderate_anything(user):
        raise PermissionDenied


def can_manage_group(user, category):
    return category.kind == CategoryKind.GROUP and can_moderate(user, category)


def is_group_member(user, category):
    """An approved member (a waiting request does not count)."""
    return category.pk in reach_of(user).group_ids


def _has_request(user, category):
    return GroupMembership.objects.filter(category=category, user=user, is_approved=False).exists()


def can_see_group(user, category):
    """The group may be listed to ``user`` and ``user`` may join, ask to join or leave it."""
    if category.kind != CategoryKind.GROUP or not reach_of(user).professional:
        return False
    if category.join_policy in (JoinPolicy.OPEN, JoinPolicy.REQUEST):
        return True
    return can_manage_group(user, category) or is_group_member(user, category) or _has_request(user, category)


def can_see_group_members(user, category):
    if category.kind != CategoryKind.GROUP or not reach_of(user).professional:
        return False
    return (
        can_manage_group(user, category) or is_group_member(user, category) or category.join_policy == JoinPolicy.OPEN
    )


def access_group(user, slug, *, members=False):
    """The group ``slug`` if ``user`` may see it (its member list, with ``members``), else 404."""
    category = Category.objects.filter(slug=slug, kind=CategoryKind.GROUP).first()
    allowed = can_see_group_members if members else can_see_group
    if category is None or not allowed(user, category):
        raise Http404
    return category
