"""The forum API (/api/v1/forum/): flags, notifications and watching, the same rules as the pages.

Members and outsiders (a counsellor outside the Oslo network); bad input that changes nothing.
"""

import pytest

from core.phrases import verbatim
from forum import services
from forum.models import Flag, Thread, Watch
from notifications.models import Notice
from notifications.services import notice_send
from tests.forum.api_support import FLAGS, NOTIFICATIONS, READ_ALL, WATCHING, as_user, forum_state, ids, read_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def network_thread(network, school_counsellor):
    return services.thread_create(
        category=network, author=school_counsellor, title="Voksne innvandrere", body="Hvordan gjør dere det?"
    )


# flags


def test_a_reader_flags_a_post_once(colleague, network_thread):
    post = network_thread.posts.get()
    client = as_user(colleague)

    response = client.post(FLAGS, {"post": post.pk, "reason": "personal_data", "note": "Navn på elev"}, format="json")
    assert response.status_code == 201
    flag = Flag.objects.get()
    assert (flag.user, flag.reason, flag.note) == (colleague, "personal_data", "Navn på elev")

    again = client.post(FLAGS, {"post": post.pk, "reason": "spam"}, format="json")
    assert again.status_code == 400
    assert again.json()["detail"] == ["You have already flagged this post."]
    assert Flag.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"reason": "boring"}, "reason", "Choose a reason from the list."),
        ({"reason": "spam", "note": "n" * 1001}, "note", "Ensure this field has no more than 1000 characters."),
        ({"post": 999999, "reason": "spam"}, "post", "No such post."),
        ({"reason": ""}, "reason", "Choose a reason from the list."),
    ],
)
def test_bad_flags_are_a_400_at_the_field(colleague, network_thread, payload, field, message):
    payload = {"post": network_thread.posts.get().pk, **payload}
    response = as_user(colleague).post(FLAGS, payload, format="json")
    assert response.status_code == 400
    assert response.json()[field] == [message]
    assert not Flag.objects.exists()


def test_outsiders_cannot_flag_what_they_cannot_read(outsider, network_thread):
    response = as_user(outsider).post(FLAGS, {"post": network_thread.posts.get().pk, "reason": "spam"}, format="json")
    # The same answer as for an id that does not exist: nothing about the post is given away.
    assert response.status_code == 400
    assert response.json()["post"] == ["No such post."]
    assert not Flag.objects.exists()


# notifications


def test_my_notice_list_has_every_kind_and_only_mine(school_counsellor, colleague, network, notice):
    services.thread_create(category=network, author=colleague, title="Til skole", body="@skole se her")
    notice_send(recipient=colleague, kind="register.decision", title=verbatim("Ikke din"))

    response = as_user(school_counsellor).get(NOTIFICATIONS)

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [n["kind"] for n in rows] == ["forum.mention", "register.decision"]
    assert all(n["is_read"] is False for n in rows)
    assert rows[0]["link"].startswith(f"/forum/t/{Thread.objects.get().pk}/")


def test_i_mark_my_notices_read_one_or_all(school_counsellor, colleague, notice):
    second = notice_send(recipient=school_counsellor, kind="register.membership", title=verbatim("Ny rolle"))
    theirs = notice_send(recipient=colleague, kind="register.membership", title=verbatim("Deres"))
    client = as_user(school_counsellor)

    one = client.post(read_url(notice))
    assert one.status_code == 200
    assert one.json()["is_read"] is True
    assert Notice.objects.get(pk=notice.pk).read_at is not None
    assert Notice.objects.get(pk=second.pk).read_at is None

    everything = client.post(READ_ALL)
    assert everything.json() == {"marked": 1}
    assert Notice.objects.get(pk=second.pk).read_at is not None
    assert Notice.objects.get(pk=theirs.pk).read_at is None


def test_someone_elses_notice_is_a_404(colleague, notice):
    client = as_user(colleague)
    assert client.post(read_url(notice)).status_code == 404
    assert client.post(f"{NOTIFICATIONS}999999/read/").status_code == 404
    assert Notice.objects.get(pk=notice.pk).read_at is None
    assert notice.pk not in ids(client.get(NOTIFICATIONS))


# watching


def test_i_watch_a_thread_and_mute_a_category(school_counsellor, national, network_thread):
    client = as_user(school_counsellor)

    thread_level = client.put(WATCHING, {"thread": network_thread.pk, "level": "tracking"}, format="json")
    assert thread_level.status_code == 200
    assert thread_level.json() == {"thread": network_thread.pk, "category": None, "level": "tracking"}
    assert Watch.objects.get(user=school_counsellor, thread=network_thread).level == "tracking"

    for category in ("praksis", str(national.pk)):
        response = client.put(WATCHING, {"category": category, "level": "muted"}, format="json")
        assert response.status_code == 200
        assert response.json() == {"thread": None, "category": "praksis", "level": "muted"}
    assert Watch.objects.get(user=school_counsellor, category=national).level == "muted"


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"level": "muted"}, "thread", "Choose either a thread or a category."),
        ({"thread": "T", "category": "praksis", "level": "muted"}, "thread", "Choose either a thread or a category."),
        ({"thread": "T", "level": "loud"}, "level", "Choose a watching level from the list."),
        ({"thread": 999999, "level": "muted"}, "thread", "No such thread."),
        ({"category": "finnes-ikke", "level": "muted"}, "category", "Choose a category you can read."),
    ],
)
def test_bad_watching_is_a_400_and_changes_nothing(school_counsellor, national_thread, payload, field, message):
    payload = {k: national_thread.pk if v == "T" else v for k, v in payload.items()}
    before = forum_state()
    response = as_user(school_counsellor).put(WATCHING, payload, format="json")
    assert response.status_code == 400
    assert response.json()[field] == [message]
    assert forum_state() == before


def test_outsiders_cannot_watch_what_they_cannot_read(outsider, network, network_thread):
    before = forum_state()
    client = as_user(outsider)
    by_thread = client.put(WATCHING, {"thread": network_thread.pk, "level": "watching"}, format="json")
    by_category = client.put(WATCHING, {"category": "oslo-nettverk", "level": "watching"}, format="json")
    assert (by_thread.status_code, by_thread.json()["thread"]) == (400, ["No such thread."])
    assert (by_category.status_code, by_category.json()["category"]) == (400, ["Choose a category you can read."])
    assert forum_state() == before
