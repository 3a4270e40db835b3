"""Who sees and manages private groups (categories of kind ``group``).

A group's moderators and the national moderators manage it. Open and request-to-join groups
are listed to every professional; closed groups only to their members and managers. The member
list is shown to managers, approved members and, for open groups, anyone who could join; other
group pages answer 404 so a closed group is not revealed.
"""

from django.http import Http404

from forum.models import Category, CategoryKind, GroupMembership, JoinPolicy
from forum.permissions.moderation import can_moderate
from forum.permissions.reach import RequestUser, reach_of


def can_manage_group(user: RequestUser, category: Category) -> bool:
    return category.kind == CategoryKind.GROUP and can_moderate(user, category)


def is_group_member(user: RequestUser, category: Category) -> bool:
    """An approved member (a waiting request does not count)."""
    return category.pk in reach_of(user).group_ids


def _has_request(user: RequestUser, category: Category) -> bool:
    if not user.is_authenticated:
        return False
    return GroupMembership.objects.filter(category=category, user=user, is_approved=False).exists()


def can_see_group(user: RequestUser, category: Category) -> bool:
    """The group may be listed to ``user`` and ``user`` may join, ask to join or leave it."""
    if category.kind != CategoryKind.GROUP or not reach_of(user).professional:
        return False
    if category.join_policy in (JoinPolicy.OPEN, JoinPolicy.REQUEST):
        return True
    return can_manage_group(user, category) or is_group_member(user, category) or _has_request(user, category)


def can_see_group_members(user: RequestUser, category: Category) -> bool:
    if category.kind != CategoryKind.GROUP or not reach_of(user).professional:
        return False
    return (
        can_manage_group(user, category) or is_group_member(user, category) or category.join_policy == JoinPolicy.OPEN
    )


def access_group(user: RequestUser, slug: str, *, members: bool = False) -> Category:
    """The group ``slug`` if ``user`` may see it (its member list, with ``members``), else 404."""
    category = Category.objects.filter(slug=slug, kind=CategoryKind.GROUP).first()
    allowed = can_see_group_members if members else can_see_group
    if category is None or not allowed(user, category):
        raise Http404
    return category
