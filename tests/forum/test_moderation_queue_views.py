"""Flagging, the moderation queue and the moderation log.

Every page is tried from both sides: the people who may (centre moderators for their network and
county, national moderators everywhere, group moderators in their groups) and the people who may
not (another centre's moderator, a plain counsellor), and a refusal changes nothing.
Pages are read in English (the source language) so the assertions say what a user reads.
"""

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from forum import services
from forum.models import Flag, ModerationAction
from forum.services import groups as services_groups
from tests import personas
from tests.forum.moderation_support import as_user, assert_same_query_count, first_post, page, queries_for, start

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"


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
