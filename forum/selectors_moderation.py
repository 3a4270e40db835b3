"""Reads for the moderation pages and private groups; each owns its joins (fixed query counts)."""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery

from forum.models import Category, CategoryKind, GroupMembership, GroupRole, JoinPolicy
from forum.permissions import moderator_q, reach_of
from forum.selectors import flag_queue, moderation_log


@dataclass
class FlaggedPost:
    """The open flags on one post, as the queue shows them."""

    post: object
    flags: list = field(default_factory=list)

    @property
    def thread(self):
        return self.post.thread

    @property
    def count(self):
        return len(self.flags)

    @property
    def reasons(self):
        """Each reason once, in the order first given."""
        return list(dict.fromkeys(flag.get_reason_display() for flag in self.flags))

    @property
    def first_at(self):
        return self.flags[0].created_at


def flagged_posts(user):
    """Open flags in the categories ``user`` moderates, one entry per post, oldest flag first.

    One query, however many flags: the flags come with their post, thread, category and people.
    """
    grouped = {}
    for flag in flag_queue(user):
        grouped.setdefault(flag.post_id, FlaggedPost(post=flag.post)).flags.append(flag)
    return list(grouped.values())


def moderation_log_for(user):
    return moderation_log(user).select_related("thread__category").order_by("-created_at", "-id")


def moderated_categories(user):
    return Category.objects.filter(moderator_q(reach_of(user))).order_by("kind", "position", "name")


def groups_for(user):
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


def group_state(group):
    if group.my_role is None:
        return None
    if not group.my_approved:
        return "pending"
    return "moderator" if group.my_role == GroupRole.MODERATOR else "member"


def group_members(category):
    return (
        GroupMembership.objects.filter(category=category, is_approved=True)
        .select_related("user")
        .order_by("-role", "user__full_name", "user__email")
    )


def group_requests(category):
    return (
        GroupMembership.objects.filter(category=category, is_approved=False)
        .select_related("user")
        .order_by("created_at", "id")
    )
