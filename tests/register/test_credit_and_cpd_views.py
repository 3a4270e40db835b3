"""The counsellor's own competence pages: credit entries and CPD activities
— from the owner's side and from everyone else's."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from register import services
from register.models import ActivitySource, CPDActivity, CreditEntry, CreditStatus
from tests import personas
from tests.factories import pdf_upload, today
from tests.register.competence_support import LAST_MONTH, html, log_credit, nb, stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Evidence goes to a fresh folder per test, so "nothing stored" can be checked on disk."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


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


def test_the_amount_fields_are_text_with_a_decimal_keyboard_not_number_fields(client, me):
    # A Norwegian browser's <input type="number"> turned a typed "2,5" into 25.
    for url, name in ((reverse("credit_create"), "credits"), (reverse("cpd_create"), "hours")):
        page = html(client.get(url))
        field = page[page.index(f'name="{name}"') - 200 : page.index(f'name="{name}"') + 200]
        assert 'type="text"' in field and 'inputmode="decimal"' in field
        assert 'type="number"' not in field


def test_hours_typed_with_a_decimal_comma_are_stored_as_written(client, me):
    data = {"title": "Fagdag", "date": LAST_MONTH.isoformat(), "hours": "2,5", "kind": "course"}
    client.post(reverse("cpd_create"), data)
    assert CPDActivity.objects.get(owner=me).hours == Decimal("2.5")


def test_every_problem_is_shown_at_once_and_the_file_must_be_chosen_again(client, me, areas, private_media):
    fake = SimpleUploadedFile("kursbevis.pdf", b"<html></html>", "application/pdf")
    in_2030 = datetime.date(2030, 1, 1).isoformat()

    response = client.post(
        reverse("credit_create"), credit_post(areas, credits="61", completed_on=in_2030, evidence=fake)
    )

    assert sorted(response.context["form"].errors) == ["completed_on", "credits", "evidence"]
    page = html(response)
    summary = page[page.index("ds-error-summary") :]
    for message in (
        nb("%(label)s must be more than 0 and at most %(max)s.") % {"label": "Studiepoeng", "max": "60"},
        nb("The date cannot be in the future."),
        nb("Only PDF, PNG and JPEG files are accepted. This file is not one of those, whatever its name says."),
    ):
        assert message in summary
    assert nb("A file is not kept when the form has errors: choose it again before you send.") in page
    assert not CreditEntry.objects.exists()
    assert stored_files(private_media) == []


def test_a_form_without_errors_says_nothing_about_choosing_the_file_again(client, me):
    page = html(client.get(reverse("credit_create")))
    assert nb("A file is not kept when the form has errors: choose it again before you send.") not in page


def test_the_service_names_every_wrong_field_in_one_error(me, areas):
    fake = SimpleUploadedFile("kursbevis.pdf", b"<html></html>", "application/pdf")
    with pytest.raises(ValidationError) as refused:
        services.credit_create(
            owner=me,
            title="",
            institution="OsloMet",
            credits="61",
            completed_on=datetime.date(2030, 1, 1),
            areas=[],
            evidence=fake,
        )
    assert sorted(refused.value.message_dict) == ["areas", "completed_on", "credits", "evidence", "title"]
    assert not CreditEntry.objects.exists()


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
    tomorrow = (today() + datetime.timedelta(days=1)).isoformat()
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


@pytest.mark.parametrize("name", ["poly.html", "kursbevis.exe", "kursbevis.svg", "kursbevis.png"])
def test_a_pdf_whose_name_says_another_type_is_refused_and_nothing_is_stored(client, me, areas, private_media, name):
    polyglot = SimpleUploadedFile(name, b"%PDF-1.4\n<html><script>alert(1)</script></html>", "application/pdf")

    response = client.post(reverse("credit_create"), credit_post(areas, evidence=polyglot))

    assert list(response.context["form"].errors) == ["evidence"]
    suffix = name[name.rindex(".") :]
    message = nb("The file name ends in %(suffix)s, but the file is a %(kind)s. Give it the right name and try again.")
    assert escape(message % {"suffix": suffix, "kind": "PDF"}) in html(response)
    assert not CreditEntry.objects.exists()
    assert stored_files(private_media) == []


@pytest.mark.parametrize(("name", "shown"), [("kursbevis", "kursbevis.pdf"), ("Kursbevis.PDF", "Kursbevis.pdf")])
def test_the_stored_and_shown_names_end_in_the_extension_of_the_type_found(
    client, me, areas, private_media, name, shown
):
    response = client.post(reverse("credit_create"), credit_post(areas, evidence=pdf_upload(name)))

    assert response.status_code == 302
    entry = CreditEntry.objects.get()
    assert entry.evidence_name == shown
    assert entry.evidence.name.endswith(".pdf")
    assert [path.suffix for path in stored_files(private_media)] == [".pdf"]


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
    assert 'value="7,5"' in page  # as the pages write it in bokmål, and as it may be typed back
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
        ("date", (today() + datetime.timedelta(days=1)).isoformat()),
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
