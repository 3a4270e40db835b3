"""Moderating posts and threads (hide, lock, pin, move) and the moderation controls on the thread page.

Every action is tried from both sides: the people who may (centre moderators for their network and
county, national moderators everywhere) and the people who may not (another centre's moderator,
a plain counsellor), and a refusal changes nothing.
Pages are read in English (the source language) so the assertions say what a user reads.
"""

import pytest
from django.conf import settings as django_settings
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from forum.models import ModerationAction, Post
from tests.forum.moderation_support import as_user, first_post, page, start

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"


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
