"""Requirement status: how far a counsellor is from the requirement set in force.

Two ways in, same rules:
- ``status_for(user)`` for one person (a handful of aggregate queries), with the areas by name;
- ``annotate_status(profiles)`` for a whole network: SQL annotations on a CounsellorProfile
  queryset (verified, pending, CPD hours, covered areas, meets, standing), so a list of 1,000
  counsellors costs the same number of queries as a list of 10.

The CPD part (cycles, evidence levels, lapse) is ``register.cpd``.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    Expression,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models import Field as ModelField
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from core.numbers import format_amount
from register.cpd import (
    BACKED_LEVELS,
    MEETS_UNTIL_DAYS,
    CPDStanding,
    Cycle,
    Hours,
    Standing,
    counted_activities,
    counted_credits,
    hours_of,
    standing,
)
from register.models import (
    AuditItem,
    CompetenceArea,
    CounsellorProfile,
    CPDActivity,
    CreditEntry,
    CreditStatus,
    EvidenceLevel,
    RequirementSet,
    failing_audits,
)

ZERO = Decimal("0.0")
TRUE = Value(True, output_field=BooleanField())
# The standings the CPD hours decide, with a day: shown beside the hours (the others are the overall verdict).
DATED_STANDINGS = (Standing.MEETS_UNTIL, Standing.LAPSED)
FALSE = Value(False, output_field=BooleanField())


def one_decimal(value: Decimal | int | str) -> str:
    """Sums come back as 0 or 60.00 depending on the database; show them as 0.0 and 60.0."""
    return str(Decimal(value).quantize(Decimal("0.1")))


def requirement_sets_in_force(on: date | None = None) -> dict[str, RequirementSet]:
    """{workplace_type: RequirementSet} with ``required_area_ids`` set on each (2 queries)."""
    sets = {s.workplace_type: s for s in RequirementSet.objects.in_force(on).prefetch_related("required_areas")}
    for requirement in sets.values():
        requirement.__dict__["required_area_ids"] = [a.pk for a in requirement.required_areas.all()]
    return sets


def required_area_ids(requirement: RequirementSet) -> list[int]:
    """The ids of the set's required areas, as ``requirement_sets_in_force`` prefetched them."""
    ids: list[int] = requirement.__dict__["required_area_ids"]
    return ids


@dataclass
class Status:
    requirement: RequirementSet | None
    on: date
    verified_credits: Decimal = ZERO
    pending_credits: Decimal = ZERO
    core_credits: Decimal = ZERO
    cpd_hours: Decimal = ZERO
    required_areas: list[CompetenceArea] = field(default_factory=list)
    covered_area_ids: set[int] = field(default_factory=set)
    pending_area_ids: set[int] = field(default_factory=set)
    pending_core_credits: Decimal = ZERO
    cycle: Cycle = field(default_factory=Cycle.default)
    cpd_backed_hours: Decimal = ZERO
    cpd_by_level: dict[str, Decimal] = field(default_factory=dict)
    cpd: CPDStanding = field(default_factory=lambda: CPDStanding(Standing.NOT_YET))
    failed_audits: int = 0

    @property
    def has_requirement(self) -> bool:
        return self.requirement is not None

    @property
    def missing_credits(self) -> Decimal:
        return max(self.requirement.min_credits - self.verified_credits, ZERO) if self.requirement else ZERO

    @property
    def missing_core_credits(self) -> Decimal:
        return max(self.requirement.min_core_credits - self.core_credits, ZERO) if self.requirement else ZERO

    @property
    def missing_areas(self) -> list[CompetenceArea]:
        return [area for area in self.required_areas if area.pk not in self.covered_area_ids]

    @property
    def cpd_required(self) -> Decimal:
        return self.requirement.cpd_hours if self.requirement else ZERO

    @property
    def cpd_backed_required(self) -> Decimal:
        return self.requirement.cpd_min_evidenced_hours if self.requirement else ZERO

    @property
    def missing_cpd_hours(self) -> Decimal:
        """Hours still to log in the current window or period."""
        return max(self.cpd_required - self.cpd_hours, ZERO)

    @property
    def missing_backed_hours(self) -> Decimal:
        return max(self.cpd_backed_required - self.cpd_backed_hours, ZERO)

    @property
    def credits_met(self) -> bool:
        return (
            self.has_requirement
            and not self.missing_credits
            and not self.missing_core_credits
            and not self.missing_areas
        )

    @property
    def meets(self) -> bool:
        return self.credits_met and self.cpd.meets

    @property
    def standing(self) -> str | None:
        """meets / meets_until / lapsed / not_yet (None where no requirement applies)."""
        if not self.has_requirement:
            return None
        return self.cpd.standing if self.credits_met else Standing.NOT_YET

    @property
    def standing_label(self) -> str:
        return standing_label(self.standing, self.standing_date)

    @property
    def standing_date(self) -> date | None:
        """The day of a *meets until* or a *lapsed since*."""
        if self.standing in DATED_STANDINGS:
            return self.cpd.on
        return None

    @property
    def lapses_on(self) -> date | None:
        """The day the requirement stops being met if nothing more is logged (None: not met, or never)."""
        return self.cpd.on if self.meets else None

    @property
    def cpd_summary(self) -> "CPDSummary":
        return CPDSummary(
            hours=self.cpd_hours,
            required=self.cpd_required,
            levels=[(level.label, self.cpd_by_level.get(level.value, ZERO)) for level in EvidenceLevel],
            standing_label=self.standing_label if self.standing in DATED_STANDINGS else "",
            counted_from=self.cycle.window(self.on)[0],
        )

    @property
    def cycle_text(self) -> str:
        """Where the hours are counted, as a phrase: "in the last 12 months", "in 2025–2027"."""
        return cycle_text(self.cycle, self.on)

    @property
    def would_meet_when_verified(self) -> bool:
        """True if verifying every pending entry would be enough (CPD hours still have to be there)."""
        requirement = self.requirement
        if requirement is None or self.meets:
            return False
        covered = self.covered_area_ids | self.pending_area_ids
        return (
            self.verified_credits + self.pending_credits >= requirement.min_credits
            and self.core_credits + self.pending_core_credits >= requirement.min_core_credits
            and all(area.pk in covered for area in self.required_areas)
            and self.cpd.meets
        )

    @property
    def credit_percent(self) -> int:
        if not self.requirement or not self.requirement.min_credits:
            return 100
        return min(100, int(self.verified_credits * 100 / self.requirement.min_credits))

    @property
    def cpd_percent(self) -> int:
        if not self.requirement or not self.requirement.cpd_hours:
            return 100
        return min(100, int(self.cpd_hours * 100 / self.requirement.cpd_hours))

    @property
    def next_step(self) -> str:
        """The one thing to do next, in the user's language."""
        if not self.has_requirement:
            return _("No requirement applies to your workplace type yet.")
        if self.standing == Standing.MEETS_UNTIL:
            return _(
                "You meet the requirement until %(date)s. Log professional development before then to keep meeting it."
            ) % {"date": date_format(self.cpd.on, "DATE_FORMAT")}
        if self.meets:
            return _("You meet the requirement. Keep logging your professional development.")
        if self.would_meet_when_verified:
            return _("You will meet the requirement once your pending entries are verified by your centre.")
        if self.missing_areas:
            names = ", ".join(area.name for area in self.missing_areas)
            return _("Log a course that covers: %(areas)s.") % {"areas": names}
        if self.missing_credits > self.pending_credits:
            return _("Log courses worth %(credits)s more studiepoeng.") % {
                "credits": format_amount(self.missing_credits - self.pending_credits)
            }
        if self.missing_core_credits:
            missing = self.missing_core_credits
            return _("You need %(credits)s more studiepoeng in the core areas.") % {"credits": format_amount(missing)}
        if self.missing_cpd_hours:
            return _("Log %(hours)s more hours of professional development %(cycle)s.") % {
                "hours": format_amount(self.missing_cpd_hours),
                "cycle": self.cycle_text,
            }
        if self.missing_backed_hours:
            return _(
                "%(hours)s more of your hours must be evidenced or attended: send your centre evidence of an "
                "activity, or attend an event."
            ) % {"hours": format_amount(self.missing_backed_hours)}
        return _("Wait for your centre to verify your pending entries.")

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready snapshot (statements and the API)."""
        requirement = self.requirement
        return {
            "measured_on": self.on.isoformat(),
            "requirement_set": (
                {
                    "id": requirement.pk,
                    "name": requirement.name,
                    "workplace_type": requirement.workplace_type,
                    "effective_from": requirement.effective_from.isoformat(),
                    "min_credits": one_decimal(requirement.min_credits),
                    "min_core_credits": one_decimal(requirement.min_core_credits),
                    "cpd_hours": one_decimal(requirement.cpd_hours),
                    "cpd_min_evidenced_hours": one_decimal(requirement.cpd_min_evidenced_hours),
                    "cpd_cycle": requirement.cpd_cycle,
                    "cpd_cycle_months": requirement.cpd_cycle_months,
                }
                if requirement
                else None
            ),
            "verified_credits": one_decimal(self.verified_credits),
            "pending_credits": one_decimal(self.pending_credits),
            "missing_credits": one_decimal(self.missing_credits),
            "core_credits": one_decimal(self.core_credits),
            "missing_core_credits": one_decimal(self.missing_core_credits),
            "missing_areas": [{"number": a.number, "name": a.name} for a in self.missing_areas],
            "cpd_counted_from": self.cycle.window(self.on)[0].isoformat(),
            "cpd_hours_in_cycle": one_decimal(self.cpd_hours),
            "cpd_hours_by_level": {level: one_decimal(self.cpd_by_level.get(level, ZERO)) for level in EvidenceLevel},
            "cpd_hours_required": one_decimal(self.cpd_required),
            "cpd_backed_hours": one_decimal(self.cpd_backed_hours),
            "cpd_backed_hours_required": one_decimal(self.cpd_backed_required),
            "meets": bool(self.meets),
            "standing": self.standing,
            "standing_date": self.standing_date.isoformat() if self.standing_date else None,
            "would_meet_when_verified": self.would_meet_when_verified,
        }


@dataclass(frozen=True)
class CPDSummary:
    """The CPD figures a page, a PDF or the verify page shows, from a live status or a frozen snapshot."""

    hours: Decimal | None
    required: Decimal | None
    levels: list[tuple[str, Decimal]]
    standing_label: str
    counted_from: date | None

    @property
    def levels_text(self) -> str:
        """ "15,0 self-declared, 0,0 evidenced, 10,0 attended" in the active language."""
        return ", ".join(
            _("%(hours)s %(level)s") % {"hours": format_amount(hours), "level": str(label).lower()}
            for label, hours in self.levels
        )


def _decimal_or_none(value: Any) -> Decimal | None:
    try:
        return Decimal(value)
    except (TypeError, ArithmeticError, ValueError):
        return None


def cpd_summary(snapshot_status: dict[str, Any]) -> CPDSummary:
    """The CPD part of ``Status.as_dict()``, as frozen in a statement (older snapshots lack the levels)."""
    by_level = snapshot_status.get("cpd_hours_by_level") or {}
    levels = [
        (level.label, amount)
        for level in EvidenceLevel
        if (amount := _decimal_or_none(by_level.get(level.value))) is not None
    ]
    day = snapshot_status.get("standing_date")
    counted_from = snapshot_status.get("cpd_counted_from")
    return CPDSummary(
        hours=_decimal_or_none(
            snapshot_status.get("cpd_hours_in_cycle", snapshot_status.get("cpd_hours_last_12_months"))
        ),
        required=_decimal_or_none(snapshot_status.get("cpd_hours_required")),
        levels=levels,
        standing_label=(
            standing_label(snapshot_status["standing"], date.fromisoformat(day) if day else None)
            if snapshot_status.get("standing") in DATED_STANDINGS
            else ""
        ),
        counted_from=date.fromisoformat(counted_from) if counted_from else None,
    )


def cycle_text(cycle: Cycle, on: date) -> str:
    if cycle.is_rolling:
        return _("in the last %(months)s months") % {"months": cycle.months}
    first, _last = cycle.window(on)
    return _("in the period %(first)s to %(last)s") % {
        "first": date_format(first, "DATE_FORMAT"),
        "last": date_format(cycle.period_end(on), "DATE_FORMAT"),
    }


def standing_label(value: str | None, day: date | None) -> str:
    """The standing in words, with its date: "Lapsed since 3 March 2026"."""
    if value == Standing.MEETS_UNTIL and day:
        return _("Meets the requirement until %(date)s") % {"date": date_format(day, "DATE_FORMAT")}
    if value == Standing.LAPSED and day:
        return _("Lapsed since %(date)s") % {"date": date_format(day, "DATE_FORMAT")}
    if value in Standing.values:
        return str(Standing(value).label)
    return _("No requirement for this workplace type")


def measure_cpd(status: Status, rows: list[Hours]) -> None:
    """Fill in the CPD figures of ``status`` from the counsellor's counted activities."""
    first, last = status.cycle.window(status.on)
    by_level = dict.fromkeys(EvidenceLevel.values, ZERO)
    for row in rows:
        if first <= row.day <= last:
            by_level[row.level] += row.hours
    status.cpd_by_level = by_level
    status.cpd_hours = sum(by_level.values(), ZERO)
    status.cpd_backed_hours = sum((by_level[level] for level in BACKED_LEVELS), ZERO)
    status.cpd = standing(status.cycle, rows, status.on)


def _credit_sum(queryset: QuerySet[CreditEntry]) -> Decimal:
    return queryset.aggregate(total=Coalesce(Sum("credits"), ZERO, output_field=DecimalField()))["total"]


def status_for(
    user: User, *, on: date | None = None, requirement_sets: dict[str, RequirementSet] | None = None
) -> Status:
    """The status of one counsellor against the set in force on ``on`` (default today)."""
    on = on or timezone.localdate()
    profile = getattr(user, "counsellor_profile", None)
    sets = requirement_sets if requirement_sets is not None else requirement_sets_in_force(on)
    requirement = sets.get(profile.workplace_type) if profile else None
    status = Status(requirement=requirement, on=on, cycle=Cycle.of(requirement) if requirement else Cycle.default())
    entries = counted_credits().filter(owner=user)
    totals = entries.aggregate(
        verified=Coalesce(Sum("credits", filter=Q(status=CreditStatus.VERIFIED)), ZERO, output_field=DecimalField()),
        pending=Coalesce(Sum("credits", filter=Q(status=CreditStatus.PENDING)), ZERO, output_field=DecimalField()),
    )
    status.verified_credits = totals["verified"]
    status.pending_credits = totals["pending"]
    measure_cpd(status, hours_of(user.pk))
    status.failed_audits = AuditItem.objects.filter(failing_audits(), owner=user).count()
    if requirement is None:
        return status
    required_ids = required_area_ids(requirement)
    status.required_areas = list(requirement.required_areas.all())
    area_rows = CreditEntry.areas.through.objects.filter(
        creditentry__in=entries, creditentry__status__in=[CreditStatus.VERIFIED, CreditStatus.PENDING]
    ).values_list("competencearea_id", "creditentry__status")
    for area_id, entry_status in area_rows:
        (status.covered_area_ids if entry_status == CreditStatus.VERIFIED else status.pending_area_ids).add(area_id)
    core_entries = entries.filter(areas__in=required_ids).values("pk")
    status.core_credits = _credit_sum(entries.filter(status=CreditStatus.VERIFIED, pk__in=core_entries))
    status.pending_core_credits = _credit_sum(entries.filter(status=CreditStatus.PENDING, pk__in=core_entries))
    return status


def _owner_sum(queryset: QuerySet[Any], value: str, **filters: Any) -> Coalesce:
    total = (
        queryset.filter(owner=OuterRef("user_id"), **filters)
        .order_by()
        .values("owner")
        .annotate(total=Sum(value))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=DecimalField()), ZERO, output_field=DecimalField())


def _per_type(
    sets: dict[str, RequirementSet],
    build: Callable[[RequirementSet], Expression | Value | Coalesce],
    default: Value,
    output_field: ModelField,
) -> Case:
    """A CASE over workplace types, each branch built from that type's requirement set."""
    whens = [When(workplace_type=wtype, then=build(requirement)) for wtype, requirement in sets.items()]
    return Case(*whens, default=default, output_field=output_field)


def _per_type_flag(sets: dict[str, RequirementSet], build: Callable[[RequirementSet], Q | Value]) -> Case:
    """True where the condition built from the row's requirement set holds (False where no set applies)."""
    whens = []
    for wtype, requirement in sets.items():
        condition = build(requirement)
        if condition is FALSE:
            continue
        whens.append(
            When(Q(workplace_type=wtype) if condition is TRUE else Q(workplace_type=wtype) & condition, then=TRUE)
        )
    return Case(*whens, default=FALSE, output_field=BooleanField())


def _cpd_sum(first: date, last: date, *, backed: bool = False) -> Coalesce:
    filters: dict[str, Any] = {"date__gte": first, "date__lte": last}
    if backed:
        filters["evidence_level__in"] = BACKED_LEVELS
    return _owner_sum(counted_activities(), "hours", **filters)


def _enough(cycle: Cycle, first: date, last: date) -> Q | Value:
    """The hours between ``first`` and ``last`` (both counted) meet the cycle's demand."""
    if not cycle.hours and not cycle.backed_hours:
        return TRUE
    if first > last:
        return FALSE
    condition = Q(GreaterThanOrEqual(_cpd_sum(first, last), Value(cycle.hours)))
    if cycle.backed_hours:
        condition &= Q(GreaterThanOrEqual(_cpd_sum(first, last, backed=True), Value(cycle.backed_hours)))
    return condition


def _either(a: Q | Value, b: Q | Value) -> Q | Value:
    if a is TRUE or b is TRUE:
        return TRUE
    if a is FALSE:
        return b
    return a if b is FALSE else a | b


def _not(a: Q | Value) -> Q | Value:
    return FALSE if a is TRUE else TRUE if a is FALSE else ~a


@dataclass(frozen=True)
class _CycleConditions:
    """``register.cpd.standing``'s three questions about a cycle on a day, as SQL conditions."""

    ok: Q | Value  # met today
    lapsing: Q | Value  # met today, but not MEETS_UNTIL_DAYS from now if nothing is logged
    was_met: Q | Value  # met at some day before


def _rolling_was_met(cycle: Cycle, on: date) -> Q:
    """Was the rolling window ever met? The sums peak on the day an activity is added, so ask there."""
    span = timedelta(days=cycle.window_days - 1)
    window = counted_activities().filter(
        owner=OuterRef("owner"), date__gte=OuterRef("date") - span, date__lte=OuterRef("date")
    )
    days = counted_activities().filter(owner=OuterRef("user_id"), date__lte=on)
    days = days.annotate(window_hours=_owner_sum_of(window, backed=False))
    condition = Q(window_hours__gte=cycle.hours)
    if cycle.backed_hours:
        days = days.annotate(window_backed=_owner_sum_of(window, backed=True))
        condition &= Q(window_backed__gte=cycle.backed_hours)
    return Q(Exists(days.filter(condition)))


def _owner_sum_of(window: QuerySet[CPDActivity], *, backed: bool) -> Coalesce:
    if backed:
        window = window.filter(evidence_level__in=BACKED_LEVELS)
    total = window.order_by().values("owner").annotate(total=Sum("hours")).values("total")
    return Coalesce(Subquery(total, output_field=DecimalField()), ZERO, output_field=DecimalField())


def _conditions(requirement: RequirementSet, on: date, earliest: date | None) -> _CycleConditions:
    cycle = Cycle.of(requirement)
    if not cycle.hours and not cycle.backed_hours:
        return _CycleConditions(ok=TRUE, lapsing=FALSE, was_met=TRUE)
    horizon = on + timedelta(days=MEETS_UNTIL_DAYS)
    if cycle.is_rolling:
        first, _last = cycle.window(on)
        return _CycleConditions(
            ok=_enough(cycle, first, on),
            lapsing=_not(_enough(cycle, cycle.window(horizon)[0], on)),
            was_met=_rolling_was_met(cycle, on),
        )
    current = cycle.period_index(on)
    this_period = _enough(cycle, cycle.period_start(current), on)
    last_period = _enough(cycle, cycle.period_start(current - 1), cycle.period_start(current) - timedelta(days=1))
    # Met this period: lapses when the next one ends; met only the last one: when this one ends.
    if cycle.period_start(current + 2) <= horizon:
        lapsing: Q | Value = TRUE
    elif cycle.period_start(current + 1) <= horizon:
        lapsing = _not(this_period)
    else:
        lapsing = FALSE
    was_met: Q | Value = FALSE
    first_period = cycle.period_index(earliest) if earliest else current
    for index in range(first_period, current - 1):
        end = cycle.period_start(index + 1) - timedelta(days=1)
        was_met = _either(was_met, _enough(cycle, cycle.period_start(index), end))
    return _CycleConditions(ok=_either(this_period, last_period), lapsing=lapsing, was_met=was_met)


def annotate_status(
    profiles: QuerySet[CounsellorProfile],
    *,
    on: date | None = None,
    requirement_sets: dict[str, RequirementSet] | None = None,
) -> QuerySet[CounsellorProfile]:
    """Annotate CounsellorProfile rows with their status numbers, all in SQL.

    Adds ``verified_credits``, ``pending_credits``, ``cpd_hours`` and ``cpd_backed_hours`` (in the
    row's cycle), ``core_credits``, ``covered_required_areas``, ``required_area_count``,
    ``min_credits``, ``cpd_required``, ``cpd_backed_required``, ``meets_requirement`` (False where no
    set applies) and ``standing`` (``register.cpd.Standing``, None where no set applies), so lists
    can filter and sort on them.
    """
    on = on or timezone.localdate()
    sets = requirement_sets if requirement_sets is not None else requirement_sets_in_force(on)
    decimal: DecimalField = DecimalField(max_digits=7, decimal_places=1)
    earliest = None
    if any(not Cycle.of(r).is_rolling for r in sets.values()):
        earliest = counted_activities().order_by("date").values_list("date", flat=True).first()
    conditions = {r.pk: _conditions(r, on, earliest) for r in sets.values()}

    def core_credits(requirement: RequirementSet) -> Coalesce:
        core = CreditEntry.areas.through.objects.filter(competencearea_id__in=required_area_ids(requirement)).values(
            "creditentry_id"
        )
        return _owner_sum(counted_credits(), "credits", status=CreditStatus.VERIFIED, pk__in=core)

    def covered(requirement: RequirementSet) -> Coalesce:
        rows = (
            # django-stubs misses the annotation "n" on the auto-created through model.
            CreditEntry.areas.through.objects.filter(  # type: ignore[misc]
                creditentry__in=counted_credits(),
                creditentry__owner=OuterRef("user_id"),
                creditentry__status=CreditStatus.VERIFIED,
                competencearea_id__in=required_area_ids(requirement),
            )
            .order_by()
            .values("creditentry__owner")
            .annotate(n=Count("competencearea_id", distinct=True))
            .values("n")
        )
        return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

    def window_sum(backed: bool) -> Callable[[RequirementSet], Coalesce]:
        return lambda r: _cpd_sum(Cycle.of(r).window(on)[0], on, backed=backed)

    default_first = Cycle.default().window(on)[0]
    credits = counted_credits()
    profiles = profiles.annotate(
        verified_credits=_owner_sum(credits, "credits", status=CreditStatus.VERIFIED),
        pending_credits=_owner_sum(credits, "credits", status=CreditStatus.PENDING),
        cpd_hours=_per_type(sets, window_sum(False), _cpd_sum(default_first, on), decimal),
        cpd_backed_hours=_per_type(sets, window_sum(True), _cpd_sum(default_first, on, backed=True), decimal),
        core_credits=_per_type(sets, core_credits, Value(ZERO), decimal),
        covered_required_areas=_per_type(sets, covered, Value(0), IntegerField()),
        required_area_count=_per_type(sets, lambda r: Value(len(required_area_ids(r))), Value(0), IntegerField()),
        min_credits=_per_type(sets, lambda r: Value(r.min_credits), Value(None), decimal),
        min_core_credits=_per_type(sets, lambda r: Value(r.min_core_credits), Value(None), decimal),
        cpd_required=_per_type(sets, lambda r: Value(r.cpd_hours), Value(None), decimal),
        cpd_backed_required=_per_type(sets, lambda r: Value(r.cpd_min_evidenced_hours), Value(None), decimal),
        credits_met=Case(
            When(
                Q(min_credits__isnull=False)
                & Q(verified_credits__gte=F("min_credits"))
                & Q(core_credits__gte=F("min_core_credits"))
                & Q(covered_required_areas__gte=F("required_area_count")),
                then=TRUE,
            ),
            default=FALSE,
            output_field=BooleanField(),
        ),
        cpd_met=_per_type_flag(sets, lambda r: conditions[r.pk].ok),
    )
    return profiles.annotate(
        meets_requirement=Case(
            When(Q(credits_met=True, cpd_met=True), then=TRUE), default=FALSE, output_field=BooleanField()
        ),
        standing=Case(
            When(min_credits__isnull=True, then=Value(None)),
            When(credits_met=False, then=Value(Standing.NOT_YET)),
            When(
                Q(cpd_met=True) & _per_type_flag(sets, lambda r: conditions[r.pk].lapsing),
                then=Value(Standing.MEETS_UNTIL),
            ),
            When(cpd_met=True, then=Value(Standing.MEETS)),
            When(_per_type_flag(sets, lambda r: conditions[r.pk].was_met), then=Value(Standing.LAPSED)),
            default=Value(Standing.NOT_YET),
            output_field=CharField(),
        ),
    )


def with_standing_dates(
    profiles: Iterable[CounsellorProfile], *, on: date | None = None, sets: dict[str, RequirementSet] | None = None
) -> None:
    """Give rows from ``annotate_status`` a ``standing_label`` with the day of a *meets until* or *lapsed since*.

    The standing itself comes from SQL; the day is worked out here, from the hours of the rows that
    need one (one query, for a page of rows or a whole CSV).
    """
    on = on or timezone.localdate()
    sets = sets if sets is not None else requirement_sets_in_force(on)
    rows = list(profiles)
    dated = {r.user_id: r for r in rows if r.standing in DATED_STANDINGS}
    hours: dict[int, list[Hours]] = {user_id: [] for user_id in dated}
    if dated:
        activities = (
            counted_activities().filter(owner_id__in=dated).values_list("owner_id", "date", "hours", "evidence_level")
        )
        for owner_id, day, amount, level in activities:
            hours[owner_id].append(Hours(day, amount, level))
    for row in rows:
        day = None
        if row.user_id in dated and row.workplace_type in sets:
            day = standing(Cycle.of(sets[row.workplace_type]), hours[row.user_id], on).on
        row.standing_label = standing_label(row.standing, day)


def competence_areas() -> QuerySet[CompetenceArea]:
    return CompetenceArea.objects.order_by("number")
