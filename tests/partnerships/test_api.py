"""The partnership agreements API (/api/v1/partnerships/): the pages' rules, from both sides.

A centre's admins and the national administrators list, read, record and change its agreements, upload and
download the signed document, record reviews and read the history; another centre's admin, a verifier of the
same centre, HR, a counsellor and the anonymous get 401/403 for the list and 404 for any agreement's id. Bad input
is refused per field and per row, with nothing saved; the lists cost the same however many rows they hold.
"""

import datetime
from decimal import Decimal

import jsonschema
import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from partnerships import services
from partnerships.models import Agreement, AgreementStatus, PartnerType, Review
from register import services as register_services
from register.models import Role
from tests import personas
from tests.factories import PDF_BYTES, api_key, county, pdf_upload
from tests.partnerships.conftest import BRREG_ORGNR, NAV_ORGNR, make_agreement, nav_rows

pytestmark = pytest.mark.django_db

BASE = "/api/v1/partnerships/"
AGREEMENTS = f"{BASE}agreements/"
CLAUSES = f"{BASE}clauses/"
TODAY = timezone.localdate()


def agreement_url(agreement, action=""):
    pk = agreement if isinstance(agreement, int) else agreement.pk
    return f"{AGREEMENTS}{pk}/{action + '/' if action else ''}"


def token_client(user=None):
    client = APIClient()
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(user, in_use=True)}", HTTP_ACCEPT_LANGUAGE="en")
    return client


def as_json(rows):
    """Rows as a JSON body carries them: dates and amounts as strings."""
    return [
        {key: value.isoformat() if isinstance(value, datetime.date) else value for key, value in row.items()}
        | ({"amount": str(row["amount"])} if row.get("amount") is not None else {})
        for row in rows
    ]


def new_agreement(centre=None, **changes):
    body = {
        "centre": centre.slug if centre is not None else None,
        "title": "Avtale med NAV Grünerløkka",
        "purpose": "Felles veiledning for arbeidssøkere.",
        "start_date": (TODAY - datetime.timedelta(days=30)).isoformat(),
        "end_date": (TODAY + datetime.timedelta(days=365)).isoformat(),
        "notice_months": 3,
        "renewal": "by_decision",
        "status": "active",
        **{name: as_json(rows) for name, rows in nav_rows().items()},
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not None}


@pytest.fixture
def other_agreement(other_centre, other_admin):
    return make_agreement(other_admin, other_centre, title="Avtale med NAV Bergen")


@pytest.fixture
def outsider(request):
    """Everyone who may not see Karriere Oslo's agreements (``request.param`` names the fixture)."""
    return request.getfixturevalue(request.param)


OUTSIDERS = ["other_admin", "verifier", "hr_officer", "school_counsellor"]


# Listing


def test_an_admin_lists_their_centres_agreements_and_the_national_admin_everyones(
    agreement, other_agreement, centre_admin, other_admin, national_admin
):
    def titles(user):
        response = token_client(user).get(AGREEMENTS)
        assert response.status_code == 200, response.content
        return [row["title"] for row in response.json()["results"]]

    assert titles(centre_admin) == [agreement.title]
    assert titles(other_admin) == [other_agreement.title]
    assert sorted(titles(national_admin)) == sorted([agreement.title, other_agreement.title])


def test_the_list_shows_partners_status_and_whether_the_guidelines_are_met(agreement, clauses, centre_admin):
    row = token_client(centre_admin).get(AGREEMENTS).json()["results"][0]

    assert row["centre"]["slug"] == "karriere-oslo-test" and row["county"]["number"] == "03"
    assert row["status"] == "active"
    assert row["parties"] == [
        {
            "id": agreement.parties.get().pk,
            "name": "NAV Grünerløkka",
            "partner_type": "nav_office",
            "organisation_number": NAV_ORGNR,
        }
    ]
    assert row["meets_guidelines"] is False
    assert row["url"] == f"http://testserver/partnerskap/{agreement.pk}/"
    assert row["api_url"] == f"http://testserver{agreement_url(agreement)}"


def test_a_county_wide_agreement_is_listed_for_the_admins_of_the_countys_centres(centre, centre_admin, other_admin):
    services.agreement_create(
        actor=centre_admin,
        centre=None,
        county=county("03"),
        data={"title": "Fylkesavtale", "purpose": "Alle sentrene i Oslo.", "start_date": TODAY},
        **nav_rows(),
    )

    assert [row["title"] for row in token_client(centre_admin).get(AGREEMENTS).json()["results"]] == ["Fylkesavtale"]
    assert token_client(other_admin).get(AGREEMENTS).json()["results"] == []


def test_an_admin_of_another_centre_in_the_county_reads_county_wide_agreements_but_not_this_centres(
    agreement, centre_admin
):
    neighbour = personas.CentreFactory(name="Karriere Oslo Sør", slug="karriere-oslo-sor-test")
    neighbour_admin = personas.centre_staff(neighbour, Role.ADMIN, email="leder-sor@example.org")
    county_wide = services.agreement_create(
        actor=centre_admin,
        centre=None,
        county=county("03"),
        data={"title": "Fylkesavtale", "purpose": "Alle sentrene i Oslo.", "start_date": TODAY},
        **nav_rows(),
    )
    client = token_client(neighbour_admin)

    assert client.get(agreement_url(county_wide)).status_code == 200
    assert client.patch(agreement_url(county_wide), {"title": "Felles"}, format="json").status_code == 200
    assert client.get(agreement_url(agreement)).status_code == 404
    assert [row["title"] for row in client.get(AGREEMENTS).json()["results"]] == ["Felles"]


def test_the_list_filters_by_centre_county_status_and_partner_type(
    agreement, other_agreement, centre_admin, national_admin
):
    school = {"name": "Oslo vgs", "partner_type": PartnerType.UPPER_SECONDARY, "organisation_number": ""}
    draft = make_agreement(centre_admin, agreement.centre, title="Skoleavtale", status="draft", parties=[school])
    client = token_client(national_admin)

    def titles(query):
        response = client.get(f"{AGREEMENTS}?{query}")
        assert response.status_code == 200, response.content
        return sorted(row["title"] for row in response.json()["results"])

    assert titles("centre=karriere-oslo-test") == sorted([agreement.title, draft.title])
    assert titles("county=46") == [other_agreement.title]
    assert titles("status=draft") == [draft.title]
    assert titles("partner_type=upper_secondary") == [draft.title]
    assert titles("partner_type=nav_office&county=03") == [agreement.title]
    assert client.get(f"{AGREEMENTS}?centre=no-such-centre").status_code == 400


@pytest.mark.parametrize("outsider", ["verifier", "hr_officer", "school_counsellor", "plain_user"], indirect=True)
def test_people_who_manage_no_agreements_are_refused_the_list(agreement, outsider):
    response = token_client(outsider).get(AGREEMENTS)

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_the_anonymous_are_asked_to_sign_in(agreement):
    client = token_client()

    for response in (client.get(AGREEMENTS), client.get(agreement_url(agreement)), client.get(CLAUSES)):
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"


def test_the_list_costs_the_same_for_10_and_30_agreements(
    centre, centre_admin, national_admin, clauses, django_assert_max_num_queries
):
    client = token_client(national_admin)

    def budget():
        with django_assert_max_num_queries(10) as captured:
            response = client.get(AGREEMENTS)
            assert response.status_code == 200
        return len(captured), response.json()["count"]

    for n in range(10):
        make_agreement(centre_admin, centre, title=f"Avtale {n}")
    few, count = budget()
    assert count == 10
    for n in range(10, 30):
        make_agreement(centre_admin, centre, title=f"Avtale {n}")
    assert budget() == (few, 30)
    # The filters cost one query each where they look a centre or county up.
    with django_assert_max_num_queries(few + 2):
        assert (
            client.get(f"{AGREEMENTS}?centre=karriere-oslo-test&county=03&partner_type=nav_office").status_code == 200
        )


# Reading one


def test_an_admin_reads_every_term_of_their_agreement(agreement, centre_admin):
    response = token_client(centre_admin).get(agreement_url(agreement))

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["purpose"] == "Felles veiledning for arbeidssøkere."
    assert sorted(obligation["amount"] for obligation in body["obligations"]) == ["200.00", "50000.00"]
    assert {contact["name"] for contact in body["contacts"]} == {"Lise Leder", "Nils Nav"}
    assert body["document"] is None
    assert body["created_by"] == centre_admin.get_full_name()
    assert body["url"] == f"http://testserver/partnerskap/{agreement.pk}/"


def test_the_national_admin_reads_any_agreement(other_agreement, national_admin):
    assert token_client(national_admin).get(agreement_url(other_agreement)).status_code == 200


@pytest.mark.parametrize("outsider", OUTSIDERS, indirect=True)
def test_others_get_404_for_an_agreement_as_for_an_id_that_does_not_exist(agreement, outsider):
    client = token_client(outsider)

    for url in (
        agreement_url(agreement),
        agreement_url(agreement, "clauses"),
        agreement_url(agreement, "document"),
        agreement_url(agreement, "reviews"),
        agreement_url(agreement, "history"),
        agreement_url(999999),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "NAV" not in response.content.decode()


def test_the_clause_check_says_which_required_clauses_are_missing(agreement, clauses, centre_admin):
    services.clause_fulfil(agreement=agreement, clause=clauses["review"], actor=centre_admin, note="§ 7")

    body = token_client(centre_admin).get(agreement_url(agreement, "clauses")).json()

    assert body["meets_guidelines"] is False
    assert [(met["clause"]["title"], met["note"]) for met in body["met"]] == [("Yearly review meeting", "§ 7")]
    assert {clause["title"] for clause in body["missing_required"]} == {
        "NAV commits resources in hours per year",
        "Named contact on both sides",
    }
    assert body["missing_optional"] == []


def test_every_professional_reads_the_national_guidelines_and_nobody_else(
    clauses, school_counsellor, verifier, plain_user
):
    services.clause_save(actor=personas.national_admin(email="nasjonal2@example.org"), title="Gammel", is_active=False)

    response = token_client(school_counsellor).get(CLAUSES)
    assert response.status_code == 200
    by_title = {clause["title"]: clause for clause in response.json()}
    assert set(by_title) == {clause.title for clause in clauses.values()}
    assert by_title["NAV commits resources in hours per year"]["required_for"] == ["nav_county", "nav_office"]
    assert token_client(verifier).get(CLAUSES).status_code == 200
    assert token_client(plain_user).get(CLAUSES).status_code == 403
    assert token_client().get(CLAUSES).status_code == 401


def test_the_guidelines_cost_the_same_however_many_clauses(clauses, school_counsellor, django_assert_max_num_queries):
    client = token_client(school_counsellor)
    with django_assert_max_num_queries(5) as few:
        client.get(CLAUSES)
    for n in range(10):
        services.clause_save(actor=personas.national_admin(email=f"n{n}@example.org"), title=f"Klausul {n}")
    with django_assert_max_num_queries(len(few)):
        assert len(client.get(CLAUSES).json()) == 13


# Recording


def test_an_admin_records_an_agreement_for_their_centre(centre, centre_admin):
    response = token_client(centre_admin).post(AGREEMENTS, new_agreement(centre), format="json")

    assert response.status_code == 201, response.content
    agreement = Agreement.objects.get()
    assert response.json()["id"] == agreement.pk
    assert agreement.centre == centre and agreement.created_by == centre_admin
    assert agreement.status == AgreementStatus.ACTIVE
    assert agreement.obligations.count() == 2 and agreement.contacts.count() == 2
    assert list(agreement.changes.values_list("action", flat=True)) == ["created"]


def test_an_admin_records_a_county_wide_agreement_for_their_county_only(centre_admin):
    client = token_client(centre_admin)

    refused = client.post(AGREEMENTS, new_agreement(county="46"), format="json")
    created = client.post(AGREEMENTS, new_agreement(county="03"), format="json")

    assert refused.status_code == 403
    assert created.status_code == 201, created.content
    assert created.json()["centre"] is None and created.json()["county"]["number"] == "03"
    assert Agreement.objects.count() == 1


def test_the_national_admin_records_an_agreement_for_any_centre(other_centre, national_admin):
    response = token_client(national_admin).post(AGREEMENTS, new_agreement(other_centre), format="json")

    assert response.status_code == 201, response.content
    assert Agreement.objects.get().centre == other_centre


def test_another_centres_admin_cannot_record_an_agreement_for_this_centre(centre, other_admin):
    response = token_client(other_admin).post(AGREEMENTS, new_agreement(centre), format="json")

    assert response.status_code == 403
    assert not Agreement.objects.exists()


@pytest.mark.parametrize("outsider", ["verifier", "school_counsellor"], indirect=True)
def test_people_who_manage_no_agreements_cannot_record_one(centre, outsider):
    assert token_client(outsider).post(AGREEMENTS, new_agreement(centre), format="json").status_code == 403
    assert not Agreement.objects.exists()


def test_bad_input_is_refused_per_field_and_per_row_and_nothing_is_saved(centre, centre_admin):
    body = new_agreement(centre, end_date=(TODAY - datetime.timedelta(days=60)).isoformat())
    body["parties"][0]["organisation_number"] = "889640783"
    body["obligations"][1]["amount"] = "-5"

    response = token_client(centre_admin).post(AGREEMENTS, body, format="json")

    assert response.status_code == 400
    errors = response.json()
    assert errors["end_date"] == ["The end date is before the start date."]
    assert "check digit" in errors["parties"]["0"]["organisation_number"][0]
    assert list(errors["obligations"]) == ["1"]
    assert list(errors["obligations"]["1"]) == ["amount"]
    assert not Agreement.objects.exists()


def test_an_agreement_needs_a_partner_and_an_owner(centre_admin):
    client = token_client(centre_admin)

    no_partner = client.post(AGREEMENTS, new_agreement(county="03", parties=[]), format="json")
    no_owner = client.post(AGREEMENTS, new_agreement(), format="json")

    assert no_partner.status_code == 400
    assert no_partner.json()["parties"] == {"non_field_errors": ["Name at least one partner."]}
    assert no_owner.status_code == 400 and "centre" in no_owner.json()
    assert not Agreement.objects.exists()


def test_the_api_takes_json_only_for_agreements(centre, centre_admin):
    response = token_client(centre_admin).post(AGREEMENTS, {"title": "Avtale"}, format="multipart")

    assert response.status_code == 415


# Changing


def test_an_admin_changes_the_terms_and_rows_and_the_history_keeps_each_change(agreement, centre_admin):
    party = agreement.parties.get()
    kept, _removed = agreement.obligations.order_by("pk")
    body = new_agreement(
        title="Ny tittel",
        parties=[{"id": party.pk, "name": party.name, "partner_type": party.partner_type}],
        obligations=[{"id": kept.pk, "amount": "250"}],
        contacts=[{"side": "partner", "name": "Nina Ny"}],
    )

    response = token_client(centre_admin).put(agreement_url(agreement), body, format="json")

    assert response.status_code == 200, response.content
    agreement.refresh_from_db()
    assert agreement.title == "Ny tittel"
    kept.refresh_from_db()
    assert (kept.amount, kept.unit) == (Decimal("250"), "hours")
    assert list(agreement.obligations.values_list("pk", flat=True)) == [kept.pk]
    assert list(agreement.contacts.values_list("name", flat=True)) == ["Nina Ny"]
    assert agreement.parties.get().organisation_number == NAV_ORGNR
    actions = set(agreement.changes.values_list("action", flat=True))
    assert {"changed", "obligation.changed", "obligation.removed", "contact.added", "contact.removed"} <= actions


def test_a_row_given_by_its_id_keeps_the_fields_it_leaves_out(agreement, centre_admin):
    first = agreement.obligations.order_by("pk").first()

    response = token_client(centre_admin).patch(
        agreement_url(agreement),
        {"obligations": [{"id": first.pk, "amount": "300"}]},
        format="json",
    )

    assert response.status_code == 200, response.content
    first.refresh_from_db()
    assert (first.amount, first.unit, first.description) == (
        Decimal("300"),
        "hours",
        "NAV sets aside counsellor hours for joint guidance",
    )


def test_a_patch_leaves_out_lists_and_they_stay_as_they_are(agreement, centre_admin):
    response = token_client(centre_admin).patch(agreement_url(agreement), {"title": "Bare tittelen"}, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Bare tittelen"
    assert agreement.obligations.count() == 2 and agreement.contacts.count() == 2 and agreement.parties.count() == 1
    assert list(agreement.changes.order_by("pk").values_list("action", flat=True)) == ["created", "changed"]


def test_a_bad_change_is_refused_per_row_and_nothing_changes(agreement, centre_admin):
    party = agreement.parties.get()
    body = {
        "title": "Endret",
        "parties": [
            {"id": party.pk},
            {"name": "Brønnøysundregistrene", "partner_type": "other", "organisation_number": "123"},
        ],
    }

    response = token_client(centre_admin).patch(agreement_url(agreement), body, format="json")

    assert response.status_code == 400
    assert response.json() == {"parties": {"1": {"organisation_number": ["An organisation number has nine digits."]}}}
    agreement.refresh_from_db()
    assert agreement.title != "Endret" and agreement.parties.count() == 1
    assert agreement.changes.count() == 1


def test_a_row_id_may_come_once(agreement, centre_admin):
    party = agreement.parties.get()
    body = {"parties": [{"id": party.pk}, {"id": party.pk, "organisation_number": BRREG_ORGNR}]}

    response = token_client(centre_admin).patch(agreement_url(agreement), body, format="json")

    assert response.status_code == 400
    assert response.json() == {"parties": {"1": {"id": ["This row is given twice: each id may come once."]}}}


@pytest.mark.parametrize("outsider", OUTSIDERS, indirect=True)
def test_others_cannot_change_an_agreement_and_get_404(agreement, outsider):
    client = token_client(outsider)

    assert client.patch(agreement_url(agreement), {"title": "Min nå"}, format="json").status_code == 404
    assert client.put(agreement_url(agreement), new_agreement(title="Min nå"), format="json").status_code == 404
    agreement.refresh_from_db()
    assert agreement.title != "Min nå"


# The signed document


def test_an_admin_uploads_the_signed_document_and_downloads_it(agreement, centre_admin):
    client = token_client(centre_admin)

    response = client.post(agreement_url(agreement, "document"), {"document": pdf_upload("avtale.pdf")}, "multipart")

    assert response.status_code == 200, response.content
    document = response.json()["document"]
    assert document["name"] == "avtale.pdf" and document["content_type"] == "application/pdf"
    assert document["url"] == f"http://testserver{agreement_url(agreement, 'document')}"
    download = client.get(agreement_url(agreement, "document"), HTTP_ACCEPT="application/pdf")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert "document.added" in agreement.changes.values_list("action", flat=True)


def test_a_file_that_is_not_what_its_name_says_is_refused(agreement, centre_admin):
    fake = SimpleUploadedFile("avtale.pdf", b"<html>not a pdf</html>", content_type="application/pdf")

    response = token_client(centre_admin).post(agreement_url(agreement, "document"), {"document": fake}, "multipart")

    assert response.status_code == 400
    assert "Only PDF, PNG and JPEG" in response.json()["document"][0]
    agreement.refresh_from_db()
    assert not agreement.document


def test_an_agreement_without_a_document_has_none_to_download(agreement, centre_admin):
    assert token_client(centre_admin).get(agreement_url(agreement, "document")).status_code == 404


@pytest.mark.parametrize("outsider", OUTSIDERS, indirect=True)
def test_others_can_neither_download_nor_replace_the_document(agreement, centre_admin, outsider):
    uploaded = token_client(centre_admin).post(
        agreement_url(agreement, "document"), {"document": pdf_upload("avtale.pdf")}, "multipart"
    )
    assert uploaded.status_code == 200
    client = token_client(outsider)

    assert client.get(agreement_url(agreement, "document")).status_code == 404
    upload = client.post(agreement_url(agreement, "document"), {"document": pdf_upload("min.pdf")}, "multipart")
    assert upload.status_code == 404
    agreement.refresh_from_db()
    assert agreement.document_name == "avtale.pdf"


# Reviews and history


def test_an_admin_records_a_review_and_delivered_obligations_count_as_met(agreement, centre_admin):
    hours, training = agreement.obligations.order_by("pk")
    body = {
        "held_on": (TODAY - datetime.timedelta(days=2)).isoformat(),
        "participants": "Lise Leder, Nils Nav",
        "changes": "Flere timer neste år.",
        "deliveries": [
            {"obligation": hours.pk, "delivery": "met"},
            {"obligation": training.pk, "delivery": "partly", "comment": "To av fire kurs"},
        ],
    }
    client = token_client(centre_admin)

    response = client.post(agreement_url(agreement, "reviews"), body, format="json")

    assert response.status_code == 201, response.content
    assert [item["delivery"] for item in response.json()["items"]] == ["met", "partly"]
    hours.refresh_from_db()
    assert hours.met_on == TODAY - datetime.timedelta(days=2)
    listed = client.get(agreement_url(agreement, "reviews")).json()["results"]
    assert [review["participants"] for review in listed] == ["Lise Leder, Nils Nav"]


def test_a_review_in_the_future_or_of_another_agreements_obligation_is_refused(
    agreement, other_agreement, centre_admin
):
    client = token_client(centre_admin)
    theirs = other_agreement.obligations.first()

    future = client.post(
        agreement_url(agreement, "reviews"),
        {"held_on": (TODAY + datetime.timedelta(days=1)).isoformat(), "participants": "Lise"},
        format="json",
    )
    foreign = client.post(
        agreement_url(agreement, "reviews"),
        {
            "held_on": TODAY.isoformat(),
            "participants": "Lise",
            "deliveries": [{"obligation": theirs.pk, "delivery": "met"}],
        },
        format="json",
    )

    assert future.status_code == 400 and list(future.json()) == ["held_on"]
    assert foreign.status_code == 400 and list(foreign.json()["deliveries"]["0"]) == ["obligation"]
    assert not Review.objects.exists()


@pytest.mark.parametrize("outsider", OUTSIDERS, indirect=True)
def test_others_cannot_record_a_review(agreement, outsider):
    response = token_client(outsider).post(
        agreement_url(agreement, "reviews"), {"held_on": TODAY.isoformat(), "participants": "Noen"}, format="json"
    )

    assert response.status_code == 404
    assert not Review.objects.exists()


def test_the_history_says_who_changed_what_newest_first(agreement, centre_admin):
    token_client(centre_admin).patch(agreement_url(agreement), {"title": "Ny tittel"}, format="json")

    history = token_client(centre_admin).get(agreement_url(agreement, "history")).json()["results"]

    assert [change["action"] for change in history] == ["changed", "created"]
    assert history[0]["actor"] == centre_admin.get_full_name()
    assert history[0]["details"] == [
        {"field": "title", "old": "Samarbeidsavtale med NAV Grünerløkka", "new": "Ny tittel"}
    ]


def test_reviews_and_history_cost_the_same_however_many_rows(agreement, centre_admin, django_assert_max_num_queries):
    client = token_client(centre_admin)
    obligation = agreement.obligations.first()

    def add_review(days_ago):
        services.review_record(
            agreement=agreement,
            actor=centre_admin,
            held_on=TODAY - datetime.timedelta(days=days_ago),
            participants="Lise",
            deliveries={obligation.pk: ("partly", "")},
        )

    def budget(action):
        with django_assert_max_num_queries(10) as captured:
            assert client.get(agreement_url(agreement, action)).status_code == 200
        return len(captured)

    add_review(100)
    few = budget("reviews"), budget("history")
    for days_ago in range(1, 10):
        add_review(days_ago)
    assert (budget("reviews"), budget("history")) == few


def test_an_admin_of_another_centre_is_an_admin_there_only(other_centre, other_admin, agreement):
    """The same person may be a verifier here and an admin elsewhere: roles elsewhere open nothing here."""
    register_services.membership_grant(user=other_admin, centre=agreement.centre, role=Role.VERIFIER, actor=None)

    assert token_client(other_admin).get(agreement_url(agreement)).status_code == 404


def test_a_value_of_the_wrong_form_is_refused_in_the_same_shape_as_a_broken_rule(agreement, centre_admin):
    response = token_client(centre_admin).patch(
        agreement_url(agreement), {"obligations": [{"description": "Kurs", "due_date": "snart"}]}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["obligations"] and list(response.json()["obligations"]["0"]) == ["due_date"]
    assert agreement.obligations.count() == 2


def test_a_notice_period_the_page_refuses_is_refused_by_the_api_too_and_nothing_saved(centre, centre_admin):
    response = token_client(centre_admin).post(AGREEMENTS, new_agreement(centre, notice_months=500), format="json")

    assert response.status_code == 400
    assert response.json() == {"notice_months": ["The notice period is from 0 to 36 months."]}
    assert not Agreement.objects.exists()


def test_the_schema_documents_every_partnerships_endpoint_and_its_error_shape(client, centre, centre_admin):
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    paths = {
        path: {method for method in operations if method in ("get", "post", "put", "patch", "delete")}
        for path, operations in schema["paths"].items()
        if path.startswith(BASE)
    }
    assert paths == {
        f"{AGREEMENTS}": {"get", "post"},
        f"{AGREEMENTS}{{id}}/": {"get", "put", "patch", "delete"},
        f"{AGREEMENTS}{{id}}/clauses/": {"get"},
        f"{AGREEMENTS}{{id}}/clauses/{{clause_id}}/": {"post", "delete"},
        f"{AGREEMENTS}{{id}}/document/": {"get", "post"},
        f"{AGREEMENTS}{{agreement_pk}}/reviews/": {"get", "post"},
        f"{AGREEMENTS}{{agreement_pk}}/history/": {"get"},
        CLAUSES: {"get"},
    }
    operations = [schema["paths"][path][method] for path, methods in paths.items() for method in methods]
    assert all(operation["tags"] == ["partnerships"] and operation["summary"] for operation in operations)
    filters = {parameter["name"] for parameter in schema["paths"][AGREEMENTS]["get"]["parameters"]}
    assert filters == {"centre", "county", "status", "partner_type", "page"}
    body = new_agreement(centre)
    body["parties"][0]["organisation_number"] = "889640783"
    refused = token_client(centre_admin).post(AGREEMENTS, body, format="json")
    documented = schema["paths"][AGREEMENTS]["post"]["responses"]["400"]["content"]["application/json"]["schema"]
    jsonschema.validate(refused.json(), documented)


# Guideline clauses met, and deleting a draft: the page's rules


def clause_url(agreement, clause):
    return f"{agreement_url(agreement, 'clauses')}{clause.pk}/"


def test_an_admin_marks_a_guideline_clause_met_and_then_no_longer_met(agreement, clauses, centre_admin):
    client = token_client(centre_admin)
    clause = clauses["resources"]

    response = client.post(clause_url(agreement, clause), {"note": "§ 4"}, format="json")

    assert response.status_code == 200, response.content
    assert [(row["clause"]["id"], row["note"]) for row in response.json()["met"]] == [(clause.pk, "§ 4")]
    assert clause.pk not in {row["id"] for row in response.json()["missing_required"]}
    assert client.get(agreement_url(agreement, "history")).json()["results"][0]["action"] == "clause.met"

    assert client.delete(clause_url(agreement, clause)).status_code == 204
    check = client.get(agreement_url(agreement, "clauses")).json()
    assert check["met"] == [] and clause.pk in {row["id"] for row in check["missing_required"]}
    assert client.get(agreement_url(agreement, "history")).json()["results"][0]["action"] == "clause.unmet"


def test_marking_a_clause_met_follows_the_services_rules(agreement, clauses, centre_admin, national_admin):
    client = token_client(centre_admin)
    retired = services.clause_save(actor=national_admin, title="Gammel klausul", is_active=False)

    too_long = client.post(clause_url(agreement, clauses["review"]), {"note": "x" * 301}, format="json")
    no_longer_used = client.post(clause_url(agreement, retired), {}, format="json")

    assert too_long.status_code == 400 and too_long.json() == {"note": ["Write at most 300 characters."]}
    assert no_longer_used.status_code == 400
    assert no_longer_used.json() == {"detail": ["This guideline clause is no longer in use."]}
    assert not agreement.fulfilments.exists()
    assert client.post(f"{agreement_url(agreement, 'clauses')}999999/", {}, format="json").status_code == 404


@pytest.mark.parametrize("outsider", OUTSIDERS, indirect=True)
def test_others_cannot_mark_an_agreements_clauses_and_get_404(agreement, clauses, centre_admin, outsider):
    services.clause_fulfil(agreement=agreement, clause=clauses["review"], actor=centre_admin, note="§ 7")
    client = token_client(outsider)

    assert client.post(clause_url(agreement, clauses["resources"]), {}, format="json").status_code == 404
    assert client.delete(clause_url(agreement, clauses["review"])).status_code == 404
    assert list(agreement.fulfilments.values_list("clause_id", flat=True)) == [clauses["review"].pk]


def test_an_admin_deletes_a_draft_but_not_an_agreement_in_force(agreement, centre, centre_admin):
    client = token_client(centre_admin)
    draft = make_agreement(centre_admin, centre, title="Utkast", status=AgreementStatus.DRAFT)

    assert client.delete(agreement_url(draft)).status_code == 204
    refused = client.delete(agreement_url(agreement))

    assert not Agreement.objects.filter(pk=draft.pk).exists()
    assert refused.status_code == 400
    assert refused.json() == {
        "detail": ["Only a draft can be deleted. End the agreement instead, so its history is kept."]
    }
    assert Agreement.objects.filter(pk=agreement.pk).exists()


@pytest.mark.parametrize("outsider", OUTSIDERS, indirect=True)
def test_others_cannot_delete_a_draft_and_get_404(centre, centre_admin, outsider):
    draft = make_agreement(centre_admin, centre, title="Utkast", status=AgreementStatus.DRAFT)

    assert token_client(outsider).delete(agreement_url(draft)).status_code == 404
    assert token_client().delete(agreement_url(draft)).status_code == 401
    assert Agreement.objects.filter(pk=draft.pk).exists()
