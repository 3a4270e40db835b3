"""The forum API (/api/v1/forum/): categories, threads and posts, the same rules as the pages, from every side.

Members, outsiders (a counsellor outside the Oslo network), anonymous visitors and signed-in
users who are not professionals; bad input that changes nothing; the schema; and a
short journey through the API alone.
"""

import pytest
import yaml
from rest_framework.test import APIClient

from core.phrases import verbatim
from forum import services
from forum.models import Post, ReadState, Thread, Watch, WatchLevel
from notifications.models import Notice
from notifications.services import notice_send
from tests.forum.api_support import (
    BASE,
    CATEGORIES,
    FLAGS,
    NOTIFICATIONS,
    READ_ALL,
    THREADS,
    WATCHING,
    as_user,
    forum_state,
    ids,
    posts_url,
    read_url,
)

pytestmark = pytest.mark.django_db


def thread_url(thread):
    return f"{THREADS}{thread.pk}/"


def post_url(post):
    return f"{BASE}posts/{post.pk}/"


@pytest.fixture
def network_thread(network, school_counsellor):
    return services.thread_create(
        category=network, author=school_counsellor, title="Voksne innvandrere", body="Hvordan gjør dere det?"
    )


# who may use the API at all


def every_endpoint(thread, post, notice):
    return [
        ("get", CATEGORIES, None),
        ("get", THREADS, None),
        ("post", THREADS, {"category": "praksis", "title": "Hei", "body": "Hei"}),
        ("get", thread_url(thread), None),
        ("get", posts_url(thread), None),
        ("post", posts_url(thread), {"body": "Svar"}),
        ("patch", post_url(post), {"body": "Endret"}),
        ("post", FLAGS, {"post": post.pk, "reason": "spam"}),
        ("get", NOTIFICATIONS, None),
        ("post", read_url(notice), None),
        ("post", READ_ALL, None),
        ("put", WATCHING, {"thread": thread.pk, "level": "muted"}),
    ]


def test_anonymous_visitors_are_refused_everywhere_and_change_nothing(national_thread, notice):
    before = forum_state()
    api = APIClient()
    for method, url, payload in every_endpoint(national_thread, national_thread.posts.get(), notice):
        response = getattr(api, method)(url, payload, format="json")
        assert response.status_code in (401, 403), (method, url)
    assert forum_state() == before
    assert Notice.objects.get(pk=notice.pk).read_at is None


def test_signed_in_users_who_are_not_professionals_get_403_everywhere(plain_user, national_thread, notice):
    own_notice = notice_send(recipient=plain_user, kind="register.membership", title=verbatim("Rolle fjernet"))
    before = forum_state()
    client = as_user(plain_user)
    for method, url, payload in every_endpoint(national_thread, national_thread.posts.get(), own_notice):
        response = getattr(client, method)(url, payload, format="json")
        assert response.status_code == 403, (method, url)
        assert response.json()["detail"] == "The forum is open to counsellors and centre staff only."
    assert forum_state() == before
    assert Notice.objects.get(pk=own_notice.pk).read_at is None


# categories


def test_categories_list_what_i_may_read_with_their_counters(
    school_counsellor, outsider, national, network, county_category, group, announcements, network_thread
):
    mine = as_user(school_counsellor).get(CATEGORIES)
    assert mine.status_code == 200
    by_slug = {c["slug"]: c for c in mine.json()}
    assert set(by_slug) == {"praksis", "oslo-nettverk", "oslo-fylke", "kunngjoringer"}
    assert by_slug["oslo-nettverk"]["thread_count"] == 1
    assert by_slug["oslo-nettverk"]["post_count"] == 1
    assert by_slug["oslo-nettverk"]["last_thread"] == {"id": network_thread.pk, "title": "Voksne innvandrere"}
    assert by_slug["oslo-nettverk"]["centre"] == "karriere-oslo-test"
    assert by_slug["oslo-fylke"]["county"] == "03"
    assert by_slug["kunngjoringer"]["can_start_thread"] is False
    assert by_slug["kunngjoringer"]["is_announcement"] is True
    assert by_slug["praksis"]["can_start_thread"] is True

    theirs = {c["slug"]: c for c in as_user(outsider).get(CATEGORIES).json()}
    assert "oslo-nettverk" not in theirs and "veiledning-av-innvandrere" not in theirs
    # Every professional reads the county categories, but only the county's members start threads.
    assert theirs["oslo-fylke"]["can_start_thread"] is False


def test_private_groups_are_listed_for_their_members_only(school_counsellor, colleague, group):
    group.group_memberships.create(user=school_counsellor)
    assert group.pk in ids(as_user(school_counsellor).get(CATEGORIES))

    outside = as_user(colleague)
    assert group.pk not in ids(outside.get(CATEGORIES))
    response = outside.post(THREADS, {"category": group.slug, "title": "Hei", "body": "Hei"}, format="json")
    assert response.json()["category"] == ["Choose a category you can read."]


def test_a_hidden_latest_thread_is_named_to_no_one_and_its_posts_are_not_counted(
    school_counsellor, colleague, centre_moderator, network, network_thread
):
    services.thread_moderate(thread=network_thread, moderator=centre_moderator, action="hide", reason="Navn")

    for reader in (colleague, centre_moderator):
        category = {c["slug"]: c for c in as_user(reader).get(CATEGORIES).json()}["oslo-nettverk"]
        assert (category["last_thread"], category["thread_count"], category["post_count"]) == (None, 0, 0)


# threads: reading


def test_outsiders_never_see_network_threads_in_lists_or_by_id(outsider, network_thread, national_thread):
    client = as_user(outsider)

    assert ids(client.get(THREADS)) == {national_thread.pk}
    for query in ("oslo-nettverk", str(network_thread.category_id)):
        response = client.get(THREADS, {"category": query})
        assert response.status_code == 200
        assert response.json()["results"] == []
    assert ids(client.get(THREADS, {"q": "innvandrere"})) == set()
    assert client.get(thread_url(network_thread)).status_code == 404
    assert client.get(posts_url(network_thread)).status_code == 404
    assert client.get(f"{THREADS}999999/").status_code == 404
    assert client.get(f"{THREADS}999999/posts/").status_code == 404


def test_members_read_network_threads_by_list_and_by_id(colleague, network_thread, national_thread):
    client = as_user(colleague)

    assert ids(client.get(THREADS)) == {network_thread.pk, national_thread.pk}
    detail = client.get(thread_url(network_thread))
    assert detail.status_code == 200
    assert detail.json()["category"]["slug"] == "oslo-nettverk"
    assert detail.json()["has_unread"] is True


def test_the_thread_list_filters_by_category_slug_or_id_unsolved_and_title(
    school_counsellor, colleague, network, national, network_thread, national_thread
):
    question = services.thread_create(
        category=national, author=school_counsellor, title="Hvem kan svare?", body="Spørsmål", is_question=True
    )
    solved = services.thread_create(
        category=national, author=school_counsellor, title="Løst spørsmål", body="Spørsmål", is_question=True
    )
    reply = services.post_create(thread=solved, author=colleague, body="Svaret")
    services.answer_accept(thread=solved, post=reply, actor=school_counsellor)
    client = as_user(school_counsellor)

    assert ids(client.get(THREADS, {"category": "oslo-nettverk"})) == {network_thread.pk}
    assert ids(client.get(THREADS, {"category": national.pk})) == {national_thread.pk, question.pk, solved.pk}
    assert ids(client.get(THREADS, {"unsolved": "true"})) == {question.pk}
    assert ids(client.get(THREADS, {"unsolved": "true", "category": "oslo-nettverk"})) == set()
    assert ids(client.get(THREADS, {"q": "  KARRIEREverktøy "})) == {national_thread.pk}
    assert ids(client.get(THREADS, {"category": "finnes-ikke"})) == set()
    solved_row = next(t for t in client.get(THREADS).json()["results"] if t["id"] == solved.pk)
    assert (solved_row["is_solved"], solved_row["accepted_post"], solved_row["reply_count"]) == (True, reply.pk, 1)


def test_hidden_threads_are_gone_for_members_and_kept_for_moderators(colleague, centre_moderator, network_thread):
    services.thread_moderate(thread=network_thread, moderator=centre_moderator, action="hide", reason="Spam")

    member = as_user(colleague)
    assert network_thread.pk not in ids(member.get(THREADS))
    assert member.get(posts_url(network_thread)).status_code == 404
    assert member.post(posts_url(network_thread), {"body": "Hallo?"}, format="json").status_code == 404

    moderator = as_user(centre_moderator)
    rows = {t["id"]: t for t in moderator.get(THREADS).json()["results"]}
    assert rows[network_thread.pk]["is_hidden"] is True
    assert moderator.get(posts_url(network_thread)).status_code == 200


# posts: reading


def test_posts_come_20_a_page_and_reading_a_page_marks_it_read(school_counsellor, colleague, national_thread):
    Post.objects.bulk_create(
        Post(thread=national_thread, number=n, author=colleague, body=f"Svar {n}", body_html=f"<p>Svar {n}</p>")
        for n in range(2, 26)
    )
    Thread.objects.filter(pk=national_thread.pk).update(post_count=25)
    client = as_user(school_counsellor)

    first = client.get(posts_url(national_thread))
    assert first.status_code == 200
    assert first.json()["count"] == 25
    assert [p["number"] for p in first.json()["results"]] == list(range(1, 21))
    assert ReadState.objects.get(user=school_counsellor, thread=national_thread).last_read_number == 20
    assert client.get(thread_url(national_thread)).json()["has_unread"] is True

    second = client.get(posts_url(national_thread), {"page": 2})
    assert [p["number"] for p in second.json()["results"]] == list(range(21, 26))
    assert client.get(thread_url(national_thread)).json()["has_unread"] is False
    # Going back a page does not move the marker backwards.
    client.get(posts_url(national_thread))
    assert ReadState.objects.get(user=school_counsellor, thread=national_thread).last_read_number == 25


def test_hidden_and_deleted_posts_keep_their_place_without_their_text_except_for_moderators(
    school_counsellor, colleague, centre_moderator, network_thread
):
    hidden = services.post_create(thread=network_thread, author=colleague, body="Elevens fulle navn")
    services.post_set_hidden(post=hidden, moderator=centre_moderator, hidden=True, reason="Personopplysninger")
    deleted = services.post_create(thread=network_thread, author=colleague, body="Angret")
    services.post_delete(post=deleted, actor=colleague)

    rows = {p["id"]: p for p in as_user(school_counsellor).get(posts_url(network_thread)).json()["results"]}
    assert (rows[hidden.pk]["is_hidden"], rows[hidden.pk]["body"], rows[hidden.pk]["body_html"]) == (True, None, None)
    assert (rows[deleted.pk]["is_deleted"], rows[deleted.pk]["body"]) == (True, None)
    assert "Elevens fulle navn" not in str(rows)

    moderated = {p["id"]: p for p in as_user(centre_moderator).get(posts_url(network_thread)).json()["results"]}
    assert moderated[hidden.pk]["body"] == "Elevens fulle navn"
    assert moderated[deleted.pk]["body"] == "Angret"


def test_post_html_is_sanitised(school_counsellor, national):
    thread = services.thread_create(
        category=national,
        author=school_counsellor,
        title="XSS",
        body="<script>alert(1)</script>[x](javascript:alert(2))",
    )
    post = as_user(school_counsellor).get(posts_url(thread)).json()["results"][0]
    assert "<script" not in post["body_html"]
    assert 'href="javascript' not in post["body_html"]


# threads and posts: writing


def test_a_member_starts_a_question_thread_through_the_service(school_counsellor, colleague, network):
    response = as_user(school_counsellor).post(
        THREADS,
        {"category": "oslo-nettverk", "title": "  Hvem har erfaring? ", "body": "Hei @senter", "is_question": True},
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    thread = Thread.objects.get(pk=body["id"])
    assert (thread.title, thread.is_question, thread.post_count, body["has_unread"]) == (
        "Hvem har erfaring?",
        True,
        1,
        False,
    )
    assert Watch.objects.get(user=school_counsellor, thread=thread).level == WatchLevel.WATCHING
    assert Notice.objects.filter(recipient=colleague, kind="forum.mention").count() == 1
    network.refresh_from_db()
    assert network.thread_count == 1


def test_a_thread_can_be_started_with_the_category_id(school_counsellor, national):
    response = as_user(school_counsellor).post(
        THREADS, {"category": str(national.pk), "title": "Med id", "body": "Tekst"}, format="json"
    )
    assert response.status_code == 201
    assert Thread.objects.get().category == national


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"category": "praksis", "title": "Tittel", "body": ""}, "body", "Write something before you post."),
        ({"category": "praksis", "title": "Tittel", "body": "   \n "}, "body", "Write something before you post."),
        (
            {"category": "praksis", "title": "Tittel", "body": "x" * 20001},
            "body",
            "A post can be at most 20,000 characters.",
        ),
        ({"category": "praksis", "title": "  ", "body": "Tekst"}, "title", "Give the thread a title."),
        (
            {"category": "praksis", "title": "t" * 201, "body": "Tekst"},
            "title",
            "The title can be at most 200 characters.",
        ),
        ({"category": "praksis", "title": "Tittel"}, "body", "This field is required."),
        ({"title": "Tittel", "body": "Tekst"}, "category", "This field is required."),
        ({"category": "finnes-ikke", "title": "T", "body": "Tekst"}, "category", "Choose a category you can read."),
        ({"category": "oslo-nettverk", "title": "T", "body": "Tekst"}, "category", "Choose a category you can read."),
    ],
)
def test_bad_threads_are_a_400_at_the_field_and_change_nothing(outsider, national, network, payload, field, message):
    before = forum_state()

    response = as_user(outsider).post(THREADS, payload, format="json")

    assert response.status_code == 400
    assert response.json()[field] == [message]
    assert forum_state() == before


def test_only_moderators_start_threads_in_announcement_categories(school_counsellor, announcements):
    response = as_user(school_counsellor).post(
        THREADS, {"category": "kunngjoringer", "title": "Hei", "body": "Hei"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "You cannot start threads in this category."
    assert not Thread.objects.exists()


def test_a_member_replies_and_the_quoted_author_is_told(school_counsellor, colleague, network_thread):
    services.watch_set(user=school_counsellor, thread=network_thread, level=WatchLevel.TRACKING)
    first = network_thread.posts.get()

    response = as_user(colleague).post(
        posts_url(network_thread), {"body": "> Hvordan gjør dere det?\n\nSånn.", "quote_of": first.pk}, format="json"
    )

    assert response.status_code == 201, response.json()
    assert response.json()["number"] == 2
    assert response.json()["can_edit"] is True
    assert Notice.objects.filter(recipient=school_counsellor, kind="forum.reply").count() == 1


def test_a_quote_must_be_of_a_post_in_the_same_thread(school_counsellor, network_thread, national_thread):
    before = forum_state()
    client = as_user(school_counsellor)
    for quote in (national_thread.posts.get().pk, 999999, "abc"):
        response = client.post(posts_url(network_thread), {"body": "Svar", "quote_of": quote}, format="json")
        assert response.status_code == 400
        assert "quote_of" in response.json()
    assert forum_state() == before


def test_outsiders_cannot_reply_to_network_threads(outsider, network_thread):
    before = forum_state()
    response = as_user(outsider).post(posts_url(network_thread), {"body": "Hei fra Vestland"}, format="json")
    assert response.status_code == 404
    assert forum_state() == before


@pytest.mark.parametrize(("body", "message"), [("", "Write something before you post."), ("x" * 20001, None)])
def test_empty_and_over_long_replies_are_refused(colleague, network_thread, body, message):
    before = forum_state()
    response = as_user(colleague).post(posts_url(network_thread), {"body": body}, format="json")
    assert response.status_code == 400
    assert response.json()["body"] == [message or "A post can be at most 20,000 characters."]
    assert forum_state() == before


def test_a_locked_thread_refuses_replies_with_the_reason(colleague, centre_moderator, network_thread):
    services.thread_moderate(thread=network_thread, moderator=centre_moderator, action="lock", reason="Ferdig")
    before = forum_state()

    response = as_user(colleague).post(posts_url(network_thread), {"body": "Et svar til"}, format="json")

    assert response.status_code == 403
    assert response.json()["detail"] == "This thread is locked: no new replies."
    assert forum_state() == before
    # The thread's moderator still may.
    by_moderator = as_user(centre_moderator).post(posts_url(network_thread), {"body": "Låst."}, format="json")
    assert by_moderator.status_code == 201


def test_the_eleventh_post_in_a_minute_is_refused_with_a_message(school_counsellor, national_thread):
    for n in range(9):
        services.post_create(thread=national_thread, author=school_counsellor, body=f"Svar {n}")
    before = forum_state()

    response = as_user(school_counsellor).post(posts_url(national_thread), {"body": "En til"}, format="json")

    assert response.status_code == 400
    assert response.json()["detail"] == ["You can post at most 10 posts a minute. Wait a moment and try again."]
    assert forum_state() == before


def test_i_edit_my_own_post_and_the_old_text_is_kept(school_counsellor, network_thread):
    post = network_thread.posts.get()

    response = as_user(school_counsellor).patch(post_url(post), {"body": "Rettet tekst"}, format="json")

    assert response.status_code == 200
    assert response.json()["body"] == "Rettet tekst"
    assert response.json()["edited_at"] is not None
    assert list(post.revisions.values_list("body", flat=True)) == ["Hvordan gjør dere det?"]


def test_others_posts_cannot_be_edited(colleague, outsider, network_thread, national_thread):
    before = forum_state()

    member = as_user(colleague).patch(post_url(network_thread.posts.get()), {"body": "Ikke min"}, format="json")
    assert member.status_code == 403
    assert member.json()["detail"] == "You can only edit your own posts."
    # Outside the network the post does not exist; elsewhere it is someone else's.
    stranger = as_user(outsider)
    assert stranger.patch(post_url(network_thread.posts.get()), {"body": "x"}, format="json").status_code == 404
    assert stranger.patch(post_url(national_thread.posts.get()), {"body": "x"}, format="json").status_code == 403
    assert as_user(colleague).patch(f"{BASE}posts/999999/", {"body": "x"}, format="json").status_code == 404
    assert as_user(colleague).put(post_url(network_thread.posts.get()), {"body": "x"}, format="json").status_code == 405
    assert forum_state() == before


@pytest.mark.parametrize(("payload", "message"), [({"body": " "}, "Write something before you post."), ({}, None)])
def test_bad_edits_are_a_400_and_change_nothing(school_counsellor, network_thread, payload, message):
    before = forum_state()
    response = as_user(school_counsellor).patch(post_url(network_thread.posts.get()), payload, format="json")
    assert response.status_code == 400
    assert response.json()["body"] == [message or "This field is required."]
    assert forum_state() == before


def test_my_post_in_a_locked_thread_cannot_be_edited(school_counsellor, centre_moderator, network_thread):
    services.thread_moderate(thread=network_thread, moderator=centre_moderator, action="lock")
    post = network_thread.posts.get()
    assert as_user(school_counsellor).get(posts_url(network_thread)).json()["results"][0]["can_edit"] is False

    response = as_user(school_counsellor).patch(post_url(post), {"body": "Endret"}, format="json")

    assert response.status_code == 403
    assert response.json()["detail"] == "This thread is locked: no new replies."


# schema


def test_the_schema_documents_every_forum_endpoint(client):
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    forum = {path: ops for path, ops in schema["paths"].items() if path.startswith("/api/v1/forum/")}
    methods = {path: {m for m in ops if m in ("get", "post", "put", "patch", "delete")} for path, ops in forum.items()}
    assert methods == {
        "/api/v1/forum/categories/": {"get"},
        "/api/v1/forum/threads/": {"get", "post"},
        "/api/v1/forum/threads/{id}/": {"get"},
        "/api/v1/forum/threads/{thread_pk}/posts/": {"get", "post"},
        "/api/v1/forum/posts/{id}/": {"patch"},
        "/api/v1/forum/posts/{post_pk}/revisions/": {"get"},
        "/api/v1/forum/posts/{post_pk}/revisions/{id}/redact/": {"post"},
        "/api/v1/forum/flags/": {"post"},
        "/api/v1/forum/notifications/": {"get"},
        "/api/v1/forum/notifications/{id}/read/": {"post"},
        "/api/v1/forum/notifications/read-all/": {"post"},
        "/api/v1/forum/watching/": {"put"},
    }
    assert all(
        op["tags"] == ["forum"]
        for ops in forum.values()
        for m, op in ops.items()
        if m in ("get", "post", "put", "patch")
    )
    thread_filters = {p["name"] for p in forum["/api/v1/forum/threads/"]["get"]["parameters"]}
    assert {"category", "unsolved", "q", "page"} <= thread_filters


# the journey through the API alone


def test_a_question_in_the_network_through_the_api_alone(school_counsellor, colleague, outsider, network):
    asker, helper, stranger = as_user(school_counsellor), as_user(colleague), as_user(outsider)

    # skole@ asks the Karriere Oslo network, mentioning senter@.
    started = asker.post(
        THREADS,
        {
            "category": "oslo-nettverk",
            "title": "Veiledning av voksne innvandrere",
            "body": "Hei @senter, hvordan legger dere opp første samtale?",
            "is_question": True,
        },
        format="json",
    )
    assert started.status_code == 201
    thread_id = started.json()["id"]
    assert asker.get(THREADS, {"unsolved": "true"}).json()["results"][0]["id"] == thread_id

    # senter@ finds the mention among their notices and opens the thread.
    notices = helper.get(NOTIFICATIONS).json()["results"]
    mention = next(n for n in notices if n["kind"] == "forum.mention")
    assert "Veiledning av voksne innvandrere" in mention["title"]
    assert mention["link"].startswith(f"/forum/t/{thread_id}/")
    assert helper.post(f"{NOTIFICATIONS}{mention['id']}/read/").json()["is_read"] is True
    opening = helper.get(f"{THREADS}{thread_id}/posts/").json()["results"]
    assert opening[0]["body"].startswith("Hei @senter")

    # senter@ replies, quoting the question.
    reply = helper.post(
        f"{THREADS}{thread_id}/posts/",
        {"body": "Vi starter med kartlegging av tidligere utdanning.", "quote_of": opening[0]["id"]},
        format="json",
    )
    assert reply.status_code == 201

    # skole@'s thread list shows the thread as unread, with senter@ as the latest poster.
    row = next(t for t in asker.get(THREADS).json()["results"] if t["id"] == thread_id)
    assert row["has_unread"] is True
    assert (row["post_count"], row["last_post_author"]["id"]) == (2, colleague.pk)
    assert any(n["kind"] == "forum.reply" for n in asker.get(NOTIFICATIONS).json()["results"])
    asker.get(f"{THREADS}{thread_id}/posts/")
    assert asker.get(f"{THREADS}{thread_id}/").json()["has_unread"] is False

    # nav@, outside the network, sees none of it.
    assert thread_id not in ids(stranger.get(THREADS))
    assert stranger.get(f"{THREADS}{thread_id}/posts/").status_code == 404
    assert stranger.get(NOTIFICATIONS).json()["results"] == []


def test_county_and_centre_are_null_outside_a_county_or_centre_forum_as_the_schema_says(
    client, national, county_category, school_counsellor
):
    api = APIClient()
    api.force_login(school_counsellor)
    body = api.get("/api/v1/forum/categories/").json()
    rows = {row["slug"]: row for row in (body["results"] if isinstance(body, dict) else body)}

    assert (rows["praksis"]["county"], rows["praksis"]["centre"]) == (None, None)
    assert rows["oslo-fylke"]["county"] == "03"
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    category = schema["components"]["schemas"]["Category"]["properties"]
    assert category["county"]["nullable"] and category["centre"]["nullable"]
