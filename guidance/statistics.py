"""The e-guidance figures for the leads, computed only from ``QuestionRecord``.

The records outlive the questions (a question deleted by its asker or by the retention purge still
counts), and they hold no text, e-mail or link. Every figure is an aggregate query; none loads the
records into Python, so the page costs the same number of queries for ten records or a million.

Definitions, stated once and shown on the page:

- *Answered within the promise*: the share of the questions whose promise is settled, that is those
  answered (in time or late) and those still waiting after their due time. Questions still waiting
  within their promise are left out until they are settled either way.
- *Median* time to the first answer: the middle value of the answered questions' ``answer_seconds``;
  with an even number, the mean of the two middle values.
- *90th percentile*: the nearest-rank percentile: the smallest stored time such that at least 90 % of
  the answered questions were answered within it, i.e. the value at rank ``ceil(0.9 * n)`` (1-based)
  of the ``n`` times in ascending order. It is always a time some question actually took.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone

from core.statistics import grouped_median_and_p90, median_position, p90_position
from guidance.clock import OSLO
from guidance.models import QuestionRecord, Topic
from register.models import County

WEEKS = 12

ANSWERED = Q(first_answered_at__isnull=False)


@dataclass(frozen=True)
class Filters:
    """Which records count: asked between two dates (Oslo, both days included), one topic, one county."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    topic: str = ""
    county: County | None = None  # None for all


@dataclass
class Figures:
    """Counts, shares and answer times of one set of records (everything, one topic or one county)."""

    asked: int = 0
    answered: int = 0
    settled: int = 0
    in_time: int = 0
    followed_up: int = 0
    rated: int = 0
    helpful: int = 0
    median_seconds: float | None = None
    p90_seconds: int | None = None
    label: str = ""
    key: Any = None  # the group's value: a topic, a county's name

    @property
    def share_in_time(self) -> float | None:
        """The share (0–1) of the settled questions answered within the promise; None when none is settled."""
        return self.in_time / self.settled if self.settled else None

    @property
    def share_helpful(self) -> float | None:
        return self.helpful / self.rated if self.rated else None


@dataclass(frozen=True)
class Week:
    monday: datetime.date
    count: int

    @property
    def iso_year(self) -> int:
        return self.monday.isocalendar().year

    @property
    def iso_week(self) -> int:
        return self.monday.isocalendar().week


@dataclass
class Statistics:
    filters: Filters
    total: Figures
    weeks: list[Week] = field(default_factory=list)
    by_topic: list[Figures] = field(default_factory=list)
    by_county: list[Figures] = field(default_factory=list)


def _start_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0, 0), OSLO)


def records(filters: Filters) -> QuerySet[QuestionRecord]:
    """The records the filters select."""
    queryset = QuestionRecord.objects.all()
    if filters.date_from:
        queryset = queryset.filter(asked_at__gte=_start_of(filters.date_from))
    if filters.date_to:
        queryset = queryset.filter(asked_at__lt=_start_of(filters.date_to + datetime.timedelta(days=1)))
    if filters.topic:
        queryset = queryset.filter(topic=filters.topic)
    if filters.county is not None:
        queryset = queryset.filter(county=filters.county)
    return queryset


def _counts(now: datetime.datetime) -> dict[str, Count]:
    """The counting aggregates shared by the totals and the grouped rows."""
    return {
        "asked": Count("pk"),
        "answered": Count("pk", filter=ANSWERED),
        "settled": Count("pk", filter=ANSWERED | Q(due_at__lte=now)),
        "in_time": Count("pk", filter=Q(answered_in_time=True)),
        "followed_up": Count("pk", filter=Q(followed_up=True)),
        "rated": Count("pk", filter=Q(helpful__isnull=False)),
        "helpful": Count("pk", filter=Q(helpful=True)),
    }


def answer_times(queryset: QuerySet[QuestionRecord], answered: int) -> tuple[float | None, int | None]:
    """The median and 90th percentile of ``answer_seconds`` among ``answered`` answered records.

    ``answered`` is the count of records with an answer (from the aggregate the caller already ran).
    Two queries, whatever the size: the one or two middle values as one slice, and the percentile's value.
    """
    if not answered:
        return None, None
    ordered = queryset.filter(answer_seconds__isnull=False).order_by("answer_seconds", "pk")
    # Not null: filtered above.
    seconds = cast("QuerySet[QuestionRecord, int]", ordered.values_list("answer_seconds", flat=True))
    low, high = median_position(answered)
    middle = list(seconds[low : high + 1])
    median = sum(middle) / len(middle)
    p90 = seconds[p90_position(answered)]
    return median, p90


def grouped_figures(
    queryset: QuerySet[QuestionRecord], group: str, now: datetime.datetime, labels: Callable[[Any], str]
) -> list[Figures]:
    rows = queryset.order_by().values(group).annotate(**_counts(now))
    times = grouped_median_and_p90(queryset, group, "answer_seconds")
    figures = []
    for row in rows:
        key = row.pop(group)
        median, p90, _answered = times.get(key, (None, None, 0))
        figures.append(Figures(**row, median_seconds=median, p90_seconds=p90, key=key, label=labels(key)))
    return figures


def per_week(
    queryset: QuerySet[QuestionRecord],
    *,
    end: datetime.date,
    start: datetime.date | None = None,
    weeks: int = WEEKS,
) -> list[Week]:
    """Questions asked per ISO week (Monday to Sunday, Oslo), for the ``weeks`` weeks up to ``end``'s week.

    The weeks start no earlier than ``start``'s week; a week without questions shows 0. One query.
    """
    last_monday = end - datetime.timedelta(days=end.weekday())
    first_monday = last_monday - datetime.timedelta(weeks=weeks - 1)
    if start is not None:
        first_monday = max(first_monday, start - datetime.timedelta(days=start.weekday()))
    rows = (
        queryset.filter(asked_at__gte=_start_of(first_monday))
        .annotate(week=TruncWeek("asked_at", tzinfo=OSLO))
        .order_by()
        .values("week")
        .annotate(count=Count("pk"))
    )
    counts = {timezone.localtime(row["week"], OSLO).date(): row["count"] for row in rows}
    mondays = []
    monday = first_monday
    while monday <= last_monday:
        mondays.append(monday)
        monday += datetime.timedelta(weeks=1)
    return [Week(monday=monday, count=counts.get(monday, 0)) for monday in mondays]


def statistics(filters: Filters | None = None, *, now: datetime.datetime | None = None) -> Statistics:
    """Every figure on the leads' page for the records ``filters`` select. A fixed number of queries."""
    filters = filters or Filters()
    now = now or timezone.now()
    queryset = records(filters)
    total = Figures(**queryset.aggregate(**_counts(now)))
    total.median_seconds, total.p90_seconds = answer_times(queryset, total.answered)
    end = filters.date_to or timezone.localtime(now, OSLO).date()
    topic_labels = dict(Topic.choices)
    by_topic = grouped_figures(queryset, "topic", now, lambda key: str(topic_labels.get(key, key)))
    by_topic.sort(key=lambda row: list(topic_labels).index(row.key) if row.key in topic_labels else len(topic_labels))
    by_county = grouped_figures(queryset, "county__name", now, lambda key: key or "")
    by_county.sort(key=lambda row: (row.key is None, row.key or ""))
    return Statistics(
        filters=filters,
        total=total,
        weeks=per_week(queryset, end=end, start=filters.date_from),
        by_topic=by_topic,
        by_county=by_county,
    )
