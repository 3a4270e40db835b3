"""Reads for the moderation pages: the flag queue, the log, the categories a moderator may move to.

Each owns its joins, so the pages cost a fixed number of queries however many flags there are.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet

from forum.models import Category, Flag, ModerationAction, Post, Thread
from forum.permissions import RequestUser, moderator_q, reach_of


def flag_queue(user: RequestUser) -> QuerySet[Flag]:
    """Open flags in the categories the user moderates, oldest first."""
    moderated = Category.objects.filter(moderator_q(reach_of(user))).values("pk")
    return (
        Flag.objects.filter(resolved_at__isnull=True, post__thread__category__in=moderated)
        .select_related("post__thread__category", "post__author", "user")
        .order_by("created_at")
    )


def moderation_log(user: RequestUser) -> QuerySet[ModerationAction]:
    moderated = Category.objects.filter(moderator_q(reach_of(user))).values("pk")
    return ModerationAction.objects.filter(thread__category__in=moderated).select_related("moderator", "thread", "post")


@dataclass
class FlaggedPost:
    """The open flags on one post, as the queue shows them."""

    post: Post
    flags: list[Flag] = field(default_factory=list)

    @property
    def thread(self) -> Thread:
        return self.post.thread

    @property
    def count(self) -> int:
        return len(self.flags)

    @property
    def reasons(self) -> list[str]:
        """Each reason once, in the order first given."""
        return list(dict.fromkeys(flag.get_reason_display() for flag in self.flags))

    @property
    def first_at(self) -> datetime:
        return self.flags[0].created_at


def flagged_posts(user: RequestUser) -> list[FlaggedPost]:
    """Open flags in the categories ``user`` moderates, one entry per post, oldest flag first.

    One query, however many flags: the flags come with their post, thread, category and people.
    """
    grouped: dict[int, FlaggedPost] = {}
    for flag in flag_queue(user):
        grouped.setdefault(flag.post_id, FlaggedPost(post=flag.post)).flags.append(flag)
    return list(grouped.values())


def moderation_log_for(user: RequestUser) -> QuerySet[ModerationAction]:
    return moderation_log(user).select_related("thread__category").order_by("-created_at", "-id")


def moderated_categories(user: RequestUser) -> QuerySet[Category]:
    return Category.objects.filter(moderator_q(reach_of(user))).order_by("kind", "position", "name")
