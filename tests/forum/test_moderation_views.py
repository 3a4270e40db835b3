"""Flagging, the moderation queue and log, thread and post moderation, and private groups.

Every page is tried from both sides: the people who may (centre moderators for their network and
county, national moderators everywhere, group moderators in their groups) and the people who may
not (another centre's moderator, a plain counsellor, a non-member), and a refusal changes nothing.
Pages are read in English (the source language) so the assertions say what a user reads.
"""

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum import services
from forum.models import Flag, GroupMembership, GroupRole, JoinPolicy, ModerationAction, Post
from forum.permissions import can_read_category
from forum.services import groups as services_groups
from notifications.models import Notice
from register import services as register_services
from register.models import NationalRoleKind, Role
from tests import personas
from tests.factories import UserFactory
from tests.forum.conftest import make_category

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def national_moderator(db):
    user = UserFactory(email="nasjonal.moderator@example.org")
    register_services.national_role_grant(user=user, role=NationalRoleKind.MODERATOR, actor=None)
    return user


@pytest.fixture
def other_moderator(other_centre):
    """The Vestland centre's moderator: moderates Vestland, not Oslo."""
    return personas.centre_staff(other_centre, Role.MODERATOR, email="moderator.vestland@example.org")


@pytest.fixture
def other_network(other_centre):
    return make_category("centre", "vestland-nettverk", centre=other_centre)


def page(response):
    return response.content.decode()


def as_user(client, user):
    client.force_login(user)
    return client


def start(category, author, title="Tråd", body="Innlegg"):
    return services.thread_create(category=category, author=author, title=title, body=body)


def first_post(thread):
    return thread.posts.get(number=1)


def queries_for(client, url):
    """(number of queries, their SQL) for one GET that must succeed, after a warm-up request."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), [q["sql"] for q in captured.captured_queries]


def assert_same_query_count(small, large):
    (n_small, sql_small), (n_large, sql_large) = small, large
    assert n_small == n_large, "Query count grew with the data:\n" + "\n".join(
        sql for sql in sql_large if sql not in sql_small
    )


# Flagging


def test_a_reader_flags_a_post_and_lands_back_on_it(client, school_counsellor, colleague, network):
    thread = start(network, school_counsellor)
    post = first_post(thread)
    url = reverse("forum:flag", args=[post.pk])

    form_page = as_user(client, colleague).get(url)
    assert form_page.status_code == 200
    assert "Personal data about a guidance seeker" in page(form_page)

    response = client.post(url, {"reason": "personal_data", "note": "Navn på en elev"})

    assert response.status_code == 302
    assert response["Location"] == f"{thread.get_absolute_url()}?post=1#post-1"
    flag = Flag.objects.get()
    assert (flag.user, flag.reason, flag.note) == (colleague, "personal_data", "Navn på en elev")


def test_flagging_twice_says_so_and_keeps_one_flag(client, school_counsellor, colleague, network):
    post = first_post(start(network, school_counsellor))
    url = reverse("forum:flag", args=[post.pk])
    as_user(client, colleague).post(url, {"reason": "spam"})

    again = client.post(url, {"reason": "other"}, follow=True)

    assert "You have already flagged this post" in page(again)
    assert Flag.objects.count() == 1


def test_a_flag_without_a_known_reason_is_refused(client, school_counsellor, colleague, network):
    post = first_post(start(network, school_counsellor))
    response = as_user(client, colleague).post(reverse("forum:flag", args=[post.pk]), {"reason": "boring"})
    assert response.status_code == 200
    assert not Flag.objects.exists()


def test_someone_who_cannot_read_the_thread_cannot_flag_its_posts(client, school_counsellor, outsider, network):
    post = first_post(start(network, school_counsellor))
    url = reverse("forum:flag", args=[post.pk])
    as_user(client, outsider)
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "spam"}).status_code == 404
    assert not Flag.objects.exists()


def test_flagging_needs_a_signed_in_user(client, school_counsellor, national):
    post = first_post(start(national, school_counsellor))
    response = client.post(reverse("forum:flag", args=[post.pk]), {"reason": "spam"})
    assert response.status_code == 302 and "/login" in response["Location"]
    assert not Flag.objects.exists()


def test_three_flags_hide_a_post_until_a_moderator_shows_it_again_and_the_log_says_why(
    client, school_counsellor, colleague, centre, centre_moderator, network
):
    thread = start(network, school_counsellor, body="Kjøp billige klokker")
    post = first_post(thread)
    flaggers = [colleague] + [personas.counsellor(home_centre=centre, email=f"f{n}@example.org") for n in range(2)]
    for user in flaggers[:2]:
        as_user(client, user).post(reverse("forum:flag", args=[post.pk]), {"reason": "spam"})
    post.refresh_from_db()
    assert not post.is_hidden
    as_user(client, flaggers[2]).post(reverse("forum:flag", args=[post.pk]), {"reason": "off_topic"})
    post.refresh_from_db()
    assert post.is_hidden

    queue = as_user(client, centre_moderator).get(reverse("forum:moderation"))
    text = page(queue)
    assert "3 flags" in text and "Spam, Off topic" in text and "Kjøp billige klokker" in text

    response = client.post(
        reverse("forum:post_moderate", args=[post.pk]),
        {"action": "unhide", "reason": "Reklame for en fagdag, ikke spam", "next": reverse("forum:moderation")},
    )

    assert response.status_code == 302 and response["Location"] == reverse("forum:moderation")
    post.refresh_from_db()
    assert (post.is_hidden, post.flag_count) == (False, 0)
    assert not Flag.objects.filter(resolved_at__isnull=True).exists()
    assert set(Flag.objects.values_list("resolved_by", flat=True)) == {centre_moderator.pk}
    assert "No open flags" in page(client.get(reverse("forum:moderation")))
    entry = ModerationAction.objects.get()
    assert (entry.moderator, entry.action, entry.post, entry.reason) == (
        centre_moderator,
        "post.shown",
        post,
        "Reklame for en fagdag, ikke spam",
    )
    log = page(client.get(reverse("forum:moderation_log")))
    assert "Post shown again" in log and "Reklame for en fagdag, ikke spam" in log and str(centre_moderator) in log


# The queue


def test_centre_moderators_see_flags_in_their_network_and_county_but_not_another_centres(
    client,
    school_counsellor,
    colleague,
    outsider,
    centre_moderator,
    other_moderator,
    network,
    county_category,
    other_network,
    national,
    national_moderator,
):
    titles = {}
    for category, author, title in [
        (network, school_counsellor, "Fra nettverket"),
        (county_category, school_counsellor, "Fra fylket"),
        (other_network, outsider, "Fra Vestland"),
        (national, school_counsellor, "Fra nasjonalt"),
    ]:
        thread = start(category, author, title=title)
        titles[title] = thread
    for title, thread in titles.items():
        flagger = outsider if title == "Fra Vestland" else colleague
        services.flag_create(post=first_post(thread), user=flagger, reason="spam")

    ours = page(as_user(client, centre_moderator).get(reverse("forum:moderation")))
    assert "Fra nettverket" in ours and "Fra fylket" in ours
    assert "Fra Vestland" not in ours and "Fra nasjonalt" not in ours

    theirs = page(as_user(client, other_moderator).get(reverse("forum:moderation")))
    assert "Fra Vestland" in theirs and "Fra nettverket" not in theirs and "Fra fylket" not in theirs

    everything = page(as_user(client, national_moderator).get(reverse("forum:moderation")))
    assert all(title in everything for title in titles)


def test_people_who_moderate_nothing_get_no_queue_and_no_log(client, school_counsellor, plain_user):
    for user in (school_counsellor, plain_user):
        as_user(client, user)
        assert client.get(reverse("forum:moderation")).status_code == 403
        assert client.get(reverse("forum:moderation_log")).status_code == 403


def test_group_moderators_see_flags_in_their_group(
    client, school_counsellor, colleague, centre_moderator, national_moderator, group
):
    services_groups.group_add(category=group, user=school_counsellor, moderator=national_moderator, role="moderator")
    services_groups.group_add(category=group, user=colleague, moderator=school_counsellor)
    thread = start(group, colleague, title="I gruppa")
    services.flag_create(post=first_post(thread), user=school_counsellor, reason="other")

    assert "I gruppa" in page(as_user(client, school_counsellor).get(reverse("forum:moderation")))
    assert "I gruppa" not in page(as_user(client, centre_moderator).get(reverse("forum:moderation")))


def test_the_queue_costs_the_same_queries_for_10_and_200_flags(client, centre, network, centre_moderator):
    authors = [personas.counsellor(home_centre=centre, email=f"forfatter{n}@example.org") for n in range(2)]
    flaggers = [personas.counsellor(home_centre=centre, email=f"flagger{n}@example.org") for n in range(10)]
    posts = [first_post(start(network, authors[n % 2], title=f"Tråd {n}")) for n in range(20)]
    for post in posts[:2]:
        for user in flaggers[:5]:
            services.flag_create(post=post, user=user, reason="spam")
    assert Flag.objects.count() == 10
    as_user(client, centre_moderator)
    small = queries_for(client, reverse("forum:moderation"))

    for n, post in enumerate(posts):
        for user in flaggers[5:] if n < 2 else flaggers:
            services.flag_create(post=post, user=user, reason="inappropriate", note="Se på denne")
    assert Flag.objects.count() == 200
    large = queries_for(client, reverse("forum:moderation"))

    assert_same_query_count(small, large)
    # 11 for the session, sign-in bookkeeping and the header's counts; 6 for the queue itself.
    assert small[0] <= 17, "\n".join(small[1])


# Moderating posts and threads


def test_a_post_is_hidden_only_with_a_reason(client, school_counsellor, centre_moderator, network):
    post = first_post(start(network, school_counsellor))
    url = reverse("forum:post_moderate", args=[post.pk])

    refused = as_user(client, centre_moderator).post(url, {"action": "hide", "reason": ""})

    assert refused.status_code == 200 and "Give a reason" in page(refused)
    post.refresh_from_db()
    assert not post.is_hidden and not ModerationAction.objects.exists()

    client.post(url, {"action": "hide", "reason": "Personopplysninger om en elev"})
    post.refresh_from_db()
    assert post.is_hidden
    assert ModerationAction.objects.get().reason == "Personopplysninger om en elev"


def test_moderating_posts_is_refused_to_those_who_do_not_moderate_the_category(
    client, school_counsellor, colleague, centre_moderator, other_moderator, network, national
):
    network_post = first_post(start(network, school_counsellor))
    national_post = first_post(start(national, school_counsellor, title="Nasjonal"))
    data = {"action": "hide", "reason": "Fordi"}

    as_user(client, colleague)
    assert client.post(reverse("forum:post_moderate", args=[network_post.pk]), data).status_code == 403
    # Another centre's moderator cannot even see the Oslo network.
    as_user(client, other_moderator)
    assert client.post(reverse("forum:post_moderate", args=[network_post.pk]), data).status_code == 404
    # Centre moderators moderate their network and county, not the national categories.
    as_user(client, centre_moderator)
    assert client.post(reverse("forum:post_moderate", args=[national_post.pk]), data).status_code == 403
    assert client.get(reverse("forum:post_moderate", args=[network_post.pk])).status_code == 405

    assert not Post.objects.filter(is_hidden=True).exists()
    assert not ModerationAction.objects.exists()


@pytest.mark.parametrize(
    ("action", "field", "value"),
    [("lock", "is_locked", True), ("pin", "is_pinned", True), ("hide", "is_hidden", True)],
)
def test_a_centre_moderator_locks_pins_and_hides_threads_in_their_network(
    client, school_counsellor, centre_moderator, network, action, field, value
):
    thread = start(network, school_counsellor)
    response = as_user(client, centre_moderator).post(
        reverse("forum:thread_moderate", args=[thread.pk]), {"action": action, "reason": "Etter avtale"}
    )
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    thread.refresh_from_db()
    assert getattr(thread, field) is value
    entry = ModerationAction.objects.get()
    assert (entry.action, entry.moderator, entry.reason) == (f"thread.{action}", centre_moderator, "Etter avtale")


def test_undoing_lock_pin_and_hide_is_logged_too(client, school_counsellor, centre_moderator, county_category):
    thread = start(county_category, school_counsellor)
    url = reverse("forum:thread_moderate", args=[thread.pk])
    as_user(client, centre_moderator)
    for action in ("lock", "pin", "hide", "unlock", "unpin", "unhide"):
        client.post(url, {"action": action, "reason": action})
    thread.refresh_from_db()
    assert (thread.is_locked, thread.is_pinned, thread.is_hidden) == (False, False, False)
    assert ModerationAction.objects.count() == 6


def test_a_thread_moves_only_to_a_category_its_moderator_moderates(
    client, school_counsellor, centre_moderator, network, county_category, national
):
    thread = start(network, school_counsellor)
    url = reverse("forum:thread_moderate", args=[thread.pk])
    as_user(client, centre_moderator)

    refused = client.post(url, {"action": "move", "category": national.pk, "reason": "Hører hjemme nasjonalt"})
    assert refused.status_code == 200 and "Select a valid choice" in page(refused)
    missing = client.post(url, {"action": "move", "reason": "Flytt"})
    assert "Choose the category to move the thread to" in page(missing)
    thread.refresh_from_db()
    assert thread.category == network

    client.post(url, {"action": "move", "category": county_category.pk, "reason": "Gjelder hele fylket"})
    thread.refresh_from_db()
    assert thread.category == county_category
    network.refresh_from_db()
    county_category.refresh_from_db()
    assert (network.thread_count, county_category.thread_count) == (0, 1)
    assert ModerationAction.objects.get().action == "thread.move"


def test_thread_moderation_is_refused_to_others_and_changes_nothing(
    client, school_counsellor, colleague, other_moderator, network
):
    thread = start(network, school_counsellor)
    url = reverse("forum:thread_moderate", args=[thread.pk])
    assert as_user(client, colleague).post(url, {"action": "lock", "reason": "x"}).status_code == 403
    assert as_user(client, other_moderator).post(url, {"action": "lock", "reason": "x"}).status_code == 404
    thread.refresh_from_db()
    assert not thread.is_locked and not ModerationAction.objects.exists()


def test_a_national_moderator_moderates_every_category(
    client, school_counsellor, outsider, national_moderator, network, other_network, national
):
    thread = start(other_network, outsider)
    as_user(client, national_moderator)
    client.post(reverse("forum:thread_moderate", args=[thread.pk]), {"action": "lock", "reason": "Ro ned"})
    client.post(
        reverse("forum:thread_moderate", args=[thread.pk]),
        {"action": "move", "category": national.pk, "reason": "Av nasjonal interesse"},
    )
    post = first_post(start(network, school_counsellor))
    client.post(reverse("forum:post_moderate", args=[post.pk]), {"action": "hide", "reason": "Feil sted"})

    thread.refresh_from_db()
    post.refresh_from_db()
    assert thread.is_locked and thread.category == national and post.is_hidden
    assert ModerationAction.objects.count() == 3


def test_a_safe_next_address_is_followed_and_a_foreign_one_ignored(
    client, school_counsellor, centre_moderator, network
):
    thread = start(network, school_counsellor)
    url = reverse("forum:thread_moderate", args=[thread.pk])
    as_user(client, centre_moderator)
    ours = client.post(url, {"action": "pin", "reason": "x", "next": "/forum/moderering/"})
    assert ours["Location"] == "/forum/moderering/"
    foreign = client.post(url, {"action": "unpin", "reason": "x", "next": "https://evil.example/"})
    assert foreign["Location"] == thread.get_absolute_url()


# The log


def test_the_log_shows_moderators_the_actions_in_categories_they_moderate_only(
    client, school_counsellor, outsider, centre_moderator, other_moderator, national_moderator, network, other_network
):
    ours = start(network, school_counsellor, title="Oslo-tråd")
    theirs = start(other_network, outsider, title="Vestland-tråd")
    services.thread_moderate(thread=ours, moderator=centre_moderator, action="lock", reason="Oslo-grunn")
    services.thread_moderate(thread=theirs, moderator=other_moderator, action="pin", reason="Vestland-grunn")

    oslo = page(as_user(client, centre_moderator).get(reverse("forum:moderation_log")))
    assert "Oslo-grunn" in oslo and "Thread locked" in oslo and "Vestland-grunn" not in oslo
    vestland = page(as_user(client, other_moderator).get(reverse("forum:moderation_log")))
    assert "Vestland-grunn" in vestland and "Oslo-grunn" not in vestland
    both = page(as_user(client, national_moderator).get(reverse("forum:moderation_log")))
    assert "Oslo-grunn" in both and "Vestland-grunn" in both


def test_the_log_is_paginated_with_a_fixed_query_count(client, school_counsellor, centre_moderator, network):
    thread = start(network, school_counsellor)
    for n in range(10):
        services.thread_moderate(thread=thread, moderator=centre_moderator, action="pin", reason=f"grunn {n}")
    as_user(client, centre_moderator)
    small = queries_for(client, reverse("forum:moderation_log"))
    for n in range(10, 200):
        services.thread_moderate(thread=thread, moderator=centre_moderator, action="pin", reason=f"grunn {n}")
    large = queries_for(client, reverse("forum:moderation_log"))

    assert_same_query_count(small, large)
    first = page(client.get(reverse("forum:moderation_log")))
    assert "grunn 199" in first and "grunn 149" not in first and "Page 1 of 4" in first
    assert "grunn 0<" in page(client.get(reverse("forum:moderation_log") + "?page=4"))


# Moderation controls for the thread page


def render_controls(template, user, **context):
    request = RequestFactory().get("/forum/t/1/")
    request.user = user
    return render_to_string(template, {**context, "request": request}, request=request)


def test_the_thread_page_controls_appear_for_moderators_only(
    school_counsellor, colleague, centre_moderator, network, county_category
):
    thread = start(network, school_counsellor)
    post = first_post(thread)

    controls = render_controls("forum/moderation/thread_controls.html", centre_moderator, thread=thread)
    assert reverse("forum:thread_moderate", args=[thread.pk]) in controls
    assert f'value="{county_category.pk}"' in controls and 'value="lock"' in controls
    assert 'value="unlock"' not in controls
    post_controls = render_controls("forum/moderation/post_controls.html", centre_moderator, post=post, thread=thread)
    assert reverse("forum:post_moderate", args=[post.pk]) in post_controls

    assert render_controls("forum/moderation/thread_controls.html", colleague, thread=thread).strip() == ""
    assert render_controls("forum/moderation/post_controls.html", colleague, post=post, thread=thread).strip() == ""


# Private groups


@pytest.fixture
def group_moderator(centre, national_moderator, group):
    user = personas.counsellor(home_centre=centre, email="gruppeleder@example.org")
    services_groups.group_add(category=group, user=user, moderator=national_moderator, role=GroupRole.MODERATOR)
    return user


@pytest.fixture
def open_group(db):
    return make_category("group", "aapen-gruppe", join_policy=JoinPolicy.OPEN)


@pytest.fixture
def request_group(national_moderator, group_moderator):
    category = make_category("group", "spor-om-aa-bli-med", join_policy=JoinPolicy.REQUEST)
    services_groups.group_add(
        category=category, user=group_moderator, moderator=national_moderator, role=GroupRole.MODERATOR
    )
    return category


def test_the_group_list_shows_open_and_request_groups_but_hides_closed_ones_from_non_members(
    client, school_counsellor, group_moderator, group, open_group, request_group
):
    listing = page(as_user(client, school_counsellor).get(reverse("forum:groups")))
    assert open_group.name in listing and request_group.name in listing
    assert group.name not in listing
    assert "Join" in listing and "Ask to join" in listing

    own = page(as_user(client, group_moderator).get(reverse("forum:groups")))
    assert group.name in own and "You moderate" in own


def test_the_forum_groups_are_for_professionals_only(client, plain_user):
    assert as_user(client, plain_user).get(reverse("forum:groups")).status_code == 403


def test_joining_an_open_group_makes_a_member_at_once_and_leaving_ends_it(client, school_counsellor, open_group):
    as_user(client, school_counsellor)
    response = client.post(reverse("forum:groups"), {"group": open_group.slug, "action": "join"}, follow=True)
    assert "You are now a member" in page(response)
    membership = GroupMembership.objects.get(category=open_group, user=school_counsellor)
    assert membership.is_approved and membership.role == GroupRole.MEMBER
    assert can_read_category(school_counsellor, open_group)

    client.post(reverse("forum:groups"), {"group": open_group.slug, "action": "leave"})
    assert not GroupMembership.objects.filter(category=open_group).exists()


def test_a_request_waits_for_a_moderator_who_is_told_and_approves_it(
    client, school_counsellor, group_moderator, request_group
):
    as_user(client, school_counsellor)
    joined = client.post(reverse("forum:groups"), {"group": request_group.slug, "action": "join"}, follow=True)
    assert "not open" in page(joined)
    client.post(reverse("forum:groups"), {"group": request_group.slug, "action": "request"})
    membership = GroupMembership.objects.get(category=request_group, user=school_counsellor)
    assert not membership.is_approved
    assert not can_read_category(school_counsellor, request_group)
    assert "Request sent" in page(client.get(reverse("forum:groups")))
    # Someone waiting is not a member yet: the member list stays closed to them.
    assert client.get(reverse("forum:group_members", args=[request_group.slug])).status_code == 404
    notice = Notice.objects.filter(recipient=group_moderator, kind="forum.group").latest("pk")
    assert "asks to join" in notice.title
    assert notice.link == reverse("forum:group_members", args=[request_group.slug])

    members_url = reverse("forum:group_members", args=[request_group.slug])
    waiting = page(as_user(client, group_moderator).get(members_url))
    assert "Requests to join" in waiting and school_counsellor.email in waiting
    client.post(members_url, {"action": "approve", "membership": membership.pk})

    membership.refresh_from_db()
    assert membership.is_approved
    assert Notice.objects.filter(recipient=school_counsellor, kind="forum.group").count() == 1
    assert as_user(client, school_counsellor).get(members_url).status_code == 200


def test_a_declined_request_is_removed_and_the_person_told(client, school_counsellor, group_moderator, request_group):
    membership = services_groups.group_request(category=request_group, user=school_counsellor)
    members_url = reverse("forum:group_members", args=[request_group.slug])
    as_user(client, group_moderator).post(members_url, {"action": "decline", "membership": membership.pk})
    assert not GroupMembership.objects.filter(pk=membership.pk).exists()
    assert "declined" in Notice.objects.get(recipient=school_counsellor, kind="forum.group").title


def test_a_closed_group_cannot_be_joined_or_asked_to_join_and_stays_hidden(client, school_counsellor, group):
    as_user(client, school_counsellor)
    for action in ("join", "request"):
        assert client.post(reverse("forum:groups"), {"group": group.slug, "action": action}).status_code == 404
    assert client.get(reverse("forum:group_members", args=[group.slug])).status_code == 404
    assert not GroupMembership.objects.exists()


def test_non_members_cannot_see_the_members_of_closed_or_request_groups(
    client, school_counsellor, centre_moderator, group_moderator, group, request_group, open_group
):
    for user in (school_counsellor, centre_moderator):
        as_user(client, user)
        assert client.get(reverse("forum:group_members", args=[group.slug])).status_code == 404
        assert client.get(reverse("forum:group_members", args=[request_group.slug])).status_code == 404
        assert client.get(reverse("forum:group_members", args=[open_group.slug])).status_code == 200
    assert client.get(reverse("forum:group_members", args=["finnes-ikke"])).status_code == 404


def test_a_member_sees_the_list_but_cannot_change_it(client, school_counsellor, colleague, group_moderator, group):
    services_groups.group_add(category=group, user=school_counsellor, moderator=group_moderator)
    membership = GroupMembership.objects.get(user=school_counsellor)
    url = reverse("forum:group_members", args=[group.slug])

    listing = page(as_user(client, school_counsellor).get(url))
    assert str(group_moderator) in listing and "Make moderator" not in listing and "Add a member" not in listing
    assert client.post(url, {"action": "add", "email": colleague.email, "role": "member"}).status_code == 403
    assert client.post(url, {"action": "make_moderator", "membership": membership.pk}).status_code == 403
    assert not GroupMembership.objects.filter(user=colleague).exists()
    membership.refresh_from_db()
    assert membership.role == GroupRole.MEMBER


def test_a_group_moderator_adds_by_e_mail_makes_a_moderator_and_removes_members(
    client, school_counsellor, colleague, group_moderator, group
):
    url = reverse("forum:group_members", args=[group.slug])
    as_user(client, group_moderator)

    unknown = client.post(url, {"action": "add", "email": "ingen@example.org", "role": "member"})
    assert "No active account uses this address" in page(unknown)
    client.post(url, {"action": "add", "email": school_counsellor.email.upper(), "role": "member"})
    client.post(url, {"action": "add", "email": colleague.email, "role": "member"})
    again = client.post(url, {"action": "add", "email": colleague.email, "role": "member"})
    assert "already a member" in page(again)
    assert Notice.objects.filter(recipient=colleague, kind="forum.group").count() == 1

    added = GroupMembership.objects.get(user=school_counsellor)
    client.post(url, {"action": "make_moderator", "membership": added.pk})
    added.refresh_from_db()
    assert added.role == GroupRole.MODERATOR

    removed = GroupMembership.objects.get(user=colleague)
    client.post(url, {"action": "remove", "membership": removed.pk})
    assert not GroupMembership.objects.filter(pk=removed.pk).exists()
    assert not can_read_category(colleague, group)


def test_a_group_keeps_at_least_one_moderator(client, group_moderator, group):
    own = GroupMembership.objects.get(user=group_moderator)
    url = reverse("forum:group_members", args=[group.slug])
    response = as_user(client, group_moderator).post(url, {"action": "remove", "membership": own.pk}, follow=True)
    assert "at least one moderator" in page(response)
    left = client.post(reverse("forum:groups"), {"group": group.slug, "action": "leave"}, follow=True)
    assert "at least one moderator" in page(left)
    assert GroupMembership.objects.filter(pk=own.pk).exists()


def test_a_membership_of_another_group_cannot_be_changed_through_this_one(
    client, school_counsellor, group_moderator, group, open_group
):
    services_groups.group_join(category=open_group, user=school_counsellor)
    elsewhere = GroupMembership.objects.get(category=open_group)
    url = reverse("forum:group_members", args=[group.slug])
    response = as_user(client, group_moderator).post(url, {"action": "remove", "membership": elsewhere.pk})
    assert response.status_code == 404
    assert GroupMembership.objects.filter(pk=elsewhere.pk).exists()


def test_a_national_moderator_manages_every_group(client, school_counsellor, national_moderator, group):
    url = reverse("forum:group_members", args=[group.slug])
    as_user(client, national_moderator)
    assert group.name in page(client.get(reverse("forum:groups")))
    client.post(url, {"action": "add", "email": school_counsellor.email, "role": "moderator"})
    assert GroupMembership.objects.get(user=school_counsellor).role == GroupRole.MODERATOR


def test_the_member_page_costs_the_same_queries_for_few_and_many_members(client, centre, group_moderator, group):
    url = reverse("forum:group_members", args=[group.slug])
    as_user(client, group_moderator)
    small = queries_for(client, url)
    for n in range(30):
        user = personas.counsellor(home_centre=centre, email=f"medlem{n}@example.org")
        services_groups.group_add(category=group, user=user, moderator=group_moderator)
    large = queries_for(client, url)
    assert_same_query_count(small, large)
