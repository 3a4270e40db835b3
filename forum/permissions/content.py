"""Who reads, starts threads in, replies to and edits what.

Each category gives three rights (read, start a thread, reply) to an audience: every
professional, the members of its network or group, or its moderators only. A moderator of a
category is always in its audience and also sees its hidden threads.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from forum.models import Audience, Category, CategoryKind, Post, Thread
from forum.permissions.moderation import can_moderate, is_moderator_reach, moderator_q
from forum.permissions.reach import Reach, RequestUser, reach_of


def _member_q(reach: Reach) -> Q:
    return (
        Q(kind=CategoryKind.NATIONAL)
        | Q(kind=CategoryKind.COUNTY, county_id__in=reach.county_ids)
        | Q(kind=CategoryKind.CENTRE, centre_id__in=reach.network_centre_ids)
        | Q(kind=CategoryKind.GROUP, pk__in=reach.group_ids)
    )


def _audience_q(field: str, reach: Reach) -> Q:
    return (
        Q(**{field: Audience.PROFESSIONALS}) | (Q(**{field: Audience.MEMBERS}) & _member_q(reach)) | moderator_q(reach)
    )


def categories_visible_to(user: RequestUser) -> QuerySet[Category]:
    reach = reach_of(user)
    if not reach.professional:
        return Category.objects.none()
    return Category.objects.filter(_audience_q("read_audience", reach))


def threads_visible_to(user: RequestUser) -> QuerySet[Thread]:
    """Threads in readable categories; hidden threads only for their moderators."""
    reach = reach_of(user)
    if not reach.professional:
        return Thread.objects.none()
    readable = Category.objects.filter(_audience_q("read_audience", reach)).values("pk")
    moderated = Category.objects.filter(moderator_q(reach)).values("pk")
    return Thread.objects.filter(category__in=readable).filter(Q(is_hidden=False) | Q(category__in=moderated))


def _in_audience(reach: Reach, category: Category, audience: str) -> bool:
    if audience == Audience.PROFESSIONALS:
        return reach.professional
    if audience == Audience.MEMBERS and is_member(reach, category):
        return True
    return is_moderator_reach(reach, category)


def is_member(reach: Reach, category: Category) -> bool:
    """Every professional is a member of a national category; of the others, their network's or group's."""
    if not reach.professional:
        return False
    if category.kind == CategoryKind.NATIONAL:
        return True
    if category.kind == CategoryKind.COUNTY:
        return category.county_id in reach.county_ids
    if category.kind == CategoryKind.CENTRE:
        return category.centre_id in reach.network_centre_ids
    return category.pk in reach.group_ids


def can_read_category(user: RequestUser, category: Category) -> bool:
    return _in_audience(reach_of(user), category, category.read_audience)


def can_start_thread(user: RequestUser, category: Category) -> bool:
    return can_read_category(user, category) and _in_audience(reach_of(user), category, category.start_audience)


def can_read_thread(user: RequestUser, thread: Thread) -> bool:
    return can_read_category(user, thread.category) and (not thread.is_hidden or can_moderate(user, thread.category))


def reply_refusal(user: RequestUser, thread: Thread) -> str | None:
    """Why ``user`` may not reply to ``thread`` (a message), or None if they may."""
    category = thread.category
    if not can_read_thread(user, thread):
        return _("You cannot see this thread.")
    moderator = can_moderate(user, category)
    if thread.is_hidden and not moderator:
        return _("This thread is hidden by a moderator.")
    if thread.is_locked and not moderator:
        return _("This thread is locked: no new replies.")
    if not _in_audience(reach_of(user), category, category.reply_audience):
        return _("Only moderators can post in this category.")
    return None


def can_edit_post(user: RequestUser, post: Post) -> bool:
    """Only the author edits or deletes a post, and not once it is deleted (moderators hide, not edit)."""
    return user.is_authenticated and post.author_id == user.pk and not post.is_deleted


def can_read_post_history(user: RequestUser, post: Post) -> bool:
    """A post's edit history: for readers of its thread; a deleted or hidden post's only for its moderators,
    so the history never brings back text the thread page withholds."""
    if not can_read_thread(user, post.thread):
        return False
    return not (post.is_deleted or post.is_hidden) or can_moderate(user, post.thread.category)


def access_category(user: RequestUser, slug: str) -> Category:
    """The category ``slug`` if ``user`` may read it, else 404 (an unreadable category is not revealed)."""
    category = Category.objects.filter(slug=slug).first()
    if category is None or not can_read_category(user, category):
        raise Http404
    return category


def access_thread(user: RequestUser, pk: int) -> Thread:
    """The thread ``pk`` (with its category and accepted post) if ``user`` may read it, else 404."""
    thread = (
        threads_visible_to(user)
        .select_related("category", "accepted_post")
        .defer("search_vector", "accepted_post__search_vector")
        .filter(pk=pk)
        .first()
    )
    if thread is None:
        raise Http404
    return thread
