"""The forum's demo run again and in bulk (seed_forum_demo), search on both databases, and the indexes."""

import random
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from forum import services
from forum.demo.bulk import BULK_MARK
from forum.models import (
    CategoryKind,
    Post,
    Thread,
)
from forum.permissions import can_start_thread
from forum.selectors import search, snippet_html, thread_list
from tests.forum.demo_support import assert_counters_match_the_rows, forum_snapshot, seed

pytestmark = pytest.mark.django_db


# The suite runs on PostgreSQL in CI (DATABASE_URL), so these do run there; the SQLite


# fallback of the search has its own tests below that run on SQLite.


postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")


sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite fallback of the search")


def test_running_it_again_changes_nothing_in_the_forum(db, django_assert_max_num_queries):
    seed("--counsellors", "0")
    before = forum_snapshot()

    with django_assert_max_num_queries(12):
        seed(command="seed_forum_demo")

    assert forum_snapshot() == before


def test_the_forum_demo_needs_the_register_demo_first(db):
    with pytest.raises(Exception, match="seed_demo"):
        seed(command="seed_forum_demo")


# the bulk path (--scale national uses it with 20,000 threads; here a small variant)


def test_the_bulk_path_keeps_counters_consistent_and_runs_once(db):
    seed("--counsellors", "30")
    named = Thread.objects.count()

    out = seed("--threads", "60", "--posts-per-thread", "4", command="seed_forum_demo")

    bulk = Thread.objects.filter(title__contains=BULK_MARK)
    assert bulk.count() == 60 and Thread.objects.count() == named + 60
    assert "60 threads" in out
    assert 60 * 2 < Post.objects.filter(thread__in=bulk).count() < 60 * 6
    assert not bulk.filter(category__kind=CategoryKind.GROUP).exists()
    assert not bulk.filter(category__slug="kunngjoringer").exists()
    assert_counters_match_the_rows()
    for thread in bulk.filter(accepted_post__isnull=False).select_related("accepted_post"):
        assert (thread.accepted_post.thread_id, thread.accepted_post.number) == (thread.pk, 2)
    for post in Post.objects.filter(thread__in=bulk).select_related("author", "thread__category")[:200]:
        assert can_start_thread(post.author, post.thread.category), post
        assert post.body_html.startswith("<")
    # Nobody's rate limit is used up: the archive lies in the past.
    assert not Post.objects.filter(created_at__gt=timezone.now() - timedelta(minutes=5)).exists()

    before = forum_snapshot()
    seed("--threads", "60", "--posts-per-thread", "4", command="seed_forum_demo")
    assert forum_snapshot() == before


# search


@pytest.fixture
def searchable(school_counsellor, national):
    """Three threads: one about pay in its title, one that mentions it in a reply, one with a script."""
    by_title = services.thread_create(
        category=national, author=school_counsellor, title="Lønnsforhandling for voksne", body="Hva råder dere til?"
    )
    other = services.thread_create(
        category=national, author=school_counsellor, title="Jobbsøkerkurs", body="Vi har kurs hver uke."
    )
    services.post_create(thread=other, author=school_counsellor, body="Vi øver også på lønnsforhandling i kurset.")
    services.post_create(
        thread=other, author=school_counsellor, body="Samtalene om veiledningen gikk fint. <script>alert('x')</script>"
    )
    Post.objects.update(created_at=timezone.now() - timedelta(hours=1))  # out of the way of the rate limit
    return by_title


def test_a_title_match_ranks_above_a_text_match_and_counts_once(school_counsellor, searchable):
    hits = list(search(school_counsellor, "lønnsforhandling"))

    assert [(p.thread.title, p.number) for p in hits] == [
        ("Lønnsforhandling for voksne", 1),
        ("Jobbsøkerkurs", 2),
    ]
    assert hits[0].rank > hits[1].rank


def test_a_snippet_marks_the_match_and_escapes_the_post(school_counsellor, searchable):
    [hit] = search(school_counsellor, "fint")
    html = snippet_html(hit, "fint")

    assert "<script" not in html
    # SQLite shows the tag as escaped text; PostgreSQL's ts_headline leaves tags out of the snippet.
    assert "&lt;script&gt;" in html or (connection.vendor == "postgresql" and "script" not in html)
    assert "<mark>fint</mark>" in html


def test_a_snippet_shows_the_words_of_the_post_not_its_markdown(client, school_counsellor, national):
    services.thread_create(
        category=national,
        author=school_counsellor,
        title="Tips",
        body="## Erfaringer\n\n**Karrieresamtaler** med voksne, se [veilederen](https://example.org) og `skjema`.",
    )
    [hit] = search(school_counsellor, "karrieresamtaler")
    html = snippet_html(hit, "karrieresamtaler")

    assert "<mark>Karrieresamtaler</mark>" in html
    assert "veilederen" in html and "Erfaringer" in html
    for markup in ("**", "##", "](", "`"):
        assert markup not in html, markup
    client.force_login(school_counsellor)
    page = client.get(reverse("forum:search"), {"q": "karrieresamtaler"}).content.decode()
    assert "<mark>Karrieresamtaler</mark> med voksne" in page and "**" not in page


@postgresql_only
def test_norwegian_stemming_finds_inflected_forms(school_counsellor, searchable):
    """The norwegian snowball stemmer: samtale/samtalene -> samtal, veiledning/veiledningen -> veiledning.

    (It does not join veileder and veiledere: those stem to veiled and veileder.)
    """
    for query in ("samtale", "veiledning"):
        hits = list(search(school_counsellor, query))
        assert [p.body[:9] for p in hits] == ["Samtalene"], query
    assert "<mark>veiledningen</mark>" in snippet_html(hits[0], "veiledning")


@sqlite_only
@postgresql_only
def test_the_stored_vectors_follow_every_write(school_counsellor, national, searchable):
    """Kept by the database: an edit, a renamed thread and a bulk insert are found at once."""
    reply = Post.objects.get(body__startswith="Vi øver")
    services.post_edit(post=reply, editor=school_counsellor, body="Vi øver på intervjutrening i kurset.")
    Thread.objects.filter(pk=searchable.pk).update(title="Pensjonsrådgivning for voksne")
    Post.objects.bulk_create(
        [Post(thread=reply.thread, number=99, author=school_counsellor, body="Karrieremesser i høst", body_html="")]
    )

    assert [p.pk for p in search(school_counsellor, "intervjutrening")] == [reply.pk]
    assert not [p for p in search(school_counsellor, "lønnsforhandling") if p.pk == reply.pk]
    assert len(search(school_counsellor, "pensjonsrådgivning")) == 1
    assert [p.number for p in search(school_counsellor, "karrieremesse")] == [99]


def test_the_sqlite_fallback_finds_plain_substrings_in_text_and_titles(school_counsellor, searchable):
    assert [p.number for p in search(school_counsellor, "samtalene")] == [3]
    assert [p.number for p in search(school_counsellor, "JOBBsøkerKURS")] == [1]
    assert [p.thread.title for p in search(school_counsellor, "voksne")] == ["Lønnsforhandling for voksne"]
    assert list(search(school_counsellor, "samtale kurs")) == []  # every word must match


def test_search_never_shows_hidden_or_deleted_posts(school_counsellor, searchable):
    post = Post.objects.get(body__startswith="Vi øver")
    services.post_delete(post=post, actor=school_counsellor)
    assert [p.number for p in search(school_counsellor, "lønnsforhandling")] == [1]


# indexes (PostgreSQL)


def _fill(categories, author, threads=4000, posts_per_thread=4):
    """Enough rows for the planner to prefer indexes, inserted in bulk, then ANALYZE."""
    rng = random.Random(1)
    now = timezone.now()
    batch = [
        Thread(
            category=rng.choice(categories),
            title=f"Tråd om {rng.choice(['karriere', 'skole', 'nav', 'lønn'])} {i}",
            author=author,
            post_count=posts_per_thread,
            last_post_at=now - timedelta(minutes=i),
            last_post_author=author,
        )
        for i in range(threads)
    ]
    Thread.objects.bulk_create(batch, batch_size=1000)
    words = ["karriereveiledning", "samtale", "utdanning", "arbeidsliv", "yrkesfag", "studier"]
    Post.objects.bulk_create(
        [
            Post(
                thread=thread,
                number=n,
                author=author,
                body=" ".join(rng.choices(words, k=8)) + f" nummer{i}x{n}",
                body_html="<p>x</p>",
            )
            for i, thread in enumerate(batch)
            for n in range(1, posts_per_thread + 1)
        ],
        batch_size=2000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE forum_thread, forum_post, forum_category")


def _explain(queryset, *, indexes=(), one_of=()):
    """The plan, steering the planner off whole-table reads if it would rather do that at this small size:
    sequential scans first, then plain index scans that walk a B-tree and filter every row (GIN indexes are
    only ever read by bitmap scans). This proves the named indexes (all of ``indexes``, one of ``one_of``) are
    usable for the query, whatever the planner prefers on a few thousand rows."""
    plan = queryset.explain()
    for setting in ("enable_seqscan", "enable_indexscan"):
        if all(index in plan for index in indexes) and (not one_of or any(index in plan for index in one_of)):
            break
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL {setting} = off")
        plan = queryset.explain()
    return plan


@postgresql_only
def test_a_category_page_reads_20_threads_in_index_order_without_sorting_them(school_counsellor, national, network):
    _fill([national, network], school_counsellor)
    in_page_order = ["forum_thread_listing", "forum_thread_latest"]  # the category's own, or all categories'

    plan = _explain(thread_list(school_counsellor, category=national)[:20], one_of=in_page_order)

    # A category holding half the threads may be read from either: the planner picks by the share.
    assert any(index in plan for index in in_page_order), plan
    assert "Sort Key: forum_thread.is_pinned" not in plan, plan


@postgresql_only
def test_search_reads_the_gin_indexes_on_text_and_titles(school_counsellor, national, network):
    _fill([national, network], school_counsellor)

    plan = _explain(
        search(school_counsellor, "nummer17x2").ranked,
        indexes=["forum_post_search_vector", "forum_thread_search_vector"],
    )

    assert "forum_post_search_vector" in plan, plan
    assert "forum_thread_search_vector" in plan, plan
    assert [p.body.split()[-1] for p in search(school_counsellor, "nummer17x2")] == ["nummer17x2"]
