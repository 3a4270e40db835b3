"""The forum's reading and writing pages, each seen by someone who may and someone who may not."""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from core.markdown import render
from forum import services
from forum.models import Category, CategoryKind, Post, PostRevision, ReadState, Thread, Watch, WatchLevel
from forum.permissions import is_professional
from forum.services import MAX_BODY
from notifications.models import Notice
from portal.services import sync_portal_pages

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """These tests read the English source wording; the nb catalogue has its own test."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


XSS_TITLE = '<script>alert("t")</script><img src=x onerror=alert(1)>'
XSS_BODY = (
    "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[klikk](javascript:alert(3))\n\n"
    '<svg onload=alert(4)><script>alert(5)</script></svg>\n\n<a href="javascript:alert(6)">x</a> <b onclick=x>'
)


def nb(text):
    """A message as the Norwegian page shows it (the site's default language)."""
    with translation.override("nb"):
        return escape(str(text))


def html(response):
    return response.content.decode()


class _Tags(HTMLParser):
    """Every start tag and attribute of a page, as a browser would parse them."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_inert(page):
    """No script element, no event handler attribute and no javascript: URL anywhere on the page."""
    parser = _Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        assert tag not in {"script", "svg", "iframe", "object", "embed"}, (tag, attrs)
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), (tag, attrs)


def start(category, author, title="Hvordan veileder dere voksne?", body="Hei alle sammen", **kwargs):
    return services.thread_create(category=category, author=author, title=title, body=body, **kwargs)


def reply(thread, author, body="Et svar"):
    return services.post_create(thread=thread, author=author, body=body)


@pytest.fixture
def network_thread(network, school_counsellor):
    return start(network, school_counsellor, title="Internt i Oslo-nettverket", body="Bare for nettverket")


# who sees the forum at all

FORUM_PAGES = [
    ("forum:index", {}),
    ("forum:search", {}),
    ("forum:category", {"slug": "praksis"}),
    ("forum:thread_create", {"slug": "praksis"}),
    ("forum:thread", {"pk": 1}),
    ("forum:post_edit", {"pk": 1}),
    ("forum:post_history", {"pk": 1}),
]
FORUM_ACTIONS = [
    ("forum:category_watch", {"slug": "praksis"}),
    ("forum:reply", {"pk": 1}),
    ("forum:thread_watch", {"pk": 1}),
    ("forum:accept", {"pk": 1, "post_pk": 1}),
    ("forum:post_delete", {"pk": 1}),
]


@pytest.mark.parametrize(("name", "kwargs"), FORUM_PAGES + FORUM_ACTIONS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, national, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    response = client.post(url) if (name, kwargs) in FORUM_ACTIONS else client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize(("name", "kwargs"), FORUM_PAGES + FORUM_ACTIONS)
def test_signed_in_users_who_are_not_professionals_get_a_page_that_explains(client, plain_user, national, name, kwargs):
    client.force_login(plain_user)
    url = reverse(name, kwargs=kwargs)
    response = client.post(url) if (name, kwargs) in FORUM_ACTIONS else client.get(url)
    assert response.status_code == 403
    assert "The forum is for professionals" in html(response)
    assert reverse("profile") in html(response)


def test_the_header_links_to_the_forum_for_professionals_only(client, school_counsellor, plain_user):
    client.force_login(school_counsellor)
    assert f'href="{reverse("forum:index")}"' in html(client.get(reverse("dashboard")))
    client.force_login(plain_user)
    assert f'href="{reverse("forum:index")}"' not in html(client.get(reverse("dashboard")))


# the index


def test_the_index_groups_readable_categories_by_kind_with_their_counters(
    client, school_counsellor, national, county_category, network, group
):
    thread = start(network, school_counsellor, title="Siste tråd i nettverket")
    reply(thread, school_counsellor)
    client.force_login(school_counsellor)

    response = client.get(reverse("forum:index"))

    assert response.status_code == 200
    sections = response.context["sections"]
    assert [s["kind"] for s in sections] == [CategoryKind.NATIONAL, CategoryKind.COUNTY, CategoryKind.CENTRE]
    page = html(response)
    assert national.name in page and county_category.name in page and network.name in page
    assert group.name not in page  # not a member of the group
    assert "Siste tråd i nettverket" in page
    network_row = next(c for s in sections for c in s["categories"] if c.pk == network.pk)
    assert (network_row.thread_count, network_row.post_count) == (1, 2)
    assert f'action="{reverse("forum:search")}"' in page


def test_the_index_hides_the_network_from_an_outsider(client, outsider, school_counsellor, national, network):
    start(network, school_counsellor, title="Hemmelig nettverkstråd")
    client.force_login(outsider)

    page = html(client.get(reverse("forum:index")))

    assert national.name in page
    assert network.name not in page
    assert "Hemmelig nettverkstråd" not in page


def test_the_index_links_moderators_to_the_moderation_queue_and_nobody_else(
    client, centre_moderator, school_counsellor, network
):
    client.force_login(centre_moderator)
    assert reverse("forum:moderation") in html(client.get(reverse("forum:index")))
    client.force_login(school_counsellor)
    assert reverse("forum:moderation") not in html(client.get(reverse("forum:index")))


def test_the_index_does_not_name_a_hidden_last_thread_to_ordinary_readers(
    client, school_counsellor, colleague, centre_moderator, network
):
    thread = start(network, school_counsellor, title="Skjult tråd")
    services.thread_moderate(thread=thread, moderator=centre_moderator, action="hide", reason="Personopplysninger")
    client.force_login(colleague)
    assert "Skjult tråd" not in html(client.get(reverse("forum:index")))
    client.force_login(centre_moderator)
    assert "Skjult tråd" in html(client.get(reverse("forum:index")))


# the category page


def test_a_category_lists_pinned_threads_first_with_unread_question_and_solved_markers(
    client, school_counsellor, colleague, national_admin, national
):
    old = start(national, colleague, title="Gammel festet tråd")
    question = start(national, colleague, title="Et spørsmål", is_question=True)
    solved = start(national, colleague, title="Et løst spørsmål", is_question=True)
    answer = reply(solved, school_counsellor, body="Svaret")
    services.answer_accept(thread=solved, post=answer, actor=colleague)
    services.thread_moderate(thread=old, moderator=national_admin, action="pin")
    client.force_login(school_counsellor)

    response = client.get(national.get_absolute_url())

    assert response.status_code == 200
    threads = list(response.context["page_obj"])
    assert threads[0] == old
    by_pk = {t.pk: t for t in threads}
    assert by_pk[question.pk].has_unread  # never opened
    assert not by_pk[solved.pk].has_unread  # replied there, so read to the end
    page = html(response)
    assert "New posts" in page and "Pinned" in page and "Question" in page and "Solved" in page
    assert reverse("forum:thread_create", kwargs={"slug": national.slug}) in page


def test_the_unsolved_filter_keeps_only_open_questions(client, school_counsellor, colleague, national):
    start(national, colleague, title="Bare en prat")
    start(national, colleague, title="Åpent spørsmål", is_question=True)
    solved = start(national, colleague, title="Løst spørsmål", is_question=True)
    services.answer_accept(thread=solved, post=reply(solved, school_counsellor), actor=colleague)
    client.force_login(school_counsellor)

    response = client.get(national.get_absolute_url() + "?unsolved=1")

    assert [t.title for t in response.context["page_obj"]] == ["Åpent spørsmål"]


def test_a_category_lists_25_threads_a_page(client, school_counsellor, national):
    for n in range(26):
        Thread.objects.create(category=national, title=f"Tråd {n}", author=school_counsellor, post_count=1)
    client.force_login(school_counsellor)
    response = client.get(national.get_absolute_url())
    assert len(response.context["page_obj"]) == 25
    assert len(client.get(national.get_absolute_url() + "?page=2").context["page_obj"]) == 1


def test_a_network_category_is_not_found_for_an_outsider(client, outsider, school_counsellor, network):
    client.force_login(outsider)
    assert client.get(network.get_absolute_url()).status_code == 404
    assert client.get(reverse("forum:thread_create", kwargs={"slug": network.slug})).status_code == 404
    client.force_login(school_counsellor)
    assert client.get(network.get_absolute_url()).status_code == 200


def test_the_category_watch_level_is_saved_and_shown(client, school_counsellor, national, outsider, network):
    client.force_login(school_counsellor)
    url = reverse("forum:category_watch", kwargs={"slug": national.slug})

    response = client.post(url, {"level": WatchLevel.WATCHING})

    assert response.status_code == 302
    assert Watch.objects.get(user=school_counsellor, category=national).level == WatchLevel.WATCHING
    assert client.get(national.get_absolute_url()).context["watch_form"].initial == {"level": "watching"}
    client.post(url, {"level": "everything"})
    assert Watch.objects.get(user=school_counsellor, category=national).level == WatchLevel.WATCHING
    client.force_login(outsider)
    assert (
        client.post(reverse("forum:category_watch", kwargs={"slug": network.slug}), {"level": "muted"}).status_code
        == 404
    )
    assert not Watch.objects.filter(user=outsider).exists()


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


# the thread page


def test_a_member_reads_a_thread_and_an_outsider_gets_404(client, school_counsellor, outsider, network_thread):
    client.force_login(outsider)
    assert client.get(network_thread.get_absolute_url()).status_code == 404
    assert client.get(network_thread.get_absolute_url() + "?page=1").status_code == 404
    client.force_login(school_counsellor)
    response = client.get(network_thread.get_absolute_url())
    assert response.status_code == 200
    assert "Bare for nettverket" in html(response)


def test_a_link_to_a_post_lands_on_its_page_and_anchor(client, school_counsellor, colleague, national):
    thread = start(national, colleague)
    Post.objects.bulk_create(
        Post(thread=thread, number=n, author=colleague, body=f"Innlegg {n}", body_html=f"<p>Innlegg {n}</p>")
        for n in range(2, 46)
    )
    Thread.objects.filter(pk=thread.pk).update(post_count=45)
    client.force_login(school_counsellor)

    response = client.get(thread.get_absolute_url() + "?post=25")

    assert response.status_code == 302
    assert response.url == thread.get_absolute_url() + "?page=2#post-25"
    page = client.get(response.url)
    assert [p.number for p in page.context["posts"]] == list(range(21, 41))
    assert 'id="post-25"' in html(page)


def test_opening_a_thread_jumps_to_the_first_unread_post_and_marks_the_page_read(
    client, school_counsellor, colleague, national
):
    thread = start(national, colleague)
    bulk_posts(thread, colleague, 2, 24)
    ReadState.objects.create(user=school_counsellor, thread=thread, last_read_number=21)
    client.force_login(school_counsellor)

    response = client.get(thread.get_absolute_url())

    assert response.status_code == 302
    assert response.url == thread.get_absolute_url() + "?page=2#post-22"
    client.get(response.url)
    assert ReadState.objects.get(user=school_counsellor, thread=thread).last_read_number == 25


def test_a_first_visit_starts_at_the_top_and_marks_what_was_shown(client, school_counsellor, colleague, national):
    thread = start(national, colleague)
    reply(thread, colleague)
    client.force_login(school_counsellor)

    response = client.get(thread.get_absolute_url())

    assert response.status_code == 200
    assert ReadState.objects.get(user=school_counsellor, thread=thread).last_read_number == 2


def test_deleted_and_hidden_posts_keep_their_place_without_their_text(
    client, school_counsellor, colleague, centre_moderator, network_thread
):
    deleted = reply(network_thread, colleague, body="Angret innlegg")
    hidden = reply(network_thread, colleague, body="Navn på en veisøker")
    services.post_delete(post=deleted, actor=colleague)
    services.post_set_hidden(post=hidden, moderator=centre_moderator, hidden=True, reason="Personopplysninger")
    url = network_thread.get_absolute_url() + "?page=1"

    client.force_login(school_counsellor)
    page = html(client.get(url))
    assert "This post is deleted." in page and "Angret innlegg" not in page
    assert "This post is hidden by a moderator." in page and "Navn på en veisøker" not in page
    assert client.get(reverse("forum:post_history", kwargs={"pk": hidden.pk})).status_code == 404

    client.force_login(centre_moderator)
    page = html(client.get(url))
    assert "Navn på en veisøker" in page
    assert "Hidden by a moderator: only moderators see this text." in page
    assert "Angret innlegg" not in page
    assert reverse("forum:post_moderate", kwargs={"pk": hidden.pk}) in page


def test_the_accepted_answer_is_shown_under_the_question(client, school_counsellor, colleague, outsider, network):
    thread = start(network, school_counsellor, is_question=True)
    answer = reply(thread, colleague, body="Vi bruker samtalemodellen.")
    client.force_login(school_counsellor)

    page = html(client.get(thread.get_absolute_url() + "?page=1"))
    accept_url = reverse("forum:accept", kwargs={"pk": thread.pk, "post_pk": answer.pk})
    assert accept_url in page

    response = client.post(accept_url)

    assert response.status_code == 302
    assert response.url == thread.get_absolute_url() + "?page=1#post-2"
    thread.refresh_from_db()
    assert thread.accepted_post == answer
    response = client.get(thread.get_absolute_url() + "?page=1")
    assert response.context["answer"] == answer
    page = html(response)
    assert "Accepted answer" in page and f'href="/forum/t/{thread.pk}/?page=1#post-2"' in page
    assert page.index('id="answer-heading"') < page.index('id="post-2"')


def test_only_the_asker_or_a_moderator_may_mark_the_answer(
    client, school_counsellor, colleague, centre_moderator, outsider, network
):
    thread = start(network, school_counsellor, is_question=True)
    answer = reply(thread, colleague)
    url = reverse("forum:accept", kwargs={"pk": thread.pk, "post_pk": answer.pk})

    client.force_login(colleague)
    assert url not in html(client.get(thread.get_absolute_url() + "?page=1"))
    client.post(url)
    thread.refresh_from_db()
    assert thread.accepted_post is None
    client.force_login(outsider)
    assert client.post(url).status_code == 404

    client.force_login(centre_moderator)
    client.post(url)
    thread.refresh_from_db()
    assert thread.accepted_post == answer


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


# search


def test_search_finds_what_the_user_may_read_and_nothing_else(client, school_counsellor, outsider, national, network):
    start(national, school_counsellor, title="Karriereveiledning for voksne", body="Om samtalemodellen i praksis")
    start(network, school_counsellor, title="Internt", body="Samtalemodellen i Oslo-nettverket")
    url = reverse("forum:search") + "?q=samtalemodellen"

    client.force_login(school_counsellor)
    response = client.get(url)
    assert response.status_code == 200
    results = list(response.context["page_obj"])
    assert {p.thread.category for p in results} == {national, network}
    page = html(response)
    assert "<mark>" in page
    assert "?page=1#post-1" in page

    client.force_login(outsider)
    response = client.get(url)
    assert [p.thread.category for p in response.context["page_obj"]] == [national]
    assert "Oslo-nettverket" not in html(response)


def test_a_search_without_matches_says_so(client, school_counsellor, national):
    start(national, school_counsellor, title="Karriereveiledning for voksne", body="Om samtalemodellen")
    client.force_login(school_counsellor)

    page = html(client.get(reverse("forum:search") + "?q=ordsomikkefinnes"))

    assert '<p class="ds-paragraph" role="status">0 posts found</p>' in page
    assert "No posts match your search. Try other or fewer words." in page


def test_an_empty_search_shows_just_the_form(client, school_counsellor):
    client.force_login(school_counsellor)
    response = client.get(reverse("forum:search") + "?q=+")
    assert response.status_code == 200
    assert response.context["page_obj"] is None
    assert 'name="q"' in html(response)


# hostile input


def test_script_payloads_in_titles_and_bodies_render_inert_on_every_page(client, school_counsellor, national):
    thread = start(national, school_counsellor, title=XSS_TITLE, body=XSS_BODY + "\n\nalert")
    services.post_edit(post=thread.posts.get(), editor=school_counsellor, body=XSS_BODY + "\n\nalert endret")
    client.force_login(school_counsellor)
    post = thread.posts.get()
    pages = [
        reverse("forum:index"),
        national.get_absolute_url(),
        thread.get_absolute_url() + "?page=1",
        thread.get_absolute_url() + f"?page=1&quote={post.pk}",
        reverse("forum:post_history", kwargs={"pk": post.pk}),
        reverse("forum:post_edit", kwargs={"pk": post.pk}),
        reverse("forum:search") + "?q=alert",
        reverse("forum:search") + "?q=" + "<script>alert(1)</script>",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(html(response))
    assert escape(XSS_TITLE) in html(client.get(national.get_absolute_url()))


# query budgets


def bulk_threads(category, author, start, count):
    now = timezone.now()
    threads = Thread.objects.bulk_create(
        Thread(
            category=category,
            title=f"Tråd {n}",
            author=author,
            is_question=n % 3 == 0,
            is_pinned=n % 50 == 0,
            post_count=2,
            last_post_at=now,
            last_post_author=author,
        )
        for n in range(start, start + count)
    )
    Post.objects.bulk_create(
        Post(thread=t, number=1, author=author, body="Innlegg", body_html="<p>Innlegg</p>") for t in threads
    )
    Category.objects.filter(pk=category.pk).update(
        thread_count=category.thread_count + count, last_thread=threads[-1], last_post_at=now
    )
    category.thread_count += count


def bulk_posts(thread, author, start, count):
    Post.objects.bulk_create(
        Post(thread=thread, number=n, author=author, body=f"Innlegg {n}", body_html=render(f"Innlegg **{n}**"))
        for n in range(start, start + count)
    )
    Thread.objects.filter(pk=thread.pk).update(post_count=start + count - 1)


def queries_for(client, url):
    client.get(url)  # the first request of a session does its own bookkeeping
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries), "\n".join(q["sql"] for q in captured.captured_queries)


def many_authors(count):
    return get_user_model().objects.bulk_create(
        get_user_model()(email=f"forfatter{n}@example.org", full_name=f"Forfatter {n}") for n in range(count)
    )


# Every signed-in page pays 6 queries before the forum asks anything: the session and the user,
# the header's unread-notice count and saving the session (3, with its savepoint).
# The forum's own share: the reader's reach (5: roles, profile, centres, groups), then
# index 1 (categories with their last thread and its author);
# category 4 (category, COUNT, threads with read state, watch level);
# thread 5 (thread with its accepted answer, posts, watch level, read state read and moved on;
# the COUNT comes from the thread's counter).
REQUEST_OVERHEAD = 6
INDEX_BUDGET = REQUEST_OVERHEAD + 6
CATEGORY_BUDGET = REQUEST_OVERHEAD + 9
THREAD_BUDGET = REQUEST_OVERHEAD + 10


def test_the_index_costs_the_same_for_10_and_1000_threads(
    client, school_counsellor, national, county_category, network, django_assert_max_num_queries
):
    client.force_login(school_counsellor)
    categories = [national, county_category, network]
    for n, category in enumerate(categories):
        bulk_threads(category, school_counsellor, n * 10, 4)
    few, sql = queries_for(client, reverse("forum:index"))
    for n, category in enumerate(categories):
        bulk_threads(category, school_counsellor, 100 + n * 1000, 330)
    many, sql_many = queries_for(client, reverse("forum:index"))
    assert many == few, sql_many
    with django_assert_max_num_queries(INDEX_BUDGET):
        client.get(reverse("forum:index"))
    print(f"index: {many} queries")


def test_the_category_page_costs_the_same_for_10_and_1000_threads(
    client, school_counsellor, national, django_assert_max_num_queries
):
    client.force_login(school_counsellor)
    authors = many_authors(25)
    bulk_threads(national, school_counsellor, 0, 10)
    few, sql = queries_for(client, national.get_absolute_url())
    for n, author in enumerate(authors):
        bulk_threads(national, author, 100 + n * 40, 40)
    ReadState.objects.bulk_create(
        ReadState(user=school_counsellor, thread=t, last_read_number=1) for t in Thread.objects.all()[:500]
    )
    many, sql_many = queries_for(client, national.get_absolute_url())
    assert many == few, sql_many
    with django_assert_max_num_queries(CATEGORY_BUDGET):
        client.get(national.get_absolute_url() + "?unsolved=1")
    print(f"category: {many} queries")


def test_the_thread_page_costs_the_same_for_10_and_1000_posts(
    client, school_counsellor, colleague, national, django_assert_max_num_queries
):
    thread = start(national, colleague, is_question=True)
    bulk_posts(thread, colleague, 2, 9)
    client.force_login(school_counsellor)
    answer = Post.objects.get(thread=thread, number=5)
    services.answer_accept(thread=thread, post=answer, actor=colleague)
    url = thread.get_absolute_url() + "?page=1"
    few, sql = queries_for(client, url)
    authors = many_authors(20)
    Post.objects.bulk_create(
        Post(thread=thread, number=n, author=authors[n % 20], body="x", body_html="<p>x</p>") for n in range(11, 1001)
    )
    Thread.objects.filter(pk=thread.pk).update(post_count=1000)
    many, sql_many = queries_for(client, url)
    assert many == few, sql_many
    last_page = thread.get_absolute_url() + "?page=50"
    with django_assert_max_num_queries(THREAD_BUDGET):
        client.get(last_page)
    print(f"thread: {many} queries")


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("school_counsellor", True), ("centre_moderator", True), ("national_admin", True), ("plain_user", False)],
)
def test_the_header_rule_agrees_with_the_forum_permission(client, request, persona, expected):
    user = request.getfixturevalue(persona)
    assert is_professional(user) is expected
    sync_portal_pages()  # the front page is the portal's home page
    client.force_login(user)
    assert (f'href="{reverse("forum:index")}"' in html(client.get(reverse("home")))) is expected
