"""CPD cycles: which hours count on a day, and whether the counsellor meets, will lapse or has lapsed.

A requirement set counts professional development (CPD) in one of two ways:

- **rolling**: the hours of the last ``cpd_cycle_months`` months up to the day (a month is 365/12
  days, so 12 months is 365 days);
- **period**: fixed periods of ``cpd_cycle_months`` months from 1 January of the year the set came
  into force (36 months: 30 hours per three years, as NCDA counts). The hours of a met period carry
  the counsellor through the next one: who met 2025–2027 still meets during 2028–2030 and lapses on
  1 January 2031 unless 2028–2030 is met too.

Either way a set may demand that some of the hours are *backed*: evidenced (a file the centre
verified) or attended (an event the organiser marked). ``standing`` answers for one person from
their activities; ``register.status.annotate_status`` asks the same questions in SQL for a list,
and the tests hold the two to the same answers.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from register.models import (
    AuditItem,
    CPDActivity,
    CPDCycle,
    CreditEntry,
    EvidenceLevel,
    RequirementSet,
    failing_audits,
)

ZERO = Decimal("0.0")
# A counsellor is told 60 and 14 days before a lapse; "meets until" is shown from 60 days before.
LAPSE_WARNING_DAYS = (60, 14)
MEETS_UNTIL_DAYS = LAPSE_WARNING_DAYS[0]
BACKED_LEVELS = (EvidenceLevel.EVIDENCED, EvidenceLevel.ATTENDED)


class Standing(models.TextChoices):
    MEETS = "meets", _("Meets the requirement")
    MEETS_UNTIL = "meets_until", _("Meets the requirement until a date")
    LAPSED = "lapsed", _("Lapsed")
    NOT_YET = "not_yet", _("Does not meet the requirement yet")


def _audit_fails(field: str) -> Exists:
    return Exists(AuditItem.objects.filter(failing_audits(), **{field: OuterRef("pk")}))


def counted_activities() -> QuerySet[CPDActivity]:
    """The activities whose hours count towards a requirement: all but those whose evidence audit failed."""
    return CPDActivity.objects.exclude(_audit_fails("activity"))


def counted_credits() -> QuerySet[CreditEntry]:
    """The credit entries that count: all but verified ones whose evidence audit failed."""
    return CreditEntry.objects.exclude(_audit_fails("credit"))


def backed_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}evidence_level__in": BACKED_LEVELS})


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, kept to the last day of a shorter month."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th


@dataclass(frozen=True)
class Cycle:
    """The CPD part of a requirement set: how many hours, how many backed, counted how."""

    kind: str
    months: int
    anchor: date
    hours: Decimal
    backed_hours: Decimal

    @classmethod
    def of(cls, requirement: RequirementSet) -> "Cycle":
        return cls(
            kind=requirement.cpd_cycle,
            months=requirement.cpd_cycle_months,
            anchor=date(requirement.effective_from.year, 1, 1),
            hours=requirement.cpd_hours,
            backed_hours=requirement.cpd_min_evidenced_hours,
        )

    @classmethod
    def default(cls) -> "Cycle":
        """How hours are shown where no requirement applies: the last 12 months, nothing demanded."""
        return cls(kind=CPDCycle.ROLLING, months=12, anchor=date(2000, 1, 1), hours=ZERO, backed_hours=ZERO)

    @property
    def is_rolling(self) -> bool:
        return self.kind == CPDCycle.ROLLING

    @property
    def window_days(self) -> int:
        return self.months * 365 // 12

    def period_index(self, day: date) -> int:
        months = (day.year - self.anchor.year) * 12 + day.month - self.anchor.month
        return months // self.months

    def period_start(self, index: int) -> date:
        return add_months(self.anchor, index * self.months)

    def window(self, on: date) -> tuple[date, date]:
        """The first and last day whose hours count for ``on``'s own figures (rolling window or current period)."""
        if self.is_rolling:
            return on - timedelta(days=self.window_days - 1), on
        return self.period_start(self.period_index(on)), on

    def period_end(self, on: date) -> date:
        """The last day of the fixed period ``on`` falls in."""
        return self.period_start(self.period_index(on) + 1) - timedelta(days=1)

    def enough(self, hours: Decimal, backed: Decimal) -> bool:
        return hours >= self.hours and backed >= self.backed_hours


@dataclass(frozen=True)
class Hours:
    """One counted activity, as the cycle sees it."""

    day: date
    hours: Decimal
    level: str

    @property
    def backed(self) -> bool:
        return self.level in BACKED_LEVELS


def _sums(rows: Iterable[Hours], first: date, last: date) -> tuple[Decimal, Decimal]:
    hours = backed = ZERO
    for row in rows:
        if first <= row.day <= last:
            hours += row.hours
            if row.backed:
                backed += row.hours
    return hours, backed


@dataclass(frozen=True)
class CPDStanding:
    standing: str
    on: date | None = None  # meets until (the day it lapses) / lapsed since

    @property
    def meets(self) -> bool:
        return self.standing in (Standing.MEETS, Standing.MEETS_UNTIL)


def _rolling(cycle: Cycle, rows: list[Hours], on: date) -> CPDStanding:
    span = timedelta(days=cycle.window_days)

    def ok(day: date) -> bool:
        return cycle.enough(*_sums(rows, day - span + timedelta(days=1), min(day, on)))

    # The sums only change where an activity enters (its day) or leaves the window (its day + span).
    points = sorted({row.day for row in rows} | {row.day + span for row in rows})
    if ok(on):
        lapse = next((p for p in points if p > on and not ok(p)), None)
        return _meets(lapse, on)
    was_ok, lapsed_since = False, None
    for point in (p for p in points if p <= on):
        now_ok = ok(point)
        if was_ok and not now_ok:
            lapsed_since = point
        was_ok = now_ok
    return CPDStanding(Standing.LAPSED, lapsed_since) if lapsed_since else CPDStanding(Standing.NOT_YET)


def _periodic(cycle: Cycle, rows: list[Hours], on: date) -> CPDStanding:
    def met(index: int) -> bool:
        last = min(cycle.period_start(index + 1) - timedelta(days=1), on)
        return cycle.enough(*_sums(rows, cycle.period_start(index), last))

    current = cycle.period_index(on)
    if met(current):
        return _meets(cycle.period_start(current + 2), on)
    if met(current - 1):
        return _meets(cycle.period_start(current + 1), on)
    first = min((cycle.period_index(row.day) for row in rows), default=current)
    last_met = next((i for i in range(current - 2, first - 1, -1) if met(i)), None)
    if last_met is None:
        return CPDStanding(Standing.NOT_YET)
    return CPDStanding(Standing.LAPSED, cycle.period_start(last_met + 2))


def _meets(lapse: date | None, on: date) -> CPDStanding:
    if lapse is not None and (lapse - on).days <= MEETS_UNTIL_DAYS:
        return CPDStanding(Standing.MEETS_UNTIL, lapse)
    return CPDStanding(Standing.MEETS, lapse)


def standing(cycle: Cycle, rows: Iterable[Hours], on: date) -> CPDStanding:
    """Where the counsellor stands on ``on`` with the hours logged up to that day.

    ``on`` of a MEETS standing is the day it would lapse if nothing more is logged (None: never);
    of MEETS_UNTIL that day, less than MEETS_UNTIL_DAYS away; of LAPSED the day it lapsed.
    """
    logged = [row for row in rows if row.day <= on]
    if not cycle.hours and not cycle.backed_hours:
        return CPDStanding(Standing.MEETS)
    return _rolling(cycle, logged, on) if cycle.is_rolling else _periodic(cycle, logged, on)
