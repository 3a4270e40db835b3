"""Random evidence audits: a draw anyone can repeat, evidence from the counsellor, an outcome that counts."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from notifications.models import Notice
from register import services
from register.models import (
    AuditItem,
    AuditOutcome,
    AuditRound,
    CounsellorProfile,
    EvidenceLevel,
    Role,
)
from register.services.audits import draw, draw_checks_out
from register.status import annotate_status, status_for
from tests import personas
from tests.factories import pdf_upload
from tests.register.centre_support import as_user, log_credit, log_hours, page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def logged(centre, verifier, areas, requirements):
    """Twelve counsellors at the centre, each with one verified course and one self-declared activity (24 rows)."""
    people = []
    for n in range(12):
        person = personas.counsellor(home_centre=centre, email=f"c{n}@example.org")
        services.credit_verify(credit=log_credit(person, [areas[0]], credits="60"), verifier=verifier)
        log_hours(person)
        people.append(person)
    return people


def test_a_centre_admin_draws_10_per_cent_and_anyone_can_repeat_the_draw(centre, centre_admin, logged):
    round_ = services.audit_draw(centre=centre, actor=centre_admin)

    assert len(round_.population) == 24
    assert len(round_.drawn) == 3  # 10 % of 24, rounded up
    assert draw(round_.population, round_.seed, 3) == round_.drawn
    assert draw_checks_out(round_)
    assert AuditItem.objects.filter(round=round_).count() == 3
    owners = set(AuditItem.objects.filter(round=round_).values_list("owner_id", flat=True))
    assert set(Notice.objects.filter(kind="register.audit").values_list("recipient_id", flat=True)) == owners
    assert round_.deadline == timezone.localdate(round_.drawn_at) + datetime.timedelta(days=30)

    again = services.audit_draw(centre=centre, actor=centre_admin, share="1")
    assert len(again.population) == 21  # the three already audited are never drawn again
    assert not set(again.drawn) & set(round_.drawn)


def test_a_tampered_draw_does_not_check_out(centre, centre_admin, logged):
    round_ = services.audit_draw(centre=centre, actor=centre_admin)
    AuditRound.objects.filter(pk=round_.pk).update(drawn=list(reversed(round_.population))[:3])
    round_.refresh_from_db()
    assert not draw_checks_out(round_)


def test_a_small_population_still_gets_one_and_an_empty_one_is_refused(centre, centre_admin, school_counsellor):
    with translation.override("en"), pytest.raises(ValidationError, match="Nothing to audit"):
        services.audit_draw(centre=centre, actor=centre_admin)
    log_hours(school_counsellor)
    assert len(services.audit_draw(centre=centre, actor=centre_admin).drawn) == 1


def test_the_quarterly_audit_is_drawn_once_per_quarter_per_centre(centre, logged):
    on = datetime.date(2027, 1, 1)
    assert services.quarterly_audits_draw(on=on) == 1
    assert services.quarterly_audits_draw(on=on) == 0
    assert AuditRound.objects.get().label == "2027 Q1"


@pytest.mark.parametrize("who", ["verifier", "hr", "counsellor", "other_admin"])
def test_only_the_centres_admins_start_an_audit(client, centre, other_centre, verifier, hr_officer, logged, who):
    user = {
        "verifier": verifier,
        "hr": hr_officer,
        "counsellor": logged[0],
        "other_admin": personas.centre_staff(other_centre, Role.ADMIN, email="vest@example.org"),
    }[who]
    with pytest.raises(PermissionDenied):
        services.audit_draw(centre=centre, actor=user)
    response = as_user(client, user).post(reverse("audit_draw", kwargs={"slug": centre.slug}), {"share": "10"})
    assert response.status_code == 403
    assert not AuditRound.objects.exists()


def test_a_bad_share_is_refused_with_a_message_and_draws_nothing(client, centre, centre_admin, logged):
    url = reverse("audit_draw", kwargs={"slug": centre.slug})
    response = as_user(client, centre_admin).post(url, {"share": "150"}, follow=True)
    assert "between 1 and 100 per cent" in page(response)
    assert not AuditRound.objects.exists()


def _drawn_activity(centre, centre_admin, owner):
    """An on-demand audit of everything, and the audited CPD activity of ``owner``."""
    round_ = services.audit_draw(centre=centre, actor=centre_admin, share="1")
    return AuditItem.objects.get(round=round_, owner=owner, activity__isnull=False)


def test_the_counsellor_sends_evidence_and_the_verifier_confirms(client, centre, centre_admin, verifier, logged):
    owner = logged[0]
    item = _drawn_activity(centre, centre_admin, owner)
    as_user(client, owner)
    assert "Send the evidence" in page(client.get(reverse("audit_item", kwargs={"pk": item.pk})))
    assert reverse("audit_item", kwargs={"pk": item.pk}) in page(client.get(reverse("competence")))

    sent = client.post(
        reverse("audit_item", kwargs={"pk": item.pk}), {"evidence": pdf_upload(), "message": "Kursbevis"}
    )
    assert sent.status_code == 302
    item.refresh_from_db()
    assert item.outcome == AuditOutcome.SUBMITTED

    as_user(client, verifier)
    decide = reverse("audit_decide", kwargs={"pk": item.pk})
    assert reverse("audit_evidence_preview", kwargs={"pk": item.pk}) in page(client.get(decide))
    assert client.post(decide, {"decision": "confirmed"}).status_code == 302
    item.refresh_from_db()
    item.activity.refresh_from_db()
    assert (item.outcome, item.decided_by, item.activity.evidence_level) == (
        AuditOutcome.CONFIRMED,
        verifier,
        EvidenceLevel.EVIDENCED,
    )
    again = client.post(decide, {"decision": "not_confirmed", "reason": "Feil"}, follow=True)
    assert "already been decided" in page(again)


def test_an_entry_not_confirmed_stops_counting_for_the_person_and_the_network(
    client, centre, centre_admin, verifier, logged
):
    owner = logged[0]
    assert status_for(owner).meets
    round_ = services.audit_draw(centre=centre, actor=centre_admin, share="1")
    credit_item = AuditItem.objects.get(round=round_, owner=owner, credit__isnull=False)

    blank = as_user(client, verifier).post(
        reverse("audit_decide", kwargs={"pk": credit_item.pk}), {"decision": "not_confirmed", "reason": ""}
    )
    assert "Say why the evidence does not confirm the entry" in page(blank)
    services.audit_decide(item=credit_item, verifier=verifier, confirmed=False, reason="Vitnemålet gjelder en annen")

    status = status_for(owner)
    assert (status.verified_credits, status.failed_audits, status.meets) == (Decimal("0"), 1, False)
    row = annotate_status(CounsellorProfile.objects.filter(user=owner)).get()
    assert (row.verified_credits, row.meets_requirement) == (Decimal("0"), False)
    text = page(as_user(client, owner).get(reverse("competence")))
    assert "1 entry no longer counts" in text


def test_evidence_not_sent_by_the_deadline_stops_counting(centre, centre_admin, logged):
    owner = logged[0]
    item = _drawn_activity(centre, centre_admin, owner)
    hours_before = status_for(owner).cpd_hours
    with time_machine.travel(item.round.deadline + datetime.timedelta(days=1), tick=False):
        item.refresh_from_db()
        assert item.unanswered
        assert status_for(owner).cpd_hours == hours_before - item.activity.hours
        with pytest.raises(ValidationError):
            services.audit_submit(item=item, actor=owner, evidence=None)


def test_nobody_else_sees_a_counsellors_audit_or_its_evidence(client, centre, centre_admin, other_centre, logged):
    item = _drawn_activity(centre, centre_admin, logged[0])
    services.audit_submit(item=item, actor=logged[0], evidence=pdf_upload())
    as_user(client, logged[1])
    assert client.get(reverse("audit_item", kwargs={"pk": item.pk})).status_code == 404
    assert client.get(reverse("audit_evidence", kwargs={"pk": item.pk})).status_code == 404
    assert client.get(reverse("audit_decide", kwargs={"pk": item.pk})).status_code == 403
    other_verifier = personas.centre_staff(other_centre, Role.VERIFIER, email="vest@example.org")
    assert as_user(client, other_verifier).get(reverse("audit_decide", kwargs={"pk": item.pk})).status_code == 404
    with pytest.raises(PermissionDenied):
        services.audit_submit(item=item, actor=logged[1], evidence=pdf_upload())


@pytest.mark.parametrize(("who", "status"), [("admin", 200), ("verifier", 200), ("national", 200), ("hr", 403)])
def test_centre_and_national_admins_and_verifiers_see_the_rounds_and_results(
    client,
    centre,
    centre_admin,
    verifier,
    hr_officer,
    national_admin,
    logged,
    who,
    status,
    django_assert_max_num_queries,
):
    round_ = services.audit_draw(centre=centre, actor=centre_admin)
    user = {"admin": centre_admin, "verifier": verifier, "national": national_admin, "hr": hr_officer}[who]
    as_user(client, user)
    rounds_url = reverse("audit_rounds", kwargs={"slug": centre.slug})
    round_url = reverse("audit_round", kwargs={"slug": centre.slug, "pk": round_.pk})
    assert client.get(rounds_url).status_code == status
    with django_assert_max_num_queries(12):
        response = client.get(round_url)
    assert response.status_code == status
    if status == 200:
        assert "the same entries" in page(response)
        assert round_.seed in page(response)


def test_a_statement_shows_confirmed_audits_and_leaves_out_entries_that_failed(
    client, centre, centre_admin, verifier, logged, areas
):
    owner = logged[0]
    second = log_credit(owner, [areas[1]], credits="5", title="Veiledning av voksne")
    services.credit_verify(credit=second, verifier=verifier)
    round_ = services.audit_draw(centre=centre, actor=centre_admin, share="1")
    items = AuditItem.objects.filter(round=round_, owner=owner, credit__isnull=False).select_related("credit")
    confirmed, failed = sorted(items, key=lambda i: i.credit.title)
    services.audit_decide(item=confirmed, verifier=verifier, confirmed=True)
    services.audit_decide(item=failed, verifier=verifier, confirmed=False, reason="Feil person")

    statement = services.statement_issue(owner=owner)

    titles = [entry["title"] for entry in statement.snapshot["entries"]]
    assert titles == [confirmed.credit.title]
    assert statement.snapshot["entries"][0]["audit"] == {"round": round_.label, "outcome": "confirmed"}
    text = page(client.get(reverse("verify_code", kwargs={"code": statement.code})))
    assert f"Confirmed in evidence audit {round_.label}" in text
    assert failed.credit.title not in text


def test_an_activity_drawn_for_audit_can_no_longer_be_changed_or_deleted(client, centre, centre_admin, logged):
    owner = logged[0]
    item = _drawn_activity(centre, centre_admin, owner)
    activity = item.activity
    as_user(client, owner)
    form = {"title": "Annet", "date": activity.date.isoformat(), "hours": "50", "kind": "course"}
    refused = client.post(reverse("cpd_edit", kwargs={"pk": activity.pk}), form, follow=True)
    assert "can be changed" in page(refused)
    deleted = client.post(reverse("cpd_delete", kwargs={"pk": activity.pk}), follow=True)
    assert "drawn for an evidence audit" in page(deleted)
    activity.refresh_from_db()
    assert (activity.title, activity.hours) == ("Fagdag", Decimal("25"))


@pytest.mark.parametrize(("who", "status"), [("national", 200), ("admin", 403), ("verifier", 403)])
def test_national_admins_see_every_centres_audits_in_one_list(
    client, centre, other_centre, centre_admin, verifier, national_admin, logged, who, status,
    django_assert_max_num_queries,
):  # fmt: skip
    services.audit_draw(centre=centre, actor=centre_admin)
    person = personas.counsellor(home_centre=other_centre, email="vest.c@example.org")
    log_hours(person)
    services.audit_draw(centre=other_centre, actor=national_admin)
    as_user(client, {"national": national_admin, "admin": centre_admin, "verifier": verifier}[who])
    client.get(reverse("audit_overview"))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("audit_overview"))
    assert response.status_code == status
    if status == 200:
        assert [r.centre for r in response.context["page_obj"]] == [other_centre, centre]
