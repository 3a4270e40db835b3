"""The forum's writing pages (starting a thread, replying, editing, the history, deleting),
each used by someone who may and someone who may not.
"""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from forum import services
from forum.models import Post, PostRevision, Thread, Watch, WatchLevel
from forum.services import MAX_BODY
from notifications.models import Notice
from tests.forum.reading_support import html, reply, start

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """These tests read the English source wording; the nb catalogue has its own test."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def nb(text):
    """A message as the Norwegian page shows it (the site's default language)."""
    with translation.override("nb"):
        return escape(str(text))


@pytest.fixture
def network_thread(network, school_counsellor):
    return start(network, school_counsellor, title="Internt i Oslo-nettverket", body="Bare for nettverket")


# starting a thread


def test_a_counsellor_starts_a_question_thread(client, school_counsellor, network):
    client.force_login(school_counsellor)
    url = reverse("forum:thread_create", kwargs={"slug": network.slug})
    assert client.get(url).status_code == 200

    response = client.post(
        url, {"title": "Hvordan gjør dere det?", "body": "Vi lurer på **dette**.", "is_question": "on"}
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response.url == thread.get_absolute_url()
    assert (thread.category, thread.author, thread.is_question) == (network, school_counsellor, True)
    assert thread.posts.get().body_html == "<p>Vi lurer på <strong>dette</strong>.</p>\n"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "", "body": "Tekst"}, "title", "Give the thread a title."),
        ({"title": "x" * 201, "body": "Tekst"}, "title", "The title can be at most 200 characters."),
        ({"title": "Tittel", "body": "   "}, "body", "Write something before you post."),
        ({"title": "Tittel", "body": "x" * (MAX_BODY + 1)}, "body", "A post can be at most 20,000 characters."),
    ],
)
def test_a_thread_with_bad_input_is_refused_at_the_field(client, school_counsellor, national, data, field, message):
    client.force_login(school_counsellor)

    response = client.post(reverse("forum:thread_create", kwargs={"slug": national.slug}), data)

    assert response.status_code == 200
    assert nb(message) in html(response)
    assert f'id="id_{field}_error"' in html(response)
    assert not Thread.objects.exists()


def test_the_announcement_category_refuses_ordinary_posters_with_a_message(
    client, school_counsellor, national_admin, announcements
):
    client.force_login(school_counsellor)
    url = reverse("forum:thread_create", kwargs={"slug": announcements.slug})
    assert url not in html(client.get(announcements.get_absolute_url()))

    for response in (client.get(url), client.post(url, {"title": "Hei", "body": "Hei"})):
        assert response.status_code == 403
        assert "Only moderators can start threads in this category." in html(response)
    assert not Thread.objects.exists()

    client.force_login(national_admin)
    assert client.post(url, {"title": "Nytt fra direktoratet", "body": "Les dette"}).status_code == 302
    assert Thread.objects.filter(category=announcements).count() == 1


# replying


def test_a_reply_lands_on_its_page_and_anchor(client, school_counsellor, colleague, network_thread):
    client.force_login(colleague)

    response = client.post(reverse("forum:reply", kwargs={"pk": network_thread.pk}), {"body": "Et *godt* svar"})

    post = Post.objects.get(thread=network_thread, number=2)
    assert response.status_code == 302
    assert response.url == network_thread.get_absolute_url() + "?page=1#post-2"
    assert post.author == colleague and post.body_html == "<p>Et <em>godt</em> svar</p>\n"


def test_quoting_prefills_the_reply_and_tells_the_quoted_author(client, school_counsellor, colleague, network):
    thread = start(network, colleague, body="Første innlegg")
    first = thread.posts.get()
    services.watch_set(user=colleague, thread=thread, level=WatchLevel.TRACKING)
    client.force_login(school_counsellor)

    response = client.get(thread.get_absolute_url() + f"?page=1&quote={first.pk}")

    form = response.context["reply_form"]
    assert form.initial["quote"] == first.pk
    assert "> Første innlegg" in form.initial["body"]
    assert f'name="quote" value="{first.pk}"' in html(response)

    client.post(
        reverse("forum:reply", kwargs={"pk": thread.pk}), {"body": form.initial["body"] + "Enig!", "quote": first.pk}
    )
    assert Notice.objects.filter(recipient=colleague, kind="forum.reply").count() == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [("", "Write something before you post."), ("x" * (MAX_BODY + 1), "A post can be at most 20,000 characters.")],
)
def test_an_empty_or_over_long_reply_is_refused_at_the_field(client, colleague, network_thread, body, message):
    client.force_login(colleague)

    response = client.post(reverse("forum:reply", kwargs={"pk": network_thread.pk}), {"body": body})

    assert response.status_code == 200
    assert nb(message) in html(response)
    assert 'id="id_body_error"' in html(response)
    assert network_thread.posts.count() == 1


def test_a_locked_thread_refuses_replies_with_a_message(client, colleague, centre_moderator, network_thread):
    services.thread_moderate(thread=network_thread, moderator=centre_moderator, action="lock")
    client.force_login(colleague)

    page = html(client.get(network_thread.get_absolute_url() + "?page=1"))
    assert nb("This thread is locked: no new replies.") in page
    assert reverse("forum:reply", kwargs={"pk": network_thread.pk}) not in page

    response = client.post(reverse("forum:reply", kwargs={"pk": network_thread.pk}), {"body": "Et svar til"})
    assert response.status_code == 200
    assert nb("This thread is locked: no new replies.") in html(response)
    assert network_thread.posts.count() == 1


def test_the_announcement_category_refuses_ordinary_replies(client, school_counsellor, national_admin, announcements):
    thread = start(announcements, national_admin, title="Ny forskrift")
    client.force_login(school_counsellor)
    assert nb("Only moderators can post in this category.") in html(client.get(thread.get_absolute_url()))
    response = client.post(reverse("forum:reply", kwargs={"pk": thread.pk}), {"body": "Takk!"})
    assert nb("Only moderators can post in this category.") in html(response)
    assert thread.posts.count() == 1


def test_the_eleventh_post_in_a_minute_is_refused_with_a_message(client, colleague, network_thread):
    client.force_login(colleague)
    url = reverse("forum:reply", kwargs={"pk": network_thread.pk})
    for n in range(10):
        assert client.post(url, {"body": f"Svar {n}"}).status_code == 302

    response = client.post(url, {"body": "Ett for mye"})

    assert nb("You can post at most 10 posts a minute. Wait a moment and try again.") in html(response)
    assert network_thread.posts.count() == 11


def test_an_outsider_cannot_reply_to_a_network_thread(client, outsider, network_thread):
    client.force_login(outsider)
    assert client.post(reverse("forum:reply", kwargs={"pk": network_thread.pk}), {"body": "Hei"}).status_code == 404
    assert network_thread.posts.count() == 1


def test_the_thread_watch_level_is_saved(client, colleague, outsider, network_thread):
    client.force_login(colleague)
    client.post(reverse("forum:thread_watch", kwargs={"pk": network_thread.pk}), {"level": WatchLevel.MUTED})
    assert Watch.objects.get(user=colleague, thread=network_thread).level == WatchLevel.MUTED
    client.force_login(outsider)
    response = client.post(reverse("forum:thread_watch", kwargs={"pk": network_thread.pk}), {"level": "watching"})
    assert response.status_code == 404


# editing, history and deleting


def test_the_author_edits_a_post_and_the_history_keeps_the_old_text(
    client, school_counsellor, colleague, outsider, network_thread
):
    post = network_thread.posts.get()
    url = reverse("forum:post_edit", kwargs={"pk": post.pk})
    client.force_login(school_counsellor)
    assert client.get(url).context["form"].initial["body"] == "Bare for nettverket"

    response = client.post(url, {"body": "Rettet tekst"})

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "Rettet tekst" and post.edited_at is not None
    assert PostRevision.objects.get(post=post).body == "Bare for nettverket"
    history_url = reverse("forum:post_history", kwargs={"pk": post.pk})
    assert history_url in html(client.get(network_thread.get_absolute_url() + "?page=1"))

    client.force_login(colleague)  # a reader of the thread sees the history, but may not edit
    history = html(client.get(history_url))
    assert "Bare for nettverket" in history and "Rettet tekst" in history
    assert client.get(url).status_code == 403
    assert client.post(url, {"body": "Kapret"}).status_code == 403
    client.force_login(outsider)
    assert client.get(history_url).status_code == 404
    assert client.get(url).status_code == 404
    post.refresh_from_db()
    assert post.body == "Rettet tekst"


def test_an_empty_edit_is_refused_at_the_field(client, school_counsellor, network_thread):
    post = network_thread.posts.get()
    client.force_login(school_counsellor)
    response = client.post(reverse("forum:post_edit", kwargs={"pk": post.pk}), {"body": ""})
    assert response.status_code == 200
    assert nb("Write something before you post.") in html(response)
    post.refresh_from_db()
    assert post.body == "Bare for nettverket"


def test_the_author_deletes_own_post_and_nobody_else_can(
    client, school_counsellor, colleague, outsider, network_thread
):
    post = reply(network_thread, colleague, body="Skal bort")
    url = reverse("forum:post_delete", kwargs={"pk": post.pk})
    client.force_login(outsider)
    assert client.post(url).status_code == 404
    client.force_login(school_counsellor)
    client.post(url)
    post.refresh_from_db()
    assert not post.is_deleted

    client.force_login(colleague)
    response = client.post(url)

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.is_deleted
    assert "Skal bort" not in html(client.get(network_thread.get_absolute_url() + "?page=1"))


def test_every_writing_form_shows_how_to_format_with_the_result_rendered(
    client, school_counsellor, national, network_thread
):
    post = network_thread.posts.get()
    client.force_login(school_counsellor)
    forms = [
        reverse("forum:thread_create", kwargs={"slug": national.slug}),
        network_thread.get_absolute_url() + "?page=1",
        reverse("forum:post_edit", kwargs={"pk": post.pk}),
    ]
    for url in forms:
        page = html(client.get(url))
        assert "How to format the text" in page, url
        assert "<code>**important**</code></td><td><strong>important</strong>" in page, url
        assert "Markdown: **bold**" not in page, url
