"""The promise to askers: an answer within a number of working days.

Working days skip Saturdays, Sundays and Norwegian public holidays (the ``holidays`` package). The clock
runs in Europe/Oslo: a question sent at 14:10 on a Monday, with two working days, is due at 14:10 on
Wednesday. A question sent on a day off counts as sent at midnight before the next working day: one
sent on Maundy Thursday (a holiday) counts from Tuesday after Easter and is due as Thursday begins.
"""

import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings

OSLO = ZoneInfo("Europe/Oslo")


@lru_cache(maxsize=32)
def _holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("NO", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def next_working_day(day: datetime.date) -> datetime.date:
    day += datetime.timedelta(days=1)
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def due_at(moment: datetime.datetime, working_days: int | None = None) -> datetime.datetime:
    """When an answer to a question sent at ``moment`` (aware) is due, as an aware datetime in UTC."""
    working_days = settings.GUIDANCE_ANSWER_WORKING_DAYS if working_days is None else working_days
    local = moment.astimezone(OSLO)
    day, clock = local.date(), local.time().replace(tzinfo=None, fold=0)
    if not is_working_day(day):  # sent on a day off: as if sent at midnight before the next working day
        day, clock = next_working_day(day), datetime.time(0, 0)
    for _counted in range(working_days):
        day = next_working_day(day)
    return datetime.datetime.combine(day, clock, OSLO).astimezone(datetime.UTC)
