"""Forum search: posts the user may read that match a query, best first, with a safe snippet."""

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core import markdown
from forum.models import Category, Post, Thread
from forum.permissions import RequestUser, categories_visible_to, moderator_q, reach_of

# The database marks matches with control characters; snippet_html() escapes the text and
# only then turns them into <mark>, so a post's own markup can never reach the page.
MARK_START, MARK_END = "\x02", "\x03"
_START, _END = "\ue000", "\ue001"
SEARCH_CONFIG = "norwegian"


# A common word matches tens of thousands of posts: the list stops at the best 1,000 ("more than 1,000"),
# deeper than anybody pages.
MAX_HITS = 1000


class SearchResults:
    """Hits, best first, in the shape a Paginator reads: ``count()`` and slices.

    ``ranked`` is the ranking, one row (pk, rank, created_at) per hit. The first ``count()`` or slice
    reads the best ``limit`` (``MAX_HITS``) of it in one query: a ranking has to look at every hit
    anyway, so a separate count would read them all again. A slice then reads only the posts shown,
    with their thread, category, author and snippet (``fetch``).
    """

    def __init__(
        self, ranked: QuerySet[Any, tuple[int, float, datetime]], fetch: Callable[[list[int]], QuerySet[Post]]
    ) -> None:
        self.ranked = ranked
        self._fetch = fetch
        self._best: list[tuple[int, float]] | None = None
        self.limit = MAX_HITS
        self.capped = False

    def _ranks(self) -> list[tuple[int, float]]:
        if self._best is None:
            best = [(pk, rank) for pk, rank, _ in self.ranked[: self.limit + 1]]
            self.capped = len(best) > self.limit
            self._best = best[: self.limit]
        return self._best

    def count(self) -> int:
        """How many hits, at most ``limit``; ``capped`` says whether there are more."""
        return len(self._ranks())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[Post]:
        ranks = dict(self._ranks()[key])
        posts = {post.pk: post for post in self._fetch(list(ranks))}
        for pk, rank in ranks.items():
            posts[pk].__dict__["rank"] = rank  # for the page; not a field
        return [posts[pk] for pk in ranks]

    def __iter__(self) -> Iterator[Post]:
        return iter(self[:])


def search(user: RequestUser, query: str | None) -> SearchResults:
    """Posts matching ``query`` in threads the user may read, best first, with a snippet.

    A post matches by its text; a thread's title matches through the thread's opening post, so a
    thread with a matching title is one hit, not one per reply. Title hits rank above text hits.
    PostgreSQL: full-text search with the norwegian configuration over stored, GIN-indexed vectors,
    ranked, with highlighted snippets. Elsewhere: a case-insensitive match with the start of the post as snippet.
    """
    query = (query or "").strip()
    if not query:
        return SearchResults(Post.objects.none().values_list("pk", "pk", "created_at"), lambda ids: Post.objects.none())
    # The same rule as threads_visible_to, on the joined thread: the planner then checks the few
    # matching posts' threads instead of listing every post in every readable thread first.
    readable = categories_visible_to(user).values("pk")
    moderated = Category.objects.filter(moderator_q(reach_of(user))).values("pk")
    posts = Post.objects.filter(
        Q(thread__is_hidden=False) | Q(thread__category__in=moderated),
        thread__category__in=readable,
        is_deleted=False,
        is_hidden=False,
    )
    shown = Post.objects.select_related("thread", "thread__category", "author").defer(
        "search_vector", "thread__search_vector"
    )
    if connection.vendor == "postgresql":
        search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        rank = SearchRank(F("search_vector"), search_query) + SearchRank(F("thread__search_vector"), search_query) * 2
        # The stored, GIN-indexed vectors (forum migration 0004): matches are found and ranked from them,
        # never by computing to_tsvector again. Each arm reads the index of one table (an OR across the
        # post and thread tables could use neither), and the opening posts matched by their text are left
        # out of the title arm, so the arms never overlap and need no de-duplication. Only the ids and
        # ranks of the hits are read; the posts shown are read afterwards, with their snippets.
        titles = Thread.objects.filter(search_vector=search_query).values("pk")
        by_text = posts.filter(search_vector=search_query)
        by_title = posts.filter(number=1, thread__in=titles).exclude(search_vector=search_query)
        ranked = (
            by_text.annotate(rank=rank)
            .values_list("pk", "rank", "created_at")
            .order_by()
            .union(by_title.annotate(rank=rank).values_list("pk", "rank", "created_at").order_by(), all=True)
            .order_by("-rank", "-created_at", "-pk")
        )
        snippet = SearchHeadline(
            "body",
            search_query,
            config=SEARCH_CONFIG,
            start_sel=MARK_START,
            stop_sel=MARK_END,
            max_words=30,
            min_words=10,
        )
        return SearchResults(ranked, lambda ids: shown.filter(pk__in=ids).annotate(snippet=snippet))
    words = query.split()
    in_body = Q()
    in_title = Q(number=1)
    for word in words:
        in_body &= Q(body__icontains=word)
        in_title &= Q(thread__title__icontains=word)
    ranked = (
        posts.filter(in_body | in_title)
        .annotate(rank=Case(When(in_title, then=Value(1)), default=Value(0)))
        .values_list("pk", "rank", "created_at")
        .order_by("-rank", "-created_at", "-pk")
    )
    return SearchResults(ranked, lambda ids: shown.filter(pk__in=ids).annotate(snippet=F("body")))


def snippet_html(post: Post, query: str, length: int = 240) -> SafeString:
    """Safe HTML for a search hit: the matched text as read (Markdown rendered to plain words, escaped), with
    the query words marked."""
    text = getattr(post, "snippet", None) or post.body
    # The marks become private-use characters, which the Markdown renderer keeps as text (it drops control
    # characters); any the post itself holds are dropped first, so only ours become <mark>.
    text = text.replace(_START, "").replace(_END, "")
    marked = MARK_START in text
    text = markdown.plain_text(text.replace(MARK_START, _START).replace(MARK_END, _END))
    if not marked:
        text = text[:length]
        for word in sorted({w for w in query.split() if w}, key=len, reverse=True):
            text = re.sub(re.escape(word), lambda m: f"{_START}{m.group(0)}{_END}", text, flags=re.IGNORECASE)
    escaped = str(escape(text))
    return mark_safe(escaped.replace(_START, "<mark>").replace(_END, "</mark>"))  # noqa: S308 - escaped above
