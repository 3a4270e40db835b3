"""The agreement pages as a centre admin, a national administrator and everyone else use them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Agreement, AgreementStatus, Review
from tests.partnerships.conftest import NAV_ORGNR, make_agreement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "30",
    }


def form_data(centre, **overrides):
    today = timezone.localdate()
    data = {
        "title": "Samarbeidsavtale med NAV Grünerløkka",
        "owner": f"centre:{centre.pk}",
        "purpose": "Felles veiledning for arbeidssøkere.",
        "start_date": today.isoformat(),
        "end_date": (today + datetime.timedelta(days=730)).isoformat(),
        "notice_months": "3",
        "renewal": "by_decision",
        "status": "active",
        **management("parties", 2),
        "parties-0-name": "NAV Grünerløkka",
        "parties-0-partner_type": "nav_office",
        "parties-0-organisation_number": "889 640 782",
        **management("obligations", 3),
        "obligations-0-side": "partner",
        "obligations-0-description": "NAV sets aside 200 counsellor hours",
        "obligations-0-unit": "hours",
        "obligations-0-amount": "200",
        "obligations-0-frequency": "yearly",
        "obligations-1-side": "centre",
        "obligations-1-description": "The centre trains NAV's counsellors",
        "obligations-1-unit": "nok",
        "obligations-1-amount": "50 000",
        "obligations-1-frequency": "quarterly",
        **management("contacts", 2),
        "contacts-0-side": "partner",
        "contacts-0-name": "Nils Nav",
        "contacts-0-email": "nils@nav.example",
    }
    data.update(overrides)
    return data


def test_a_centre_admin_records_an_agreement_with_its_obligations_and_a_signed_pdf(client, centre, centre_admin, pdf):
    client.force_login(centre_admin)
    response = client.post(reverse("partnerships:create"), {**form_data(centre), "document": pdf})
    agreement = Agreement.objects.get()
    assert response.status_code == 302 and response["Location"] == agreement.get_absolute_url()
    assert agreement.status == AgreementStatus.ACTIVE
    assert agreement.parties.get().organisation_number == NAV_ORGNR
    assert sorted(str(o.amount) for o in agreement.obligations.all()) == ["200.00", "50000.00"]
    assert agreement.document_type == "application/pdf"
    page = client.get(agreement.get_absolute_url())
    assert page.status_code == 200
    assert "NAV sets aside 200 counsellor hours" in page.content.decode()
    document = client.get(reverse("partnerships:document", args=[agreement.pk]))
    assert document.status_code == 200 and document["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("end_date", "2020-01-01", "The end date is before the start date."),
        ("parties-0-organisation_number", "889640783", "the check digit does not match"),
        ("obligations-0-amount", "-200", "The amount cannot be negative."),
    ],
)
def test_bad_input_gets_a_message_at_its_field_and_nothing_is_saved(
    client, centre, centre_admin, field, value, message
):
    client.force_login(centre_admin)
    response = client.post(reverse("partnerships:create"), form_data(centre, **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Agreement.objects.exists()


def test_a_document_that_is_not_a_pdf_whatever_its_name_is_refused(client, centre, centre_admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(centre_admin)
    fake = SimpleUploadedFile("avtale.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = client.post(reverse("partnerships:create"), {**form_data(centre), "document": fake})
    assert response.status_code == 400
    assert "Only PDF, PNG and JPEG files are accepted" in response.content.decode()
    assert not Agreement.objects.exists()


def edit_data(agreement, **overrides):
    """The edit form as its page fills it in: the agreement's values and every row with its id."""
    data = {
        "title": agreement.title,
        "purpose": agreement.purpose,
        "start_date": agreement.start_date.isoformat(),
        "end_date": agreement.end_date.isoformat() if agreement.end_date else "",
        "notice_months": str(agreement.notice_months),
        "renewal": agreement.renewal,
        "status": "active",
    }
    for prefix, rows, fields in (
        ("parties", agreement.parties.all(), ("name", "partner_type", "organisation_number")),
        (
            "obligations",
            agreement.obligations.all(),
            ("side", "description", "unit", "amount", "frequency", "due_date"),
        ),
        ("contacts", agreement.contacts.all(), ("side", "name", "role", "email", "phone")),
    ):
        rows = list(rows)
        data.update(management(prefix, len(rows), len(rows)))
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = row.pk
            for field in fields:
                value = getattr(row, field)
                data[f"{prefix}-{index}-{field}"] = "" if value is None else str(value)
    data.update(overrides)
    return data


def test_saving_an_expiring_agreement_as_its_form_shows_it_keeps_it_in_force(client, centre, centre_admin):
    expiring = make_agreement(centre_admin, centre, days_left=30)
    assert expiring.status == AgreementStatus.EXPIRING
    client.force_login(centre_admin)
    form = client.get(reverse("partnerships:edit", args=[expiring.pk])).content.decode()
    assert '<option value="active" selected>' in form
    later = (expiring.end_date + datetime.timedelta(days=365)).isoformat()
    response = client.post(reverse("partnerships:edit", args=[expiring.pk]), edit_data(expiring, end_date=later))
    assert response.status_code == 302
    expiring.refresh_from_db()
    assert expiring.status == AgreementStatus.ACTIVE


def test_a_row_given_twice_is_refused_and_nothing_changes(client, agreement, centre_admin):
    client.force_login(centre_admin)
    data = edit_data(agreement)
    data["obligations-1-id"] = data["obligations-0-id"]
    response = client.post(reverse("partnerships:edit", args=[agreement.pk]), data)
    assert response.status_code == 400
    assert "This row is given twice" in response.content.decode()
    assert agreement.obligations.count() == 2


def test_changing_an_agreement_keeps_its_rows_and_records_the_change(client, agreement, centre_admin):
    client.force_login(centre_admin)
    form = client.get(reverse("partnerships:edit", args=[agreement.pk]))
    assert form.status_code == 200
    parties = list(agreement.parties.all())
    obligations = list(agreement.obligations.all())
    contacts = list(agreement.contacts.all())
    data = {
        "title": "Ny tittel",
        "purpose": agreement.purpose,
        "start_date": agreement.start_date.isoformat(),
        "end_date": agreement.end_date.isoformat(),
        "notice_months": "3",
        "renewal": "by_decision",
        "status": "active",
        **management("parties", 1, 1),
        "parties-0-id": parties[0].pk,
        "parties-0-name": parties[0].name,
        "parties-0-partner_type": parties[0].partner_type,
        "parties-0-organisation_number": parties[0].organisation_number,
        **management("obligations", 2, 2),
        **management("contacts", 2, 2),
    }
    for index, obligation in enumerate(obligations):
        data.update(
            {
                f"obligations-{index}-id": obligation.pk,
                f"obligations-{index}-side": obligation.side,
                f"obligations-{index}-description": obligation.description,
                f"obligations-{index}-unit": obligation.unit,
                f"obligations-{index}-amount": str(obligation.amount),
                f"obligations-{index}-frequency": obligation.frequency,
            }
        )
    data["obligations-1-DELETE"] = "on"
    for index, contact in enumerate(contacts):
        data.update(
            {
                f"contacts-{index}-id": contact.pk,
                f"contacts-{index}-side": contact.side,
                f"contacts-{index}-name": contact.name,
            }
        )
    response = client.post(reverse("partnerships:edit", args=[agreement.pk]), data)
    assert response.status_code == 302, response.content.decode()[response.content.decode().find("error-summary") :][
        :1500
    ]
    agreement.refresh_from_db()
    assert agreement.title == "Ny tittel"
    assert agreement.obligations.count() == 1
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "Obligation removed" in page
    assert "Ny tittel" in page


def test_a_required_clause_is_flagged_until_the_admin_marks_it_met(client, agreement, clauses, centre_admin):
    client.force_login(centre_admin)
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "Lacks 2 required clauses" in page
    client.post(reverse("partnerships:clause", args=[agreement.pk, clauses["resources"].pk]), {"note": "§ 4"})
    client.post(reverse("partnerships:clause", args=[agreement.pk, clauses["contacts"].pk]), {"note": ""})
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "Meets the national guidelines" in page
    assert "§ 4" in page


def test_a_yearly_review_records_what_was_delivered_against_each_obligation(client, agreement, centre_admin):
    client.force_login(centre_admin)
    first, second = agreement.obligations.all()
    response = client.post(
        reverse("partnerships:review", args=[agreement.pk]),
        {
            "held_on": timezone.localdate().isoformat(),
            "participants": "Lise Leder, Nils Nav",
            "changes": "Flere timer neste år.",
            f"delivery-{first.pk}": "met",
            f"delivery-{second.pk}": "partly",
        },
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert [item.delivery for item in review.items.all()] == ["met", "partly"]
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "Partly delivered" in page and "Flere timer neste år." in page


def test_a_review_dated_in_the_future_is_refused(client, agreement, centre_admin):
    client.force_login(centre_admin)
    first, second = agreement.obligations.all()
    response = client.post(
        reverse("partnerships:review", args=[agreement.pk]),
        {
            "held_on": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
            "participants": "Lise",
            f"delivery-{first.pk}": "met",
            f"delivery-{second.pk}": "met",
        },
    )
    assert response.status_code == 400
    assert "the date is in the future" in response.content.decode()
    assert not Review.objects.exists()


def test_a_national_administrator_sees_and_changes_any_agreement(client, agreement, national_admin):
    client.force_login(national_admin)
    assert client.get(agreement.get_absolute_url()).status_code == 200
    assert client.get(reverse("partnerships:edit", args=[agreement.pk])).status_code == 200
    assert agreement.title in client.get(reverse("partnerships:list")).content.decode()


@pytest.mark.parametrize("who", ["other_admin", "verifier", "hr_officer", "organiser", "school_counsellor"])
def test_nobody_else_sees_the_terms_or_the_document_even_by_guessing_ids(client, agreement, who, request, pdf):
    client.force_login(request.getfixturevalue(who))
    for name in ("detail", "edit", "document", "review"):
        assert client.get(reverse(f"partnerships:{name}", args=[agreement.pk])).status_code in (403, 404)
    list_page = client.get(reverse("partnerships:list"))
    assert list_page.status_code == 403 or agreement.title not in list_page.content.decode()
    # A complete, valid form (one its admin could send), so only the refusal keeps it out.
    response = client.post(reverse("partnerships:edit", args=[agreement.pk]), edit_data(agreement, title="Hacked"))
    assert response.status_code in (403, 404)
    first = agreement.obligations.first()
    for name, args, data in (
        ("clause", [agreement.pk, 1], {"note": "x"}),
        ("obligation_met", [agreement.pk, first.pk], {}),
        ("delete", [agreement.pk], {}),
        ("review", [agreement.pk], {"held_on": "2026-01-01", "participants": "x", f"delivery-{first.pk}": "met"}),
    ):
        assert client.post(reverse(f"partnerships:{name}", args=args), data).status_code in (403, 404)
    agreement.refresh_from_db()
    assert agreement.title != "Hacked"
    assert list(agreement.changes.values_list("action", flat=True)) == ["created"]


def test_anonymous_visitors_are_sent_to_log_in(client, agreement):
    response = client.get(agreement.get_absolute_url())
    assert response.status_code == 302 and "login" in response["Location"]


def test_only_national_administrators_keep_the_guideline_clauses(client, centre_admin, national_admin, clauses):
    client.force_login(centre_admin)
    assert client.get(reverse("partnerships:clauses")).status_code == 200
    assert client.get(reverse("partnerships:clause_create")).status_code == 403
    client.force_login(national_admin)
    response = client.post(
        reverse("partnerships:clause_create"),
        {"title": "Taushetsplikt og personvern", "description": "", "required_for": ["nav_office"], "is_active": "on"},
    )
    assert response.status_code == 302
    assert "Taushetsplikt og personvern" in client.get(reverse("partnerships:clauses")).content.decode()


def test_the_list_and_the_page_read_the_same_number_of_queries_however_many_rows(
    client, centre, centre_admin, clauses, django_assert_max_num_queries
):
    client.force_login(centre_admin)
    first = make_agreement(centre_admin, centre)
    client.get(reverse("partnerships:list"))
    with django_assert_max_num_queries(14):
        client.get(reverse("partnerships:list"))
    with django_assert_max_num_queries(20):
        client.get(first.get_absolute_url())
    for number in range(8):
        make_agreement(centre_admin, centre, title=f"Avtale {number}")
    with django_assert_max_num_queries(14):
        assert client.get(reverse("partnerships:list")).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(first.get_absolute_url()).status_code == 200


def test_empty_extra_rows_are_ignored_and_a_half_filled_row_is_refused(client, centre, centre_admin):
    client.force_login(centre_admin)
    half = form_data(centre, **{"contacts-1-email": "someone@example.org"})
    response = client.post(reverse("partnerships:create"), half)
    assert response.status_code == 400
    assert 'id="id_contacts-1-name_error"' in response.content.decode()
    assert not Agreement.objects.exists()
    assert client.post(reverse("partnerships:create"), form_data(centre)).status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.parties.count() == 1 and agreement.contacts.count() == 1
