"""The forum's demo data as seed_demo leaves it: categories, discussions, flags and notices.

The demo is seeded once for the module; each test's changes roll back to it.
"""

from datetime import timedelta

import pytest
from django.db.models import Max
from django.utils import timezone

from forum.models import (
    Audience,
    Category,
    CategoryKind,
    GroupMembership,
    GroupRole,
    JoinPolicy,
    Post,
    ReadState,
    Thread,
    Watch,
)
from forum.permissions import can_read_thread, threads_visible_to
from forum.selectors import flag_queue, search, thread_list
from notifications.models import Notice
from register.models import Centre
from tests.forum.demo_support import OSLO_NETWORK, assert_counters_match_the_rows, demo_user, seed
from tests.snapshots import shared_seeding

# One worker runs the whole module, so the demo is seeded once (see tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_files_of_the_module")]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, module_private_media):
    """seed_demo with 30 other counsellors, once for the module."""
    with shared_seeding(django_db_blocker, module_private_media, lambda: seed("--counsellors", "30")) as out:
        yield out


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
    assert not any("Lønnsforhandling" in n.title for n in Notice.objects.filter(recipient=nav))
