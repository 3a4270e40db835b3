"""The competence register API (/api/v1/): statements and the public check, fixed query budgets, the whole
journey through the API alone and the schema.
"""

import datetime
from decimal import Decimal

import pytest
import yaml
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from register import services
from register.models import CompetenceStatement, Role, StatementLookup
from register.services import statements
from tests import personas
from tests.factories import api_key, today
from tests.register.api_competence_support import (
    AREAS,
    COUNSELLORS,
    CPD,
    CREDITS,
    LAST_MONTH,
    ME,
    REQUIREMENTS,
    STATEMENTS,
    STATUS,
    as_user,
    credit_payload,
    log_credit,
)

pytestmark = pytest.mark.django_db


VERIFY = "/api/v1/verify/"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def other_counsellor(centre):
    return personas.counsellor(home_centre=centre, email="annen@example.org")


# statements and the public check


def test_a_counsellor_issues_lists_and_revokes_their_statements(school_counsellor, requirements):
    client = as_user(school_counsellor)

    issued = client.post(STATEMENTS, {"valid_days": 30}, format="json")
    assert issued.status_code == 201, issued.json()
    body = issued.json()
    assert body["state"] == "valid"
    assert body["lookup_count"] == 0
    assert body["expires_on"] == (today() + datetime.timedelta(days=30)).isoformat()
    statement = CompetenceStatement.objects.get(pk=body["id"])
    assert body["code"].replace("-", "") == statement.code
    assert len(body["code"]) == 19  # four groups of four

    revoked = client.post(f"{STATEMENTS}{statement.pk}/revoke/")
    assert revoked.status_code == 200
    assert revoked.json()["state"] == "revoked"
    assert [s["id"] for s in client.get(STATEMENTS).json()["results"]] == [statement.pk]


@pytest.mark.parametrize("valid_days", [0, 366, "abc"])
def test_a_statement_with_a_bad_validity_is_refused(school_counsellor, requirements, valid_days):
    response = as_user(school_counsellor).post(STATEMENTS, {"valid_days": valid_days}, format="json")
    assert response.status_code == 400
    assert response.json()["valid_days"][0]
    assert CompetenceStatement.objects.count() == 0


def test_another_persons_statement_is_neither_listed_nor_revocable(school_counsellor, other_counsellor, requirements):
    theirs = services.statement_issue(owner=other_counsellor)
    client = as_user(school_counsellor)

    assert client.get(STATEMENTS).json()["results"] == []
    assert client.post(f"{STATEMENTS}{theirs.pk}/revoke/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_anonymous_cannot_revoke(api, school_counsellor, requirements):
    statement = services.statement_issue(owner=school_counsellor)
    assert api.post(f"{STATEMENTS}{statement.pk}/revoke/").status_code in (401, 403)
    statement.refresh_from_db()
    assert statement.revoked_at is None


def test_anyone_checks_a_valid_code_and_the_check_is_logged(api, school_counsellor, verifier, requirements, areas):
    services.credit_verify(credit=log_credit(school_counsellor, [areas[0]], credits="40"), verifier=verifier)
    statement = services.statement_issue(owner=school_counsellor)
    services.credit_verify(credit=log_credit(school_counsellor, [areas[1]], credits="20"), verifier=verifier)

    response = api.get(f"{VERIFY}{statement.code.lower()}/")

    assert response.status_code == 200
    body = response.json()
    assert body["outcome"] == "valid"
    assert body["holder_name"] == school_counsellor.full_name
    assert [e["credits"] for e in body["entries"]] == ["40.0"]
    assert body["status_at_issue"]["verified_credits"] == "40.0"
    assert body["status_today"]["verified_credits"] == "60.0"
    assert body["expires_on"] == statement.expires_on.isoformat()
    assert StatementLookup.objects.get().outcome == "valid"


def test_an_expired_or_revoked_code_says_so_without_the_holders_data(api, school_counsellor, requirements):
    expired = services.statement_issue(owner=school_counsellor)
    CompetenceStatement.objects.filter(pk=expired.pk).update(expires_on=today() - datetime.timedelta(days=1))
    revoked = services.statement_revoke(
        statement=services.statement_issue(owner=school_counsellor), actor=school_counsellor
    )

    for statement, outcome in ((expired, "expired"), (revoked, "revoked")):
        response = api.get(f"{VERIFY}{statement.code}/")
        assert response.status_code == 200
        body = response.json()
        assert body["outcome"] == outcome
        assert body["detail"]
        assert "holder_name" not in body
        assert "entries" not in body
    assert response.json()["revoked_at"]


def test_an_unknown_code_is_a_404_that_says_unknown(api, db):
    response = api.get(f"{VERIFY}AAAA-BBBB-CCCC-DDDD/")

    assert response.status_code == 404
    assert response.json()["outcome"] == "unknown"
    assert response.json()["detail"]
    assert StatementLookup.objects.get().outcome == "unknown"


def test_code_checks_are_rate_limited_per_ip(api, monkeypatch, school_counsellor, requirements):
    monkeypatch.setattr(statements, "VERIFY_RATE_LIMIT", 3)
    statement = services.statement_issue(owner=school_counsellor)
    url = f"{VERIFY}{statement.code}/"

    api.credentials(HTTP_ACCEPT_LANGUAGE="en")
    assert [api.get(url).status_code for _ in range(3)] == [200, 200, 200]
    refused = api.get(url)

    assert refused.status_code == 429
    assert "wait an hour" in refused.json()["detail"]
    assert refused["Retry-After"] == "3600"
    assert StatementLookup.objects.count() == 3  # the refused check looked nothing up
    other_ip = api.get(url, REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 200


def test_code_checks_are_refused_long_before_the_general_anonymous_rate(api, school_counsellor, requirements):
    statement = services.statement_issue(owner=school_counsellor)
    url = f"{VERIFY}{statement.code}/"
    assert {api.get(url).status_code for _ in range(statements.VERIFY_RATE_LIMIT)} == {200}

    refused = api.get(url)

    # The site's language: the code-check budget's own message, not the general one.
    assert refused.status_code == 429
    with translation.override("nb"):
        message = translation.gettext(
            "You have checked many codes in a short time. For security, wait an hour and try again."
        )
    assert refused.json() == {"detail": message, "code": "throttled"}
    assert refused["Retry-After"] == str(statements.VERIFY_RATE_PERIOD)
    # The same address is still well within the anonymous rate everywhere else.
    assert api.get("/api/v1/counties/").status_code == 200


def test_the_page_and_the_api_spend_one_budget_of_code_checks(
    api, client, monkeypatch, school_counsellor, requirements
):
    monkeypatch.setattr(statements, "VERIFY_RATE_LIMIT", 2)
    statement = services.statement_issue(owner=school_counsellor)
    url = f"{VERIFY}{statement.code}/"

    assert client.post(reverse("verify"), {"code": statement.code}).status_code == 200
    assert api.get(url).status_code == 200

    assert api.get(url).status_code == 429
    assert client.post(reverse("verify"), {"code": statement.code}).status_code == 429


def test_behind_a_proxy_forged_x_forwarded_for_entries_do_not_escape_the_code_check_limit(
    api, monkeypatch, behind_proxies, school_counsellor, requirements
):
    behind_proxies(1)
    monkeypatch.setattr(statements, "VERIFY_RATE_LIMIT", 2)
    statement = services.statement_issue(owner=school_counsellor)
    url = f"{VERIFY}{statement.code}/"

    answers = [
        api.get(url, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.7").status_code
        for n in range(3)
    ]

    assert answers == [200, 200, 429]
    assert api.get(url, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 200


# query budgets


def token_client(user):
    """Token authentication: the budget is the endpoint's own and two queries of knox's (the token with its owner,
    and the owner's other tokens, to delete expired ones), without the session bookkeeping (session row, allauth's
    user-session row) that every page request pays the same for."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(user, in_use=True)}")
    return client


def _queries(client, url, budget, django_assert_max_num_queries):
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
        assert response.status_code == 200
    return len(captured)


def test_credit_and_cpd_lists_keep_a_fixed_query_budget(school_counsellor, areas, django_assert_max_num_queries):
    client = token_client(school_counsellor)

    def add(n):
        for i in range(n):
            log_credit(school_counsellor, areas[:2], title=f"Kurs {i}")
            services.cpd_create(
                owner=school_counsellor, title=f"Fagdag {i}", date=LAST_MONTH, hours="2", kind="course", areas=areas[:2]
            )

    # The credit list also reads the person's roles (2 queries): a verifier's list holds the entries to decide.
    add(2)
    few = [_queries(client, url, 7, django_assert_max_num_queries) for url in (CREDITS, CPD)]
    add(20)
    many = [_queries(client, url, 7, django_assert_max_num_queries) for url in (CREDITS, CPD)]
    assert many == few


def test_the_statement_list_keeps_a_fixed_query_budget(
    api, school_counsellor, requirements, django_assert_max_num_queries
):
    client = token_client(school_counsellor)
    statement = services.statement_issue(owner=school_counsellor)
    few = _queries(client, STATEMENTS, 4, django_assert_max_num_queries)
    for _ in range(15):
        services.statement_lookup(code=services.statement_issue(owner=school_counsellor).code)
    services.statement_lookup(code=statement.code)
    many = _queries(client, STATEMENTS, 4, django_assert_max_num_queries)
    assert many == few


def test_the_counsellor_list_keeps_a_fixed_query_budget_from_10_to_60(
    centre, verifier, requirements, areas, django_assert_max_num_queries
):
    client = token_client(verifier)

    def add(n, start):
        for i in range(start, start + n):
            person = personas.counsellor(home_centre=centre, email=f"veileder{i}@example.org")
            entry = log_credit(person, areas[:2], credits="30")
            if i % 2:
                services.credit_verify(credit=entry, verifier=verifier)
            if i % 3 == 0:
                services.membership_grant(user=person, centre=centre, role=Role.ORGANISER, actor=None)

    add(10, 0)
    few = _queries(client, COUNSELLORS, 11, django_assert_max_num_queries)
    add(50, 10)
    many = _queries(
        client, f"{COUNSELLORS}?has_pending=true&meets_requirement=false", 11, django_assert_max_num_queries
    )
    assert client.get(COUNSELLORS).json()["count"] == 60
    assert many == few


# the whole journey through the API alone


def test_the_whole_journey_through_the_api(api, school_counsellor, verifier, requirements, areas):
    counsellor = as_user(school_counsellor)
    checker = as_user(verifier)

    # Enough CPD hours and 45 verified studiepoeng already; the new course decides it.
    for credits, area in (("30", areas[1]), ("15", areas[2])):
        services.credit_verify(credit=log_credit(school_counsellor, [area], credits=credits), verifier=verifier)
    counsellor.post(
        CPD, {"title": "Fagdager", "date": LAST_MONTH.isoformat(), "hours": "25", "kind": "course"}, format="json"
    )
    assert counsellor.get(STATUS).json()["meets"] is False

    created = counsellor.post(CREDITS, credit_payload(areas, areas=[areas[0].pk]), format="multipart")
    assert created.status_code == 201
    entry_id = created.json()["id"]
    assert counsellor.get(STATUS).json()["would_meet_when_verified"] is True

    verified = checker.post(f"{CREDITS}{entry_id}/verify/", {}, format="json")
    assert verified.status_code == 200

    status = counsellor.get(STATUS).json()
    assert status["meets"] is True
    assert Decimal(status["verified_credits"]) == Decimal("60.0")

    issued = counsellor.post(STATEMENTS, {}, format="json")
    assert issued.status_code == 201
    code = issued.json()["code"]

    checked = api.get(f"{VERIFY}{code}/")
    assert checked.status_code == 200
    assert checked.json()["outcome"] == "valid"
    assert checked.json()["status_at_issue"]["meets"] is True

    statements = counsellor.get(STATEMENTS).json()["results"]
    assert len(statements) == 1
    assert statements[0]["lookup_count"] == 1
    assert statements[0]["last_lookup_at"]


# schema


def test_the_schema_documents_the_competence_endpoints(client):
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    paths = schema["paths"]
    for path in (
        ME,
        AREAS,
        REQUIREMENTS,
        CREDITS,
        "/api/v1/credits/{id}/",
        "/api/v1/credits/{id}/verify/",
        "/api/v1/credits/{id}/reject/",
        CPD,
        STATUS,
        COUNSELLORS,
        STATEMENTS,
        "/api/v1/statements/{id}/revoke/",
        "/api/v1/verify/{code}/",
    ):
        assert path in paths, path
    assert "multipart/form-data" in paths[CREDITS]["post"]["requestBody"]["content"]
    params = {p["name"] for p in paths[COUNSELLORS]["get"]["parameters"]}
    assert {"workplace_type", "county", "meets_requirement", "has_pending"} <= params
