"""Requirement status: how far a counsellor is from the requirement set in force.

Two ways in, same rules:
- ``status_for(user)`` for one person (a handful of aggregate queries), with the areas by name;
- ``annotate_status(profiles)`` for a whole network: SQL annotations on a CounsellorProfile
  queryset (verified, pending, CPD hours, covered areas, meets), so a list of 1,000
  counsellors costs the same number of queries as a list of 10.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DecimalField,
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
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.numbers import format_amount
from register.models import CompetenceArea, CounsellorProfile, CPDActivity, CreditEntry, CreditStatus, RequirementSet

ZERO = Decimal("0.0")
CPD_WINDOW_DAYS = 365


def one_decimal(value: Decimal | int | str) -> str:
    """Sums come back as 0 or 60.00 depending on the database; show them as 0.0 and 60.0."""
    return str(Decimal(value).quantize(Decimal("0.1")))


def cpd_window_start(on: date) -> date:
    """CPD counts over a rolling 12 months: activities after this date, up to ``on``."""
    return on - timedelta(days=CPD_WINDOW_DAYS)


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
    def missing_cpd_hours(self) -> Decimal:
        return max(self.cpd_required - self.cpd_hours, ZERO)

    @property
    def meets(self) -> bool:
        return (
            self.has_requirement
            and not self.missing_credits
            and not self.missing_core_credits
            and not self.missing_areas
            and not self.missing_cpd_hours
        )

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
            and not self.missing_cpd_hours
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
            return _("Log %(hours)s more hours of professional development within 12 months.") % {
                "hours": format_amount(self.missing_cpd_hours)
            }
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
            "cpd_hours_last_12_months": one_decimal(self.cpd_hours),
            "cpd_hours_required": one_decimal(self.cpd_required),
            "meets": bool(self.meets),
            "would_meet_when_verified": self.would_meet_when_verified,
        }


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
    status = Status(requirement=requirement, on=on)
    entries = CreditEntry.objects.filter(owner=user)
    totals = entries.aggregate(
        verified=Coalesce(Sum("credits", filter=Q(status=CreditStatus.VERIFIED)), ZERO, output_field=DecimalField()),
        pending=Coalesce(Sum("credits", filter=Q(status=CreditStatus.PENDING)), ZERO, output_field=DecimalField()),
    )
    status.verified_credits = totals["verified"]
    status.pending_credits = totals["pending"]
    status.cpd_hours = CPDActivity.objects.filter(owner=user, date__gt=cpd_window_start(on), date__lte=on).aggregate(
        total=Coalesce(Sum("hours"), ZERO, output_field=DecimalField())
    )["total"]
    if requirement is None:
        return status
    required_ids = required_area_ids(requirement)
    status.required_areas = list(requirement.required_areas.all())
    area_rows = CreditEntry.areas.through.objects.filter(
        creditentry__owner=user, creditentry__status__in=[CreditStatus.VERIFIED, CreditStatus.PENDING]
    ).values_list("competencearea_id", "creditentry__status")
    for area_id, entry_status in area_rows:
        (status.covered_area_ids if entry_status == CreditStatus.VERIFIED else status.pending_area_ids).add(area_id)
    core_entries = entries.filter(areas__in=required_ids).values("pk")
    status.core_credits = _credit_sum(entries.filter(status=CreditStatus.VERIFIED, pk__in=core_entries))
    status.pending_core_credits = _credit_sum(entries.filter(status=CreditStatus.PENDING, pk__in=core_entries))
    return status


def _owner_sum(model: type[CreditEntry] | type[CPDActivity], value: str, **filters: Any) -> Coalesce:
    total = (
        model.objects.filter(owner=OuterRef("user_id"), **filters)
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


def annotate_status(
    profiles: QuerySet[CounsellorProfile],
    *,
    on: date | None = None,
    requirement_sets: dict[str, RequirementSet] | None = None,
) -> QuerySet[CounsellorProfile]:
    """Annotate CounsellorProfile rows with their status numbers, all in SQL.

    Adds ``verified_credits``, ``pending_credits``, ``cpd_hours``, ``core_credits``,
    ``covered_required_areas``, ``required_area_count``, ``min_credits``, ``cpd_required`` and
    ``meets_requirement`` (False where no set applies), so lists can filter and sort on them.
    """
    on = on or timezone.localdate()
    sets = requirement_sets if requirement_sets is not None else requirement_sets_in_force(on)
    decimal: DecimalField = DecimalField(max_digits=7, decimal_places=1)

    def core_credits(requirement: RequirementSet) -> Coalesce:
        core = CreditEntry.areas.through.objects.filter(competencearea_id__in=required_area_ids(requirement)).values(
            "creditentry_id"
        )
        return _owner_sum(CreditEntry, "credits", status=CreditStatus.VERIFIED, pk__in=core)

    def covered(requirement: RequirementSet) -> Coalesce:
        rows = (
            # django-stubs misses the annotation "n" on the auto-created through model.
            CreditEntry.areas.through.objects.filter(  # type: ignore[misc]
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

    profiles = profiles.annotate(
        verified_credits=_owner_sum(CreditEntry, "credits", status=CreditStatus.VERIFIED),
        pending_credits=_owner_sum(CreditEntry, "credits", status=CreditStatus.PENDING),
        cpd_hours=_owner_sum(CPDActivity, "hours", date__gt=cpd_window_start(on), date__lte=on),
        core_credits=_per_type(sets, core_credits, Value(ZERO), decimal),
        covered_required_areas=_per_type(sets, covered, Value(0), IntegerField()),
        required_area_count=_per_type(sets, lambda r: Value(len(required_area_ids(r))), Value(0), IntegerField()),
        min_credits=_per_type(sets, lambda r: Value(r.min_credits), Value(None), decimal),
        min_core_credits=_per_type(sets, lambda r: Value(r.min_core_credits), Value(None), decimal),
        cpd_required=_per_type(sets, lambda r: Value(r.cpd_hours), Value(None), decimal),
    )
    return profiles.annotate(
        meets_requirement=Case(
            When(
                Q(min_credits__isnull=False)
                & Q(verified_credits__gte=F("min_credits"))
                & Q(core_credits__gte=F("min_core_credits"))
                & Q(covered_required_areas__gte=F("required_area_count"))
                & Q(cpd_hours__gte=F("cpd_required")),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def competence_areas() -> QuerySet[CompetenceArea]:
    return CompetenceArea.objects.order_by("number")
