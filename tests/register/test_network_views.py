"""Centre staff pages for the centre network: the network list and CSV, home centre requests, ending an
affiliation, one person in the network, and the staff page's links.

Pages are read in English (the source language) so the assertions say what a user reads.
"""

import csv
import io
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from notifications.models import Notice
from register import services
from register.models import AffiliationStatus, AuditEntry, CounsellorProfile, Level, Role, WorkplaceType
from tests import personas
from tests.factories import county
from tests.register.centre_support import (
    as_user,
    assert_same_query_count,
    csv_body,
    log_credit,
    log_hours,
    page,
    queries_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def other_verifier(other_centre):
    return personas.centre_staff(other_centre, Role.VERIFIER, email="godkjenner.vestland@example.org")


@pytest.fixture
def other_admin(other_centre):
    return personas.centre_staff(other_centre, Role.ADMIN, email="leder.vestland@example.org")


@pytest.fixture
def other_counsellor(other_centre):
    return personas.counsellor(home_centre=other_centre, email="vestland@example.org", county_number="46")


# The centre network


@pytest.fixture
def network(centre, verifier, requirements, areas):
    """Three affiliated counsellors: one meets the requirement, one has pending entries, one NAV in Vestland."""
    meets = personas.counsellor(home_centre=centre, email="anne@example.org", full_name="Anne Aas")
    services.credit_verify(credit=log_credit(meets, [areas[0]], credits="60"), verifier=verifier)
    log_hours(meets, "30")
    pending = personas.counsellor(home_centre=centre, email="bjorn@example.org", full_name="Bjørn Berg")
    services.credit_verify(credit=log_credit(pending, [areas[0]], credits="20"), verifier=verifier)
    log_credit(pending, [areas[1]], credits="7.5")
    nav = personas.counsellor(
        home_centre=centre,
        email="nav@example.org",
        full_name="Cecilie Dahl",
        workplace_type=WorkplaceType.NAV,
        county_number="46",
    )
    log_hours(nav, "12.5")
    return {"meets": meets, "pending": pending, "nav": nav}


def network_names(response):
    return [row.user.email for row in response.context["page_obj"]]


@pytest.mark.parametrize("who", ["centre_admin", "verifier", "national_admin"])
def test_admin_verifier_and_national_admins_see_the_network_with_status(client, request, who, network, centre):
    outsider = personas.counsellor(home_centre=None, email="utenfor@example.org")

    response = as_user(client, request.getfixturevalue(who)).get(reverse("centre_network", args=[centre.slug]))

    assert response.status_code == 200
    assert network_names(response) == ["anne@example.org", "bjorn@example.org", "nav@example.org"]
    rows = {row.user.email: row for row in response.context["page_obj"]}
    assert rows["anne@example.org"].meets_requirement is True
    assert rows["bjorn@example.org"].meets_requirement is False
    assert rows["bjorn@example.org"].pending_credits == Decimal("7.5")
    text = page(response)
    assert outsider.email not in text
    assert "Meets the requirement" in text
    assert "Does not meet the requirement yet" in text
    assert reverse("network_counsellor", args=[centre.slug, network["meets"].pk]) in text
    staff_emails = [row["user"].email for row in response.context["staff"]]
    assert "godkjenner@example.org" in staff_emails


@pytest.mark.parametrize("who", ["organiser", "moderator", "other_verifier", "other_admin", "school_counsellor"])
def test_the_network_is_refused_to_other_roles_and_other_centres(client, request, who, centre):
    response = as_user(client, request.getfixturevalue(who)).get(reverse("centre_network", args=[centre.slug]))
    assert response.status_code == 403


def test_the_network_sends_anonymous_visitors_to_log_in_and_404s_an_unknown_centre(client, hr_officer):
    assert client.get(reverse("centre_network", args=["karriere-oslo-test"])).status_code == 302
    assert as_user(client, hr_officer).get(reverse("centre_network", args=["finnes-ikke"])).status_code == 404


def test_hr_sees_the_status_of_the_centres_staff(client, centre, hr_officer, verifier, requirements, areas):
    services.counsellor_profile_save(
        user=verifier,
        workplace_type=WorkplaceType.CAREER_CENTRE,
        workplace_name="Karriere Oslo",
        county=county("03"),
        home_centre=None,
    )

    response = as_user(client, hr_officer).get(reverse("centre_network", args=[centre.slug]))

    staff = {row["user"].email: row for row in response.context["staff"]}
    assert staff["godkjenner@example.org"]["profile"].meets_requirement is False
    assert staff["godkjenner@example.org"]["roles"] == ["Verifier"]
    assert staff["hr@example.org"]["profile"] is None
    assert "No counsellor profile" in page(response)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"workplace_type": WorkplaceType.NAV}, ["nav@example.org"]),
        ({"county": "46"}, ["nav@example.org"]),
        ({"meets": "yes"}, ["anne@example.org"]),
        ({"meets": "no"}, ["bjorn@example.org", "nav@example.org"]),
        ({"has_pending": "yes"}, ["bjorn@example.org"]),
        ({"has_pending": "no"}, ["anne@example.org", "nav@example.org"]),
        ({"q": "bjørn"}, ["bjorn@example.org"]),
        ({"q": "NAV@example"}, ["nav@example.org"]),
        ({"meets": "no", "county": "03"}, ["bjorn@example.org"]),
    ],
)
def test_the_network_filters_by_workplace_county_status_pending_and_name(
    client, centre, centre_admin, network, params, expected
):
    response = as_user(client, centre_admin).get(reverse("centre_network", args=[centre.slug]), params)
    assert network_names(response) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("-name", ["nav@example.org", "bjorn@example.org", "anne@example.org"]),
        ("credits", ["nav@example.org", "bjorn@example.org", "anne@example.org"]),
        ("-credits", ["anne@example.org", "bjorn@example.org", "nav@example.org"]),
        ("cpd", ["bjorn@example.org", "nav@example.org", "anne@example.org"]),
        ("-cpd", ["anne@example.org", "nav@example.org", "bjorn@example.org"]),
        ("user__password", ["anne@example.org", "bjorn@example.org", "nav@example.org"]),
    ],
)
def test_the_network_sorts_by_an_allow_listed_column_and_ignores_anything_else(
    client, centre, centre_admin, network, sort, expected
):
    response = as_user(client, centre_admin).get(reverse("centre_network", args=[centre.slug]), {"sort": sort})
    assert response.status_code == 200
    assert network_names(response) == expected


def test_filters_and_sorts_combine_and_a_list_by_name_asks_nothing_of_the_entries(
    client, centre, centre_admin, network
):
    url = reverse("centre_network", args=[centre.slug])
    combined = as_user(client, centre_admin).get(url, {"meets": "no", "standing": "", "sort": "-cpd"})
    assert network_names(combined) == ["nav@example.org", "bjorn@example.org"]
    pending = client.get(url, {"meets": "no", "has_pending": "no", "sort": "credits"})
    assert network_names(pending) == ["nav@example.org"]

    with CaptureQueriesContext(connection) as captured:
        by_name = client.get(url)
    listing = next(q["sql"] for q in captured.captured_queries if "ORDER BY LOWER" in q["sql"])
    assert "register_creditentry" not in listing
    assert network_names(by_name) == ["anne@example.org", "bjorn@example.org", "nav@example.org"]


def test_the_sorted_column_header_says_so_and_links_to_the_reverse_order(client, centre, centre_admin, network):
    response = as_user(client, centre_admin).get(
        reverse("centre_network", args=[centre.slug]), {"sort": "credits", "county": "03"}
    )
    headers = response.context["sort_headers"]
    assert headers["credits"]["aria_sort"] == "ascending"
    assert "sort=-credits" in headers["credits"]["url"]
    assert "county=03" in headers["credits"]["url"]
    assert headers["name"]["aria_sort"] is None
    assert 'aria-sort="ascending"' in page(response)


def test_the_network_is_paginated_by_25(client, centre, centre_admin, requirements):
    for n in range(27):
        personas.counsellor(home_centre=centre, email=f"p{n:02}@example.org", full_name=f"Person {n:02}")
    url = reverse("centre_network", args=[centre.slug])
    as_user(client, centre_admin)

    assert len(client.get(url).context["page_obj"]) == 25
    second = client.get(url, {"page": 2})
    assert network_names(second) == ["p25@example.org", "p26@example.org"]


def test_the_csv_export_opens_in_norwegian_excel_and_follows_the_filter(client, centre, verifier, network):
    url = reverse("centre_network", args=[centre.slug])
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "nb"  # this module reads the pages in English
    response = as_user(client, verifier).get(url, {"format": "csv", "county": "03"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="nettverk-karriere-oslo-test-')
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[0] == "Navn"
    assert "Oppfyller kravet" in header
    by_email = {row[1]: dict(zip(header, row, strict=True)) for row in body}
    assert set(by_email) == {"anne@example.org", "bjorn@example.org"}
    # Amounts as the pages write them: a decimal comma in bokmål, no ",0" on whole numbers.
    assert by_email["bjorn@example.org"]["Studiepoeng til behandling"] == "7,5"
    assert by_email["bjorn@example.org"]["Godkjente studiepoeng"] == "20"
    assert by_email["anne@example.org"]["Oppfyller kravet"] == "Ja"
    assert by_email["bjorn@example.org"]["Oppfyller kravet"] == "Nei"
    anne_type = WorkplaceType(CounsellorProfile.objects.get(user__email="anne@example.org").workplace_type)
    with translation.override("nb"):
        assert by_email["anne@example.org"]["Type arbeidssted"] == str(anne_type.label)

    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url, {"format": "csv", "county": "03"})
    rows = list(csv.reader(io.StringIO(csv_body(english)), delimiter=";"))
    by_email = {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_email["bjorn@example.org"]["Pending studiepoeng"] == "7.5"
    assert by_email["bjorn@example.org"]["Meets the requirement"] == "No"
    with translation.override("en"):
        assert by_email["anne@example.org"]["Workplace type"] == str(anne_type.label)


def test_the_csv_export_keeps_a_formula_in_a_name_as_text(client, centre, verifier, requirements):
    personas.counsellor(home_centre=centre, email="formel@example.org", full_name="=HYPERLINK(1)")
    response = as_user(client, verifier).get(reverse("centre_network", args=[centre.slug]), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(csv_body(response)), delimiter=";"))
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_the_csv_export_reads_the_network_in_chunks_and_keeps_its_order(
    client, centre, verifier, requirements, monkeypatch
):
    monkeypatch.setattr("register.views.centre.CSV_CHUNK", 2)
    for name in ("Eva", "Bo", "Dag", "Ali", "Cato"):
        personas.counsellor(home_centre=centre, email=f"{name.lower()}@example.org", full_name=f"Kurs {name}")
    url = reverse("centre_network", args=[centre.slug])
    response = as_user(client, verifier).get(url, {"format": "csv", "q": "Kurs", "sort": "-name"})
    rows = list(csv.reader(io.StringIO(csv_body(response)), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["Kurs Eva", "Kurs Dag", "Kurs Cato", "Kurs Bo", "Kurs Ali"]
    assert {row[-1] for row in rows[1:]} == {"Does not meet the requirement yet"}


def test_the_csv_export_is_refused_like_the_page(client, centre, organiser, network):
    response = as_user(client, organiser).get(reverse("centre_network", args=[centre.slug]), {"format": "csv"})
    assert response.status_code == 403


def test_the_network_page_and_csv_cost_the_same_queries_for_10_and_80_counsellors(
    client, centre, centre_admin, verifier, requirements, areas
):
    def fill(n, start):
        for i in range(start, start + n):
            person = personas.counsellor(home_centre=centre, email=f"n{i}@example.org")
            entry = log_credit(person, [areas[0]], credits="30")
            if i % 2:
                services.credit_verify(credit=entry, verifier=verifier)
        for i in range(start, start + min(n, 5)):
            staff = personas.centre_staff(centre, Role.ORGANISER, email=f"s{i}@example.org")
            services.counsellor_profile_save(
                user=staff,
                workplace_type=WorkplaceType.CAREER_CENTRE,
                workplace_name="Karriere Oslo",
                county=county("03"),
            )
        for i in range(start, start + min(n, 3)):
            services.home_centre_request(user=personas.counsellor(email=f"r{i}@example.org"), centre=centre)

    as_user(client, centre_admin)
    url = reverse("centre_network", args=[centre.slug])
    csv_url = f"{url}?format=csv"
    fill(10, 0)
    small, small_csv = queries_for(client, url), queries_for(client, csv_url)
    fill(70, 10)
    large, large_csv = queries_for(client, url), queries_for(client, csv_url)

    assert_same_query_count(small, large)
    assert_same_query_count(small_csv, large_csv)
    assert small[0] <= 24, "\n".join(small[1])
    assert client.get(url).context["page_obj"].paginator.count == 80


# Home centre requests and ending an affiliation


@pytest.fixture
def home_request(centre):
    person = personas.counsellor(home_centre=None, email="ny@example.org", full_name="Nora Ny")
    return services.home_centre_request(user=person, centre=centre, message="Jeg jobber i Groruddalen.")


def test_the_centre_admin_sees_open_requests_with_approve_and_decline_buttons(
    client, centre, centre_admin, home_request
):
    response = as_user(client, centre_admin).get(reverse("centre_network", args=[centre.slug]))
    text = page(response)
    assert "Jeg jobber i Groruddalen." in text
    assert f'action="{reverse("home_centre_decision", args=[centre.slug, home_request.pk])}"' in text
    assert 'value="approve"' in text
    assert 'value="decline"' in text


def test_hr_and_verifiers_see_no_requests_or_admin_buttons(client, centre, hr_officer, home_request, network):
    response = as_user(client, hr_officer).get(reverse("centre_network", args=[centre.slug]))
    text = page(response)
    assert "Jeg jobber i Groruddalen." not in text
    assert reverse("home_centre_decision", args=[centre.slug, home_request.pk]) not in text
    assert reverse("network_affiliation_end", args=[centre.slug, network["meets"].pk]) not in text


@pytest.mark.parametrize("who", ["centre_admin", "national_admin"])
def test_approving_a_request_makes_the_centre_the_counsellors_home_centre(client, request, who, centre, home_request):
    response = as_user(client, request.getfixturevalue(who)).post(
        reverse("home_centre_decision", args=[centre.slug, home_request.pk]), {"decision": "approve"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("centre_network", args=[centre.slug])
    home_request.refresh_from_db()
    assert home_request.status == AffiliationStatus.APPROVED
    assert CounsellorProfile.objects.get(user=home_request.user).home_centre == centre
    assert Notice.objects.filter(recipient=home_request.user, kind="register.home_centre").exists()


def test_declining_a_request_leaves_the_home_centre_unchanged(client, centre, centre_admin, home_request):
    as_user(client, centre_admin).post(
        reverse("home_centre_decision", args=[centre.slug, home_request.pk]), {"decision": "decline"}
    )
    home_request.refresh_from_db()
    assert home_request.status == AffiliationStatus.DECLINED
    assert CounsellorProfile.objects.get(user=home_request.user).home_centre is None


def test_deciding_twice_shows_a_message_and_changes_nothing(client, centre, centre_admin, home_request):
    url = reverse("home_centre_decision", args=[centre.slug, home_request.pk])
    as_user(client, centre_admin).post(url, {"decision": "decline"})

    response = client.post(url, {"decision": "approve"}, follow=True)

    assert "This request has already been decided." in page(response)
    assert CounsellorProfile.objects.get(user=home_request.user).home_centre is None


@pytest.mark.parametrize("who", ["verifier", "hr_officer", "organiser", "other_admin", "school_counsellor"])
def test_only_the_centres_admin_decides_requests(client, request, who, centre, home_request):
    response = as_user(client, request.getfixturevalue(who)).post(
        reverse("home_centre_decision", args=[centre.slug, home_request.pk]), {"decision": "approve"}
    )
    assert response.status_code == 403
    home_request.refresh_from_db()
    assert home_request.status == AffiliationStatus.REQUESTED


def test_a_request_to_another_centre_is_404_under_this_centres_address(
    client, centre, other_centre, centre_admin, other_counsellor
):
    elsewhere = services.home_centre_request(user=personas.counsellor(email="x@example.org"), centre=other_centre)
    response = as_user(client, centre_admin).post(
        reverse("home_centre_decision", args=[centre.slug, elsewhere.pk]), {"decision": "approve"}
    )
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == AffiliationStatus.REQUESTED


def test_a_decision_needs_post_and_a_known_decision(client, centre, centre_admin, home_request):
    url = reverse("home_centre_decision", args=[centre.slug, home_request.pk])
    as_user(client, centre_admin)
    assert client.get(url).status_code == 405
    client.post(url, {"decision": "maybe"})
    home_request.refresh_from_db()
    assert home_request.status == AffiliationStatus.REQUESTED


def test_the_admin_ends_an_affiliation_and_the_counsellor_is_told(client, centre, centre_admin, network):
    person = network["pending"]

    response = as_user(client, centre_admin).post(reverse("network_affiliation_end", args=[centre.slug, person.pk]))

    assert response.status_code == 302
    assert CounsellorProfile.objects.get(user=person).home_centre is None
    audit = AuditEntry.objects.filter(action="profile.home_centre_changed", subject_user=person).first()
    assert audit.actor == centre_admin
    assert audit.details == {"from": centre.name, "to": None}
    assert Notice.objects.filter(recipient=person, kind="register.home_centre").exists()


@pytest.mark.parametrize("who", ["verifier", "hr_officer", "organiser", "other_admin"])
def test_only_the_centres_admin_ends_an_affiliation(client, request, who, centre, network):
    person = network["pending"]
    response = as_user(client, request.getfixturevalue(who)).post(
        reverse("network_affiliation_end", args=[centre.slug, person.pk])
    )
    assert response.status_code == 403
    assert CounsellorProfile.objects.get(user=person).home_centre == centre


def test_ending_the_affiliation_of_someone_not_affiliated_is_404(client, centre, centre_admin, other_counsellor):
    url = reverse("network_affiliation_end", args=[centre.slug, other_counsellor.pk])
    assert as_user(client, centre_admin).post(url).status_code == 404
    assert as_user(client, centre_admin).get(url).status_code == 405


# One person in the network


@pytest.mark.parametrize("who", ["centre_admin", "verifier", "national_admin"])
def test_network_staff_see_a_counsellors_status_verified_entries_and_self_assessment(
    client, request, who, centre, network, areas
):
    person = network["pending"]
    services.self_assessment_set(user=person, area=areas[0], level=Level.SPECIALISED, note="Mange års erfaring")
    log_credit(person, [areas[2]], title="Venter fortsatt")

    response = as_user(client, request.getfixturevalue(who)).get(
        reverse("network_counsellor", args=[centre.slug, person.pk])
    )

    assert response.status_code == 200
    text = page(response)
    assert response.context["status"].verified_credits == Decimal("20.0")
    assert "Karriereveiledning 1" in text
    assert "Venter fortsatt" not in text
    assert "Specialised (spesialisert)" in text
    assert "Mange års erfaring" in text
    assert "Does not meet the requirement yet" in text
    area_one = response.context["competence"][0]
    assert [e.title for e in area_one["entries"]] == ["Karriereveiledning 1"]
    end_url = reverse("network_affiliation_end", args=[centre.slug, person.pk])
    assert (end_url in text) == (who in ("centre_admin", "national_admin"))


def test_hr_sees_the_centres_staff_but_no_affiliated_counsellor_list_record_or_csv(client, centre, hr_officer, network):
    as_user(client, hr_officer)
    url = reverse("centre_network", args=[centre.slug])

    response = client.get(url)

    assert response.status_code == 200
    text = page(response)
    assert "godkjenner@example.org" in text  # the centre's own staff
    for person in network.values():  # affiliated only: checked through a statement code instead
        assert person.email not in text
        assert client.get(reverse("network_counsellor", args=[centre.slug, person.pk])).status_code == 404
    assert "As HR you see the competence of the centre’s own staff." in text
    assert reverse("verify") in text
    assert client.get(url, {"format": "csv"}).status_code == 403


def test_a_staff_member_of_the_centre_is_part_of_its_network(client, centre, hr_officer, verifier, requirements):
    services.counsellor_profile_save(
        user=verifier,
        workplace_type=WorkplaceType.CAREER_CENTRE,
        workplace_name="Karriere Oslo",
        county=county("03"),
    )
    response = as_user(client, hr_officer).get(reverse("network_counsellor", args=[centre.slug, verifier.pk]))
    assert response.status_code == 200
    assert "Staff at this centre" in page(response)


def test_a_person_not_tied_to_the_centre_is_404(client, centre, centre_admin, other_counsellor):
    url = reverse("network_counsellor", args=[centre.slug, other_counsellor.pk])
    assert as_user(client, centre_admin).get(url).status_code == 404
    assert client.get(reverse("network_counsellor", args=[centre.slug, 999999])).status_code == 404


@pytest.mark.parametrize("who", ["organiser", "moderator", "other_verifier", "other_admin", "school_counsellor"])
def test_a_network_person_is_refused_to_other_roles_and_centres(client, request, who, centre, network):
    url = reverse("network_counsellor", args=[centre.slug, network["meets"].pk])
    assert as_user(client, request.getfixturevalue(who)).get(url).status_code == 403


def test_a_network_person_sends_anonymous_visitors_to_log_in(client, centre, network):
    response = client.get(reverse("network_counsellor", args=[centre.slug, network["meets"].pk]))
    assert response.status_code == 302


# The staff page


def test_the_staff_page_links_verifiers_to_their_queue_and_network(client, centre, verifier):
    text = page(as_user(client, verifier).get(reverse("staff_home")))
    assert reverse("verification_queue") in text
    assert reverse("centre_network", args=[centre.slug]) in text


def test_the_staff_page_links_hr_to_the_network_but_not_the_queue(client, centre, hr_officer):
    text = page(as_user(client, hr_officer).get(reverse("staff_home")))
    assert reverse("verification_queue") not in text
    assert reverse("centre_network", args=[centre.slug]) in text


def test_the_staff_page_gives_organisers_neither_link(client, centre, organiser):
    text = page(as_user(client, organiser).get(reverse("staff_home")))
    assert reverse("verification_queue") not in text
    assert reverse("centre_network", args=[centre.slug]) not in text
