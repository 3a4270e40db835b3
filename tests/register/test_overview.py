"""The leaders' overview: who sees which scope, the right numbers, CSV downloads, the recommended coverage,
monthly snapshots and a query count that does not grow with the data.

Pages are read in English (the source language) so the assertions say what a user reads.
"""

import csv
import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone, translation

from register import services
from register.models import County, CoverageStandard, OverviewSnapshot, Role, WorkplaceType
from register.overview.figures import register_figures
from register.overview.scope import Scope, can_see_overview, overview_scopes
from register.overview.sections import Period, contributions
from register.overview.snapshots import store_snapshots, trend
from register.tasks import store_overview_snapshots
from tests import personas
from tests.factories import CentreFactory, county
from tests.register.centre_support import as_user, assert_same_query_count, log_credit, log_hours, page, queries_for

pytestmark = pytest.mark.django_db

NATIONAL = "/staff/oversikt/"


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"


def county_url(number):
    return reverse("overview_county", kwargs={"slug": county(number).slug})


def centre_url(centre):
    return reverse("overview_centre", kwargs={"slug": centre.slug})


def figures(scope=None, today=None):
    """The register's tables (by key) and key figures (by key) for ``scope``, in English."""
    today = today or timezone.localdate()
    with translation.override("en"):
        contribution = register_figures(scope or Scope(), Period.last_months(12, today))
    return {t.key: t for t in contribution.tables}, {h.key: h.value for h in contribution.headlines}


@pytest.fixture
def other_admin(other_centre):
    return personas.centre_staff(other_centre, Role.ADMIN, email="leder.vestland@example.org")


# Who sees what


def test_the_national_admin_opens_every_scope(client, national_admin, centre):
    as_user(client, national_admin)
    for url in (NATIONAL, county_url("03"), county_url("46"), centre_url(centre)):
        assert client.get(url).status_code == 200, url


def test_a_centre_admin_sees_their_centre_and_county_and_nothing_else(client, centre_admin, centre, other_centre):
    as_user(client, centre_admin)
    assert client.get(centre_url(centre)).status_code == 200
    assert client.get(county_url("03")).status_code == 200
    assert client.get(NATIONAL).status_code == 403
    assert client.get(county_url("46")).status_code == 403
    assert client.get(centre_url(other_centre)).status_code == 403
    assert client.get(reverse("overview_national_csv", kwargs={"table": "coverage"})).status_code == 403


@pytest.mark.parametrize("who", ["verifier", "hr_officer", "organiser", "school_counsellor", "plain_user"])
def test_nobody_else_sees_an_overview(client, request, who, centre):
    as_user(client, request.getfixturevalue(who))
    for url in (NATIONAL, county_url("03"), centre_url(centre)):
        assert client.get(url).status_code == 403, url
    assert client.get(centre_url(centre) + "csv/coverage/").status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, centre):
    response = client.get(centre_url(centre))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_overviews_a_person_may_open_are_listed_widest_first(centre_admin, national_admin, centre):
    assert [s.kind for s in overview_scopes(national_admin)] == ["national"]
    assert [(s.kind, s.title) for s in overview_scopes(centre_admin)] == [("county", "Oslo"), ("centre", centre.name)]
    assert can_see_overview(centre_admin, Scope(county=centre.county))
    assert not can_see_overview(centre_admin, Scope())


def test_the_staff_page_links_each_leader_to_their_overviews(client, centre_admin, national_admin, verifier, centre):
    body = page(as_user(client, centre_admin).get("/staff/"))
    assert centre_url(centre) in body and county_url("03") in body and f'href="{NATIONAL}"' not in body
    assert f'href="{NATIONAL}"' in page(as_user(client, national_admin).get("/staff/"))
    assert "/staff/oversikt/" not in page(as_user(client, verifier).get("/staff/"))


# The numbers


@pytest.fixture
def three(centre, verifier, requirements, areas):
    """Three counsellors with Karriere Oslo as home centre: one meets the requirement, one would once a
    pending entry is verified, one has nothing yet."""
    meets = personas.counsellor(home_centre=centre, email="anne@example.org")
    services.credit_verify(credit=log_credit(meets, [areas[0]], credits="60"), verifier=verifier)
    log_hours(meets, "30")
    almost = personas.counsellor(home_centre=centre, email="bjorn@example.org", workplace_type=WorkplaceType.NAV)
    services.credit_verify(credit=log_credit(almost, [areas[0]], credits="50"), verifier=verifier)
    log_credit(almost, [areas[1]], credits="10")
    log_hours(almost, "25")
    nothing = personas.counsellor(home_centre=None, email="cecilie@example.org")
    return meets, almost, nothing


def test_shares_meeting_not_yet_and_would_meet_count_the_counsellors(three):
    tables, headlines = figures()

    assert headlines["counsellors"] == 3
    assert headlines["meets"] == pytest.approx(1 / 3)
    assert headlines["would_meet"] == pytest.approx(1 / 3)
    assert headlines["lapsed"] == 0
    oslo = tables["competence-by-county"].rows[0]
    assert (oslo["label"], oslo["counsellors"], oslo["meets_count"], oslo["not_yet_count"]) == ("Oslo", 3, 1, 2)
    by_type = {row["label"]: row for row in tables["competence-by-workplace"].rows}
    assert by_type["NAV"]["would_meet_count"] == 1 and by_type["NAV"]["counsellors"] == 1
    assert by_type["Upper secondary school"]["counsellors"] == 2
    assert "Of 3 counsellors, 1 meet the requirement" in tables["competence-by-county"].summary


def test_the_home_centre_table_keeps_counsellors_without_one_apart(three, centre):
    rows = {row["label"]: row["counsellors"] for row in figures()[0]["competence-by-centre"].rows}
    assert rows == {centre.name: 2, "No home centre": 1}


def test_verified_studiepoeng_fall_in_bands_and_areas_count_people_not_entries(three, verifier, areas):
    meets = three[0]
    services.credit_verify(credit=log_credit(meets, [areas[0]], credits="5"), verifier=verifier)
    tables, _headlines = figures()

    bands = {row["band"]: row["counsellors"] for row in tables["credit-distribution"].rows}
    assert bands == {"0": 1, "0.1–14.9": 0, "15–29.9": 0, "30–59.9": 1, "60+": 1}
    coverage = {row["area"][:2]: row["counsellors"] for row in tables["area-coverage"].rows}
    assert coverage["1."] == 2  # three verified entries in area 1, by two people
    assert coverage["2."] == 0  # pending only


def test_a_county_counts_the_counsellors_working_there_and_a_centre_those_it_is_home_to(three, centre, other_centre):
    personas.counsellor(home_centre=centre, email="bergen@example.org", county_number="46")
    assert figures(Scope(county=county("03")))[1]["counsellors"] == 3
    assert figures(Scope(county=county("46")))[1]["counsellors"] == 1
    assert figures(Scope(centre=centre))[1]["counsellors"] == 3
    assert figures(Scope(centre=other_centre))[1]["counsellors"] == 0


def test_verification_lead_time_is_the_median_and_90th_percentile_of_decided_entries(centre, verifier, areas):
    owner = personas.counsellor(home_centre=centre, email="anne@example.org")
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)  # completed_on is a month before
    for days in (1, 2, 3, 4, 10):
        with time_machine.travel(start, tick=False):
            entry = log_credit(owner, [areas[0]], credits="5", completed_on=datetime.date(2026, 2, 1))
        with time_machine.travel(start + datetime.timedelta(days=days), tick=False):
            services.credit_verify(credit=entry, verifier=verifier)
    with time_machine.travel(start - datetime.timedelta(days=6), tick=False):
        log_credit(owner, [areas[0]], credits="5", completed_on=datetime.date(2026, 2, 1))  # still waiting

    with time_machine.travel(datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.UTC), tick=False):
        tables, headlines = figures(today=datetime.date(2026, 3, 31))
        row = tables["verification"].rows[0]

    assert (row["centre"], row["queue"], row["decided"]) == (centre.name, 1, 5)
    assert row["median"] == pytest.approx(3)
    assert row["p90"] == pytest.approx(10)  # rank ceil(0.9 * 5) = 5
    assert row["oldest"] == 35
    assert headlines["lead_days"] == pytest.approx(3)
    assert headlines["queue"] == 1


# Coverage and the recommended standard


@pytest.fixture
def populations(db):
    for number, adults in (("03", 550_000), ("46", 100_000), ("56", 50_000)):
        County.objects.filter(number=number).update(adult_population=adults, population_year=2025)
    CentreFactory(county=county("03"))
    CentreFactory(county=county("46"))
    CentreFactory(county=county("56"), is_active=False)


def test_counties_below_the_recommended_coverage_are_marked(populations, national_admin):
    CoverageStandard.objects.create(max_adults_per_centre=200_000, min_centres_per_county=1, set_by=national_admin)
    rows = {row["county"]: row for row in figures()[0]["coverage"].rows}

    assert (rows["Oslo"]["centres"], rows["Oslo"]["needed"], rows["Oslo"]["below"]) == (1, 3, True)
    assert (rows["Oslo"]["per_centre"], rows["Vestland"]["below"]) == (550_000, False)
    assert (rows["Finnmark"]["centres"], rows["Finnmark"]["below"]) == (0, True)  # an inactive centre does not count
    assert rows["Rogaland"]["source"] == "missing"
    assert figures()[0]["coverage"].summary.startswith("14 of 15 counties have fewer centres")


def test_without_a_standard_no_county_is_marked(populations):
    table = figures()[0]["coverage"]
    assert not any(row["below"] for row in table.rows)
    assert "No recommended standard is set yet" in table.summary


def test_the_national_admin_sets_the_standard_and_the_old_one_stays(client, national_admin, populations):
    as_user(client, national_admin)
    CoverageStandard.objects.create(max_adults_per_centre=300_000, min_centres_per_county=1)
    response = client.post(
        reverse("overview_standard"), {"max_adults_per_centre": "100000", "min_centres_per_county": "2"}
    )
    assert response.status_code == 302
    newest = CoverageStandard.objects.order_by("-set_at", "-pk").first()
    assert (newest.max_adults_per_centre, newest.min_centres_per_county, newest.set_by) == (100_000, 2, national_admin)
    assert CoverageStandard.objects.count() == 2
    body = page(client.get(NATIONAL))
    assert "at most 100,000 adults per centre and at least 2 per county" in body


@pytest.mark.parametrize(
    "data, message",
    [
        ({"max_adults_per_centre": "0", "min_centres_per_county": "1"}, "Enter at least 1."),
        ({"max_adults_per_centre": "-5", "min_centres_per_county": "1"}, "Enter at least 1."),
        ({"max_adults_per_centre": "mange", "min_centres_per_county": "1"}, "Enter a whole number."),
        ({"max_adults_per_centre": "100000", "min_centres_per_county": "0"}, "Enter at least 1."),
    ],
)
def test_a_bad_standard_gets_a_message_and_saves_nothing(client, national_admin, data, message):
    response = as_user(client, national_admin).post(reverse("overview_standard"), data)
    assert response.status_code == 200
    assert message in page(response)
    assert not CoverageStandard.objects.exists()


def test_only_national_admins_set_the_standard(client, centre_admin):
    response = as_user(client, centre_admin).post(
        reverse("overview_standard"), {"max_adults_per_centre": "1000", "min_centres_per_county": "1"}
    )
    assert response.status_code == 403
    assert not CoverageStandard.objects.exists()


# The page, its charts and its CSV files


def test_every_chart_has_a_summary_a_table_and_a_csv_link(client, national_admin, three):
    body = page(as_user(client, national_admin).get(NATIONAL))
    for key in ("coverage", "competence-by-county", "credit-distribution", "area-coverage", "verification"):
        assert f'id="{key}-title"' in body
        assert reverse("overview_national_csv", kwargs={"table": key}) in body
    assert body.count('class="chart" aria-hidden="true"') == body.count("charts-css overview-chart")
    assert body.count("<caption") >= 5


def test_a_csv_download_holds_the_tables_rows(client, national_admin, three):
    response = as_user(client, national_admin).get(
        reverse("overview_national_csv", kwargs={"table": "competence-by-workplace"})
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "competence-by-workplace-national-" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Workplace type", "Counsellors", "Meets the requirement"]
    assert ["NAV", "1", "0", "0", "100", "100"] in rows


def test_an_unknown_table_is_not_found(client, national_admin):
    assert as_user(client, national_admin).get(NATIONAL + "csv/ingen-slik/").status_code == 404


def test_the_centre_overview_leaves_out_the_tables_by_county_and_centre(client, centre_admin, centre, three):
    body = page(as_user(client, centre_admin).get(centre_url(centre)))
    assert 'id="competence-by-workplace-title"' in body
    assert 'id="competence-by-county-title"' not in body and 'id="competence-by-centre-title"' not in body
    assert "Overview: Oslo" in body  # the link to the county's overview


# Snapshots and the trend


def test_the_monthly_snapshot_stores_aggregates_for_every_scope(three, centre):
    stored = store_snapshots(datetime.date(2026, 11, 1))
    scopes = set(OverviewSnapshot.objects.values_list("scope", flat=True))

    assert stored == 1 + 15 + 1
    assert {"national", f"county-{county('03').pk}", f"centre-{centre.pk}"} <= scopes
    national = OverviewSnapshot.objects.get(scope="national")
    assert national.month == datetime.date(2026, 11, 1)
    assert national.figures["counsellors"] == 3
    assert all(isinstance(value, (int, float, type(None))) for value in national.figures.values())
    assert "anne@example.org" not in str(national.figures)

    store_snapshots(datetime.date(2026, 11, 20))
    assert OverviewSnapshot.objects.filter(scope="national").count() == 1  # the same month is replaced


def test_the_trend_shows_each_key_figure_month_by_month(client, national_admin):
    for month, counsellors in ((datetime.date(2026, 9, 1), 10), (datetime.date(2026, 10, 1), 12)):
        OverviewSnapshot.objects.create(scope="national", month=month, figures={"counsellors": counsellors})
    OverviewSnapshot.objects.create(scope="national", month=datetime.date(2024, 11, 1), figures={"counsellors": 7})
    OverviewSnapshot.objects.create(scope="national", month=datetime.date(2024, 10, 1), figures={"counsellors": 1})
    with time_machine.travel(datetime.datetime(2026, 11, 15, 12, 0, tzinfo=datetime.UTC), tick=False):
        body = page(as_user(client, national_admin).get(NATIONAL))
    assert 'id="trend-counsellors-title"' in body
    assert "From 7 in November 2024 to 12 in October 2026." in body  # the 24 months before this one
    assert "October 2024" not in body


def test_the_snapshot_task_stores_last_month(three):
    with time_machine.travel(datetime.datetime(2026, 12, 1, 4, 0, tzinfo=datetime.UTC), tick=False):
        store_overview_snapshots.call()
    assert OverviewSnapshot.objects.get(scope="national").month == datetime.date(2026, 11, 1)


# Keeping the figures


def test_the_figures_are_kept_for_ten_minutes_and_the_page_says_since_when(client, national_admin, centre, settings):
    settings.OVERVIEW_FRESH_SECONDS = 600
    as_user(client, national_admin)
    personas.counsellor(home_centre=centre, email="first@example.org")
    start = datetime.datetime(2026, 11, 16, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        body = page(client.get(NATIONAL))
        assert "Of 1 counsellors" in body
        assert "Figures computed at 10:00; they are computed afresh at most every 10 minutes." in body
    personas.counsellor(home_centre=centre, email="second@example.org")
    with time_machine.travel(start + datetime.timedelta(minutes=9), tick=False):
        assert "Of 1 counsellors" in page(client.get(NATIONAL))  # kept, not counted again
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "nb"
        assert "Av 2 veiledere" in page(client.get(NATIONAL))  # each language is computed by itself
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    with time_machine.travel(start + datetime.timedelta(minutes=11), tick=False):
        body = page(client.get(NATIONAL))
        assert "Of 2 counsellors" in body
        assert "Figures computed at 10:11" in body


def test_a_new_standard_shows_at_once_on_kept_figures(client, national_admin, populations, settings):
    settings.OVERVIEW_FRESH_SECONDS = 600
    as_user(client, national_admin)
    assert "at least 9 per county" not in page(client.get(NATIONAL))
    client.post(reverse("overview_standard"), {"max_adults_per_centre": "1000", "min_centres_per_county": "9"})
    assert "at most 1,000 adults per centre and at least 9 per county" in page(client.get(NATIONAL))


# Cost


def _more_counsellors(centre, verifier, areas, start, count):
    for i in range(start, start + count):
        person = personas.counsellor(home_centre=centre, email=f"extra{i}@example.org")
        services.credit_verify(credit=log_credit(person, [areas[i % 3]], credits="20"), verifier=verifier)
        log_credit(person, [areas[1]], credits="5")
        log_hours(person, "10")


def test_the_national_page_costs_the_same_queries_for_more_data(client, national_admin, centre, verifier, areas, three):
    as_user(client, national_admin)
    _more_counsellors(centre, verifier, areas, 0, 2)
    small = queries_for(client, NATIONAL)
    _more_counsellors(centre, verifier, areas, 2, 6)
    large = queries_for(client, NATIONAL)
    assert_same_query_count(small, large)
    # The figures' 20 (below) and every page's frame: session, user, roles (1), unread notices (the session is
    # renewed once a minute, not on every request).
    assert large[0] <= 20 + 4, "\n".join(large[1])


def test_the_figures_of_a_scope_take_at_most_20_queries(django_assert_max_num_queries, three, centre):
    """The register's, events' and e-guidance's 15, and partnership agreements' 5."""
    today = timezone.localdate()
    for scope in (Scope(), Scope(county=centre.county), Scope(centre=centre)):
        with django_assert_max_num_queries(20):
            parts = contributions(scope, Period.last_months(12, today))
            trend(scope, [h for part in parts for h in part.headlines], today)


def test_professional_development_hours_count_by_area_and_evidence_level(three, areas):
    services.cpd_create(
        owner=three[0], title="Seminar", date=timezone.localdate(), hours="7.5", kind="course", areas=areas[:2]
    )
    rows = {row["area"][:2]: row for row in figures()[0]["cpd-by-area"].rows}

    assert rows["1."]["self_declared"] == Decimal("7.5") and rows["2."]["total"] == Decimal("7.5")
    assert rows["3."]["total"] == 0
    assert rows["No"]["self_declared"] == Decimal("55.0")  # "No area given": the hours logged without one


def test_every_attainment_table_says_in_words_where_the_share_is_highest_and_lowest(three):
    tables, _headlines = figures()
    assert tables["competence-by-workplace"].summary == (
        "The highest share meeting the requirement is Upper secondary school (50 %), the lowest NAV (0 %)."
    )
    assert all(table.summary for table in tables.values() if table.key != "competence-by-county")
