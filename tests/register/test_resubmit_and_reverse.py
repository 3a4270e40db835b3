"""A credit entry's rounds: the verifier asks for more information or rejects, the owner corrects and sends it
again, and a verifier reverses their own decision within 14 days. Pages, API and services, from both sides."""

import datetime
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from threading import Barrier

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections
from django.urls import reverse
from django.utils import timezone, translation

from notifications.models import Notice
from register import services
from register.models import CreditEntry, CreditStatus, Role
from register.selectors.counsellor import credit_audit_trail
from register.status import status_for
from tests import personas
from tests.factories import CentreFactory, pdf_upload
from tests.races import row_lock_race
from tests.register.api_competence_support import as_user, credit_url
from tests.register.competence_support import html, log_credit, nb

QUESTION = "Vitnemålet viser ikke antall studiepoeng. Har du karakterutskriften?"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _services_speak_english():
    """Messages from the services are asserted in English; the pages are read in the site's bokmål."""
    with translation.override("en"):
        yield


@pytest.fixture
def second_verifier(centre):
    return personas.centre_staff(centre, Role.VERIFIER, email="godkjenner2@example.org")


@pytest.fixture
def elsewhere_verifier(db):
    other = CentreFactory(name="Karriere Vestland", slug="karriere-vestland-test")
    return personas.centre_staff(other, Role.VERIFIER, email="vest@example.org")


@pytest.fixture
def entry(school_counsellor, areas):
    return log_credit(school_counsellor, "10", [areas[0]])


def actions(entry):
    return [row.action for row in credit_audit_trail(entry)]


# services


@pytest.mark.django_db
def test_a_question_goes_to_the_owner_who_answers_and_sends_the_entry_again(entry, verifier, school_counsellor):
    services.credit_request_information(credit=entry, verifier=verifier, message=QUESTION)

    entry.refresh_from_db()
    assert entry.status == CreditStatus.NEEDS_INFO
    notice = Notice.objects.get(recipient=school_counsellor, kind="register.decision")
    assert notice.body == QUESTION
    assert status_for(school_counsellor).pending_credits == Decimal("0")  # it waits on the owner, not the centre

    with pytest.raises(ValidationError) as refused:
        services.credit_resubmit(credit=entry, actor=school_counsellor)
    assert list(refused.value.message_dict) == ["message"]
    told_before = Notice.objects.filter(recipient=verifier, kind="register.to_verify").count()

    services.credit_resubmit(
        credit=entry, actor=school_counsellor, message="Her er karakterutskriften.", evidence=pdf_upload("utskrift")
    )

    entry.refresh_from_db()
    assert entry.status == CreditStatus.PENDING
    assert (entry.decided_by, entry.decided_at, entry.decision_reason) == (None, None, "")
    assert entry.evidence_name == "utskrift.pdf"
    rows = credit_audit_trail(entry)
    assert [row.action for row in rows] == ["credit.created", "credit.needs_info", "credit.resubmitted"]
    assert [row.reason for row in rows[1:]] == [QUESTION, "Her er karakterutskriften."]
    assert Notice.objects.filter(recipient=verifier, kind="register.to_verify").count() == told_before + 1


@pytest.mark.django_db
def test_a_rejected_entry_is_corrected_and_every_round_is_kept(entry, verifier, school_counsellor, areas):
    services.credit_reject(credit=entry, verifier=verifier, reason="Feil antall studiepoeng")
    services.credit_resubmit(credit=entry, actor=school_counsellor, credits="7,5")
    services.credit_reject(credit=entry, verifier=verifier, reason="Fortsatt feil")
    services.credit_resubmit(credit=entry, actor=school_counsellor, credits="5")
    services.credit_verify(credit=entry, verifier=verifier)

    entry.refresh_from_db()
    assert (entry.status, entry.credits) == (CreditStatus.VERIFIED, Decimal("5.0"))
    assert actions(entry) == [
        "credit.created",
        "credit.rejected",
        "credit.resubmitted",
        "credit.rejected",
        "credit.resubmitted",
        "credit.verified",
    ]


@pytest.mark.django_db
def test_resubmitting_is_for_the_owner_and_only_after_a_rejection_or_a_question(
    entry, verifier, school_counsellor, second_verifier
):
    with pytest.raises(ValidationError, match="can be sent again"):
        services.credit_resubmit(credit=entry, actor=school_counsellor)  # pending
    services.credit_verify(credit=entry, verifier=verifier)
    with pytest.raises(ValidationError, match="can be sent again"):
        services.credit_resubmit(credit=entry, actor=school_counsellor)  # verified
    services.credit_reverse(credit=entry, verifier=verifier, reason="Feil person")
    services.credit_reject(credit=entry, verifier=verifier, reason="Mangler stempel")
    with pytest.raises(PermissionDenied):
        services.credit_resubmit(credit=entry, actor=second_verifier)
    assert CreditEntry.objects.get(pk=entry.pk).status == CreditStatus.REJECTED


@pytest.mark.django_db
def test_every_wrong_field_of_a_resubmission_is_named_and_nothing_changes(entry, verifier, school_counsellor):
    services.credit_request_information(credit=entry, verifier=verifier, message=QUESTION)

    with pytest.raises(ValidationError) as refused:
        services.credit_resubmit(credit=entry, actor=school_counsellor, credits="61", areas=[])
    assert sorted(refused.value.message_dict) == ["areas", "credits", "message"]
    stored = CreditEntry.objects.get(pk=entry.pk)
    assert (stored.status, stored.credits) == (CreditStatus.NEEDS_INFO, Decimal("10.0"))


@pytest.mark.django_db
def test_the_verifier_reverses_their_own_decision_within_14_days(entry, verifier, school_counsellor):
    services.credit_verify(credit=entry, verifier=verifier)

    services.credit_reverse(credit=entry, verifier=verifier, reason="Jeg så feil dokument")

    entry.refresh_from_db()
    assert (entry.status, entry.decided_by, entry.decided_at) == (CreditStatus.PENDING, None, None)
    row = credit_audit_trail(entry)[-1]
    assert (row.action, str(row.from_label), row.reason) == (
        "credit.reversed",
        str(CreditStatus.VERIFIED.label),
        "Jeg så feil dokument",
    )
    assert any("reversed" in n.title for n in Notice.objects.filter(recipient=school_counsellor))


@pytest.mark.django_db
def test_a_decision_is_not_reversed_by_another_verifier_after_14_days_without_a_reason_or_elsewhere(
    entry, verifier, second_verifier, elsewhere_verifier, school_counsellor
):
    with pytest.raises(ValidationError, match="nothing to reverse"):
        services.credit_reverse(credit=entry, verifier=verifier, reason="x")
    services.credit_reject(credit=entry, verifier=verifier, reason="Mangler stempel")

    with pytest.raises(ValidationError, match="Only the verifier who made a decision"):
        services.credit_reverse(credit=entry, verifier=second_verifier, reason="Jeg er uenig")
    with pytest.raises(PermissionDenied):
        services.credit_reverse(credit=entry, verifier=elsewhere_verifier, reason="x")
    with pytest.raises(PermissionDenied):
        services.credit_reverse(credit=entry, verifier=school_counsellor, reason="x")
    with pytest.raises(ValidationError) as no_reason:
        services.credit_reverse(credit=entry, verifier=verifier, reason="  ")
    assert list(no_reason.value.message_dict) == ["reason"]
    CreditEntry.objects.filter(pk=entry.pk).update(decided_at=timezone.now() - datetime.timedelta(days=14, hours=1))
    with pytest.raises(ValidationError, match="within 14 days"):
        services.credit_reverse(credit=entry, verifier=verifier, reason="For sent")

    assert CreditEntry.objects.get(pk=entry.pk).status == CreditStatus.REJECTED
    assert "credit.reversed" not in actions(entry)


# pages


@pytest.mark.django_db
def test_the_owner_answers_the_question_on_the_page_with_a_new_file(client, entry, verifier, school_counsellor):
    services.credit_request_information(credit=entry, verifier=verifier, message=QUESTION)
    client.force_login(school_counsellor)

    detail = html(client.get(reverse("credit_detail", args=[entry.pk])))
    assert QUESTION in detail and reverse("credit_resubmit", args=[entry.pk]) in detail
    url = reverse("credit_resubmit", args=[entry.pk])
    page = html(client.get(url))
    assert QUESTION in page and 'value="10' in page  # the entry's values to correct

    without_answer = client.post(url, {"title": entry.title, "institution": entry.institution, "credits": "10"})
    assert "message" in without_answer.context["form"].errors
    data = {
        "title": entry.title,
        "institution": entry.institution,
        "credits": "10",
        "completed_on": entry.completed_on.isoformat(),
        "areas": [a.pk for a in entry.areas.all()],
        "message": "Karakterutskriften er lagt ved.",
        "evidence": pdf_upload("utskrift"),
    }
    response = client.post(url, data)

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.status, entry.evidence_name) == (CreditStatus.PENDING, "utskrift.pdf")


@pytest.mark.django_db
def test_only_the_owner_opens_the_resubmission_page_and_not_while_pending(client, entry, verifier, school_counsellor):
    other = personas.counsellor(home_centre=None, email="annen@example.org")
    url = reverse("credit_resubmit", args=[entry.pk])
    client.force_login(school_counsellor)
    assert client.get(url)["Location"] == reverse("credit_detail", args=[entry.pk])  # pending: nothing to resubmit

    services.credit_reject(credit=entry, verifier=verifier, reason="Mangler stempel")
    client.force_login(other)
    assert client.get(url).status_code == 404
    client.force_login(verifier)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_verifier_asks_for_information_and_later_reverses_a_decision_on_the_page(
    client, entry, verifier, second_verifier
):
    client.force_login(verifier)
    url = reverse("verification_detail", args=[entry.pk])

    empty = client.post(url, {"action": "needs_info", "info-message": ""})
    assert "message" in empty.context["info_form"].errors
    assert CreditEntry.objects.get(pk=entry.pk).status == CreditStatus.PENDING

    client.post(url, {"action": "needs_info", "info-message": QUESTION})
    assert CreditEntry.objects.get(pk=entry.pk).status == CreditStatus.NEEDS_INFO

    CreditEntry.objects.filter(pk=entry.pk).update(status=CreditStatus.PENDING)
    client.post(url, {"action": "verify", "verify-note": ""})
    page = html(client.get(url))
    assert nb("Reverse the decision") in page
    client.force_login(second_verifier)
    assert nb("Reverse the decision") not in html(client.get(url))  # not their decision
    refused = client.post(url, {"action": "reverse", "reverse-reason": "Uenig"})
    assert refused.status_code == 200
    assert CreditEntry.objects.get(pk=entry.pk).status == CreditStatus.VERIFIED

    client.force_login(verifier)
    response = client.post(url, {"action": "reverse", "reverse-reason": "Feil dokument"})
    assert response.status_code == 302
    assert CreditEntry.objects.get(pk=entry.pk).status == CreditStatus.PENDING


# API


@pytest.mark.django_db
def test_the_api_asks_answers_and_reverses_with_the_same_rules(
    entry, verifier, second_verifier, elsewhere_verifier, school_counsellor
):
    ask = credit_url(entry, "request-information/")
    assert as_user(school_counsellor).post(ask, {"message": QUESTION}).status_code == 403
    assert as_user(elsewhere_verifier).post(ask, {"message": QUESTION}).status_code == 404
    assert as_user(verifier).post(ask, {}).json()["message"] == ["Write what the counsellor must add or explain."]
    response = as_user(verifier).post(ask, {"message": QUESTION})
    assert (response.status_code, response.json()["status"]) == (200, "needs_info")

    resubmit = credit_url(entry, "resubmit/")
    assert as_user(verifier).post(resubmit, {"message": "x"}).status_code == 404
    assert list(as_user(school_counsellor).post(resubmit, {}).json()) == ["message"]
    response = as_user(school_counsellor).post(resubmit, {"message": "Her", "credits": "7.5"}, format="multipart")
    assert (response.status_code, response.json()["status"], response.json()["credits"]) == (200, "pending", "7.5")

    services.credit_verify(credit=entry, verifier=verifier)
    back = credit_url(entry, "reverse/")
    assert as_user(second_verifier).post(back, {"reason": "Uenig"}).status_code == 400
    assert as_user(school_counsellor).post(back, {"reason": "x"}).status_code == 403
    response = as_user(verifier).post(back, {"reason": "Feil dokument"})
    assert (response.status_code, response.json()["status"]) == (200, "pending")


# two verifiers at once (PostgreSQL row lock)


@row_lock_race
def test_two_verifiers_deciding_at_once_give_one_decision_and_a_message_to_the_other(counties, centre, areas):
    owner = personas.counsellor(home_centre=centre, email="skole@example.org")
    first = personas.centre_staff(centre, Role.VERIFIER, email="en@example.org")
    second = personas.centre_staff(centre, Role.VERIFIER, email="to@example.org")
    entry = log_credit(owner, "10", [areas[0]])
    barrier = Barrier(2)

    def decide(verifier):
        try:
            barrier.wait()
            translation.activate("en")  # each thread starts in the site's default language
            if verifier == first:
                services.credit_verify(credit=entry, verifier=verifier)
            else:
                services.credit_reject(credit=entry, verifier=verifier, reason="Mangler stempel")
        except ValidationError as refused:
            return refused.messages
        finally:
            connections.close_all()
        return "decided"

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(decide, [first, second]))

    assert sorted(map(str, results)) == sorted(["decided", str(["This entry has already been decided."])])
    assert len([a for a in actions(entry) if a in ("credit.verified", "credit.rejected")]) == 1
