"""Requirement status: how far a counsellor is from the requirement set in force.

Two ways in, same rules:
- ``status_for(user)`` for one person (a handful of aggregate queries), with the areas by name;
- ``annotate_status(profiles)`` for a whole network: SQL annotations on a CounsellorProfile
  queryset (verified, pending, CPD hours, covered areas, meets, standing), so a list of 1,000
  counsellors costs the same number of queries as a list of 10.

The CPD part (cycles, evidence levels, lapse) is ``register.cpd``.
"""

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
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
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    ValueRange,
    When,
    Window,
)
from django.db.models import Field as ModelField
from django.db.models.functions import Coalesce
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
    backed_q,
    counted_activities,
    counted_credits,
    standing,
)
from register.models import (
    AuditItem,
    CompetenceArea,
    CounsellorProfile,
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


def status_for(
    user: User, *, on: date | None = None, requirement_sets: dict[str, RequirementSet] | None = None
) -> Status:
    """The status of one counsellor against the set in force on ``on`` (default today)."""
    profile = getattr(user, "counsellor_profile", None)
    workplace_type = profile.workplace_type if profile else None
    return statuses_for({user.pk: workplace_type}, on=on, requirement_sets=requirement_sets)[user.pk]


def statuses_for(
    workplace_types: Mapping[int, str | None],
    *,
    on: date | None = None,
    requirement_sets: dict[str, RequirementSet] | None = None,
    count_failed_audits: bool = True,
) -> dict[int, Status]:
    """The status of each counsellor (``{user id: workplace type}``), from three queries for all of them
    (two without ``failed_audits``, which only a person's own pages show).

    For one person's pages and for the rows a list shows; a whole country's standing is ``annotate_status``.
    """
    on = on or timezone.localdate()
    sets = requirement_sets if requirement_sets is not None else requirement_sets_in_force(on)
    required = {wtype: list(requirement.required_areas.all()) for wtype, requirement in sets.items()}
    core_ids = {wtype: set(required_area_ids(requirement)) for wtype, requirement in sets.items()}
    cycles = {wtype: Cycle.of(requirement) for wtype, requirement in sets.items()}
    statuses: dict[int, Status] = {}
    core_of: dict[int, set[int]] = {}
    for owner_id, wtype in workplace_types.items():
        requirement = sets.get(wtype) if wtype else None
        statuses[owner_id] = Status(
            requirement=requirement,
            on=on,
            cycle=cycles[wtype] if requirement is not None and wtype else Cycle.default(),
            required_areas=list(required[wtype]) if requirement is not None and wtype else [],
        )
        core_of[owner_id] = core_ids[wtype] if requirement is not None and wtype else set()
    owners = list(workplace_types)
    entries: dict[int, tuple[int, str, Decimal, set[int]]] = {}
    rows = (
        counted_credits()
        .filter(owner_id__in=owners, status__in=[CreditStatus.VERIFIED, CreditStatus.PENDING])
        .order_by()
        .values_list("pk", "owner_id", "status", "credits", "areas")
    )
    for pk, owner_id, entry_status, credits, area_id in rows:
        entry = entries.setdefault(pk, (owner_id, entry_status, credits, set()))
        if area_id is not None:
            entry[3].add(area_id)
    for owner_id, entry_status, credits, entry_areas in entries.values():
        status = statuses[owner_id]
        core = credits if entry_areas & core_of[owner_id] else ZERO
        if entry_status == CreditStatus.VERIFIED:
            status.verified_credits += credits
            status.covered_area_ids |= entry_areas
            status.core_credits += core
        else:
            status.pending_credits += credits
            status.pending_area_ids |= entry_areas
            status.pending_core_credits += core
    hours: dict[int, list[Hours]] = {owner_id: [] for owner_id in owners}
    activities = (
        counted_activities()
        .filter(owner_id__in=owners)
        .order_by()
        .values_list("owner_id", "date", "hours", "evidence_level")
    )
    for owner_id, day, amount, level in activities:
        hours[owner_id].append(Hours(day, amount, level))
    for owner_id, status in statuses.items():
        measure_cpd(status, hours[owner_id])
    if not count_failed_audits:
        return statuses
    failed = (
        AuditItem.objects.filter(failing_audits(), owner_id__in=owners)
        .order_by()
        .values("owner_id")
        .annotate(n=Count("pk"))
        .values_list("owner_id", "n")
    )
    for owner_id, count in failed:
        statuses[owner_id].failed_audits = count
    return statuses


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
    rule: Callable[[RequirementSet], Hashable],
    build: Callable[[RequirementSet], Expression | Value | Coalesce],
    default: Expression | Value | Coalesce,
    output_field: ModelField,
) -> Case:
    """A CASE over workplace types: one branch for the types whose sets share a ``rule``, built once."""
    groups = _by_rule({wtype: rule(requirement) for wtype, requirement in sets.items()})
    whens = [When(workplace_type__in=sorted(types), then=build(sets[types[0]])) for types in groups.values()]
    return Case(*whens, default=default, output_field=output_field)


def _cpd_sum(first: date, last: date, *, backed: bool = False) -> Coalesce:
    filters: dict[str, Any] = {"date__gte": first, "date__lte": last}
    if backed:
        filters["evidence_level__in"] = BACKED_LEVELS
    return _owner_sum(counted_activities(), "hours", **filters)


# The standing, set-based: each question ("enough studiepoeng?", "enough hours in the window?") is one
# grouped query over the entries or activities of the counsellors in view, asked once for every
# workplace type with the same rule and used as ``user_id IN (...)``, so a list of 12,000 costs a few
# scans and hash lookups, not a subquery per counsellor per rule.


class DayNumber(Func):
    """A date as a whole number of days, so a window frame can span a number of days on every database."""

    output_field = IntegerField()
    template = "(%(expressions)s - DATE '2000-01-01')"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="CAST(julianday(%(expressions)s) AS INTEGER)", **extra)


class DaysUpTo(ValueRange):
    """``RANGE BETWEEN n PRECEDING AND CURRENT ROW`` over ``DayNumber``: PostgreSQL has had offsets in
    RANGE frames since version 11 and SQLite since 3.28, but Django's PostgreSQL check predates them."""

    def __init__(self, days: int) -> None:
        super().__init__(start=-days, end=0)

    def window_frame_start_end(self, connection: Any, start: int, end: int) -> tuple[str, str]:
        return f"{-int(start)} PRECEDING", "CURRENT ROW"


def _backed_hours() -> Case:
    return Case(When(backed_q(), then=F("hours")), default=Value(ZERO), output_field=DecimalField())


def _by_rule(rules: dict[str, Hashable]) -> dict[Any, list[str]]:
    """The workplace types grouped by the rule they share, so each rule is asked once."""
    grouped: dict[Any, list[str]] = defaultdict(list)
    for wtype, rule in rules.items():
        grouped[rule].append(wtype)
    return grouped


def _owners_in(types: Iterable[str], owners: QuerySet[Any]) -> Q:
    return Q(workplace_type__in=sorted(types), user_id__in=owners)


def _of_types(types: Iterable[str]) -> Q:
    return Q(workplace_type__in=sorted(set(types)))


def _in_any_area(area_ids: tuple[int, ...]) -> Exists:
    """The entry (the outer row) is in any of the areas: a look-up per entry on the entry-and-area index, as
    cheap for the few entries of a page as for a country's, where a list of every such entry is not."""
    return Exists(
        CreditEntry.areas.through.objects.filter(creditentry_id=OuterRef("pk"), competencearea_id__in=area_ids)
    )


OWNER_TYPE = "owner__counsellor_profile__workplace_type"


def _credit_owners(owners: QuerySet[Any], rules: dict[str, tuple[Decimal, Decimal, tuple[int, ...]]]) -> QuerySet:
    """The owners with the verified studiepoeng, and core studiepoeng, of their type's rule (one pass)."""
    core_sets = sorted({areas for _credits, core, areas in rules.values() if core})
    sums: dict[str, Any] = {"verified": Sum("credits")}
    for index, areas in enumerate(core_sets):
        sums[f"core_{index}"] = Sum("credits", filter=Q(_in_any_area(areas)))
    met = Q()
    for (min_credits, min_core, areas), types in _by_rule(rules).items():
        condition = Q(**{f"{OWNER_TYPE}__in": types}, verified__gte=min_credits)
        if min_core:
            condition &= Q(**{f"core_{core_sets.index(areas)}__gte": min_core})
        met |= condition
    return (
        counted_credits()
        .filter(owner__in=owners, status=CreditStatus.VERIFIED, **{f"{OWNER_TYPE}__in": sorted(rules)})
        .order_by()
        .values("owner", OWNER_TYPE)
        .annotate(**sums)
        .filter(met)
        .values("owner")
    )


def _area_owners(owners: QuerySet[Any], rules: dict[str, tuple[int, ...]]) -> QuerySet:
    """The owners with a verified entry in each area their type's rule requires (one pass)."""
    entry_type = f"creditentry__{OWNER_TYPE}"
    every_area = sorted({area for areas in rules.values() for area in areas})
    counts = {f"area_{area}": Count("pk", filter=Q(competencearea_id=area)) for area in every_area}
    met = Q()
    for areas, types in _by_rule(rules).items():
        condition = Q(**{f"{entry_type}__in": types})
        for area in areas:
            condition &= Q(**{f"area_{area}__gt": 0})
        met |= condition
    failed = AuditItem.objects.filter(failing_audits(), credit=OuterRef("creditentry_id"))
    return (
        # django-stubs misses the annotations on the auto-created through model.
        CreditEntry.areas.through.objects.filter(  # type: ignore[misc]
            competencearea_id__in=every_area,
            creditentry__owner__in=owners,
            creditentry__status=CreditStatus.VERIFIED,
            **{f"{entry_type}__in": sorted(rules)},
        )
        .exclude(Exists(failed))
        .order_by()
        .values("creditentry__owner", entry_type)
        .annotate(**counts)
        .filter(met)
        .values("creditentry__owner")
    )


def _hours_owners(owners: QuerySet[Any], first: date, last: date, cycle: Cycle) -> QuerySet:
    """The owners with the cycle's hours, and backed hours, between ``first`` and ``last``."""
    sums: dict[str, Any] = {"hours_in_span": Sum("hours")}
    enough = Q(hours_in_span__gte=cycle.hours)
    if cycle.backed_hours:
        sums["backed_in_span"] = Sum(_backed_hours())
        enough &= Q(backed_in_span__gte=cycle.backed_hours)
    return (
        counted_activities()
        .filter(owner__in=owners, date__gte=first, date__lte=last)
        .order_by()
        .values("owner")
        .annotate(**sums)
        .filter(enough)
        .values("owner")
    )


def _rolling_peak_owners(owners: QuerySet[Any], cycle: Cycle, on: date) -> QuerySet:
    """The owners whose rolling window was met on some day up to ``on``.

    The window's sums peak on the days activities are added, so a window function over each owner's
    activities in day order asks exactly those days.
    """
    window: dict[str, Any] = {
        "partition_by": [F("owner")],
        "order_by": DayNumber("date").asc(),
        "frame": DaysUpTo(cycle.window_days - 1),
    }
    sums: dict[str, Any] = {"window_hours": Window(Sum("hours"), **window)}
    enough = Q(window_hours__gte=cycle.hours)
    if cycle.backed_hours:
        sums["window_backed"] = Window(Sum(_backed_hours()), **window)
        enough &= Q(window_backed__gte=cycle.backed_hours)
    return counted_activities().filter(owner__in=owners, date__lte=on).annotate(**sums).filter(enough).values("owner")


def _periods_met_owners(owners: QuerySet[Any], cycle: Cycle, first: int, last: int) -> QuerySet:
    """The owners who met a whole fixed period of the cycle, numbered ``first`` to ``last``."""
    period = Case(
        *(
            When(date__gte=cycle.period_start(index), date__lt=cycle.period_start(index + 1), then=Value(index))
            for index in range(first, last + 1)
        ),
        default=Value(None),
        output_field=IntegerField(),
    )
    return (
        counted_activities()
        .filter(owner__in=owners, date__gte=cycle.period_start(first), date__lt=cycle.period_start(last + 1))
        .annotate(period=period)
        .order_by()
        .values("owner", "period")
        .annotate(period_hours=Sum("hours"), period_backed=Sum(_backed_hours()))
        .filter(period_hours__gte=cycle.hours, period_backed__gte=cycle.backed_hours)
        .values("owner")
    )


@dataclass(frozen=True)
class StandingConditions:
    """The standing's questions for every counsellor in view, as conditions on CounsellorProfile rows."""

    has_set: Q
    credits_met: Q
    cpd_met: Q
    holds_at_horizon: Q  # still met MEETS_UNTIL_DAYS from now if nothing more is logged
    was_met: Q  # the CPD demand was met on some day before

    @property
    def meets(self) -> Q:
        return self.credits_met & self.cpd_met


def _credits_met(owners: QuerySet[Any], sets: dict[str, RequirementSet]) -> Q:
    condition = _of_types(sets)
    credit_rules = {
        t: (r.min_credits, r.min_core_credits, tuple(required_area_ids(r)) if r.min_core_credits else ())
        for t, r in sets.items()
        if r.min_credits or r.min_core_credits
    }
    if credit_rules:
        condition &= _of_types(set(sets) - set(credit_rules)) | Q(user_id__in=_credit_owners(owners, credit_rules))
    area_rules = {t: tuple(required_area_ids(r)) for t, r in sets.items() if required_area_ids(r)}
    if area_rules:
        condition &= _of_types(set(sets) - set(area_rules)) | Q(user_id__in=_area_owners(owners, area_rules))
    return condition


def standing_conditions(
    profiles: QuerySet[CounsellorProfile], sets: dict[str, RequirementSet], on: date
) -> StandingConditions:
    """``register.cpd.standing`` and the credit rules as SQL conditions over the counsellors in ``profiles``."""
    owners = profiles.order_by().values("user_id")
    cycles = {t: Cycle.of(r) for t, r in sets.items()}
    demanding = {t: c for t, c in cycles.items() if c.hours or c.backed_hours}
    free = _of_types(set(cycles) - set(demanding))
    cpd_met, holds, was_met = free, free, free
    horizon = on + timedelta(days=MEETS_UNTIL_DAYS)
    rolling = {t: c for t, c in demanding.items() if c.is_rolling}
    for cycle, types in _by_rule(rolling).items():
        first, _last = cycle.window(on)
        cpd_met |= _owners_in(types, _hours_owners(owners, first, on, cycle))
        at_horizon = cycle.window(horizon)[0]
        if at_horizon <= on:
            holds |= _owners_in(types, _hours_owners(owners, at_horizon, on, cycle))
        was_met |= _owners_in(types, _rolling_peak_owners(owners, cycle, on))
    periodic = {t: c for t, c in demanding.items() if not c.is_rolling}
    first_day = None
    if periodic:
        first_day = (
            counted_activities().filter(owner__in=owners).order_by("date").values_list("date", flat=True).first()
        )
    for cycle, types in _by_rule(periodic).items():
        current = cycle.period_index(on)
        this_start, previous_start = cycle.period_start(current), cycle.period_start(current - 1)
        this_period = _owners_in(types, _hours_owners(owners, this_start, on, cycle))
        last_period = _hours_owners(owners, previous_start, this_start - timedelta(days=1), cycle)
        cpd_met |= this_period | _owners_in(types, last_period)
        # Met this period: lapses when the next one ends; met only the last one: when this one ends.
        if cycle.period_start(current + 1) > horizon:
            holds |= _of_types(types)
        elif cycle.period_start(current + 2) > horizon:
            holds |= this_period
        first = cycle.period_index(first_day) if first_day else current
        if first <= current - 2:
            was_met |= _owners_in(types, _periods_met_owners(owners, cycle, first, current - 2))
    has_set = _of_types(sets)
    return StandingConditions(
        has_set=has_set,
        credits_met=_credits_met(owners, sets),
        cpd_met=has_set & cpd_met,
        holds_at_horizon=holds,
        was_met=was_met,
    )


def pending_would_reach_minimum(profiles: QuerySet[CounsellorProfile], sets: dict[str, RequirementSet]) -> Q:
    """Counsellors with pending studiepoeng that, once verified, bring their total to their set's minimum."""
    rules = {t: r.min_credits for t, r in sets.items()}
    if not rules:
        return Q(pk__in=[])
    reaches = Q()
    for min_credits, types in _by_rule(rules).items():
        reaches |= Q(**{f"{OWNER_TYPE}__in": types}, possible__gte=min_credits)
    owners = (
        counted_credits()
        .filter(
            owner__in=profiles.order_by().values("user_id"),
            status__in=[CreditStatus.VERIFIED, CreditStatus.PENDING],
            **{f"{OWNER_TYPE}__in": sorted(rules)},
        )
        .order_by()
        .values("owner", OWNER_TYPE)
        .annotate(possible=Sum("credits"), pending=Count("pk", filter=Q(status=CreditStatus.PENDING)))
        .filter(reaches, pending__gt=0)
        .values("owner")
    )
    return Q(user_id__in=owners)


def condition_flag(condition: Q) -> Case:
    return Case(When(condition, then=TRUE), default=FALSE, output_field=BooleanField())


def standing_expression(conditions: StandingConditions) -> Case:
    """``register.cpd.Standing`` (None where no set applies), each question asked once."""
    return Case(
        When(~conditions.has_set, then=Value(None)),
        When(~conditions.credits_met, then=Value(Standing.NOT_YET)),
        When(
            conditions.cpd_met,
            then=Case(
                When(conditions.holds_at_horizon, then=Value(Standing.MEETS)),
                default=Value(Standing.MEETS_UNTIL),
            ),
        ),
        When(conditions.was_met, then=Value(Standing.LAPSED)),
        default=Value(Standing.NOT_YET),
        output_field=CharField(),
    )


def annotate_status(
    profiles: QuerySet[CounsellorProfile],
    *,
    on: date | None = None,
    requirement_sets: dict[str, RequirementSet] | None = None,
    select: bool = True,
    names: Iterable[str] | None = None,
) -> QuerySet[CounsellorProfile]:
    """Annotate CounsellorProfile rows with their status numbers, all in SQL.

    Adds ``verified_credits``, ``pending_credits``, ``cpd_hours`` and ``cpd_backed_hours`` (in the
    row's cycle), ``core_credits``, ``covered_required_areas``, ``required_area_count``,
    ``min_credits``, ``cpd_required``, ``cpd_backed_required``, ``meets_requirement`` (False where no
    set applies) and ``standing`` (``register.cpd.Standing``, None where no set applies), so lists
    can filter and sort on them. The numbers are per-row subqueries; ``meets_requirement``, ``cpd_met``
    and ``standing`` are set-based (``standing_conditions``), so filtering and counting a whole country
    on them stays cheap.

    ``select=False`` adds them as aliases, to filter and sort on without reading them: a list pages
    that way and gives its page the figures with ``with_status`` (one query over the page's rows).
    ``names`` adds only those: building every expression takes tens of milliseconds, which a list that
    filters on one of them need not spend.
    """
    names = None if names is None else list(names)
    if names == []:
        return profiles
    on = on or timezone.localdate()
    sets = requirement_sets if requirement_sets is not None else requirement_sets_in_force(on)
    decimal: DecimalField = DecimalField(max_digits=7, decimal_places=1)
    conditions_built: list[StandingConditions] = []

    def conditions() -> StandingConditions:
        if not conditions_built:
            conditions_built.append(standing_conditions(profiles, sets, on))
        return conditions_built[0]

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
        return lambda r: _cpd_sum(first_day(r), on, backed=backed)

    def first_day(requirement: RequirementSet) -> date:
        return Cycle.of(requirement).window(on)[0]

    def areas(requirement: RequirementSet) -> tuple[int, ...]:
        return tuple(required_area_ids(requirement))

    default_first = Cycle.default().window(on)[0]
    credits = counted_credits()
    builders: dict[str, Callable[[], Any]] = {
        "verified_credits": lambda: _owner_sum(credits, "credits", status=CreditStatus.VERIFIED),
        "pending_credits": lambda: _owner_sum(credits, "credits", status=CreditStatus.PENDING),
        "cpd_hours": lambda: _per_type(sets, first_day, window_sum(False), _cpd_sum(default_first, on), decimal),
        "cpd_backed_hours": lambda: _per_type(
            sets, first_day, window_sum(True), _cpd_sum(default_first, on, backed=True), decimal
        ),
        "core_credits": lambda: _per_type(sets, areas, core_credits, Value(ZERO), decimal),
        "covered_required_areas": lambda: _per_type(sets, areas, covered, Value(0), IntegerField()),
        "required_area_count": lambda: _per_type(
            sets, areas, lambda r: Value(len(required_area_ids(r))), Value(0), IntegerField()
        ),
        "min_credits": lambda: _per_type(
            sets, lambda r: r.min_credits, lambda r: Value(r.min_credits), Value(None), decimal
        ),
        "min_core_credits": lambda: _per_type(
            sets, lambda r: r.min_core_credits, lambda r: Value(r.min_core_credits), Value(None), decimal
        ),
        "cpd_required": lambda: _per_type(
            sets, lambda r: r.cpd_hours, lambda r: Value(r.cpd_hours), Value(None), decimal
        ),
        "cpd_backed_required": lambda: _per_type(
            sets,
            lambda r: r.cpd_min_evidenced_hours,
            lambda r: Value(r.cpd_min_evidenced_hours),
            Value(None),
            decimal,
        ),
        "cpd_met": lambda: condition_flag(conditions().cpd_met),
        "meets_requirement": lambda: condition_flag(conditions().meets),
        "standing": lambda: standing_expression(conditions()),
    }
    wanted = builders if names is None else {name: builders[name] for name in names}
    add = profiles.annotate if select else profiles.alias
    return add(**{name: build() for name, build in wanted.items()})


def with_status(
    rows: Iterable[CounsellorProfile], *, on: date | None = None, sets: dict[str, RequirementSet] | None = None
) -> list[CounsellorProfile]:
    """Give the profile rows a list shows the figures ``annotate_status`` names, and ``standing_label``.

    From ``statuses_for`` (two queries for all the rows, whatever their number): a list filters and
    sorts on ``annotate_status(..., select=False)`` and reads the figures of the rows it shows here.
    """
    rows = list(rows)
    if not rows:
        return rows
    types = {row.user_id: row.workplace_type for row in rows}
    statuses = statuses_for(types, on=on, requirement_sets=sets, count_failed_audits=False)
    labels: dict[tuple[str | None, date | None], str] = {}  # a few standings and days for many rows
    for row in rows:
        status = statuses[row.user_id]
        requirement = status.requirement
        row.verified_credits = status.verified_credits
        row.pending_credits = status.pending_credits
        row.core_credits = status.core_credits
        row.cpd_hours = status.cpd_hours
        row.cpd_backed_hours = status.cpd_backed_hours
        row.required_area_count = len(status.required_areas)
        row.covered_required_areas = len(status.required_areas) - len(status.missing_areas)
        row.min_credits = requirement.min_credits if requirement else None
        row.min_core_credits = requirement.min_core_credits if requirement else None
        row.cpd_required = requirement.cpd_hours if requirement else None
        row.cpd_backed_required = requirement.cpd_min_evidenced_hours if requirement else None
        row.cpd_met = status.has_requirement and status.cpd.meets
        row.meets_requirement = bool(status.meets)
        row.standing = status.standing
        key = (status.standing, status.standing_date)
        if key not in labels:
            labels[key] = status.standing_label
        row.standing_label = labels[key]
    return rows


def competence_areas() -> QuerySet[CompetenceArea]:
    return CompetenceArea.objects.order_by("number")
