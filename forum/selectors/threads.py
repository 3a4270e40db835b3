"""Reads of categories, threads and posts for the forum's pages and API; each owns its joins."""

from django.db.models import F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.models import User
from forum.models import Category, Post, ReadState, Thread
from forum.permissions import RequestUser, categories_visible_to, threads_visible_to

POSTS_PER_PAGE = 20


def category_list(user: RequestUser) -> QuerySet[Category]:
    return (
        categories_visible_to(user)
        .select_related("last_thread__last_post_author", "county", "centre")
        .defer("last_thread__search_vector")
        .order_by("kind", "position", "name")
    )


def _with_read_state(threads: QuerySet[Thread], user: User) -> QuerySet[Thread]:
    last_read = ReadState.objects.filter(user=user, thread=OuterRef("pk")).values("last_read_number")[:1]
    return threads.annotate(
        last_read_number=Coalesce(Subquery(last_read, output_field=IntegerField()), Value(0))
    ).annotate(has_unread=Q(post_count__gt=F("last_read_number")))


def thread_list(
    user: User, *, category: Category | None = None, unsolved: bool = False, q: str = ""
) -> QuerySet[Thread]:
    # The search vectors (kilobytes a row) are for search alone.
    threads = threads_visible_to(user).select_related("category", "author", "last_post_author").defer("search_vector")
    if category is not None:
        threads = threads.filter(category=category)
    if unsolved:
        threads = threads.filter(is_question=True, accepted_post__isnull=True)
    if q:
        threads = threads.filter(title__icontains=q.strip())
    # The order of the forum_thread_listing index (one category) and of forum_thread_latest (all of them),
    # so a page reads 20 index entries.
    # (Every thread has its opening post, so last_post_at is never empty.)
    return _with_read_state(threads, user).order_by("-is_pinned", "-last_post_at", "-pk")


def thread_posts(thread: Thread) -> QuerySet[Post]:
    return (
        Post.objects.filter(thread=thread)
        .select_related("author__counsellor_profile")
        .defer("search_vector")
        .order_by("number")
    )


def posts_numbered(thread: Thread, first: int, last: int) -> list[Post]:
    """Posts ``first``..``last`` of ``thread``, a page of it.

    Posts are numbered 1..post_count without gaps (deleting is soft), so a page is a range of numbers: no
    OFFSET, which made the last page of a 540-post thread read and join every earlier post (5.7 ms against
    0.05). The LIMIT changes no row but the plan: most threads are short, so PostgreSQL guesses that numbers
    1-20 of a long thread are hundreds of rows and hashes the whole user table to join them (4.6 ms against
    0.06 on the national seed).
    """
    return list(thread_posts(thread).filter(number__range=(first, last))[: last - first + 1])


def page_of_post(number: int) -> int:
    return (max(number, 1) - 1) // POSTS_PER_PAGE + 1


def first_unread_number(user: User, thread: Thread) -> int:
    state = ReadState.objects.filter(user=user, thread=thread).values_list("last_read_number", flat=True).first()
    if state is None:
        return 1
    return min(state + 1, thread.post_count)
