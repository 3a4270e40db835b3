"""Open statistics by county and month, for anyone: the API and the public page give the monthly snapshots,
and no cell rests on fewer than 5 people."""

import csv
import datetime
import io

import pytest
from django.conf import settings as django_settings

from register.models import OverviewSnapshot
from tests.factories import county

pytestmark = pytest.mark.django_db

API = "/api/v1/statistics/"
PAGE = "/statistikk/"


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"


def snapshot(number, month, **figures):
    return OverviewSnapshot.objects.create(scope=f"county-{county(number).pk}", month=month, figures=figures)


@pytest.fixture
def months(db):
    snapshot(
        "03",
        datetime.date(2026, 10, 1),
        counsellors=40,
        meets=0.5,
        lapsed=0.25,
        would_meet=0.0,
        events=3,
        participants=60,
        attended_hours=180.0,
        questions=120,
        settled=100,
        in_time=0.9,
    )
    snapshot(
        "03",
        datetime.date(2026, 11, 1),
        counsellors=42,
        meets=0.5,
        lapsed=0.1,
        would_meet=0.05,
        events=1,
        participants=4,
        attended_hours=12.0,
        questions=3,
        settled=3,
        in_time=1.0,
    )
    snapshot(
        "56",
        datetime.date(2026, 11, 1),
        counsellors=4,
        meets=0.75,
        lapsed=0.0,
        would_meet=0.0,
        events=0,
        participants=0,
        attended_hours=0.0,
        questions=9,
        settled=8,
        in_time=0.75,
    )
    OverviewSnapshot.objects.create(scope="national", month=datetime.date(2026, 11, 1), figures={"counsellors": 46})


def test_anyone_reads_the_figures_newest_first(client, months):
    rows = client.get(API).json()["results"]
    assert [(r["county"], r["month"]) for r in rows] == [("03", "2026-11"), ("56", "2026-11"), ("03", "2026-10")]
    october = rows[2]
    assert (october["counsellors"], october["meets"], october["lapsed"], october["would_meet"]) == (40, 0.5, 0.25, 0.0)
    assert (october["questions"], october["in_time"], october["suppressed"]) == (120, 0.9, [])
    assert "participants" not in october  # registrations, not people


def test_no_figure_singles_out_fewer_than_five_people(client, months):
    rows = {(r["county"], r["month"]): r for r in client.get(API).json()["results"]}
    oslo = rows[("03", "2026-11")]
    # 42 counsellors: 21 meet (shown), 4 lapsed and 2 would meet (hidden); 3 questions (hidden), all in time.
    assert (oslo["counsellors"], oslo["meets"], oslo["lapsed"], oslo["would_meet"]) == (42, 0.5, None, None)
    assert (oslo["questions"], oslo["in_time"], oslo["events"]) == (None, None, 1)
    assert set(oslo["suppressed"]) == {"lapsed", "would_meet", "questions", "in_time"}
    finnmark = rows[("56", "2026-11")]
    # 4 counsellors: every share of them hidden; 9 questions shown, but 6 of 8 in time leaves 2 late: hidden.
    assert (finnmark["counsellors"], finnmark["meets"], finnmark["lapsed"]) == (None, None, None)
    assert (finnmark["questions"], finnmark["in_time"]) == (9, None)


def test_filter_by_county_and_month_and_bad_parameters_get_a_message(client, months):
    assert [r["month"] for r in client.get(API, {"county": "03", "since": "2026-11"}).json()["results"]] == ["2026-11"]
    response = client.get(API, {"county": "99"})
    assert response.status_code == 400 and "No county has that number." in str(response.json())
    response = client.get(API, {"since": "november"})
    assert response.status_code == 400 and "YYYY-MM" in str(response.json())


def test_the_public_page_shows_every_county_s_latest_month_and_one_county_s_months(client, months):
    body = client.get(PAGE).content.decode()
    assert "Statistics by county" in body and "fewer than 5" in body
    assert "?fylke=03" in body and "October 2026" not in body
    body = client.get(PAGE, {"fylke": "03"}).content.decode()
    assert "Statistics for Oslo" in body and "October 2026" in body and "November 2026" in body


def test_the_public_csv_keeps_suppressed_cells_empty(client, months):
    response = client.get(PAGE, {"fylke": "56", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["County number", "County", "Month", "Counsellors"]
    assert rows[1][:4] == ["56", "Finnmark", "2026-11", ""] and "counsellors" in rows[1][-1].split()


def test_each_county_page_links_to_its_statistics(client, centre):
    from tests.portal.pages_support import build_tree

    oslo = build_tree(centre)["oslo"]
    body = client.get(oslo.url).content.decode()
    assert "/statistikk/?fylke=03" in body and "Statistics for Oslo" in body


def test_the_api_and_page_cost_the_same_queries_for_more_months(client, months, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get(API)
    with django_assert_max_num_queries(5):
        client.get(PAGE, {"fylke": "03"})
    for month in range(1, 10):
        snapshot("03", datetime.date(2025, month, 1), counsellors=30)
    with django_assert_max_num_queries(4):
        client.get(API)
    with django_assert_max_num_queries(5):
        client.get(PAGE, {"fylke": "03"})
