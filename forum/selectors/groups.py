"""Reads for private groups: the groups listed to a user, their members and waiting requests."""

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from accounts.models import User
from forum.models import Category, CategoryKind, GroupMembership, GroupRole, JoinPolicy
from forum.permissions import reach_of


def groups_for(user: User) -> QuerySet[Category]:
    """Private groups listed to ``user``, each annotated with ``my_state`` and ``member_count``.

    ``my_state`` is "member", "moderator", "pending" or None. Closed groups appear only to their
    members, people with a waiting request and the national moderators.
    """
    reach = reach_of(user)
    if not reach.professional:
        return Category.objects.none()
    mine = GroupMembership.objects.filter(category=OuterRef("pk"), user=user)
    groups = Category.objects.filter(kind=CategoryKind.GROUP).annotate(
        my_role=Subquery(mine.values("role")[:1]),
        my_approved=Subquery(mine.values("is_approved")[:1]),
        member_count=Count("group_memberships", filter=Q(group_memberships__is_approved=True)),
    )
    if not reach.national_moderator:
        own = GroupMembership.objects.filter(user=user).values("category_id")
        groups = groups.filter(Q(join_policy__in=[JoinPolicy.OPEN, JoinPolicy.REQUEST]) | Q(pk__in=own))
    return groups.order_by("position", "name")


def group_state(group: Category) -> str | None:
    """The state of a group from ``groups_for`` (annotated with ``my_role`` and ``my_approved``)."""
    role: str | None = getattr(group, "my_role", None)
    if role is None:
        return None
    if not getattr(group, "my_approved", False):
        return "pending"
    return "moderator" if role == GroupRole.MODERATOR else "member"


def group_members(category: Category) -> QuerySet[GroupMembership]:
    return (
        GroupMembership.objects.filter(category=category, is_approved=True)
        .select_related("user")
        .order_by("-role", "user__full_name", "user__email")
    )


def group_requests(category: Category) -> QuerySet[GroupMembership]:
    return (
        GroupMembership.objects.filter(category=category, is_approved=False)
        .select_related("user")
        .order_by("created_at", "id")
    )
