"""The counsellor's own competence pages: status, credits, CPD, self-assessment, statements,
home centre, my data and account deletion — from the owner's side and from everyone else's."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from register import services
from register.models import (
    ActivitySource,
    AffiliationStatus,
    CompetenceStatement,
    CPDActivity,
    CreditEntry,
    CreditStatus,
    HomeCentreRequest,
    Level,
    SelfAssessment,
)
from tests import personas
from tests.factories import PASSWORD, PDF_BYTES, CentreFactory, UserFactory, pdf_upload

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LAST_MONTH = TODAY - datetime.timedelta(days=30)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Evidence goes to a fresh folder per test, so "nothing stored" can be checked on disk."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root):
    return [p for p in root.rglob("*") if p.is_file()]


def nb(text):
    """A message as the Norwegian page shows it (the site's default language)."""
    with translation.override("nb"):
        return escape(translation.gettext(text) if isinstance(text, str) else str(text))


def html(response):
    return response.content.decode()


def log_credit(owner, credits="10", areas=(), title="Karriereveiledning 1", **kwargs):
    return services.credit_create(
        owner=owner,
        title=title,
        institution="Høgskolen i Innlandet",
        credits=credits,
        completed_on=kwargs.pop("completed_on", LAST_MONTH),
        areas=list(areas),
        evidence=pdf_upload(),
        **kwargs,
    )


def credit_post(all_areas, **overrides):
    data = {
        "title": "Karriereveiledning i skolen",
        "institution": "OsloMet",
        "course_code": "KVU1000",
        "credits": "15",
        "completed_on": LAST_MONTH.isoformat(),
        "areas": [all_areas[0].pk, all_areas[2].pk],
        "evidence": pdf_upload(),
    }
    data.update(overrides)
    return data


@pytest.fixture
def other_counsellor(centre):
    return personas.counsellor(home_centre=centre, email="annen@example.org")


@pytest.fixture
def me(client, school_counsellor):
    client.force_login(school_counsellor)
    return school_counsellor


# Anonymous visitors


OWN_PAGES = [
    ("competence", {}),
    ("credit_create", {}),
    ("credit_detail", {"pk": 1}),
    ("credit_edit", {"pk": 1}),
    ("cpd_create", {}),
    ("self_assessment", {}),
    ("statement_list", {}),
    ("statement_detail", {"pk": 1}),
    ("home_centre", {}),
    ("my_data", {}),
    ("account_delete", {}),
]
OWN_ACTIONS = [
    ("credit_delete", {"pk": 1}),
    ("cpd_delete", {"pk": 1}),
    ("statement_revoke", {"pk": 1}),
]


@pytest.mark.parametrize(("name", "kwargs"), OWN_PAGES + OWN_ACTIONS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    response = client.post(url) if (name, kwargs) in OWN_ACTIONS else client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# /kompetanse/: the status and the lists


def test_the_competence_page_shows_the_status_against_the_set_in_force_with_progress_and_next_step(
    client, me, verifier, requirements, areas
):
    log_credit(me, "40", [areas[1]], title="Verifisert kurs")
    services.credit_verify(credit=CreditEntry.objects.get(title="Verifisert kurs"), verifier=verifier)
    log_credit(me, "20", [areas[0]], title="Ventende kurs")
    services.cpd_create(owner=me, title="Fagdag", date=LAST_MONTH, hours="30", kind="course")

    response = client.get(reverse("competence"))

    assert response.status_code == 200
    page = html(response)
    status = response.context["status"]
    requirement = requirements[me.counsellor_profile.workplace_type]
    assert status.requirement == requirement
    assert (status.verified_credits, status.pending_credits, status.missing_credits) == (
        Decimal("40"),
        Decimal("20"),
        Decimal("20"),
    )
    assert status.would_meet_when_verified
    assert escape(requirement.name) in page
    assert requirement.effective_from.strftime("%d.%m.%Y") in page
    assert '<progress id="status-credits" max="100" value="66">' in page
    assert '<progress id="status-cpd" max="100" value="100">' in page
    assert nb("Will meet the requirement once pending entries are verified") in page
    assert nb(status.next_step) in page
    assert "Verifisert kurs" in page
    assert "Ventende kurs" in page
    assert nb(CreditStatus.VERIFIED.label) in page
    assert nb(CreditStatus.PENDING.label) in page
    assert nb("Logged by hand") in page


def test_each_area_shows_the_self_assessment_beside_the_verified_entries_covering_it(
    client, me, verifier, requirements, areas
):
    entry = log_credit(me, "10", [areas[2]], title="Kurs i område 3")
    services.credit_verify(credit=entry, verifier=verifier)
    services.self_assessment_set(user=me, area=areas[2], level=Level.SPECIALISED, note="Mye erfaring")

    response = client.get(reverse("competence"))

    rows = {row.area.number: row for row in response.context["area_rows"]}
    assert rows[3].verified == [entry]
    assert rows[3].assessment.level == Level.SPECIALISED
    assert rows[1].required and not rows[3].required
    assert rows[4].verified == [] and rows[4].assessment is None
    page = html(response)
    assert nb(Level.SPECIALISED.label) in page
    assert "Mye erfaring" in page


def test_attended_event_hours_are_shown_with_their_source_and_cannot_be_deleted_from_the_page(
    client, me, requirements, areas
):
    services.cpd_record_from_source(
        owner=me, source=ActivitySource.EVENT, source_ref="event:9", title="Fagkonferanse", date=LAST_MONTH,
        hours=Decimal("6"), kind="conference",
    )  # fmt: skip
    page = html(client.get(reverse("competence")))
    assert "Fagkonferanse" in page
    assert nb("Attended event") in page
    assert reverse("cpd_delete", kwargs={"pk": CPDActivity.objects.get().pk}) not in page


def test_a_counsellor_without_a_profile_is_asked_to_create_one(client, plain_user, requirements):
    client.force_login(plain_user)
    response = client.get(reverse("competence"))
    assert response.status_code == 200
    assert reverse("profile") in html(response)
    assert response.context["status"].requirement is None


def _fill(owner, n, areas, verifier):
    for i in range(n):
        entry = log_credit(owner, "1", [areas[i % 7]], title=f"Kurs {i}")
        if i % 2:
            services.credit_verify(credit=entry, verifier=verifier)
        services.cpd_create(
            owner=owner, title=f"Fagdag {i}", date=LAST_MONTH, hours="1", kind="course", areas=areas[:2]
        )


@pytest.mark.parametrize("url_name", ["competence", "dashboard"])
def test_the_competence_page_and_my_page_cost_the_same_queries_for_3_and_40_entries(
    client, school_counsellor, verifier, requirements, areas, url_name, django_assert_max_num_queries
):
    small = personas.counsellor(home_centre=school_counsellor.counsellor_profile.home_centre, email="liten@example.org")
    _fill(small, 3, areas, verifier)
    _fill(school_counsellor, 40, areas, verifier)

    client.force_login(small)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(url_name)).status_code == 200
    client.force_login(school_counsellor)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse(url_name))
    assert response.status_code == 200
    if url_name == "competence":
        assert len(response.context["credits"]) == 40
        assert len(response.context["activities"]) == 40


def test_my_page_shows_the_status_in_brief_with_a_link_to_the_competence_page(client, me, requirements, areas):
    log_credit(me, "20", [areas[0]])
    response = client.get(reverse("dashboard"))
    page = html(response)
    assert response.context["status"].pending_credits == Decimal("20")
    assert 'id="dashboard-status-credits"' in page
    assert reverse("competence") in page
    assert nb(response.context["status"].next_step) in page


# Credit entries


def test_a_counsellor_logs_a_course_with_a_pdf_and_it_waits_for_verification(
    client, me, requirements, areas, private_media
):
    response = client.post(reverse("credit_create"), credit_post(areas))

    entry = CreditEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("credit_detail", kwargs={"pk": entry.pk})
    assert entry.owner == me
    assert entry.status == CreditStatus.PENDING
    assert entry.credits == Decimal("15.0")
    assert sorted(a.number for a in entry.areas.all()) == [1, 3]
    assert entry.evidence_name == "kursbevis.pdf"
    assert len(stored_files(private_media)) == 1


def test_a_decimal_comma_and_one_decimal_place_are_accepted(client, me, areas):
    client.post(reverse("credit_create"), credit_post(areas, credits="7,5"))
    assert CreditEntry.objects.get().credits == Decimal("7.5")


@pytest.mark.parametrize("credits", ["0", "-1", "61", "abc", "7.55", ""])
def test_invalid_studiepoeng_are_refused_at_the_field_and_nothing_is_stored(client, me, areas, private_media, credits):
    response = client.post(reverse("credit_create"), credit_post(areas, credits=credits))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["credits"]
    assert 'id="id_credits_error"' in html(response)
    assert nb(errors["credits"][0]) in html(response)
    assert not CreditEntry.objects.exists()
    assert stored_files(private_media) == []


def test_a_completion_date_in_the_future_is_refused_at_the_field(client, me, areas, private_media):
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    response = client.post(reverse("credit_create"), credit_post(areas, completed_on=tomorrow))

    assert list(response.context["form"].errors) == ["completed_on"]
    assert nb("The date cannot be in the future.") in html(response)
    assert not CreditEntry.objects.exists()
    assert stored_files(private_media) == []


@pytest.mark.parametrize("area_ids", [[999999], ["abc"], []])
def test_unknown_or_missing_competence_areas_are_refused_at_the_field(client, me, areas, private_media, area_ids):
    response = client.post(reverse("credit_create"), credit_post(areas, areas=area_ids))

    assert list(response.context["form"].errors) == ["areas"]
    assert 'id="id_areas_error"' in html(response)
    assert not CreditEntry.objects.exists()
    assert stored_files(private_media) == []


def test_an_html_file_renamed_pdf_is_refused_and_nothing_is_stored(client, me, areas, private_media):
    fake = SimpleUploadedFile("kursbevis.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")

    response = client.post(reverse("credit_create"), credit_post(areas, evidence=fake))

    assert list(response.context["form"].errors) == ["evidence"]
    message = "Only PDF, PNG and JPEG files are accepted. This file is not one of those, whatever its name says."
    assert nb(message) in html(response)
    fake.seek(0)
    in_english = client.post(
        reverse("credit_create"), credit_post(areas, evidence=fake), headers={"accept-language": "en"}
    )
    assert "Only PDF, PNG and JPEG files are accepted." in html(in_english)
    assert not CreditEntry.objects.exists()
    assert stored_files(private_media) == []


def test_a_file_over_10_mb_is_refused_and_nothing_is_stored(client, me, areas, private_media):
    big = SimpleUploadedFile("stor.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), "application/pdf")

    response = client.post(reverse("credit_create"), credit_post(areas, evidence=big))

    assert list(response.context["form"].errors) == ["evidence"]
    assert nb("The file is larger than 10 MB. Upload a smaller file.") in html(response)
    assert not CreditEntry.objects.exists()
    assert stored_files(private_media) == []


def test_a_course_without_evidence_is_refused_at_the_evidence_field(client, me, areas):
    data = credit_post(areas)
    del data["evidence"]
    response = client.post(reverse("credit_create"), data)
    assert list(response.context["form"].errors) == ["evidence"]
    assert not CreditEntry.objects.exists()


def test_an_owner_field_smuggled_into_the_form_is_ignored(client, me, other_counsellor, areas):
    client.post(reverse("credit_create"), credit_post(areas, owner=other_counsellor.pk, status="verified"))
    entry = CreditEntry.objects.get()
    assert entry.owner == me
    assert entry.status == CreditStatus.PENDING


def test_the_owner_sees_the_entry_with_evidence_link_and_its_audit_trail(client, me, verifier, areas):
    entry = log_credit(me, "10", [areas[0]])
    services.credit_reject(credit=entry, verifier=verifier, reason="Vitnemålet mangler stempel")

    response = client.get(reverse("credit_detail", kwargs={"pk": entry.pk}))

    assert response.status_code == 200
    page = html(response)
    assert reverse("credit_evidence", kwargs={"pk": entry.pk}) in page
    assert "Vitnemålet mangler stempel" in page
    trail = response.context["trail"]
    assert [row.action for row in trail] == ["credit.created", "credit.rejected"]
    assert trail[1].actor == verifier
    assert (trail[1].details["from"], trail[1].details["to"]) == ("pending", "rejected")
    assert escape(str(verifier)) in page
    assert nb(CreditStatus.REJECTED.label) in page
    # Decided entries offer no change or delete.
    assert reverse("credit_edit", kwargs={"pk": entry.pk}) not in page


def test_the_owner_changes_a_pending_entry_and_keeps_the_evidence_when_no_file_is_sent(client, me, areas):
    entry = log_credit(me, "10", [areas[0]])
    data = credit_post(areas, title="Nytt navn", credits="12.5", areas=[areas[1].pk])
    del data["evidence"]

    response = client.post(reverse("credit_edit", kwargs={"pk": entry.pk}), data)

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.title, entry.credits) == ("Nytt navn", Decimal("12.5"))
    assert [a.number for a in entry.areas.all()] == [2]
    assert entry.evidence_name == "kursbevis.pdf"


def test_the_owner_replaces_the_evidence_and_the_old_file_goes(
    client, me, areas, private_media, django_capture_on_commit_callbacks
):
    entry = log_credit(me, "10", [areas[0]])
    old = stored_files(private_media)
    new_file = SimpleUploadedFile("nytt-bevis.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "image/png")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("credit_edit", kwargs={"pk": entry.pk}), credit_post(areas, evidence=new_file))

    entry.refresh_from_db()
    assert (entry.evidence_name, entry.evidence_type) == ("nytt-bevis.png", "image/png")
    files = stored_files(private_media)
    assert len(files) == 1
    assert files != old


def test_the_edit_form_is_filled_with_the_entry(client, me, areas):
    entry = log_credit(me, "7.5", [areas[0]], title="Gammelt navn")
    page = html(client.get(reverse("credit_edit", kwargs={"pk": entry.pk})))
    assert 'value="Gammelt navn"' in page
    assert 'value="7.5"' in page
    assert f'value="{LAST_MONTH.isoformat()}"' in page


def test_an_edit_with_bad_studiepoeng_changes_nothing(client, me, areas):
    entry = log_credit(me, "10", [areas[0]])
    data = credit_post(areas, credits="61")
    del data["evidence"]
    response = client.post(reverse("credit_edit", kwargs={"pk": entry.pk}), data)
    assert list(response.context["form"].errors) == ["credits"]
    entry.refresh_from_db()
    assert entry.credits == Decimal("10.0")


def test_a_verified_entry_can_be_neither_changed_nor_deleted(client, me, verifier, areas):
    entry = log_credit(me, "10", [areas[0]])
    services.credit_verify(credit=entry, verifier=verifier)
    data = credit_post(areas, credits="60")
    del data["evidence"]

    edit = client.post(reverse("credit_edit", kwargs={"pk": entry.pk}), data)
    delete = client.post(reverse("credit_delete", kwargs={"pk": entry.pk}))

    assert edit.status_code == delete.status_code == 302
    entry.refresh_from_db()
    assert entry.credits == Decimal("10.0")
    assert entry.status == CreditStatus.VERIFIED


def test_the_owner_deletes_a_pending_entry_and_its_file(
    client, me, areas, private_media, django_capture_on_commit_callbacks
):
    entry = log_credit(me, "10", [areas[0]])
    assert len(stored_files(private_media)) == 1

    assert client.get(reverse("credit_delete", kwargs={"pk": entry.pk})).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("credit_delete", kwargs={"pk": entry.pk}))

    assert response.status_code == 302
    assert not CreditEntry.objects.exists()
    assert stored_files(private_media) == []


@pytest.mark.parametrize("name", ["credit_detail", "credit_edit"])
def test_another_counsellor_gets_404_for_my_entry_pages(client, school_counsellor, other_counsellor, areas, name):
    entry = log_credit(school_counsellor, "10", [areas[0]])
    client.force_login(other_counsellor)
    assert client.get(reverse(name, kwargs={"pk": entry.pk})).status_code == 404


def test_another_counsellor_can_neither_change_nor_delete_my_entry(client, school_counsellor, other_counsellor, areas):
    entry = log_credit(school_counsellor, "10", [areas[0]])
    client.force_login(other_counsellor)
    data = credit_post(areas, title="Kapret")
    del data["evidence"]

    assert client.post(reverse("credit_edit", kwargs={"pk": entry.pk}), data).status_code == 404
    assert client.post(reverse("credit_delete", kwargs={"pk": entry.pk})).status_code == 404

    entry.refresh_from_db()
    assert entry.title == "Karriereveiledning 1"


def test_a_verifier_does_not_reach_a_counsellors_entry_through_the_counsellor_pages(
    client, school_counsellor, verifier, areas
):
    entry = log_credit(school_counsellor, "10", [areas[0]])
    client.force_login(verifier)
    assert client.get(reverse("credit_detail", kwargs={"pk": entry.pk})).status_code == 404


# CPD activities


def test_a_counsellor_logs_professional_development_hours(client, me, areas, private_media):
    data = {
        "title": "Nettverkssamling",
        "date": LAST_MONTH.isoformat(),
        "hours": "3.5",
        "kind": "network_meeting",
        "areas": [areas[1].pk],
        "reflection": "Lærte mye om karrierelæring.",
    }
    response = client.post(reverse("cpd_create"), data)

    assert response.status_code == 302
    activity = CPDActivity.objects.get()
    assert (activity.owner, activity.hours, activity.source) == (me, Decimal("3.5"), ActivitySource.MANUAL)
    assert stored_files(private_media) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("hours", "0"),
        ("hours", "101"),
        ("hours", "abc"),
        ("date", (TODAY + datetime.timedelta(days=1)).isoformat()),
        ("kind", "party"),
        ("areas", [424242]),
    ],
)
def test_bad_cpd_input_is_refused_at_the_field(client, me, areas, field, value):
    data = {"title": "Fagdag", "date": LAST_MONTH.isoformat(), "hours": "2", "kind": "course", field: value}
    response = client.post(reverse("cpd_create"), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not CPDActivity.objects.exists()


def test_cpd_evidence_must_be_a_real_pdf_png_or_jpeg(client, me, areas, private_media):
    fake = SimpleUploadedFile("bevis.png", b"GIF89a....", "image/png")
    data = {"title": "Fagdag", "date": LAST_MONTH.isoformat(), "hours": "2", "kind": "course", "evidence": fake}
    response = client.post(reverse("cpd_create"), data)
    assert list(response.context["form"].errors) == ["evidence"]
    assert not CPDActivity.objects.exists()
    assert stored_files(private_media) == []


def test_the_owner_deletes_a_manual_activity_but_not_one_from_an_event(client, me, other_counsellor):
    manual = services.cpd_create(owner=me, title="Fagdag", date=LAST_MONTH, hours="2", kind="course")
    event = services.cpd_record_from_source(
        owner=me, source=ActivitySource.EVENT, source_ref="event:1", title="Kurs", date=LAST_MONTH,
        hours=Decimal("3"), kind="course",
    )  # fmt: skip

    assert client.post(reverse("cpd_delete", kwargs={"pk": manual.pk})).status_code == 302
    assert client.post(reverse("cpd_delete", kwargs={"pk": event.pk})).status_code == 302

    assert list(CPDActivity.objects.all()) == [event]


def test_another_counsellor_cannot_delete_my_activity(client, school_counsellor, other_counsellor):
    activity = services.cpd_create(owner=school_counsellor, title="Fagdag", date=LAST_MONTH, hours="2", kind="course")
    client.force_login(other_counsellor)
    assert client.post(reverse("cpd_delete", kwargs={"pk": activity.pk})).status_code == 404
    assert CPDActivity.objects.filter(pk=activity.pk).exists()


# Self-assessment


def test_a_counsellor_rates_each_area_with_an_optional_note(client, me, areas):
    page = html(client.get(reverse("self_assessment")))
    for area in areas:
        assert f'for="id_level_{area.pk}"' in page
        assert f'for="id_note_{area.pk}"' in page

    data = {f"level_{a.pk}": Level.NOT_YET for a in areas}
    data[f"level_{areas[0].pk}"] = Level.COMPETENT
    data[f"note_{areas[0].pk}"] = "Jobber med dette daglig"
    response = client.post(reverse("self_assessment"), data)

    assert response.status_code == 302
    mine = {s.area.number: s for s in SelfAssessment.objects.filter(user=me)}
    assert len(mine) == 7
    assert (mine[1].level, mine[1].note) == (Level.COMPETENT, "Jobber med dette daglig")
    page = html(client.get(reverse("self_assessment")))
    assert "Jobber med dette daglig" in page


def test_an_unknown_level_is_refused_and_nothing_is_saved(client, me, areas):
    data = {f"level_{a.pk}": Level.NOT_YET for a in areas}
    data[f"level_{areas[0].pk}"] = "guru"
    response = client.post(reverse("self_assessment"), data)
    assert list(response.context["form"].errors) == [f"level_{areas[0].pk}"]
    assert not SelfAssessment.objects.exists()


# Competence statements


def test_a_counsellor_issues_a_statement_and_sees_when_it_was_checked(client, me, verifier, requirements, areas):
    entry = log_credit(me, "30", [areas[0]], title="Verifisert kurs")
    services.credit_verify(credit=entry, verifier=verifier)

    response = client.post(reverse("statement_list"), {"valid_days": "90"})

    statement = CompetenceStatement.objects.get()
    assert response["Location"] == reverse("statement_detail", kwargs={"pk": statement.pk})
    assert statement.expires_on == TODAY + datetime.timedelta(days=90)
    services.statement_lookup(code=statement.code)
    services.statement_lookup(code=statement.code.lower())

    listing = client.get(reverse("statement_list"))
    page = html(listing)
    formatted = services.statements.format_code(statement.code)
    assert formatted in page
    assert listing.context["statements"][0].lookup_count == 2
    assert nb("Valid") in page

    detail = client.get(reverse("statement_detail", kwargs={"pk": statement.pk}))
    page = html(detail)
    assert "Verifisert kurs" in page
    assert escape(requirements[me.counsellor_profile.workplace_type].name) in page
    assert len(detail.context["lookups"]) == 2
    assert 'class="toolbar no-print"' in page


def test_the_statement_list_costs_the_same_queries_for_2_and_12_statements(
    client, me, other_counsellor, django_assert_max_num_queries
):
    for _ in range(2):
        services.statement_lookup(code=services.statement_issue(owner=other_counsellor).code)
    client.force_login(other_counsellor)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("statement_list"))
    for _ in range(12):
        services.statement_lookup(code=services.statement_issue(owner=me).code)
    client.force_login(me)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("statement_list"))
    assert [s.lookup_count for s in response.context["statements"]] == [1] * 12


@pytest.mark.parametrize("days", ["0", "366", "abc"])
def test_a_validity_outside_1_to_365_days_is_refused_at_the_field(client, me, days):
    response = client.post(reverse("statement_list"), {"valid_days": days})
    assert list(response.context["form"].errors) == ["valid_days"]
    assert not CompetenceStatement.objects.exists()


def test_the_holder_revokes_a_statement_and_the_code_then_checks_as_revoked(client, me):
    statement = services.statement_issue(owner=me)

    assert client.get(reverse("statement_revoke", kwargs={"pk": statement.pk})).status_code == 405
    response = client.post(reverse("statement_revoke", kwargs={"pk": statement.pk}))

    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.is_revoked
    assert services.statement_lookup(code=statement.code)[0] == "revoked"
    assert nb("Revoked") in html(client.get(reverse("statement_list")))


def test_another_counsellor_can_neither_see_nor_revoke_my_statement(client, school_counsellor, other_counsellor):
    statement = services.statement_issue(owner=school_counsellor)
    client.force_login(other_counsellor)

    assert client.get(reverse("statement_detail", kwargs={"pk": statement.pk})).status_code == 404
    assert client.post(reverse("statement_revoke", kwargs={"pk": statement.pk})).status_code == 404
    statement.refresh_from_db()
    assert not statement.is_revoked
    assert statement.code not in html(client.get(reverse("statement_list")))


# Home centre


def test_a_counsellor_asks_a_centre_withdraws_and_asks_again(client, other_centre):
    user = personas.counsellor(email="nav@example.org")
    client.force_login(user)

    response = client.post(reverse("home_centre"), {"action": "request", "centre": other_centre.pk, "message": "Hei"})
    assert response.status_code == 302
    request = HomeCentreRequest.objects.get(user=user)
    assert request.status == AffiliationStatus.REQUESTED
    assert escape(other_centre.name) in html(client.get(reverse("home_centre")))

    client.post(reverse("home_centre"), {"action": "withdraw"})
    request.refresh_from_db()
    assert request.status == AffiliationStatus.ENDED

    client.post(reverse("home_centre"), {"action": "request", "centre": other_centre.pk})
    assert HomeCentreRequest.objects.filter(user=user, status=AffiliationStatus.REQUESTED).count() == 1


def test_an_inactive_centre_cannot_be_asked(client, me):
    closed = CentreFactory(is_active=False)
    response = client.post(reverse("home_centre"), {"action": "request", "centre": closed.pk})
    assert list(response.context["form"].errors) == ["centre"]
    assert not HomeCentreRequest.objects.exists()


def test_a_counsellor_ends_their_home_centre(client, me, centre):
    page = html(client.get(reverse("home_centre")))
    assert escape(centre.name) in page

    response = client.post(reverse("home_centre"), {"action": "end"})

    assert response.status_code == 302
    me.counsellor_profile.refresh_from_db()
    assert me.counsellor_profile.home_centre is None


def test_withdrawing_only_touches_my_own_request(client, me, other_counsellor, other_centre):
    theirs = services.home_centre_request(user=other_counsellor, centre=other_centre)
    client.post(reverse("home_centre"), {"action": "withdraw"})
    theirs.refresh_from_db()
    assert theirs.status == AffiliationStatus.REQUESTED


# My data and my account


def test_my_data_downloads_as_json_with_entries_trail_activities_statements_and_lookups(
    client, me, verifier, other_counsellor, areas
):
    entry = log_credit(me, "10", [areas[0]], title="Mitt kurs")
    services.credit_verify(credit=entry, verifier=verifier, note="Ser bra ut")
    log_credit(other_counsellor, "5", [areas[0]], title="Andres kurs")
    services.cpd_create(owner=me, title="Fagdag", date=LAST_MONTH, hours="2", kind="course")
    services.self_assessment_set(user=me, area=areas[0], level=Level.COMPETENT)
    statement = services.statement_issue(owner=me)
    services.statement_lookup(code=statement.code)

    response = client.get(reverse("my_data"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["profile"]["email"] == me.email
    assert data["profile"]["counsellor_profile"]["home_centre"] == me.counsellor_profile.home_centre.name
    assert [c["title"] for c in data["credit_entries"]] == ["Mitt kurs"]
    trail = data["credit_entries"][0]["audit_trail"]
    assert [(row["from"], row["to"]) for row in trail] == [(None, "pending"), ("pending", "verified")]
    assert trail[1]["reason"] == "Ser bra ut"
    assert data["cpd_activities"][0]["hours"] == "2.0"
    assert data["self_assessments"] == [
        {"area": 1, "level": "kompetent", "note": "", "updated": data["self_assessments"][0]["updated"]}
    ]
    assert data["statements"][0]["code"] == statement.code
    assert [lookup["outcome"] for lookup in data["statements"][0]["lookups"]] == ["valid"]
    assert "notices" in data
    assert "Andres kurs" not in response.content.decode()


def test_a_wrong_password_deletes_nothing(client, me):
    assert 'type="password"' in html(client.get(reverse("account_delete")))
    response = client.post(reverse("account_delete"), {"password": "feil-passord"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["password"]
    me.refresh_from_db()
    assert me.is_active


def test_the_right_password_deletes_the_account_its_evidence_and_logs_out(
    client, me, areas, private_media, django_capture_on_commit_callbacks
):
    log_credit(me, "10", [areas[0]])
    assert len(stored_files(private_media)) == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_delete"), {"password": PASSWORD})

    assert response.status_code == 302
    assert not type(me).objects.filter(pk=me.pk).exists()
    assert not CreditEntry.objects.exists()
    assert stored_files(private_media) == []
    assert client.get(reverse("competence")).status_code == 302


def test_a_user_cannot_delete_someone_else_by_adding_a_field(client, me, other_counsellor):
    client.post(reverse("account_delete"), {"password": PASSWORD, "user": other_counsellor.pk})
    assert type(me).objects.filter(pk=other_counsellor.pk).exists()


def test_every_form_field_on_the_competence_pages_has_a_label(client, me, areas):
    for name in ("credit_create", "cpd_create", "self_assessment", "statement_list", "home_centre", "account_delete"):
        page = html(client.get(reverse(name)))
        ids = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', page)
        for field_id in ids:
            if field_id.startswith("id_areas_"):
                continue  # checkbox options are wrapped in their label
            assert f'for="{field_id}"' in page, (name, field_id)


def test_a_fresh_user_without_entries_sees_empty_states(client, requirements):
    user = UserFactory()
    client.force_login(user)
    page = html(client.get(reverse("competence")))
    assert nb("You have not logged any courses yet.") in page


def test_a_file_name_climbing_out_of_the_folder_cannot_place_the_file_outside_private_storage(
    client, me, requirements, areas, private_media
):
    """The raw request names the file ../../../../tmp/evil.pdf (the test client would strip it)."""
    boundary = "grense"
    fields = {
        "title": "Karriereveiledning",
        "institution": "OsloMet",
        "credits": "10",
        "completed_on": LAST_MONTH.isoformat(),
        "areas": str(areas[0].pk),
    }
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in fields.items()]
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="evidence"; '
        f'filename="../../../../tmp/evil.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
    )
    body = "".join(parts).encode() + head.encode() + PDF_BYTES + f"\r\n--{boundary}--\r\n".encode()
    client.generic("POST", reverse("credit_create"), body, content_type=f"multipart/form-data; boundary={boundary}")

    entry = CreditEntry.objects.get()
    assert entry.evidence_name == "evil.pdf"
    assert ".." not in entry.evidence.name
    (stored,) = stored_files(private_media)
    assert stored.resolve().is_relative_to(private_media.resolve())
    assert stored.name != "evil.pdf"
