"""CPD that counts for something: evidence levels, the centre's look at the evidence, and editing until verified."""

from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from notifications.models import Notice
from register import services
from register.models import ActivitySource, AuditEntry, CPDActivity, EvidenceLevel, EvidenceReview, Role
from register.status import status_for
from tests import personas
from tests.factories import pdf_upload, requirement_set, today
from tests.register.centre_support import as_user, log_hours, page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def evidenced(school_counsellor):
    return log_hours(school_counsellor, hours="6", evidence=pdf_upload())


def test_hours_with_evidence_wait_for_the_centre_and_count_as_self_declared_until_then(
    school_counsellor, verifier, evidenced
):
    assert (evidenced.evidence_level, evidenced.review) == (EvidenceLevel.SELF_DECLARED, EvidenceReview.PENDING)
    assert Notice.objects.filter(recipient=verifier, kind="register.to_verify").exists()
    without = log_hours(school_counsellor, hours="2")
    assert (without.evidence_level, without.review) == (EvidenceLevel.SELF_DECLARED, EvidenceReview.NONE)


def test_the_verifier_finds_the_evidence_in_the_queue_and_verifying_makes_the_hours_evidenced(
    client, school_counsellor, verifier, evidenced
):
    queue = as_user(client, verifier).get(reverse("verification_queue"))
    assert [a.pk for a in queue.context["evidence_page"]] == [evidenced.pk]
    url = reverse("cpd_verification", kwargs={"pk": evidenced.pk})
    assert url in page(queue)
    detail = page(client.get(url))
    assert reverse("cpd_evidence_preview", kwargs={"pk": evidenced.pk}) in detail

    response = client.post(url, {"action": "verify", "verify-note": "Kursbevis ok"})

    assert response.status_code == 302
    evidenced.refresh_from_db()
    assert (evidenced.evidence_level, evidenced.review, evidenced.reviewed_by) == (
        EvidenceLevel.EVIDENCED,
        EvidenceReview.VERIFIED,
        verifier,
    )
    assert AuditEntry.objects.filter(action="cpd.evidence_verified", subject_user=school_counsellor).exists()
    assert any("Evidence verified" in n.title for n in Notice.objects.filter(recipient=school_counsellor))
    assert status_for(school_counsellor).cpd_by_level[EvidenceLevel.EVIDENCED] == Decimal("6")
    assert evidenced.pk not in [a.pk for a in client.get(reverse("verification_queue")).context["evidence_page"]]


def test_a_second_decision_on_the_same_evidence_is_refused_with_a_message(client, verifier, evidenced):
    services.cpd_verify_evidence(activity=evidenced, verifier=verifier)
    url = reverse("cpd_verification", kwargs={"pk": evidenced.pk})

    response = as_user(client, verifier).post(url, {"action": "decline", "decline-reason": "Mangler navn"}, follow=True)

    assert "already been looked at" in page(response)
    evidenced.refresh_from_db()
    assert evidenced.review == EvidenceReview.VERIFIED


def test_declining_needs_a_reason_and_the_owner_may_send_another_file(client, school_counsellor, verifier, evidenced):
    url = reverse("cpd_verification", kwargs={"pk": evidenced.pk})
    blank = as_user(client, verifier).post(url, {"action": "decline", "decline-reason": "  "})
    assert blank.status_code == 200
    assert "Say why the evidence is not accepted" in page(blank)
    evidenced.refresh_from_db()
    assert evidenced.review == EvidenceReview.PENDING

    client.post(url, {"action": "decline", "decline-reason": "Navnet ditt står ikke på beviset"})
    evidenced.refresh_from_db()
    assert (evidenced.review, evidenced.evidence_level) == (EvidenceReview.DECLINED, EvidenceLevel.SELF_DECLARED)
    owner_page = page(as_user(client, school_counsellor).get(reverse("cpd_detail", kwargs={"pk": evidenced.pk})))
    assert "Navnet ditt står ikke på beviset" in owner_page

    edit = reverse("cpd_edit", kwargs={"pk": evidenced.pk})
    form = {"title": "Fagdag", "date": today().isoformat(), "hours": "6,5", "kind": "course", "evidence": pdf_upload()}
    assert client.post(edit, form).status_code == 302
    evidenced.refresh_from_db()
    assert (evidenced.review, evidenced.review_note, evidenced.hours) == (EvidenceReview.PENDING, "", Decimal("6.5"))


def test_the_owner_changes_self_declared_hours_but_not_verified_or_attended_ones(
    client, school_counsellor, verifier, evidenced
):
    plain = log_hours(school_counsellor, hours="2")
    as_user(client, school_counsellor)
    form = {"title": "Nettverksmøte", "date": today().isoformat(), "hours": "3", "kind": "network_meeting"}
    assert client.post(reverse("cpd_edit", kwargs={"pk": plain.pk}), form).status_code == 302
    plain.refresh_from_db()
    assert (plain.title, plain.hours, plain.review) == ("Nettverksmøte", Decimal("3"), EvidenceReview.NONE)

    services.cpd_verify_evidence(activity=evidenced, verifier=verifier)
    refused = client.post(reverse("cpd_edit", kwargs={"pk": evidenced.pk}), form, follow=True)
    assert "can be changed" in page(refused)
    assert client.post(reverse("cpd_delete", kwargs={"pk": evidenced.pk})).status_code == 302
    evidenced.refresh_from_db()
    assert evidenced.title == "Fagdag"

    attended = services.cpd_record_from_source(
        owner=school_counsellor, source=ActivitySource.EVENT, source_ref="event:1", title="Fagkonferanse",
        date=today(), hours=Decimal("5"), kind="conference",
    )  # fmt: skip
    assert attended.evidence_level == EvidenceLevel.ATTENDED
    with pytest.raises(Exception, match="organiser"):
        services.cpd_update(activity=attended, actor=school_counsellor, **{**form, "date": today()})


def test_nobody_but_the_owner_opens_or_changes_an_activity(client, centre, evidenced):
    as_user(client, personas.counsellor(home_centre=centre, email="annen@example.org"))
    assert client.get(reverse("cpd_detail", kwargs={"pk": evidenced.pk})).status_code == 404
    assert client.get(reverse("cpd_edit", kwargs={"pk": evidenced.pk})).status_code == 404
    assert client.get(reverse("cpd_evidence_preview", kwargs={"pk": evidenced.pk})).status_code == 404


@pytest.mark.parametrize("who", ["other_verifier", "owner", "hr", "anonymous"])
def test_only_a_verifier_at_the_home_centre_decides_on_evidence(
    client, request, other_centre, school_counsellor, hr_officer, evidenced, who
):
    user = {
        "other_verifier": personas.centre_staff(other_centre, Role.VERIFIER, email="vest@example.org"),
        "owner": school_counsellor,
        "hr": hr_officer,
        "anonymous": None,
    }[who]
    url = reverse("cpd_verification", kwargs={"pk": evidenced.pk})
    response = as_user(client, user).post(url, {"action": "verify"})
    assert response.status_code in {302, 403, 404}
    if who == "other_verifier":
        assert response.status_code == 404
    evidenced.refresh_from_db()
    assert evidenced.review == EvidenceReview.PENDING


def test_the_preview_is_framed_only_by_this_site(client, verifier, evidenced):
    response = as_user(client, verifier).get(reverse("cpd_evidence_preview", kwargs={"pk": evidenced.pk}))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "inline" in response["Content-Disposition"]


def test_a_requirement_for_backed_hours_is_met_only_once_the_evidence_is_verified(school_counsellor, verifier, areas):
    requirement_set(
        school_counsellor.counsellor_profile.workplace_type, areas=[], min_credits=0, cpd_min_evidenced_hours=10
    )
    log_hours(school_counsellor, hours="20")
    activity = log_hours(school_counsellor, hours="10", evidence=pdf_upload())
    assert not status_for(school_counsellor).meets
    services.cpd_verify_evidence(activity=activity, verifier=verifier)
    status = status_for(school_counsellor)
    assert status.meets
    assert (status.cpd_hours, status.cpd_backed_hours) == (Decimal("30"), Decimal("10"))


def test_the_api_says_each_activitys_evidence_level(client, school_counsellor, evidenced):
    body = as_user(client, school_counsellor).get("/api/v1/cpd/").json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [(r["evidence_level"], r["review"]) for r in rows] == [("self_declared", "pending")]


def test_the_queue_costs_the_same_queries_with_more_evidence_waiting(
    client, centre, verifier, django_assert_max_num_queries
):
    for n in range(3):
        owner = personas.counsellor(home_centre=centre, email=f"c{n}@example.org")
        log_hours(owner, evidence=pdf_upload())
    as_user(client, verifier).get(reverse("verification_queue"))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("verification_queue"))
    oldest_first = list(CPDActivity.objects.order_by("created_at", "pk").values_list("pk", flat=True))
    assert [a.pk for a in response.context["evidence_page"]] == oldest_first
