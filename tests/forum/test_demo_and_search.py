"""The forum's demo data (seed_demo / seed_forum_demo), search on both databases, and the indexes."""

import random
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Max, Sum
from django.utils import timezone

from forum import services
from forum.demo.bulk import BULK_MARK
from forum.models import (
    Audience,
    Category,
    CategoryKind,
    Flag,
    GroupMembership,
    GroupRole,
    JoinPolicy,
    Post,
    ReadState,
    Thread,
    Watch,
)
from forum.permissions import can_read_thread, can_start_thread, threads_visible_to
from forum.selectors import flag_queue, search, snippet_html, thread_list
from notifications.models import Notice
from register.models import Centre

pytestmark = pytest.mark.django_db

# The suite runs on PostgreSQL in CI (DATABASE_URL), so these do run there; the SQLite
# fallback of the search has its own tests below that run on SQLite.
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite fallback of the search")

OSLO_NETWORK = "nettverket-karriere-oslo"


def demo_user(local):
    return get_user_model().objects.get(email=f"{local}@karrierenorge.example")


def seed(*args, command="seed_demo"):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db):
    seed("--counsellors", "30")


def forum_snapshot():
    return {
        "categories": list(Category.objects.order_by("pk").values()),
        "memberships": GroupMembership.objects.count(),
        "threads": list(Thread.objects.order_by("pk").values()),
        "posts": Post.objects.count(),
        "flags": Flag.objects.count(),
        "watches": Watch.objects.count(),
        "read_states": list(ReadState.objects.order_by("pk").values()),
        "notices": Notice.objects.count(),
    }


def assert_counters_match_the_rows():
    """Every thread's and category's counters equal what counting the rows gives."""
    threads = Thread.objects.annotate(n=Count("posts"), latest=Max("posts__created_at"))
    for thread in threads:
        last = thread.posts.order_by("-number").first()
        assert (thread.post_count, thread.last_post_at, thread.last_post_author_id) == (
            thread.n,
            thread.latest,
            last.author_id,
        ), thread
    categories = Category.objects.annotate(
        n=Count("threads"), posts=Sum("threads__post_count"), latest=Max("threads__last_post_at")
    )
    for category in categories:
        assert (category.thread_count, category.post_count, category.last_post_at) == (
            category.n,
            category.posts or 0,
            category.latest,
        ), category
        if category.n:
            assert category.last_thread.last_post_at == category.latest


# the categories


def test_seeding_creates_national_county_centre_network_and_group_categories(seeded):
    national = Category.objects.filter(kind=CategoryKind.NATIONAL)
    assert set(national.values_list("name", flat=True)) == {
        "Praksis og metode",
        "Etikk i veiledningen",
        "Kunngjøringer",
        "Verktøy og ressurser",
    }
    assert [c.name for c in national if c.is_announcement] == ["Kunngjøringer"]

    counties = Category.objects.filter(kind=CategoryKind.COUNTY).select_related("county")
    assert counties.count() == 15
    assert all(c.name == f"Veiledere i {c.county.name}" for c in counties)

    main_centres = Centre.objects.filter(is_active=True, is_resource_centre=True)
    networks = Category.objects.filter(kind=CategoryKind.CENTRE)
    assert set(networks.values_list("centre", flat=True)) == set(main_centres.values_list("pk", flat=True))
    assert networks.get(slug=OSLO_NETWORK).name == "Nettverket Karriere Oslo"

    groups = dict(Category.objects.filter(kind=CategoryKind.GROUP).values_list("name", "join_policy"))
    assert groups == {
        "Veiledning av voksne innvandrere": JoinPolicy.OPEN,
        "Ledere av karrieresentre": JoinPolicy.REQUEST,
    }
    moderator = demo_user("moderator")
    assert GroupMembership.objects.filter(user=moderator, role=GroupRole.MODERATOR).count() == 2
    assert GroupMembership.objects.filter(is_approved=False).exists()  # a join request waits


@pytest.mark.parametrize(
    ("kind", "audiences"),
    [
        (CategoryKind.COUNTY, (Audience.PROFESSIONALS, Audience.MEMBERS, Audience.MEMBERS)),
        (CategoryKind.CENTRE, (Audience.MEMBERS,) * 3),
        (CategoryKind.GROUP, (Audience.MEMBERS,) * 3),
    ],
)
def test_each_kind_of_category_has_its_audiences(seeded, kind, audiences):
    rights = set(Category.objects.filter(kind=kind).values_list("read_audience", "start_audience", "reply_audience"))
    assert rights == {audiences}


# the discussions


def test_the_discussions_are_spread_over_national_county_centre_and_group_categories(seeded):
    kinds = set(Thread.objects.values_list("category__kind", flat=True))
    assert kinds == set(CategoryKind.values)
    solved = Thread.objects.filter(is_question=True, accepted_post__isnull=False)
    assert solved.count() >= 3
    for thread in solved:
        assert thread.accepted_post.thread_id == thread.pk and thread.accepted_post.number > 1
    # All in the past, spread over some weeks, as if people had written them.
    assert Post.objects.filter(created_at__gt=timezone.now() - timedelta(minutes=30)).count() == 0
    assert Post.objects.aggregate(m=Max("created_at"))["m"] - Post.objects.earliest("created_at").created_at > (
        timedelta(days=14)
    )
    assert_counters_match_the_rows()


def test_the_discussions_went_through_the_services(seeded):
    """Authors watch their threads and have read them; a quoted reply is rendered as a quote."""
    for thread in Thread.objects.all():
        for author_id in thread.posts.values_list("author", flat=True).distinct():
            assert Watch.objects.filter(thread=thread, user_id=author_id).exists()
            assert ReadState.objects.filter(thread=thread, user_id=author_id).exists()
    assert Post.objects.filter(body_html__contains="<blockquote>").exists()
    for post in Post.objects.select_related("thread__category", "author"):
        assert can_read_thread(post.author, post.thread), post


def test_a_flagged_post_in_the_oslo_network_waits_for_moderator(seeded):
    flags = list(flag_queue(demo_user("moderator")))

    assert len(flags) == 1
    flag = flags[0]
    assert flag.post.thread.category.slug == OSLO_NETWORK
    assert flag.user == demo_user("skole")
    assert (flag.post.flag_count, flag.post.is_hidden) == (1, False)
    assert list(flag_queue(demo_user("nav"))) == []


def test_skole_has_unread_forum_notices_for_a_mention_and_replies(seeded):
    unread = Notice.objects.filter(recipient=demo_user("skole"), read_at__isnull=True, kind__startswith="forum.")
    kinds = set(unread.values_list("kind", flat=True))
    assert {"forum.mention", "forum.reply"} <= kinds
    # ...and threads with posts since skole@ last read them.
    skole = demo_user("skole")
    assert any(t.has_unread for t in thread_list(skole))


def test_nav_in_vestland_cannot_see_the_karriere_oslo_network(seeded):
    nav, skole = demo_user("nav"), demo_user("skole")
    oslo = Category.objects.get(slug=OSLO_NETWORK)

    assert thread_list(skole, category=oslo).count() >= 2
    assert thread_list(nav, category=oslo).count() == 0
    assert not threads_visible_to(nav).filter(category=oslo).exists()
    assert list(search(nav, "Lønnsforhandling")) == []
    assert [p.thread.category.slug for p in search(skole, "Lønnsforhandling")][:1] == [OSLO_NETWORK]
    assert not Notice.objects.filter(recipient=nav, title__contains="Lønnsforhandling").exists()


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
    hit = search(school_counsellor, "fint").get()
    html = snippet_html(hit, "fint")

    assert "<script" not in html
    # SQLite shows the tag as escaped text; PostgreSQL's ts_headline leaves tags out of the snippet.
    assert "&lt;script&gt;" in html or (connection.vendor == "postgresql" and "script" not in html)
    assert "<mark>fint</mark>" in html


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


def _explain(queryset):
    """The plan, forcing the planner off sequential scans if it would rather read a small table whole:
    this proves the index is usable for the query, whatever the planner prefers at this size."""
    plan = queryset.explain()
    if "Seq Scan on forum_" in plan:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    return plan


@postgresql_only
def test_the_category_thread_list_reads_the_listing_index(school_counsellor, national, network):
    _fill([national, network], school_counsellor)

    plan = _explain(thread_list(school_counsellor, category=national)[:20])

    assert "forum_thread_listing" in plan, plan


@postgresql_only
def test_search_reads_the_gin_indexes_on_text_and_titles(school_counsellor, national, network):
    _fill([national, network], school_counsellor)

    plan = _explain(search(school_counsellor, "nummer17x2"))

    assert "forum_post_body_fts" in plan, plan
    assert "forum_thread_title_fts" in plan, plan
    assert [p.body.split()[-1] for p in search(school_counsellor, "nummer17x2")] == ["nummer17x2"]
