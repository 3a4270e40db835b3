"""The notice and e-mail about a reply or a mention carry the post's words, without markup, and a link to it."""

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from forum import services
from notifications.models import Notice
from notifications.services import preference_set
from tests.forum.reading_support import start

pytestmark = pytest.mark.django_db

BODY = "**Viktig:** se [veilederen](https://example.org/v) <script>alert(1)</script>\n\n## Neste steg\n\nMvh @skole"


@pytest.fixture
def replied(network, school_counsellor, colleague, django_capture_on_commit_callbacks):
    """The counsellor starts a thread (and so watches it); a colleague replies and mentions her."""
    for kind in ("forum.reply", "forum.mention"):
        preference_set(user=school_counsellor, kind=kind, delivery="immediate")
    thread = start(network, school_counsellor, title="Om veiledning")
    mail.outbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        post = services.post_create(thread=thread, author=colleague, body=BODY)
    return thread, post


def test_the_e_mail_has_the_posts_words_and_a_link_to_it(replied, school_counsellor):
    thread, post = replied

    [message] = [m for m in mail.outbox if m.to == [school_counsellor.email]]

    # The words as written, Markdown taken out; a tag someone typed stays text, never markup.
    assert "Viktig: se veilederen <script>alert(1)</script> Neste steg Mvh @skole" in message.body
    for markup in ("**", "##", "](https"):
        assert markup not in message.body
    assert message.content_subtype == "plain"
    assert all("<script>" not in html for html, _type in message.alternatives)
    assert f"{settings.SITE_URL}{thread.get_absolute_url()}?post={post.number}#post-{post.number}" in message.body


def test_the_notice_in_the_app_has_the_same_words(replied, school_counsellor):
    notice = Notice.objects.get(recipient=school_counsellor)

    assert notice.kind == "forum.mention"  # one notice: the mention, not a second one for the reply
    assert notice.body.startswith("Viktig: se veilederen")


def test_a_long_post_is_cut_short_in_the_notice(network, school_counsellor, colleague):
    thread = start(network, school_counsellor, title="Om veiledning")

    services.post_create(thread=thread, author=colleague, body="ord " * 400)

    body = Notice.objects.get(recipient=school_counsellor).body
    assert len(body) <= services.posts.NOTICE_EXCERPT and body.endswith("…")
