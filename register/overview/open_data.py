"""Open statistics: the monthly snapshots of each county, for anyone, with small numbers suppressed.

No published cell describes fewer than ``MIN_PEOPLE`` people: a figure counted in people (or a share or sum
of them) is left out, and named as suppressed, when the people behind it are fewer than that. Counts of
events are not counts of people and stay.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from register.models import County, OverviewSnapshot

MIN_PEOPLE = 5

# The published figures. A count of people is shown when it is 0 or at least MIN_PEOPLE; a share is shown when
# the people it counts and the people it leaves out (of the figure it is a share of) are each 0 or at least
# MIN_PEOPLE, so no small group can be worked out from a share and its total. Events are not people. Event
# participants are left out: they are registrations, and one person's many registrations would pass for many.
COUNTS_OF_PEOPLE = ("counsellors", "questions")
SHARES_OF: dict[str, str] = {
    "meets": "counsellors",
    "lapsed": "counsellors",
    "would_meet": "counsellors",
    "in_time": "settled",
}
PUBLISHED: tuple[str, ...] = ("counsellors", "meets", "lapsed", "would_meet", "events", "questions", "in_time")
LABELS = {
    "counsellors": _("Counsellors"),
    "meets": _("Meet the requirement"),
    "lapsed": _("Lapsed"),
    "would_meet": _("Would meet once pending is verified"),
    "events": _("Events held"),
    "questions": _("E-guidance questions"),
    "in_time": _("Answered within the promise"),
}
KINDS = {"meets": "share", "lapsed": "share", "would_meet": "share", "in_time": "share"}


def _small(people: int) -> bool:
    return 0 < people < MIN_PEOPLE


def _hidden(key: str, figures: dict[str, Any]) -> bool:
    value = figures.get(key)
    if value is None:
        return False
    if key in COUNTS_OF_PEOPLE:
        return _small(int(value))
    if key in SHARES_OF:
        whole = figures.get(SHARES_OF[key])
        if whole is None or int(whole) < MIN_PEOPLE:
            return True
        part = round(float(value) * int(whole))
        return _small(part) or _small(int(whole) - part)
    return False


@dataclass
class CountyMonth:
    county: County
    month: datetime.date
    figures: dict[str, Any] = field(default_factory=dict)
    suppressed: list[str] = field(default_factory=list)
    demo: bool = False


def suppress(figures: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The published figures, with those that would single out fewer than MIN_PEOPLE people set to None and listed."""
    published: dict[str, Any] = {}
    suppressed: list[str] = []
    for key in PUBLISHED:
        if _hidden(key, figures):
            published[key] = None
            suppressed.append(key)
        else:
            published[key] = figures.get(key)
    return published, suppressed


def county_snapshots(county: County | None = None, since: datetime.date | None = None) -> "QuerySet[OverviewSnapshot]":
    if county is not None:
        snapshots = OverviewSnapshot.objects.filter(scope=f"county-{county.pk}")
    else:
        snapshots = OverviewSnapshot.objects.filter(scope__startswith="county-")
    if since is not None:
        snapshots = snapshots.filter(month__gte=since)
    return snapshots.order_by("-month", "scope")


def county_months(snapshots: list[OverviewSnapshot], counties: dict[int, County]) -> list[CountyMonth]:
    rows = []
    for snapshot in snapshots:
        county = counties.get(int(snapshot.scope.removeprefix("county-")))
        if county is None:
            continue
        figures, suppressed = suppress(snapshot.figures)
        rows.append(CountyMonth(county, snapshot.month, figures, suppressed, bool(snapshot.figures.get("demo"))))
    return rows
