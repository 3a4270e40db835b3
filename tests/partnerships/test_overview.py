"""The partnership overview: figures per county and centre, coverage of NAV offices and schools, the filtered list
and its CSV, who may see which, and queries that do not grow with the data."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone, translation

from partnerships import services
from partnerships.models import Agreement, AgreementStatus, PartnerType
from partnerships.overview import (
    agreements_for_list,
    coverage_by_county,
    figures_by,
    partnership_figures,
    workplaces,
)
from partnerships.selectors import active_clauses, agreements_with_clauses, clause_check
from register import services as register_services
from register.models import WorkplaceType
from register.overview.scope import Scope
from register.overview.sections import Period
from tests.factories import CentreFactory, UserFactory, county
from tests.partnerships.conftest import make_agreement

pytestmark = pytest.mark.django_db

NATIONAL = reverse("partnerships:overview_national")
LIST = reverse("partnerships:overview_list")


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"


def county_url(slug):
    return reverse("partnerships:overview_county", kwargs={"slug": slug})


def page(response):
    assert response.status_code == 200
    return response.content.decode()


def csv_rows(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))


def counsellor_at(name, workplace_type, county_number="03", email=None):
    user = UserFactory(**({"email": email} if email else {}))
    register_services.counsellor_profile_save(
        user=user, workplace_type=workplace_type, workplace_name=name, county=county(county_number)
    )
    return user


def school(name, partner_type=PartnerType.UPPER_SECONDARY):
    return {"name": name, "partner_type": partner_type, "organisation_number": ""}


def hours(amount, side="partner", due_in_days=60, **extra):
    return {
        "side": side,
        "description": f"{amount} timer",
        "unit": "hours",
        "amount": Decimal(amount),
        "frequency": extra.pop("frequency", "yearly"),
        "due_date": timezone.localdate() + datetime.timedelta(days=due_in_days),
        **extra,
    }


@pytest.fixture
def south(db):
    """A second centre in Oslo, whose agreements Karriere Oslo's admin does not see."""
    return CentreFactory(name="Karriere Oslo Sør", slug="karriere-oslo-sor-test")


@pytest.fixture
def oslo(centre, centre_admin, national_admin, clauses, south, other_centre, other_admin):
    """Oslo's agreements and workplaces.

    Karriere Oslo: NAV Grünerløkka (active, meets the guidelines: 200 partner hours, NOK 50,000 from the centre),
    Oslo katedralskole (active, lacks the contacts clause, 50 partner hours overdue) and a draft with NAV Frogner.
    County-wide: NAV Alna (active, lacks both NAV clauses). Karriere Oslo Sør: Oslo kommune (active).
    Vestland: NAV Bergen (active). Counsellors work at three NAV offices and two schools in Oslo.
    """
    with translation.override("en"):
        nav = make_agreement(centre_admin, centre)
        for clause in (clauses["resources"], clauses["contacts"]):
            services.clause_fulfil(agreement=nav, clause=clause, actor=centre_admin)
        katedral = make_agreement(
            centre_admin,
            centre,
            title="Avtale med Oslo katedralskole",
            parties=[school("Oslo katedralskole")],
            obligations=[hours("50", due_in_days=-10)],
        )
        services.clause_fulfil(agreement=katedral, clause=clauses["review"], actor=centre_admin)
        draft = make_agreement(
            centre_admin,
            centre,
            status=AgreementStatus.DRAFT,
            title="Utkast NAV Frogner",
            parties=[{"name": "NAV Frogner", "partner_type": PartnerType.NAV_OFFICE, "organisation_number": ""}],
        )
        county_wide = make_agreement(
            national_admin,
            None,
            data={"title": "Fylkesavtale NAV Alna"},
            parties=[{"name": "NAV Alna", "partner_type": PartnerType.NAV_OFFICE, "organisation_number": ""}],
            obligations=[],
            county=centre.county,
        )
        southern = make_agreement(
            national_admin,
            south,
            title="Avtale med Oslo kommune",
            parties=[school("Oslo kommune", PartnerType.MUNICIPALITY)],
            obligations=[hours("1000")],
        )
        bergen = make_agreement(
            other_admin,
            other_centre,
            title="Avtale med NAV Bergen",
            parties=[{"name": "NAV Bergen", "partner_type": PartnerType.NAV_OFFICE, "organisation_number": ""}],
        )
    counsellor_at("NAV Grünerløkka", WorkplaceType.NAV)
    counsellor_at("  nav  grünerløkka ", WorkplaceType.NAV)
    counsellor_at("NAV Alna", WorkplaceType.NAV)
    counsellor_at("NAV Frogner", WorkplaceType.NAV)
    counsellor_at("Oslo katedralskole", WorkplaceType.UPPER_SECONDARY)
    counsellor_at("Ruseløkka skole", WorkplaceType.LOWER_SECONDARY)
    counsellor_at("Karriere Oslo", WorkplaceType.CAREER_CENTRE)
    counsellor_at("NAV Bergen", WorkplaceType.NAV, county_number="46")
    return {
        "nav": nav,
        "katedral": katedral,
        "draft": draft,
        "county_wide": county_wide,
        "southern": southern,
        "bergen": bergen,
    }


# The figures


def test_a_centres_figures_count_statuses_guidelines_resources_and_overdue_obligations(oslo, centre):
    today = timezone.localdate()
    figures = figures_by(Agreement.objects.filter(county=centre.county), "centre_id", active_clauses(), today)

    own = figures[centre.pk]
    assert own.by_status == {AgreementStatus.ACTIVE: 2, AgreementStatus.DRAFT: 1}
    assert (own.in_force, own.meeting) == (2, 1)  # 1 of 2 agreements in force meets the guidelines
    assert own.by_partner_type == {PartnerType.NAV_OFFICE: 1, PartnerType.UPPER_SECONDARY: 1}
    assert own.resources.partner_hours == Decimal("250")
    assert own.resources.centre_nok == Decimal("50000")
    assert (own.resources.partner_nok, own.resources.centre_hours) == (0, 0)
    assert own.overdue == 1
    county_wide = figures[None]
    assert (county_wide.in_force, county_wide.meeting, county_wide.overdue) == (1, 0, 0)


def test_the_guidelines_are_checked_in_the_database_as_on_the_agreements_page(oslo):
    clauses = active_clauses()
    listed = agreements_with_clauses(agreements_for_list(Agreement.objects.all(), clauses, timezone.localdate()))
    flags = {agreement.title: agreement.meets_guidelines for agreement in listed}

    assert flags == {agreement.title: clause_check(agreement, clauses).meets_guidelines for agreement in listed}
    assert flags["Samarbeidsavtale med NAV Grünerløkka"] is True
    assert flags["Avtale med Oslo katedralskole"] is False


def test_a_clause_no_longer_in_use_is_not_required(oslo, clauses, national_admin):
    services.clause_save(
        actor=national_admin,
        clause=clauses["contacts"],
        title=clauses["contacts"].title,
        required_for=clauses["contacts"].required_for,
        is_active=False,
    )
    figures = figures_by(Agreement.objects.all(), "centre_id", active_clauses(), timezone.localdate())
    assert figures[oslo["katedral"].centre_id].meeting == 2


def test_without_required_clauses_every_agreement_meets_the_guidelines(client, agreement, national_admin):
    services.clause_save(actor=national_admin, title="Yearly review meeting")
    client.force_login(national_admin)
    assert titles(page(client.get(LIST, {"meets": "yes"})), {"nav": agreement}) == {"nav"}
    assert "No agreements match the filter." in page(client.get(LIST, {"meets": "no"}))
    assert "1 of 1 (100 %)" in page(client.get(NATIONAL))


def test_an_obligation_met_is_no_longer_overdue(oslo, centre_admin):
    obligation = oslo["katedral"].obligations.get()
    services.obligation_mark_met(obligation=obligation, actor=centre_admin)
    figures = figures_by(Agreement.objects.all(), "centre_id", active_clauses(), timezone.localdate())
    assert figures[oslo["katedral"].centre_id].overdue == 0


def test_coverage_counts_each_workplace_once_and_only_agreements_in_force(oslo, centre):
    places = workplaces([centre.county_id])
    by_name = {place.name: place for place in places}

    assert set(by_name) == {"NAV Alna", "NAV Frogner", "NAV Grünerløkka", "Oslo katedralskole", "Ruseløkka skole"}
    assert by_name["NAV Grünerløkka"].counsellors == 2  # "  nav  grünerløkka " is the same office
    assert by_name["NAV Alna"].covered  # by the county-wide agreement
    assert not by_name["NAV Frogner"].covered  # only a draft names it
    counts = coverage_by_county(places)[centre.county_id]
    assert (counts[WorkplaceType.NAV].covered, counts[WorkplaceType.NAV].total) == (2, 3)
    assert (counts[WorkplaceType.UPPER_SECONDARY].covered, counts[WorkplaceType.UPPER_SECONDARY].total) == (1, 1)
    assert (counts[WorkplaceType.LOWER_SECONDARY].covered, counts[WorkplaceType.LOWER_SECONDARY].total) == (0, 1)


def test_the_registers_overview_shows_agreements_in_force_guidelines_and_coverage(oslo, centre):
    period = Period.last_months(12, timezone.localdate())
    with translation.override("en"):
        national = partnership_figures(Scope(), period)
        oslo_county = partnership_figures(Scope(county=centre.county), period)
    headlines = {headline.key: headline.value for headline in national.headlines}
    assert headlines["agreements_in_force"] == 5
    assert headlines["agreements_meeting"] == pytest.approx(1 / 5)
    assert headlines["workplaces_covered"] == pytest.approx(4 / 6)  # NAV Bergen too
    rows = {row["county"]: row for row in national.tables[0].rows}
    assert rows["Oslo"]["in_force"] == 4 and rows["Oslo"]["nav_covered"] == 2 and rows["Oslo"]["nav"] == 3
    assert rows["Vestland"]["nav_covered"] == 1
    assert [row["county"] for row in oslo_county.tables[0].rows] == ["Oslo"]


def test_the_registers_national_overview_page_shows_the_agreement_figures(client, oslo, national_admin):
    client.force_login(national_admin)
    body = page(client.get(reverse("overview_national")))
    assert "Partnership agreements in force" in body
    assert "Agreements meeting the national guidelines" in body
    assert "NAV offices and schools with an agreement" in body
    assert "Partnership agreements and the NAV offices and schools they cover" in body


# The pages


def test_the_national_overview_shows_each_county_with_a_link_to_its_overview(client, oslo, national_admin):
    client.force_login(national_admin)
    body = page(client.get(NATIONAL))

    assert f'href="{county_url("oslo")}"' in body
    assert "1 of 4 (25 %)" in body  # Oslo: NAV Grünerløkka meets the guidelines; three agreements in force do not
    assert "NAV: 2 of 3" in body
    assert "Partners: NOK 0 and 1,250 staff hours" in body  # Oslo: 200 + 50 + 1,000
    assert f'href="{LIST}?county=03"' in body


def test_the_county_overview_shows_every_centre_to_a_national_admin(client, oslo, national_admin):
    client.force_login(national_admin)
    body = page(client.get(county_url("oslo")))

    assert "Karriere Oslo Sør" in body
    assert "County-wide agreements" in body
    assert "NAV: 2 of 3 workplaces have an agreement" in body
    assert "Avtale med NAV Bergen" not in body


def test_a_centre_admin_sees_their_countys_overview_with_their_own_agreements_only(client, oslo, centre_admin):
    client.force_login(centre_admin)
    body = page(client.get(county_url("oslo")))

    assert "Karriere Oslo" in body
    assert "Karriere Oslo Sør" not in body
    assert "1,000" not in body  # Karriere Oslo Sør's hours
    assert "Partners: NOK 0 and 250 staff hours" in body  # Karriere Oslo's, and nothing from the county-wide one
    assert "NAV: 2 of 3 workplaces have an agreement" in body  # coverage is the county's


def test_the_coverage_list_filters_by_workplace_type_and_agreement(client, oslo, centre_admin):
    client.force_login(centre_admin)
    body = page(client.get(county_url("oslo"), {"workplace_type": "nav", "covered": "no"}))

    assert "NAV Frogner" in body
    assert "NAV Alna" not in body and "Ruseløkka skole" not in body
    assert "1 workplace shown" in body


@pytest.mark.parametrize("url", [NATIONAL, county_url("vestland"), county_url("oslo")])
def test_a_centre_admin_gets_no_national_overview_nor_another_countys(client, oslo, centre_admin, url):
    client.force_login(centre_admin)
    expected = 200 if url == county_url("oslo") else 403
    assert client.get(url).status_code == expected


def test_an_unknown_county_is_not_found(client, national_admin):
    client.force_login(national_admin)
    assert client.get(county_url("atlantis")).status_code == 404


@pytest.mark.parametrize("persona", ["school_counsellor", "hr_officer", "verifier", "organiser"])
def test_counsellors_and_other_staff_get_no_overview(client, request, oslo, persona):
    client.force_login(request.getfixturevalue(persona))
    for url in (NATIONAL, county_url("oslo"), LIST, f"{LIST}?format=csv"):
        assert client.get(url).status_code == 403, url


def test_an_anonymous_visitor_is_sent_to_log_in(client, oslo):
    for url in (NATIONAL, county_url("oslo"), LIST):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# The list and its CSV


def titles(body, agreements):
    return {name for name, agreement in agreements.items() if agreement.title in body}


def test_a_national_admin_lists_every_agreement_and_filters_them(client, oslo, national_admin):
    client.force_login(national_admin)
    assert titles(page(client.get(LIST)), oslo) == set(oslo)
    assert titles(page(client.get(LIST, {"county": "46"})), oslo) == {"bergen"}
    assert titles(page(client.get(LIST, {"meets": "yes"})), oslo) == {"nav"}
    assert titles(page(client.get(LIST, {"meets": "no", "county": "03"})), oslo) == {
        "katedral",
        "draft",
        "county_wide",
        "southern",
    }
    assert titles(page(client.get(LIST, {"overdue": "yes"})), oslo) == {"katedral"}
    assert titles(page(client.get(LIST, {"status": "draft"})), oslo) == {"draft"}
    assert titles(page(client.get(LIST, {"partner_type": "upper_secondary"})), oslo) == {"katedral"}
    assert titles(page(client.get(LIST, {"centre": "karriere-oslo-sor-test"})), oslo) == {"southern"}


def test_the_list_says_which_required_clauses_an_agreement_lacks(client, oslo, national_admin):
    client.force_login(national_admin)
    body = page(client.get(LIST, {"centre": "karriere-oslo-test", "status": "active"}))
    assert "Lacks required clauses: Named contact on both sides" in body
    assert "Meets the guidelines" in body
    assert "2 agreements found" in body


def test_a_centre_admin_lists_their_centres_and_the_county_wide_agreements_only(client, oslo, centre_admin):
    client.force_login(centre_admin)
    assert titles(page(client.get(LIST)), oslo) == {"nav", "katedral", "draft", "county_wide"}
    # Naming another centre or county widens nothing.
    assert titles(page(client.get(LIST, {"centre": "karriere-oslo-sor-test"})), oslo) == {
        "nav",
        "katedral",
        "draft",
        "county_wide",
    }
    assert titles(page(client.get(LIST, {"county": "46"})), oslo) == {"nav", "katedral", "draft", "county_wide"}
    rows = csv_rows(client.get(LIST, {"format": "csv"}))
    assert len(rows) == 1 + 4
    assert {row[3] for row in rows[1:]} == {"NAV Grünerløkka", "Oslo katedralskole", "NAV Frogner", "NAV Alna"}


def test_the_csv_holds_the_filtered_agreements_with_their_figures(client, oslo, national_admin):
    client.force_login(national_admin)
    lines = csv_rows(client.get(LIST, {"format": "csv", "centre": "karriere-oslo-test", "status": "active"}))

    assert lines[0][:6] == ["Title", "Centre", "County", "Partners", "Partner types", "Status"]
    rows = {line[0]: line for line in lines[1:]}
    assert set(rows) == {"Samarbeidsavtale med NAV Grünerløkka", "Avtale med Oslo katedralskole"}
    nav = rows["Samarbeidsavtale med NAV Grünerløkka"]
    assert nav[1:6] == ["Karriere Oslo", "Oslo", "NAV Grünerløkka", "NAV office", "Active"]
    assert nav[9:16] == ["0", "200", "50000", "0", "0", "Yes", ""]
    katedral = rows["Avtale med Oslo katedralskole"]
    assert katedral[9:16] == ["0", "50", "0", "0", "1", "No", "Named contact on both sides"]


def test_the_csv_keeps_a_title_that_looks_like_a_formula_as_text(client, centre, centre_admin):
    make_agreement(centre_admin, centre, title='=HYPERLINK("https://evil.example")')
    client.force_login(centre_admin)
    rows = csv_rows(client.get(LIST, {"format": "csv"}))
    assert rows[1][0] == '\'=HYPERLINK("https://evil.example")'


# Cost


def more_agreements(centre, other_centre, admin, other_admin, start, count):
    for i in range(start, start + count):
        make_agreement(
            admin,
            centre,
            title=f"Avtale {i}",
            parties=[
                school(f"Skole {i}"),
                {"name": f"NAV {i}", "partner_type": "nav_office", "organisation_number": ""},
            ],
            obligations=[hours("10", due_in_days=-5), hours("20", side="centre")],
        )
        make_agreement(other_admin, other_centre, title=f"Vestlandsavtale {i}")
        counsellor_at(f"Skole {i}", WorkplaceType.UPPER_SECONDARY)
        counsellor_at(f"NAV kontor {i}", WorkplaceType.NAV, county_number="46")


def counted(client, url, assert_max, budget):
    """The queries of one GET, read to the end (a CSV streams), within ``budget``; after a warm-up request, so the
    session's first-request bookkeeping is not counted."""
    client.get(url)
    with assert_max(budget) as captured:
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize(
    ("viewer", "url", "budget"),
    [
        # Every page's frame is four (session, user, roles, unread notices); the figures and lists the rest.
        ("national_admin", NATIONAL, 11),
        ("national_admin", county_url("oslo"), 12),
        ("centre_admin", county_url("oslo"), 12),
        ("national_admin", LIST, 11),
        ("centre_admin", f"{LIST}?meets=no&overdue=yes", 11),
        ("national_admin", f"{LIST}?format=csv", 6),
    ],
)
def test_the_pages_cost_the_same_queries_for_few_and_many_agreements(
    client,
    request,
    django_assert_max_num_queries,
    oslo,
    centre,
    other_centre,
    centre_admin,
    other_admin,
    viewer,
    url,
    budget,
):
    client.force_login(request.getfixturevalue(viewer))
    more_agreements(centre, other_centre, centre_admin, other_admin, 0, 2)
    few = counted(client, url, django_assert_max_num_queries, budget)
    more_agreements(centre, other_centre, centre_admin, other_admin, 2, 30)
    many = counted(client, url, django_assert_max_num_queries, budget)
    assert len(few) == len(many), "\n".join(sql for sql in many if sql not in few)
