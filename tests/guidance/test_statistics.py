"""The leads' statistics: right numbers from the anonymous records, for the leads only, at a fixed cost.

Median, 90th percentile and the share answered within the promise are checked against known data; the
grouped figures (per topic, per county) against the same figures computed one filter at a time and
against a plain Python reference. Deleted conversations still count.
"""

import datetime
import math
import random
import re
import statistics as python_statistics
from datetime import timedelta

import pytest
from django.urls import reverse

from guidance import services
from guidance.models import QuestionRecord, Topic
from guidance.statistics import Filters, p90_position, statistics
from tests.factories import county
from tests.guidance.conftest import ask, at

pytestmark = pytest.mark.django_db

URL = "/e-veiledning/statistikk/"
HOUR = 3600
MONDAY = "2027-03-01 09:00"  # due Wednesday 2027-03-03 09:00 (two working days)


def answered_after(hours, counsellor, *, asked=MONDAY, **fields):
    """A question asked at ``asked`` and first answered ``hours`` later, through the services."""
    question = ask(now=at(asked), **fields)
    services.question_claim(question=question, counsellor=counsellor, now=at(asked))
    services.question_answer(
        question=question, counsellor=counsellor, body="Her er svaret.", now=at(asked) + timedelta(hours=hours)
    )
    return question


@pytest.fixture
def lead(guidance_lead, e_counsellor):
    """The admin of Karriere Vestland, which has an e-guidance counsellor: a lead."""
    return guidance_lead


def english(client, url=URL, **params):
    return client.get(url, params, headers={"accept-language": "en"})


# The numbers


def test_median_and_90th_percentile_of_an_odd_number_of_answers(e_counsellor):
    for hours in (4, 1, 10, 3, 2):
        answered_after(hours, e_counsellor)

    total = statistics(now=at("2027-03-10 12:00")).total

    assert (total.asked, total.answered) == (5, 5)
    assert total.median_seconds == 3 * HOUR  # the middle of 1, 2, 3, 4, 10
    assert total.p90_seconds == 10 * HOUR  # rank ceil(0.9 * 5) = 5


def test_median_of_an_even_number_is_the_mean_of_the_two_middle_answers(e_counsellor):
    for hours in (10, 9, 8, 7, 6, 5, 4, 3, 2, 1):
        answered_after(hours, e_counsellor)

    total = statistics(now=at("2027-03-10 12:00")).total

    assert total.median_seconds == 5.5 * HOUR
    assert total.p90_seconds == 9 * HOUR  # rank ceil(0.9 * 10) = 9


def test_the_percentile_rank_is_the_nearest_rank():
    assert [p90_position(n) + 1 for n in (1, 2, 9, 10, 11, 19, 20, 21, 100)] == [1, 2, 9, 9, 10, 18, 18, 19, 90]
    assert all(p90_position(n) + 1 == math.ceil(0.9 * n) for n in range(1, 2000))


def test_the_share_within_the_promise_counts_settled_questions_only(e_counsellor):
    answered_after(10, e_counsellor)  # in time
    answered_after(47, e_counsellor)  # in time: due after 48 hours
    answered_after(50, e_counsellor)  # late
    ask(now=at(MONDAY))  # still waiting after its due time: settled, and not in time
    ask(now=at("2027-03-03 10:00"))  # waiting, not due until Friday: not settled yet

    total = statistics(now=at("2027-03-03 12:00")).total

    assert (total.asked, total.answered, total.settled, total.in_time) == (5, 3, 4, 2)
    assert total.share_in_time == 0.5
    assert total.median_seconds == 47 * HOUR
    assert total.p90_seconds == 50 * HOUR


def test_no_questions_gives_empty_figures_rather_than_errors():
    total = statistics(now=at("2027-03-03 12:00")).total
    assert (total.asked, total.median_seconds, total.p90_seconds, total.share_in_time) == (0, None, None, None)


def test_per_topic_and_per_county_figures_match_the_same_figures_filtered_one_at_a_time():
    rng = random.Random(7)
    topics = [value for value, _label in Topic.choices]
    counties = [county("03"), county("46"), county("50"), None]
    start = at("2027-01-04 09:00")
    rows = []
    for n in range(400):
        asked = start + timedelta(hours=n * 5)
        answered = rng.random() < 0.8
        seconds = rng.randint(60, 6 * 24 * HOUR) if answered else None
        due = asked + timedelta(days=2)
        rows.append(
            QuestionRecord(
                topic=rng.choice(topics[:4]),
                county=rng.choice(counties),
                asked_at=asked,
                due_at=due,
                first_answered_at=asked + timedelta(seconds=seconds) if answered else None,
                answer_seconds=seconds,
                answered_in_time=(seconds <= 2 * 24 * HOUR) if answered else None,
                helpful=rng.choice([None, True, False]),
            )
        )
    QuestionRecord.objects.bulk_create(rows)
    now = at("2027-06-01 12:00")

    result = statistics(now=now)

    def reference(selected):
        values = sorted(row.answer_seconds for row in selected if row.answer_seconds is not None)
        if not values:
            return None, None
        return python_statistics.median(values), values[math.ceil(0.9 * len(values)) - 1]

    assert len(result.by_topic) == 4 and len(result.by_county) == 4
    for row in result.by_topic:
        alone = statistics(Filters(topic=row.key), now=now).total
        assert (row.asked, row.answered, row.in_time, row.settled, row.helpful, row.rated) == (
            alone.asked,
            alone.answered,
            alone.in_time,
            alone.settled,
            alone.helpful,
            alone.rated,
        )
        assert (row.median_seconds, row.p90_seconds) == (alone.median_seconds, alone.p90_seconds)
        assert (row.median_seconds, row.p90_seconds) == reference(r for r in rows if r.topic == row.key)
    for row in result.by_county:
        selected = [r for r in rows if (r.county.name if r.county else None) == row.key]
        assert row.asked == len(selected)
        assert (row.median_seconds, row.p90_seconds) == reference(selected)
    assert sum(row.asked for row in result.by_county) == result.total.asked == 400
    assert (result.total.median_seconds, result.total.p90_seconds) == reference(rows)


def test_deleted_conversations_still_count(e_counsellor):
    question = answered_after(5, e_counsellor, topic=Topic.FOREIGN_EDUCATION, county_number="46")
    services.question_rate(question=question, helpful=True)
    services.question_delete(question=question)

    result = statistics(now=at("2027-03-10 12:00"))

    assert (result.total.asked, result.total.answered, result.total.helpful) == (1, 1, 1)
    assert [(row.key, row.asked) for row in result.by_topic] == [(Topic.FOREIGN_EDUCATION, 1)]
    assert [(row.label, row.asked) for row in result.by_county] == [("Vestland", 1)]


def test_weeks_are_iso_weeks_in_oslo_time_with_empty_weeks_as_zero():
    ask(now=at("2027-03-07 23:30"))  # Sunday night in Oslo: week 9
    ask(now=at("2027-03-08 00:30"))  # Monday just after midnight: week 10
    ask(now=at("2027-03-09 12:00"))
    ask(now=at("2026-11-30 12:00"))  # more than twelve weeks before: not in the chart

    weeks = statistics(now=at("2027-03-10 12:00")).weeks

    assert len(weeks) == 12
    assert weeks[-1].monday == datetime.date(2027, 3, 8) and weeks[0].monday == datetime.date(2026, 12, 21)
    assert [(week.iso_week, week.count) for week in weeks[-3:]] == [(8, 0), (9, 1), (10, 2)]
    assert sum(week.count for week in weeks) == 3


def test_the_filters_select_by_oslo_dates_both_days_included_topic_and_county():
    inside = ask(now=at("2027-03-01 00:10"), county_number="46")
    ask(now=at("2027-02-28 23:50"), county_number="46")  # the day before
    ask(now=at("2027-03-31 23:50"), county_number="46")  # the last day, late evening
    ask(now=at("2027-04-01 00:10"), county_number="46")  # the day after
    ask(now=at("2027-03-15 12:00"), county_number="03")
    ask(now=at("2027-03-15 12:00"), county_number="46", topic=Topic.OTHER)
    march = Filters(date_from=datetime.date(2027, 3, 1), date_to=datetime.date(2027, 3, 31))
    now = at("2027-04-02 12:00")

    assert statistics(march, now=now).total.asked == 4
    assert (
        statistics(Filters(date_from=march.date_from, date_to=march.date_to, county=county("46")), now=now).total.asked
        == 3
    )
    in_vestland_on_jobs = Filters(topic=inside.topic, county=county("46"))
    assert statistics(in_vestland_on_jobs, now=now).total.asked == 4
    weeks = statistics(march, now=now).weeks
    assert weeks[0].monday == datetime.date(2027, 3, 1) and weeks[-1].monday == datetime.date(2027, 3, 29)


# The page


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["plain_user", "e_counsellor", "centre_admin", "school_counsellor"])
def test_people_who_do_not_lead_e_guidance_are_refused(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert english(client).status_code == 403


@pytest.mark.parametrize("who", ["guidance_lead", "national_admin"])
def test_the_leads_see_the_figures_including_deleted_questions(client, request, who, e_counsellor):
    kept = answered_after(3, e_counsellor, asked="2027-03-01 09:00", county_number="46")
    gone = answered_after(5, e_counsellor, asked="2027-03-01 10:00", topic=Topic.APPLYING_FOR_JOBS)
    services.question_delete(question=gone)
    client.force_login(request.getfixturevalue(who))

    response = english(client, date_from="2027-03-01", date_to="2027-03-07")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Questions asked" in html and "4 hours" in html  # the median of 3 and 5 hours
    topics = response.context["groups"][0]["rows"]
    assert {(row["label"], row["asked"]) for row in topics} == {
        (str(Topic(kept.topic).label), 1),
        (str(Topic.APPLYING_FOR_JOBS.label), 1),
    }
    counties = response.context["groups"][1]["rows"]
    assert {(row["label"], row["asked"]) for row in counties} == {("Vestland", 1), ("County not given", 1)}
    assert QuestionRecord.objects.count() == 2


def test_the_page_is_tables_with_captions_and_a_described_chart_without_inline_style(client, lead):
    ask(now=at("2027-03-02 12:00"))
    client.force_login(lead)

    html = english(client, date_from="2027-01-01", date_to="2027-03-07").content.decode()

    assert html.count("<caption>") == 3
    assert 'th scope="col"' in html and 'th scope="row"' in html
    svg = re.search(r"<svg[^>]*>(.*?)</svg>", html, re.S)
    assert svg and 'role="img"' in svg.group(0) and 'aria-labelledby="weeks-chart-title weeks-chart-desc"' in html
    assert '<title id="weeks-chart-title">' in svg.group(1) and '<desc id="weeks-chart-desc">' in svg.group(1)
    assert "Week 9, 2027: 1 question<" in html and "1 in all; the busiest week was Week 9, 2027 with 1" in html
    assert " style=" not in html and "<style" not in html and "<script>" not in html


def test_bad_dates_are_shown_at_their_field_and_no_figures_are_computed(client, lead):
    client.force_login(lead)

    response = english(client, date_from="2027-02-30", topic="juggling")
    html = response.content.decode()
    assert response.status_code == 200 and "stats" not in response.context
    assert 'id="id_date_from_error"' in html and "Enter a valid date." in html
    assert 'id="id_topic_error"' in html
    assert 'aria-invalid="true"' in html

    response = english(client, date_from="2027-03-10", date_to="2027-03-01")
    assert 'id="id_date_to_error"' in response.content.decode()
    assert "The last day must be the same as or after the first day." in response.content.decode()


def _bulk_records(count, start=0):
    topics = [value for value, _label in Topic.choices]
    counties = [county(number) for number in ("03", "11", "46", "50")] + [None]
    base = at("2027-01-04 09:00")
    QuestionRecord.objects.bulk_create(
        QuestionRecord(
            topic=topics[n % len(topics)],
            county=counties[n % len(counties)],
            asked_at=base + timedelta(minutes=47 * n),
            due_at=base + timedelta(minutes=47 * n, days=2),
            first_answered_at=base + timedelta(minutes=47 * n + 100 + n) if n % 4 else None,
            answer_seconds=(100 + n) * 60 if n % 4 else None,
            answered_in_time=(n % 3 == 0) if n % 4 else None,
            followed_up=n % 5 == 0,
            helpful=(n % 2 == 0) if n % 6 == 0 else None,
        )
        for n in range(start, start + count)
    )


def test_the_page_costs_the_same_queries_for_10_and_2000_records(client, lead, django_assert_max_num_queries):
    client.force_login(lead)

    def count_queries():
        with django_assert_max_num_queries(20) as captured:
            response = english(client, date_from="2027-01-01", date_to="2027-04-30")
            assert response.status_code == 200
        return len(captured)

    english(client)  # the site's own lookups (menus, footer) are cached after the first page
    _bulk_records(10)
    few = count_queries()
    _bulk_records(1990, start=10)
    many = count_queries()
    assert many == few
    assert QuestionRecord.objects.count() == 2000
    filtered_total = english(client, date_from="2027-01-01", date_to="2027-04-30").context["stats"].total
    assert 0 < filtered_total.asked <= 2000
