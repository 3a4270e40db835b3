"""The notices API (/api/v1/notifications/): each person's own notices, as on /notifications/.

The forum API's /api/v1/forum/notifications/ stays as a deprecated alias with the same answers.
"""

import pytest
import yaml
from rest_framework.test import APIClient

from core.phrases import verbatim
from notifications.models import Notice
from notifications.services import notice_send
from tests import personas
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOTIFICATIONS = "/api/v1/notifications/"
ALIAS = "/api/v1/forum/notifications/"


def as_user(user):
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def member(db):
    """Someone with no counsellor profile and no role: an event registrant gets notices too."""
    return UserFactory(email="deltaker@example.org")


@pytest.fixture
def notice(member):
    return notice_send(recipient=member, kind="register.decision", title=verbatim("Kurset ditt er godkjent"))


def test_anyone_signed_in_lists_and_reads_their_own_notices(member, notice):
    other = UserFactory(email="annen@example.org")
    notice_send(recipient=other, kind="register.decision", title=verbatim("Ikke din"))
    client = as_user(member)

    listed = client.get(NOTIFICATIONS)
    assert listed.status_code == 200
    assert [n["title"] for n in listed.json()["results"]] == ["Kurset ditt er godkjent"]

    read = client.post(f"{NOTIFICATIONS}{notice.pk}/read/")
    assert (read.status_code, read.json()["is_read"]) == (200, True)
    assert Notice.objects.get(pk=notice.pk).read_at is not None


def test_mark_all_read_marks_only_mine(member, notice):
    theirs = notice_send(
        recipient=UserFactory(email="annen@example.org"), kind="register.decision", title=verbatim("Deres")
    )

    response = as_user(member).post(f"{NOTIFICATIONS}read-all/")

    assert response.json() == {"marked": 1}
    assert Notice.objects.get(pk=theirs.pk).read_at is None


def test_someone_elses_notice_is_a_404_and_stays_unread(notice):
    client = as_user(UserFactory(email="annen@example.org"))

    assert client.post(f"{NOTIFICATIONS}{notice.pk}/read/").status_code == 404
    assert client.get(NOTIFICATIONS).json()["results"] == []
    assert Notice.objects.get(pk=notice.pk).read_at is None


def test_anonymous_visitors_get_no_notices(notice):
    client = APIClient()

    assert client.get(NOTIFICATIONS).status_code in (401, 403)
    assert client.post(f"{NOTIFICATIONS}read-all/").status_code in (401, 403)
    assert Notice.objects.get(pk=notice.pk).read_at is None


def test_the_forum_alias_gives_the_same_answers_to_the_forums_audience(centre, member, notice):
    counsellor = personas.counsellor(home_centre=centre, email="skole@example.org")
    notice_send(recipient=counsellor, kind="register.decision", title=verbatim("Godkjent"))
    client = as_user(counsellor)

    assert client.get(ALIAS).json() == client.get(NOTIFICATIONS).json()
    assert client.post(f"{ALIAS}read-all/").json() == {"marked": 1}
    # As before the move, the alias is the forum's: someone outside the forum gets 403 there.
    assert as_user(member).get(ALIAS).status_code == 403
    assert Notice.objects.get(pk=notice.pk).read_at is None


def test_the_schema_documents_the_notices_and_marks_the_alias_deprecated(client):
    paths = yaml.safe_load(client.get("/api/v1/schema/").content)["paths"]

    for path in ("", "{id}/read/", "read-all/"):
        current = next(iter(paths[f"{NOTIFICATIONS}{path}"].values()))
        alias = next(iter(paths[f"{ALIAS}{path}"].values()))
        assert current["tags"] == ["notifications"]
        assert not current.get("deprecated")
        assert alias["deprecated"] is True


def test_the_api_root_lists_the_notices(member):
    root = as_user(member).get("/api/v1/", HTTP_ACCEPT="application/json")

    assert root.status_code == 200
    assert root.json()["notifications"].endswith(NOTIFICATIONS)
    assert root.json()["counties"].endswith("/api/v1/counties/")


def test_the_notice_list_has_a_fixed_query_budget(member, django_assert_max_num_queries):
    client = as_user(member)
    for count in (3, 60):
        for n in range(count):
            notice_send(recipient=member, kind="register.decision", title=verbatim(f"Melding {n}"))
        with django_assert_max_num_queries(7):
            assert client.get(NOTIFICATIONS).status_code == 200
