"""Notices people can scan: more posts in a thread, or more flags on a post, join the unread notice about it."""

import pytest
from django.core import mail
from django.utils import translation

from forum import services
from forum.models import FlagReason
from notifications.models import Notice
from notifications.services import notice_mark_read, preference_set
from tests import personas
from tests.forum.reading_support import reply, start

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_new_posts_in_a_thread_make_one_notice_while_it_is_unread(
    network, school_counsellor, colleague, centre, django_capture_on_commit_callbacks
):
    preference_set(user=school_counsellor, kind="forum.reply", delivery="immediate")
    thread = start(network, school_counsellor, title="Om veiledning")
    third = personas.counsellor(home_centre=centre, email="tredje@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, colleague, body="Første")
        reply(thread, third, body="Andre")
        last = reply(thread, colleague, body="Tredje")

    [notice] = Notice.objects.filter(recipient=school_counsellor)
    assert notice.title == f"3 new posts in “Om veiledning”, the latest by {colleague}"
    assert (notice.count, notice.body) == (3, "Tredje")
    assert notice.link.endswith(f"#post-{last.number}")
    assert len([m for m in mail.outbox if m.to == [school_counsellor.email]]) == 1  # the first only

    notice_mark_read(notice=notice)
    reply(thread, third, body="Etter lesing")

    newest = Notice.objects.filter(recipient=school_counsellor).first()
    assert newest.pk != notice.pk and newest.title == f"New post in “Om veiledning” by {third}"


def test_flags_on_one_post_make_one_moderator_notice_that_counts_them(
    network, school_counsellor, centre_moderator, centre
):
    thread = start(network, school_counsellor, title="Om en elev")
    post = reply(thread, school_counsellor, body="Navn på en veisøker")
    other = reply(thread, school_counsellor, body="Et annet innlegg")
    readers = [personas.counsellor(home_centre=centre, email=f"leser{n}@example.org") for n in range(3)]

    for reader in readers:
        services.flag_create(post=post, user=reader, reason=FlagReason.PERSONAL_DATA)
    services.flag_create(post=other, user=readers[0], reason=FlagReason.OFF_TOPIC)

    notices = list(Notice.objects.filter(recipient=centre_moderator, kind="forum.flag"))
    assert len(notices) == 2  # one per flagged post
    about_post = next(n for n in notices if n.link.endswith(f"#flagged-{post.pk}"))
    assert about_post.count == 3
    assert about_post.title.startswith("A post in “Om en elev” is flagged 3 times, last: ")
