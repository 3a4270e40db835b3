"""A statement people can share: a link and a QR code that check it in one click, which centre verified each
course and when, and for the holder every check with who made it."""

import datetime
import logging

import pytest
from django.urls import reverse
from django.utils import timezone

from core.logging import redact
from register import services
from register.models import CompetenceStatement, Role, StatementLookup
from register.selectors.personal_data import personal_data
from register.services import statements
from register.services.statements import format_code
from tests import personas
from tests.factories import pdf_upload
from tests.register.api_competence_support import as_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement(school_counsellor, verifier, areas, requirements):
    entry = services.credit_create(
        owner=school_counsellor,
        title="Karriereveiledning 1",
        institution="Høgskolen i Innlandet",
        credits="30",
        completed_on=timezone.localdate().replace(year=2025),
        areas=[areas[0]],
        evidence=pdf_upload(),
    )
    services.credit_verify(credit=entry, verifier=verifier)
    return services.statement_issue(owner=school_counsellor)


def link(statement):
    return reverse("verify_code", args=[format_code(statement.code)])


def test_the_link_checks_the_statement_in_one_click_and_the_check_is_logged(client, statement):
    response = client.get(link(statement), headers={"accept-language": "en"})

    assert response.status_code == 200
    assert response.context["outcome"] == "valid"
    page = response.content.decode()
    assert statement.holder_name in page
    assert "Karriere Oslo" in page  # the centre whose verifier verified the course
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert StatementLookup.objects.filter(statement=statement, outcome="valid").count() == 1


def test_a_link_with_a_wrong_or_malformed_code_answers_without_a_server_error(client, statement):
    unknown = client.get(reverse("verify_code", args=["ABCD-EFGH-JKMN-PQRS"]))
    assert (unknown.status_code, unknown.context["outcome"]) == (200, "unknown")
    malformed = client.get(reverse("verify_code", args=["x"]))
    assert malformed.status_code == 200 and "code" in malformed.context["form"].errors
    services.statement_revoke(statement=statement, actor=statement.owner)
    assert client.get(link(statement)).context["outcome"] == "revoked"


def test_link_checks_share_the_rate_limit_of_the_form(client, statement, monkeypatch):
    monkeypatch.setattr(statements, "VERIFY_RATE_LIMIT", 2)
    client.post(reverse("verify"), {"code": statement.code})
    client.get(link(statement))

    refused = client.get(link(statement))

    assert refused.status_code == 429
    assert StatementLookup.objects.filter(statement=statement).count() == 2


def test_the_code_in_a_link_never_reaches_the_logs_in_full(client, statement, caplog):
    path = link(statement)
    assert redact(f"GET {path} 200") == f"GET /verify/{statement.code[:4]}[redacted]/ 200"
    assert redact(f"GET /api/v1/verify/{statement.code}/") == f"GET /api/v1/verify/{statement.code[:4]}[redacted]/"

    with caplog.at_level(logging.INFO):
        client.get(reverse("verify_code", args=["ABCD-EFGH-JKMN-PQRS"]) + "?x")
    assert all("EFGH" not in record.getMessage() for record in caplog.records if "/verify/" in record.getMessage())


def test_the_holder_sees_the_link_a_qr_code_and_who_checked(client, statement, centre, school_counsellor):
    hr = personas.centre_staff(centre, Role.HR, email="hr@example.org", full_name="Hanne Rud")
    client.force_login(hr)
    client.get(link(statement))
    client.logout()
    client.post(reverse("verify"), {"code": statement.code, "organisation": "Bergen kommune"})
    client.post(reverse("verify"), {"code": statement.code})

    client.force_login(school_counsellor)
    page = client.get(reverse("statement_detail", args=[statement.pk]), headers={"accept-language": "en"})

    text = page.content.decode()
    assert f"http://testserver{link(statement)}" in text
    assert '<svg role="img"' in text and "<title>QR code that opens the check of this code</title>" in text
    assert "Hanne Rud (Karriere Oslo)" in text
    assert "Bergen kommune" in text
    assert "Someone who did not say who they are" in text


def test_another_checker_never_sees_who_checked_before(client, statement):
    client.post(reverse("verify"), {"code": statement.code, "organisation": "Hemmelig AS"})
    response = client.post(reverse("verify"), {"code": statement.code})
    assert "Hemmelig AS" not in response.content.decode()


def test_the_api_check_records_the_signed_in_checker(statement, centre):
    hr = personas.centre_staff(centre, Role.HR, email="hr@example.org")
    assert as_user(hr).get(f"/api/v1/verify/{statement.code}/").status_code == 200
    lookup = StatementLookup.objects.get(statement=statement)
    assert (lookup.checked_by, lookup.checker_centres, lookup.organisation) == (hr, "Karriere Oslo", "")


def test_the_holder_downloads_the_statement_as_a_pdf_with_code_link_and_verifying_centre(
    client, statement, school_counsellor
):
    client.force_login(school_counsellor)

    response = client.get(reverse("statement_pdf", args=[statement.pk]), headers={"accept-language": "en"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="kompetanseerklaering-')
    body = response.content
    assert body.startswith(b"%PDF-")
    for text in (
        format_code(statement.code),
        f"http://testserver{link(statement)}",
        "Karriere Oslo",
        "Karriereveiledning",
    ):
        assert text.encode() in body
    assert b"Competence statement" in body


def test_the_pdf_dates_the_statement_by_the_day_in_norway(client, statement, school_counsellor):
    # Issued half past midnight in Oslo, still the day before in UTC.
    issued = datetime.datetime(2026, 12, 6, 23, 30, tzinfo=datetime.UTC)
    CompetenceStatement.objects.filter(pk=statement.pk).update(created_at=issued)
    client.force_login(school_counsellor)

    body = client.get(reverse("statement_pdf", args=[statement.pk]), headers={"accept-language": "en"}).content

    assert b"7 December 2026" in body
    assert b"6 December 2026" not in body


def test_nobody_else_gets_the_pdf_and_a_revoked_statement_has_none(client, statement, school_counsellor, verifier):
    url = reverse("statement_pdf", args=[statement.pk])
    client.force_login(verifier)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page

    services.statement_revoke(statement=statement, actor=school_counsellor)
    client.force_login(school_counsellor)
    refused = client.get(url)
    assert refused["Location"] == reverse("statement_detail", args=[statement.pk])


def test_my_data_holds_the_codes_i_checked_and_who_checked_mine(client, statement, centre, school_counsellor):
    hr = personas.centre_staff(centre, Role.HR, email="hr@example.org", full_name="Hanne Rud")
    client.force_login(hr)
    client.get(link(statement))

    mine = personal_data(school_counsellor)["statements"][0]["lookups"]
    checked = personal_data(hr)["codes_checked"]

    assert [lookup["by"] for lookup in mine] == ["Hanne Rud (Karriere Oslo)"]
    assert [(c["outcome"], c["as_staff_of"]) for c in checked] == [("valid", "Karriere Oslo")]
    assert school_counsellor.get_full_name() not in str(checked)  # whose code it was stays the holder's
