"""E-guidance's part of the leaders' overview: questions, median answer time and the promise kept, per month."""

import datetime
from datetime import timedelta

import pytest
from django.utils import translation

from guidance import services
from guidance.overview import guidance_figures
from register.overview.scope import Scope
from register.overview.sections import Period
from tests.factories import county
from tests.guidance.conftest import ask, at

pytestmark = pytest.mark.django_db


def answered(asked, hours, counsellor, county_number="46"):
    question = ask(now=at(asked), county_number=county_number)
    services.question_claim(question=question, counsellor=counsellor, now=at(asked))
    services.question_answer(
        question=question, counsellor=counsellor, body="Her er svaret.", now=at(asked) + timedelta(hours=hours)
    )


def test_questions_median_and_promise_per_month(e_counsellor):
    answered("2027-01-04 09:00", 2, e_counsellor)
    answered("2027-01-05 09:00", 4, e_counsellor)
    answered("2027-01-06 09:00", 100, e_counsellor)  # Wednesday to Saturday: past the two working days
    answered("2027-02-01 09:00", 6, e_counsellor, county_number="03")
    period = Period(start=datetime.date(2026, 12, 1), end=datetime.date(2027, 2, 28))

    with translation.override("en"):
        contribution = guidance_figures(Scope(), period)
    rows = {row["month"]: row for row in contribution.tables[0].rows}

    assert list(rows) == ["December 2026", "January 2027", "February 2027"]
    assert (rows["December 2026"]["asked"], rows["December 2026"]["median"]) == (0, None)
    assert (rows["January 2027"]["asked"], rows["January 2027"]["median"]) == (3, 4)
    assert rows["January 2027"]["in_time"] == pytest.approx(2 / 3)
    headlines = {h.key: h.value for h in contribution.headlines}
    assert headlines["questions"] == 4 and headlines["in_time"] == pytest.approx(3 / 4)


def test_a_county_sees_the_questions_from_that_county(e_counsellor):
    answered("2027-01-04 09:00", 2, e_counsellor, county_number="46")
    answered("2027-01-04 10:00", 2, e_counsellor, county_number="03")
    period = Period(start=datetime.date(2027, 1, 1), end=datetime.date(2027, 1, 31))
    assert guidance_figures(Scope(county=county("46")), period).headlines[0].value == 1
    assert guidance_figures(Scope(), period).headlines[0].value == 2


def test_leads_see_questions_about_to_break_the_promise_on_their_home_page(guidance_lead, e_counsellor, centre_admin):
    from django.utils import timezone

    from register.attention import attention_for

    ask(now=timezone.now() - timedelta(days=5))  # overdue
    ask()  # due in two working days: not yet
    with translation.override("en"):
        items = [item for item in attention_for(guidance_lead) if "e-guidance" in item.title]
    assert [(item.title, item.urgent) for item in items] == [("1 e-guidance question about to break the promise", True)]
    assert not [item for item in attention_for(centre_admin) if "e-guidance" in item.title]  # not a lead
