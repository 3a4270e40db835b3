"""The API for CPD evidence, evidence audits and the statement PDF, with the pages' rules from both sides."""

from decimal import Decimal

import pytest

from register import services
from register.models import AuditItem, AuditOutcome, AuditRound, EvidenceLevel, EvidenceReview, Role
from tests import personas
from tests.factories import pdf_upload
from tests.register.api_competence_support import CPD, STATEMENTS, as_user
from tests.register.centre_support import log_hours

pytestmark = pytest.mark.django_db

AUDITS = "/api/v1/audits/"
AUDIT_ITEMS = "/api/v1/audit-items/"


@pytest.fixture
def other_counsellor(centre):
    return personas.counsellor(home_centre=centre, email="annen@example.org")


@pytest.fixture
def evidenced(school_counsellor):
    return log_hours(school_counsellor, hours="6", evidence=pdf_upload())


def test_a_verifier_lists_the_evidence_waiting_and_verifies_it(verifier, school_counsellor, evidenced):
    api = as_user(verifier)
    rows = api.get(CPD, {"review": "pending"}).json()["results"]
    assert [(r["id"], r["owner"]["id"]) for r in rows] == [(evidenced.pk, school_counsellor.pk)]

    response = api.post(f"{CPD}{evidenced.pk}/verify-evidence/", {"note": "OK"}, format="json")

    assert response.status_code == 200
    assert (response.json()["evidence_level"], response.json()["review"]) == ("evidenced", "verified")
    again = api.post(f"{CPD}{evidenced.pk}/decline-evidence/", {"reason": "Nei"}, format="json")
    assert again.status_code == 400
    assert "already been looked at" in str(again.json())


def test_only_a_verifier_at_the_home_centre_decides_evidence_through_the_api(
    other_centre, school_counsellor, evidenced
):
    other_verifier = personas.centre_staff(other_centre, Role.VERIFIER, email="vest@example.org")
    assert as_user(other_verifier).post(f"{CPD}{evidenced.pk}/verify-evidence/", {}, format="json").status_code == 404
    assert as_user(other_verifier).get(f"{CPD}{evidenced.pk}/").status_code == 404
    assert (
        as_user(school_counsellor).post(f"{CPD}{evidenced.pk}/verify-evidence/", {}, format="json").status_code == 403
    )
    evidenced.refresh_from_db()
    assert evidenced.review == EvidenceReview.PENDING


def test_the_owner_changes_self_declared_hours_until_they_are_verified(verifier, school_counsellor, evidenced):
    api = as_user(school_counsellor)
    changed = api.patch(f"{CPD}{evidenced.pk}/", {"hours": "7.5"}, format="json")
    assert changed.status_code == 200
    assert changed.json()["hours"] == "7.5"
    services.cpd_verify_evidence(activity=evidenced, verifier=verifier)
    refused = api.patch(f"{CPD}{evidenced.pk}/", {"hours": "9"}, format="json")
    assert refused.status_code == 400
    assert "can no longer be changed" in str(refused.json())
    assert api.delete(f"{CPD}{evidenced.pk}/").status_code == 400
    evidenced.refresh_from_db()
    assert (evidenced.hours, evidenced.evidence_level) == (Decimal("7.5"), EvidenceLevel.EVIDENCED)
    assert as_user(verifier).patch(f"{CPD}{evidenced.pk}/", {"hours": "1"}, format="json").status_code == 404


def test_the_statement_pdf_is_the_holders_while_it_is_valid(school_counsellor, other_counsellor, requirements):
    statement = services.statement_issue(owner=school_counsellor)
    response = as_user(school_counsellor).get(f"{STATEMENTS}{statement.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert as_user(other_counsellor).get(f"{STATEMENTS}{statement.pk}/pdf/").status_code == 404
    services.statement_revoke(statement=statement, actor=school_counsellor)
    assert as_user(school_counsellor).get(f"{STATEMENTS}{statement.pk}/pdf/").status_code == 409


def test_audits_through_the_api_draw_answer_and_decide(
    centre, centre_admin, verifier, hr_officer, school_counsellor, other_counsellor, evidenced
):
    log_hours(school_counsellor, hours="3")
    assert as_user(verifier).post(AUDITS, {"centre": centre.slug}, format="json").status_code == 403
    drawn = as_user(centre_admin).post(AUDITS, {"centre": centre.slug, "share": "1"}, format="json")
    assert drawn.status_code == 201
    body = drawn.json()
    assert (body["drawn_count"], body["population_count"]) == (2, 2)
    assert as_user(hr_officer).get(AUDITS).json()["results"] == []
    assert [r["id"] for r in as_user(verifier).get(AUDITS).json()["results"]] == [body["id"]]

    item = AuditItem.objects.filter(round_id=body["id"]).first()
    assert as_user(other_counsellor).get(f"{AUDIT_ITEMS}{item.pk}/").status_code == 404
    sent = as_user(school_counsellor).post(
        f"{AUDIT_ITEMS}{item.pk}/submit/", {"evidence": pdf_upload(), "message": "Her"}, format="multipart"
    )
    assert sent.status_code == 200
    assert sent.json()["outcome"] == "submitted"
    owner_decides = as_user(school_counsellor).post(
        f"{AUDIT_ITEMS}{item.pk}/decide/", {"outcome": "confirmed"}, format="json"
    )
    assert owner_decides.status_code == 403
    no_reason = as_user(verifier).post(f"{AUDIT_ITEMS}{item.pk}/decide/", {"outcome": "not_confirmed"}, format="json")
    assert no_reason.status_code == 400
    decided = as_user(verifier).post(f"{AUDIT_ITEMS}{item.pk}/decide/", {"outcome": "confirmed"}, format="json")
    assert decided.status_code == 200
    item.refresh_from_db()
    assert item.outcome == AuditOutcome.CONFIRMED
    assert AuditRound.objects.count() == 1
