"""A post hidden by readers' flags says it waits for a moderator, and the flaggers learn what the moderator
decided."""

import pytest
from django.conf import settings
from django.utils import translation

from forum import services
from forum.models import FlagReason
from notifications.models import Notice
from register.models import Role
from tests import personas
from tests.forum.api_support import as_user, posts_url
from tests.forum.reading_support import html, reply, start

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """Pages and the notices the services write here read in English, the source language."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def readers(centre):
    return [personas.counsellor(home_centre=centre, email=f"leser{n}@example.org") for n in range(3)]


@pytest.fixture
def flagged(network, school_counsellor, colleague, readers):
    """A reply in Karriere Oslo's network flagged by the three readers, so it is hidden until a moderator decides."""
    thread = start(network, school_counsellor, title="Om en elev", body="Spørsmål")
    post = reply(thread, colleague, body="Navn på en veisøker")
    for reader in readers:
        services.flag_create(post=post, user=reader, reason=FlagReason.PERSONAL_DATA)
    post.refresh_from_db()
    assert post.is_hidden
    return post


def outcomes():
    return {(notice.recipient.email, notice.title) for notice in Notice.objects.filter(kind="forum.flag_outcome")}


def test_a_post_hidden_by_flags_says_it_waits_for_a_moderator(client, flagged, school_counsellor, centre_moderator):
    url = flagged.thread.get_absolute_url() + "?page=1"

    client.force_login(school_counsellor)
    page = html(client.get(url))
    assert "This post is hidden after flags from several readers until a moderator has looked at it." in page
    assert "hidden by a moderator" not in page and "Navn på en veisøker" not in page
    client.force_login(centre_moderator)
    page = html(client.get(url))
    assert "Hidden after flags from several readers, waiting for a moderator" in page

    services.post_set_hidden(post=flagged, moderator=centre_moderator, hidden=True, reason="Personopplysninger")

    client.force_login(school_counsellor)
    assert "This post is hidden by a moderator." in html(client.get(url))


def test_the_api_says_whether_a_hidden_post_waits_for_a_moderator(flagged, school_counsellor, centre_moderator):
    def awaiting():
        rows = as_user(school_counsellor).get(posts_url(flagged.thread)).json()["results"]
        return {row["number"]: (row["is_hidden"], row["awaiting_moderator"], row["body"]) for row in rows}

    assert awaiting() == {1: (False, False, "Spørsmål"), 2: (True, True, None)}
    services.post_set_hidden(post=flagged, moderator=centre_moderator, hidden=True, reason="Personopplysninger")
    assert awaiting() == {1: (False, False, "Spørsmål"), 2: (True, False, None)}


def test_the_flaggers_learn_that_the_moderator_hid_the_post(flagged, readers, centre_moderator):
    services.post_set_hidden(post=flagged, moderator=centre_moderator, hidden=True, reason="Personopplysninger")

    title = f"A moderator hid post #{flagged.number} in “Om en elev”, which you flagged."
    assert outcomes() == {(reader.email, title) for reader in readers}
    notice = Notice.objects.filter(kind="forum.flag_outcome").first()
    assert notice.link == f"{flagged.thread.get_absolute_url()}?post={flagged.number}#post-{flagged.number}"


def test_the_flaggers_learn_that_the_moderator_kept_the_post_and_only_once(flagged, readers, centre_moderator):
    services.post_set_hidden(post=flagged, moderator=centre_moderator, hidden=False, reason="Ikke personopplysninger")
    services.post_set_hidden(post=flagged, moderator=centre_moderator, hidden=True, reason="Likevel")

    kept = f"A moderator looked at post #{flagged.number} in “Om en elev”, which you flagged, and kept it."
    assert outcomes() == {(reader.email, kept) for reader in readers}  # their flags were decided the first time


def test_a_moderator_who_flagged_the_post_is_not_told_their_own_decision(flagged, readers, centre):
    moderator = personas.centre_staff(centre, Role.MODERATOR, email="moderator2@example.org")
    services.post_set_hidden(post=flagged, moderator=moderator, hidden=False, reason="Greit")
    later = reply(flagged.thread, readers[0], body="Nytt")
    services.flag_create(post=later, user=moderator, reason=FlagReason.OTHER)
    services.flag_create(post=later, user=readers[1], reason=FlagReason.OTHER)

    services.post_set_hidden(post=later, moderator=moderator, hidden=True, reason="Ute av tema")

    told = {email for email, title in outcomes() if "#" + str(later.number) in title}
    assert told == {readers[1].email}


def test_flagging_a_post_tells_nobody_an_outcome(flagged):
    assert outcomes() == set()
