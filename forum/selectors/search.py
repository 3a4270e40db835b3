"""Forum search: posts the user may read that match a query, best first, with a safe snippet."""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from forum.models import Category, Post, Thread
from forum.permissions import RequestUser, categories_visible_to, moderator_q, reach_of

# The database marks matches with control characters; snippet_html() escapes the text and
# only then turns them into <mark>, so a post's own markup can never reach the page.
MARK_START, MARK_END = "\x02", "\x03"
SEARCH_CONFIG = "norwegian"


def search(user: RequestUser, query: str | None) -> QuerySet[Post]:
    """Posts matching ``query`` in threads the user may read, best first, with a snippet.

    A post matches by its text; a thread's title matches through the thread's opening post, so a
    thread with a matching title is one hit, not one per reply. Title hits rank above text hits.
    PostgreSQL: full-text search with the norwegian configuration over stored, GIN-indexed vectors,
    ranked, with highlighted snippets. Elsewhere: a case-insensitive match with the start of the post as snippet.
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
        # The stored, GIN-indexed vectors (forum migration 0004): matches are found, rechecked and ranked
        # from them, never by computing to_tsvector again. Each arm reads the index of one table; an OR
        # across the post and thread tables could use neither.
        body_hits = Post.objects.filter(search_vector=search_query).values("pk")
        titles = Thread.objects.filter(search_vector=search_query)
        title_hits = Post.objects.filter(thread__in=titles.values("pk"), number=1).values("pk")
        return (
            posts.filter(pk__in=body_hits.union(title_hits))
            .annotate(
                rank=SearchRank(F("search_vector"), search_query)
                + SearchRank(F("thread__search_vector"), search_query) * 2,
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


def snippet_html(post: Post, query: str, length: int = 240) -> SafeString:
    """Safe HTML for a search hit: the matched text, escaped, with the query words marked."""
    text = getattr(post, "snippet", None) or post.body
    if MARK_START not in text:
        text = text[:length]
        for word in sorted({w for w in query.split() if w}, key=len, reverse=True):
            text = re.sub(re.escape(word), lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", text, flags=re.IGNORECASE)
    escaped = str(escape(text))
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308 - escaped above
