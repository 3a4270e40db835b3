"""The promise to askers: an answer within a number of working days of the service's opening hours.

Working time is the service's opening hours (``ServiceHours``: by default weekdays 08:00-16:00), in
Europe/Oslo, minus Norwegian public holidays (the ``holidays`` package) and minus the closure periods the
national administrator enters (julaften, nyttårsaften, fellesferie). Two working days are twice the
length of an opening day in working time: a question sent at 15:00 on a Monday is due at 15:00 on
Wednesday; one sent in the evening, at a weekend or on a closed day counts from the next opening and is
due when the second open day after that closes. Opening hours never span the change to or from summer
time (at night), so a due time keeps its local clock time across it.
"""

import datetime
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings

from guidance.models import ClosurePeriod, Service, ServiceHours

OSLO = ZoneInfo("Europe/Oslo")

# A calendar whose next opening is further away than this is wrong (every day closed), not slow.
SEARCH_DAYS = 400


@lru_cache(maxsize=32)
def _holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("NO", years=year))


def is_public_holiday(day: datetime.date) -> bool:
    return day in _holidays(day.year)


@dataclass(frozen=True)
class Calendar:
    """A service's working time: opening hours, open weekdays and closed dates (besides public holidays)."""

    opens: datetime.time
    closes: datetime.time
    weekdays: frozenset[int]
    closed: frozenset[datetime.date]

    @property
    def day_length(self) -> datetime.timedelta:
        return datetime.datetime.combine(datetime.date.min, self.closes) - datetime.datetime.combine(
            datetime.date.min, self.opens
        )

    def is_open_day(self, day: datetime.date) -> bool:
        return day.weekday() in self.weekdays and not is_public_holiday(day) and day not in self.closed

    def due_at(self, moment: datetime.datetime, working_days: int | None = None) -> datetime.datetime:
        """When an answer to a question sent at ``moment`` (aware) is due, as an aware datetime in UTC."""
        working_days = settings.GUIDANCE_ANSWER_WORKING_DAYS if working_days is None else working_days
        return self.after(moment, self.day_length * working_days)

    def after(self, moment: datetime.datetime, working_time: datetime.timedelta) -> datetime.datetime:
        """The moment (UTC) when ``working_time`` (not negative) of opening hours has passed since ``moment``."""
        if working_time < datetime.timedelta(0):
            raise ValueError("Working time runs forwards: give a duration of zero or more.")
        left, local = working_time, moment.astimezone(OSLO)
        day = local.date()
        for _searched in range(SEARCH_DAYS):
            if self.is_open_day(day):
                # Wall-clock times of one day: opening hours are in the daytime, never across a change of offset.
                start = max(local.replace(tzinfo=None), datetime.datetime.combine(day, self.opens))
                end = datetime.datetime.combine(day, self.closes)
                if start < end:
                    if left <= end - start:
                        return _utc(start + left)
                    left -= end - start
            day += datetime.timedelta(days=1)
        raise ValueError(f"The service is closed on every day for {SEARCH_DAYS} days from {local:%Y-%m-%d}.")

    def before(self, moment: datetime.datetime, working_time: datetime.timedelta) -> datetime.datetime:
        """The moment (UTC) from which ``working_time`` (not negative) of opening hours had passed at ``moment``."""
        if working_time < datetime.timedelta(0):
            raise ValueError("Working time runs forwards: give a duration of zero or more.")
        left, local = working_time, moment.astimezone(OSLO)
        day = local.date()
        for _searched in range(SEARCH_DAYS):
            if self.is_open_day(day):
                start = datetime.datetime.combine(day, self.opens)
                end = min(local.replace(tzinfo=None), datetime.datetime.combine(day, self.closes))
                if start < end:
                    if left <= end - start:
                        return _utc(end - left)
                    left -= end - start
            day -= datetime.timedelta(days=1)
        raise ValueError(f"The service is closed on every day for {SEARCH_DAYS} days before {local:%Y-%m-%d}.")


def _utc(wall_clock: datetime.datetime) -> datetime.datetime:
    return wall_clock.replace(tzinfo=OSLO).astimezone(datetime.UTC)


def service_hours(service: str = Service.GUIDANCE) -> ServiceHours:
    """The service's opening hours as the national administrator has set them, or the defaults."""
    return ServiceHours.objects.filter(service=service).first() or ServiceHours(service=service)


def calendar(service: str = Service.GUIDANCE) -> Calendar:
    """The service's calendar as the national administrator has set it (two queries)."""
    hours = service_hours(service)
    closed = set()
    for period in ClosurePeriod.objects.all():
        closed.update(period.days())
    return Calendar(opens=hours.opens, closes=hours.closes, weekdays=hours.open_weekdays, closed=frozenset(closed))


def due_at(moment: datetime.datetime, working_days: int | None = None) -> datetime.datetime:
    """The e-guidance promise for a question sent at ``moment``: the due time, in UTC."""
    return calendar().due_at(moment, working_days)
