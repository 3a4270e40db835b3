"""Reads shared by the forum's pages and API; each owns its joins so lists cost fixed queries."""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import mark_safe

from forum.models import Category, Flag, ModerationAction, Post, ReadState, Thread
from forum.permissions import categories_visible_to, moderator_q, reach_of, threads_visible_to

POSTS_PER_PAGE = 20
# The database marks matches with control characters; snippet_html() escapes the text and
# only then turns them into <mark>, so a post's own markup can never reach the page.
MARK_START, MARK_END = "\x02", "\x03"
SEARCH_CONFIG = "norwegian"


def category_list(user):
    return (
        categories_visible_to(user)
        .select_related("last_thread__last_post_author", "county", "centre")
        .order_by("kind", "position", "name")
    )


def _with_read_state(threads, user):
    last_read = ReadState.objects.filter(user=user, thread=OuterRef("pk")).values("last_read_number")[:1]
    return threads.annotate(
        last_read_number=Coalesce(Subquery(last_read, output_field=IntegerField()), Value(0))
    ).annotate(has_unread=Q(post_count__gt=F("last_read_number")))


def thread_list(user, *, category=None, unsolved=False, q=""):
    threads = threads_visible_to(user).select_related("category", "author", "last_post_author")
    if category is not None:
        threads = threads.filter(category=category)
    if unsolved:
        threads = threads.filter(is_question=True, accepted_post__isnull=True)
    if q:
        threads = threads.filter(title__icontains=q.strip())
    # The order of the forum_thread_listing index, so a category's page reads 20 index entries.
    # (Every thread has its opening post, so last_post_at is never empty.)
    return _with_read_state(threads, user).order_by("-is_pinned", "-last_post_at", "-pk")


def thread_posts(thread):
    return Post.objects.filter(thread=thread).select_related("author").order_by("number")


def page_of_post(number):
    return (max(number, 1) - 1) // POSTS_PER_PAGE + 1


def first_unread_number(user, thread):
    state = ReadState.objects.filter(user=user, thread=thread).values_list("last_read_number", flat=True).first()
    if state is None:
        return 1
    return min(state + 1, thread.post_count)


def flag_queue(user):
    """Open flags in the categories the user moderates, oldest first."""
    moderated = Category.objects.filter(moderator_q(reach_of(user))).values("pk")
    return (
        Flag.objects.filter(resolved_at__isnull=True, post__thread__category__in=moderated)
        .select_related("post__thread__category", "post__author", "user")
        .order_by("created_at")
    )


def moderation_log(user):
    moderated = Category.objects.filter(moderator_q(reach_of(user))).values("pk")
    return ModerationAction.objects.filter(thread__category__in=moderated).select_related("moderator", "thread", "post")


def search(user, query):
    """Posts matching ``query`` in threads the user may read, best first, with a snippet.

    A post matches by its text; a thread's title matches through the thread's opening post, so a
    thread with a matching title is one hit, not one per reply. Title hits rank above text hits.
    PostgreSQL: full-text search with the norwegian configuration (GIN-indexed), ranked, with
    highlighted snippets. Elsewhere: a case-insensitive match with the start of the post as snippet.
    """
    query = (query or "").strip()
    if not query:
        return Post.objects.none()
    # The same rule as threads_visible_to, on the joined thread: the planner then checks the few
    # matching posts' threads instead of listing every post in every readable thread first.
    readable = categories_visible_to(user).values("pk")
    moderated = Category.objects.filter(moderator_q(reach_of(user))).values("pk")
    posts = Post.objects.filter(
        Q(thread__is_hidden=False) | Q(thread__category__in=moderated),
        thread__category__in=readable,
        is_deleted=False,
        is_hidden=False,
    ).select_related("thread", "thread__category", "author")
    if connection.vendor == "postgresql":
        search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        body = SearchVector("body", config=SEARCH_CONFIG)
        title = SearchVector("thread__title", config=SEARCH_CONFIG)
        # Each arm matches the expression of one GIN index (0002_search_indexes); an OR across the
        # post and thread tables could use neither and would compute to_tsvector for every post.
        body_hits = Post.objects.annotate(match=body).filter(match=search_query).values("pk")
        titles = Thread.objects.annotate(match=SearchVector("title", config=SEARCH_CONFIG)).filter(match=search_query)
        title_hits = Post.objects.filter(thread__in=titles.values("pk"), number=1).values("pk")
        return (
            posts.filter(pk__in=body_hits.union(title_hits))
            .annotate(
                rank=SearchRank(body, search_query) + SearchRank(title, search_query) * 2,
                snippet=SearchHeadline(
                    "body",
                    search_query,
                    config=SEARCH_CONFIG,
                    start_sel=MARK_START,
                    stop_sel=MARK_END,
                    max_words=30,
                    min_words=10,
                ),
            )
            .order_by("-rank", "-created_at")
        )
    words = query.split()
    in_body = Q()
    in_title = Q(number=1)
    for word in words:
        in_body &= Q(body__icontains=word)
        in_title &= Q(thread__title__icontains=word)
    return (
        posts.filter(in_body | in_title)
        .annotate(rank=Case(When(in_title, then=Value(1)), default=Value(0)), snippet=F("body"))
        .order_by("-rank", "-created_at")
    )


def snippet_html(post, query, length=240):
    """Safe HTML for a search hit: the matched text, escaped, with the query words marked."""
    text = getattr(post, "snippet", None) or post.body
    if MARK_START not in text:
        text = text[:length]
        for word in sorted({w for w in query.split() if w}, key=len, reverse=True):
            text = re.sub(re.escape(word), lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", text, flags=re.IGNORECASE)
    escaped = str(escape(text))
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308 - escaped above
