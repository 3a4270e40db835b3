"""The promise: an answer within two working days, skipping weekends and Norwegian public holidays."""

import pytest
from django.utils import timezone

from guidance.clock import due_at, is_working_day
from tests.guidance.conftest import at


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize(
    ("sent", "due"),
    [
        ("2027-03-01 14:10", "2027-03-03 14:10"),  # Monday afternoon: Wednesday, same time
        ("2027-03-04 09:00", "2027-03-08 09:00"),  # Thursday: the weekend does not count
        ("2027-03-06 11:00", "2027-03-10 00:00"),  # Saturday: as if sent when Monday begins
        # Easter 2027: Maundy Thursday 25 March to Easter Monday 29 March are holidays.
        ("2027-03-24 15:00", "2027-03-31 15:00"),  # Wednesday before Easter: Tuesday and Wednesday after
        ("2027-03-25 10:00", "2027-04-01 00:00"),  # Maundy Thursday: counts from Tuesday after Easter Monday
        # Christmas: the 25th and 26th are holidays; Christmas Eve and New Year's Eve are working days.
        ("2026-12-23 12:00", "2026-12-28 12:00"),  # Wednesday: 24th (Thursday), then Monday the 28th
        ("2026-12-24 12:00", "2026-12-29 12:00"),  # Christmas Eve: Friday 25th and the weekend do not count
        # Year end: New Year's Day 2027 is a Friday.
        ("2026-12-30 16:00", "2027-01-04 16:00"),  # Wednesday: 31st, then Monday 4 January
        # 17 May 2027 is a Monday and also Whit Monday; Ascension Day is Thursday 6 May.
        ("2027-05-14 08:30", "2027-05-19 08:30"),  # Friday: Tuesday 18th and Wednesday 19th
        ("2027-05-05 13:00", "2027-05-10 13:00"),  # Wednesday before Ascension: Friday 7th, Monday 10th
    ],
)
def test_the_answer_is_due_two_working_days_later(sent, due):
    assert local(due_at(at(sent))) == due


def test_the_promise_is_configurable(settings):
    settings.GUIDANCE_ANSWER_WORKING_DAYS = 1

    assert local(due_at(at("2027-03-05 10:00"))) == "2027-03-08 10:00"  # Friday: Monday


def test_summer_time_changes_keep_the_local_clock():
    # Summer time started on Sunday 29 March 2026 at 02:00: the due time is still 10:00 in Oslo.
    due = due_at(at("2026-03-27 10:00"))

    assert local(due) == "2026-03-31 10:00"
    assert due.strftime("%H:%M") == "08:00"  # UTC


def test_weekends_and_holidays_are_not_working_days():
    assert not is_working_day(at("2027-05-17 12:00").date())
    assert not is_working_day(at("2027-03-06 12:00").date())
    assert is_working_day(at("2026-12-24 12:00").date())
