"""The forum's reading pages (who sees the forum, the index, category and thread pages, search),
each seen by someone who may and someone who may not.
"""

import importlib

import pytest
from django.conf import settings
from django.urls import reverse

from forum import services
from forum.models import Category, CategoryKind, Post, ReadState, Thread, Watch, WatchLevel
from forum.services.counters import recount_categories
from tests.forum.reading_support import bulk_posts, html, reply, start

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """These tests read the English source wording; the nb catalogue has its own test."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


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


def test_the_index_names_the_latest_thread_readers_see_never_a_hidden_one(
    client, school_counsellor, colleague, centre_moderator, network
):
    start(network, school_counsellor, title="Synlig tråd")
    thread = start(network, school_counsellor, title="Skjult tråd")
    services.thread_moderate(thread=thread, moderator=centre_moderator, action="hide", reason="Personopplysninger")
    for reader in (colleague, centre_moderator):  # moderators find hidden threads in the moderation queue
        client.force_login(reader)
        index = html(client.get(reverse("forum:index")))
        assert "Skjult tråd" not in index and "Synlig tråd" in index


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


def test_a_category_lists_25_threads_a_page_and_counts_what_the_reader_sees(
    client, school_counsellor, national_moderator, national
):
    for n in range(26):
        Thread.objects.create(category=national, title=f"Tråd {n}", author=school_counsellor, post_count=1)
    hidden = Thread.objects.create(category=national, title="Skjult", author=school_counsellor, is_hidden=True)
    recount_categories(Category.objects.filter(pk=national.pk))
    client.force_login(school_counsellor)
    response = client.get(national.get_absolute_url())
    assert len(response.context["page_obj"]) == 25
    assert "26 threads" in response.content.decode()
    assert [t.title for t in client.get(national.get_absolute_url() + "?page=2").context["page_obj"]] == ["Tråd 0"]

    # A moderator also sees the hidden thread, and the count says so.
    client.force_login(national_moderator)
    first = client.get(national.get_absolute_url())
    assert "27 threads" in first.content.decode()
    assert hidden.title in [t.title for t in first.context["page_obj"]]


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
    last = client.get(thread.get_absolute_url() + "?page=3")
    assert [p.number for p in last.context["posts"]] == list(range(41, 46))


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


def test_a_search_with_more_hits_than_it_lists_says_so_and_pages_through_the_best(
    client, school_counsellor, national, monkeypatch
):
    monkeypatch.setattr(importlib.import_module("forum.selectors.search"), "MAX_HITS", 25)
    thread = start(national, school_counsellor, title="Samtaler", body="Om samtalemodellen, første gang")
    Post.objects.bulk_create(
        Post(thread=thread, number=n, author=school_counsellor, body=f"Mer om samtalemodellen ({n})", body_html="")
        for n in range(2, 32)
    )
    client.force_login(school_counsellor)
    url = reverse("forum:search") + "?q=samtalemodellen"

    first = client.get(url)
    last = client.get(url + "&page=2")

    assert "More than 25 posts found. The best 25 are shown: add a word to narrow the search." in html(first)
    assert first.context["page_obj"].paginator.num_pages == 2
    shown = [p.pk for p in first.context["page_obj"]] + [p.pk for p in last.context["page_obj"]]
    assert len(shown) == len(set(shown)) == 25


def test_an_empty_search_shows_just_the_form(client, school_counsellor):
    client.force_login(school_counsellor)
    response = client.get(reverse("forum:search") + "?q=+")
    assert response.status_code == 200
    assert response.context["page_obj"] is None
    assert 'name="q"' in html(response)
