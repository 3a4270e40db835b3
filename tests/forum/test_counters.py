"""Counters and "last post" count what readers see: deleted and hidden posts and hidden threads drop out, and
come back when shown again; the posts' numbers do not change."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from forum import services
from forum.models import FlagReason
from tests import personas
from tests.forum.reading_support import html, reply, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def discussion(network, school_counsellor, colleague):
    """A thread with the opening post and two replies; the colleague wrote the last one."""
    thread = start(network, school_counsellor, title="Om veiledning")
    first = reply(thread, school_counsellor, body="Første svar")
    last = reply(thread, colleague, body="Siste svar")
    return thread, first, last


def fresh(*objects):
    for obj in objects:
        obj.refresh_from_db()
    return objects


def test_a_hidden_reply_drops_out_of_the_counts_and_the_last_post_and_comes_back_when_shown(
    discussion, network, school_counsellor, colleague, centre_moderator
):
    thread, first, last = discussion

    services.post_set_hidden(post=last, moderator=centre_moderator, hidden=True, reason="Personopplysninger")
    fresh(thread, network)

    assert (thread.reply_count, thread.last_post_author, thread.last_post_at) == (
        1,
        school_counsellor,
        first.created_at,
    )
    assert (network.post_count, network.thread_count, network.last_post_at) == (2, 1, first.created_at)
    assert thread.post_count == 3  # still numbers every post

    services.post_set_hidden(post=last, moderator=centre_moderator, hidden=False)
    fresh(thread, network)

    assert (thread.reply_count, thread.last_post_author, network.post_count) == (2, colleague, 3)


def test_a_deleted_post_is_not_counted_and_the_next_post_takes_the_next_number(
    discussion, network, colleague, school_counsellor
):
    thread, _first, last = discussion

    services.post_delete(post=last, actor=colleague)
    fresh(thread, network)
    assert (thread.reply_count, thread.last_post_author, network.post_count) == (1, school_counsellor, 2)

    newer = reply(thread, school_counsellor, body="Et nytt svar")
    fresh(thread, network)
    assert newer.number == 4
    assert (thread.reply_count, network.post_count, thread.last_post_at) == (2, 3, newer.created_at)


def test_a_post_hidden_by_three_flags_is_not_counted(discussion, network, centre):
    thread, _first, last = discussion
    for n in range(3):
        reader = personas.counsellor(home_centre=centre, email=f"leser{n}@example.org")
        services.flag_create(post=last, user=reader, reason=FlagReason.PERSONAL_DATA)

    fresh(thread, network)

    assert (thread.reply_count, network.post_count) == (1, 2)


def test_a_hidden_thread_leaves_the_categorys_counts_and_its_last_thread(
    discussion, network, school_counsellor, centre_moderator
):
    thread, _first, _last = discussion
    older = start(network, school_counsellor, title="Et eldre tema")
    newest = start(network, school_counsellor, title="Det nyeste temaet")

    services.thread_moderate(thread=newest, moderator=centre_moderator, action="hide", reason="Feil sted")
    (network,) = fresh(network)

    assert (network.thread_count, network.post_count, network.last_thread) == (2, 4, older)


def test_a_moved_thread_is_counted_in_its_new_category_only(discussion, network, county_category, national_moderator):
    thread, _first, last = discussion
    services.post_set_hidden(post=last, moderator=national_moderator, hidden=True)

    services.thread_moderate(thread=thread, moderator=national_moderator, action="move", category=county_category)
    fresh(network, county_category)

    assert (network.thread_count, network.post_count, network.last_thread) == (0, 0, None)
    assert (county_category.thread_count, county_category.post_count) == (1, 2)


def test_the_lists_show_the_counts_readers_see(client, discussion, network, colleague, centre_moderator):
    thread, _first, last = discussion
    services.post_set_hidden(post=last, moderator=centre_moderator, hidden=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(colleague)

    category_page = html(client.get(reverse("forum:category", kwargs={"slug": network.slug})))
    index_page = html(client.get(reverse("forum:index")))

    row = re.search(rf"<tr>(?:(?!</tr>).)*{thread.title}.*?</tr>", category_page, re.S).group(0)
    assert re.search(r'data-label="Replies">1<', row)
    assert re.search(r'data-label="Posts">2<', index_page)


def test_authors_show_their_role_and_workplace(client, discussion, colleague, centre_moderator, centre):
    thread, _first, _last = discussion
    reply(thread, centre_moderator, body="Som moderator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(colleague)

    page = html(client.get(reverse("forum:thread", kwargs={"pk": thread.pk}), follow=True))

    lines = re.findall(r'<p class="ds-paragraph forum-post__author" data-size="sm">(.*?)</p>', page)
    profile = colleague.counsellor_profile
    assert f"{profile.workplace_name} (Upper secondary school)" in lines  # the colleague's own reply
    assert f"Moderator, {centre.name}" in lines  # staff without a counsellor profile: their role
