"""The promise: an answer within two working days of opening hours (weekdays 08:00-16:00 unless the national
administrator sets other hours), skipping weekends, Norwegian public holidays and the closure days entered."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from guidance.clock import calendar, due_at
from guidance.models import ClosurePeriod, ServiceHours
from tests.guidance.conftest import at

pytestmark = pytest.mark.django_db


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def closed(name, first, last=None):
    first = datetime.date.fromisoformat(first)
    return ClosurePeriod.objects.create(
        name=name, first_day=first, last_day=datetime.date.fromisoformat(last) if last else first
    )


@pytest.fixture
def christmas_closures():
    """What a national administrator enters for Christmas 2026 and 2028 (in 2028 the romjul days too)."""
    for year in (2026, 2028):
        closed("Julaften", f"{year}-12-24")
        closed("Nyttårsaften", f"{year}-12-31")
    closed("Romjul", "2028-12-27", "2028-12-29")


@pytest.mark.parametrize(
    ("sent", "due"),
    [
        ("2027-03-01 14:10", "2027-03-03 14:10"),  # Monday afternoon: Wednesday, same time
        ("2027-03-04 09:00", "2027-03-08 09:00"),  # Thursday: 7 h, Friday's 8 h, then 1 h on Monday
        ("2027-03-06 11:00", "2027-03-09 16:00"),  # Saturday: from Monday's opening, Tuesday at closing
        ("2027-03-01 07:00", "2027-03-02 16:00"),  # Monday before opening: the same
        ("2027-03-01 18:30", "2027-03-03 16:00"),  # Monday evening: counts from Tuesday's opening
        # Easter 2027: Maundy Thursday 25 March to Easter Monday 29 March are holidays.
        ("2027-03-24 15:00", "2027-03-31 15:00"),  # Wednesday before Easter: 1 h, then Tuesday and Wednesday
        ("2027-03-25 10:00", "2027-03-31 16:00"),  # Maundy Thursday: from Tuesday's opening after Easter Monday
        # 17 May 2027 is a Monday and also Whit Monday; Ascension Day is Thursday 6 May.
        ("2027-05-14 08:30", "2027-05-19 08:30"),  # Friday: 7.5 h, Tuesday 18th, half an hour on Wednesday
        ("2027-05-05 13:00", "2027-05-10 13:00"),  # Wednesday before Ascension: Friday 7th, Monday 10th
        ("2027-05-16 12:00", "2027-05-19 16:00"),  # Sunday before 17 May: Tuesday and Wednesday
    ],
)
def test_the_answer_is_due_after_two_working_days_of_opening_hours(sent, due):
    assert local(due_at(at(sent))) == due


@pytest.mark.parametrize(
    ("sent", "due"),
    [
        # Christmas 2026: julaften (Thursday) is closed, the 25th and 26th are holidays.
        ("2026-12-23 12:00", "2026-12-29 12:00"),  # Wednesday: 4 h, Monday 28th, 4 h on Tuesday
        ("2026-12-24 12:00", "2026-12-29 16:00"),  # on julaften itself: from Monday's opening
        ("2026-12-30 16:00", "2027-01-05 16:00"),  # Wednesday at closing: nyttårsaften and 1 January closed
        # Friday 22 December 2028 at 15:00: 1 h; the holidays, romjul and 1 January closed; 8 h on Tuesday 2nd.
        ("2028-12-22 15:00", "2029-01-03 15:00"),
    ],
)
def test_closure_days_stop_the_clock(christmas_closures, sent, due):
    assert local(due_at(at(sent))) == due


def test_a_fellesferie_week_stops_the_clock():
    closed("Fellesferie", "2027-07-19", "2027-07-23")

    assert local(due_at(at("2027-07-16 12:00"))) == "2027-07-27 12:00"  # Friday before: 4 h, the week, Mon, Tue


def test_without_closure_days_julaften_is_a_working_day():
    assert local(due_at(at("2026-12-23 12:00"))) == "2026-12-28 12:00"


def test_the_national_administrators_opening_hours_set_the_clock():
    hours = ServiceHours.objects.get(service="guidance")
    hours.opens, hours.closes, hours.friday = datetime.time(9), datetime.time(15), False
    hours.save()

    # Two working days are 12 h now: Thursday 14:00 has 1 h, Friday is closed, Monday 6 h, Tuesday 5 h.
    assert local(due_at(at("2027-03-04 14:00"))) == "2027-03-09 14:00"


def test_without_a_row_the_default_hours_apply():
    ServiceHours.objects.all().delete()

    assert local(due_at(at("2027-03-04 09:00"))) == "2027-03-08 09:00"


def test_the_number_of_working_days_is_configurable(settings):
    settings.GUIDANCE_ANSWER_WORKING_DAYS = 1

    assert local(due_at(at("2027-03-05 10:00"))) == "2027-03-08 10:00"  # Friday: 6 h, then 2 h on Monday


@pytest.mark.parametrize(
    ("sent", "due", "due_utc"),
    [
        # Summer time started on Sunday 29 March 2026 at 02:00: still 10:00 in Oslo, an hour earlier in UTC.
        ("2026-03-27 10:00", "2026-03-31 10:00", "08:00"),
        # It ended on Sunday 25 October 2026 at 03:00.
        ("2026-10-23 15:00", "2026-10-27 15:00", "14:00"),
    ],
)
def test_summer_time_changes_keep_the_local_clock(sent, due, due_utc):
    moment = due_at(at(sent))

    assert local(moment) == due
    assert moment.strftime("%H:%M") == due_utc


def test_calendar_reads_the_hours_and_closures_in_two_queries(django_assert_num_queries, christmas_closures):
    with django_assert_num_queries(2):
        clock = calendar()

    assert not clock.is_open_day(datetime.date(2026, 12, 24))
    assert not clock.is_open_day(datetime.date(2026, 12, 25))  # a public holiday
    assert clock.is_open_day(datetime.date(2026, 12, 28))


@pytest.mark.parametrize("moment", ["2027-03-03 10:30", "2027-03-08 08:45", "2027-04-05 15:59"])
def test_going_back_is_the_inverse_of_going_forward(moment):
    clock = calendar()
    hours = datetime.timedelta(hours=21, minutes=15)

    assert clock.after(clock.before(at(moment), hours), hours) == at(moment)


def test_working_time_does_not_run_backwards():
    clock = calendar()

    with pytest.raises(ValueError, match="runs forwards"):
        clock.after(at("2027-03-03 10:30"), datetime.timedelta(hours=-1))
    with pytest.raises(ValueError, match="runs forwards"):
        clock.before(at("2027-03-03 10:30"), datetime.timedelta(hours=-1))


@pytest.mark.parametrize(
    ("moment", "earlier"),
    [
        ("2027-03-05 20:00", "2027-03-05 14:00"),  # Friday evening: 2 h back is 14:00 the same day
        ("2027-03-07 12:00", "2027-03-05 14:00"),  # Sunday: the same
        ("2027-03-08 09:00", "2027-03-05 15:00"),  # Monday 09:00: one hour that morning, one on Friday
    ],
)
def test_going_back_skips_closed_time(moment, earlier):
    assert local(calendar().before(at(moment), datetime.timedelta(hours=2))) == earlier


def test_opening_hours_must_make_sense():
    with pytest.raises(ValidationError) as reversed_hours:
        ServiceHours(service="guidance", opens=datetime.time(16), closes=datetime.time(8)).full_clean(
            validate_unique=False
        )
    no_days = ServiceHours(service="guidance", monday=False, tuesday=False, wednesday=False)
    no_days.thursday = no_days.friday = False
    with pytest.raises(ValidationError) as never_open:
        no_days.full_clean(validate_unique=False)

    assert reversed_hours.value.message_dict == {"closes": ["The service must close after it opens, on the same day."]}
    assert never_open.value.messages == ["Choose at least one day the service is open."]


def test_a_closure_is_in_order_and_not_endless():
    backwards = ClosurePeriod(name="Jul", first_day=datetime.date(2027, 12, 27), last_day=datetime.date(2027, 12, 24))
    endless = ClosurePeriod(name="Sommer", first_day=datetime.date(2027, 6, 1), last_day=datetime.date(2027, 8, 31))

    with pytest.raises(ValidationError) as first:
        backwards.full_clean()
    with pytest.raises(ValidationError) as second:
        endless.full_clean()

    assert first.value.message_dict == {"last_day": ["The last day cannot be before the first day."]}
    assert second.value.message_dict == {"last_day": ["A closure can be at most 42 days long."]}
