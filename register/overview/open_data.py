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

# The published figures, each with the figure that counts the people behind it (None: not people).
PUBLISHED: dict[str, str | None] = {
    "counsellors": "counsellors",
    "meets": "counsellors",
    "lapsed": "counsellors",
    "would_meet": "counsellors",
    "events": None,
    "participants": "participants",
    "attended_hours": "participants",
    "questions": "questions",
    "in_time": "questions",
}
LABELS = {
    "counsellors": _("Counsellors"),
    "meets": _("Meet the requirement"),
    "lapsed": _("Lapsed"),
    "would_meet": _("Would meet once pending is verified"),
    "events": _("Events held"),
    "participants": _("Event participants"),
    "attended_hours": _("Attended hours"),
    "questions": _("E-guidance questions"),
    "in_time": _("Answered within the promise"),
}
KINDS = {"meets": "share", "lapsed": "share", "would_meet": "share", "in_time": "share", "attended_hours": "amount"}


@dataclass
class CountyMonth:
    county: County
    month: datetime.date
    figures: dict[str, Any] = field(default_factory=dict)
    suppressed: list[str] = field(default_factory=list)
    demo: bool = False


def suppress(figures: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The published figures, with those resting on fewer than MIN_PEOPLE people set to None and listed."""
    published: dict[str, Any] = {}
    suppressed: list[str] = []
    for key, base in PUBLISHED.items():
        value = figures.get(key)
        people = figures.get(base) if base is not None else None
        if base is not None and (people is None or people < MIN_PEOPLE) and value is not None:
            published[key] = None
            suppressed.append(key)
        else:
            published[key] = value
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
