"""The partnership overview: agreements by status and partner type, the share meeting the national guidelines,
resources committed per year, obligations overdue, and which NAV offices and schools have an agreement.

The figures are grouped by county (the national page) or by centre (a county's page, with the county-wide
agreements as a group of their own), each in one grouped query; whether an agreement meets the guidelines is
decided in the database (``missing_required``), the same way ``selectors.clause_check`` decides it for one
agreement. Resources, partner types, overdue obligations and the share meeting the guidelines count the
agreements in force (active or expiring): a draft or an expired agreement binds nobody.

Coverage reads the register's own record of where counsellors work: the NAV offices and schools named in their
profiles, counted once per county and name (``selectors.workplace_key``), each covered when an agreement in force
in that county has a partner of that name.
"""

import datetime
import operator
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from partnerships.models import (
    IN_FORCE,
    Agreement,
    AgreementStatus,
    ClauseFulfilment,
    Frequency,
    GuidelineClause,
    Obligation,
    PartnerType,
    Party,
)
from partnerships.selectors import RESOURCES, Resources, partner_names_in_force, workplace_key
from register.models import CounsellorProfile, County, WorkplaceType
from register.overview.scope import Scope
from register.overview.sections import Contribution, Headline, Period
from register.overview.tables import Column, Table, share

# The workplaces whose cover by an agreement the overview shows.
COVERED_TYPES: tuple[str, ...] = (WorkplaceType.NAV, WorkplaceType.UPPER_SECONDARY, WorkplaceType.LOWER_SECONDARY)
RECURRING = tuple(value for value in Frequency.values if value != Frequency.ONCE)
ZERO = Decimal(0)


# Conditions the pages and the list share


def missing_required(clauses: Iterable[GuidelineClause]) -> Q | None:
    """The condition on agreements that some clause in ``clauses`` is required for one of its partners' types and
    not marked met (None when no clause is required for anyone, so every agreement meets the guidelines)."""
    conditions = [
        Q(Exists(Party.objects.filter(agreement=OuterRef("pk"), partner_type__in=clause.required_for)))
        & ~Q(Exists(ClauseFulfilment.objects.filter(agreement=OuterRef("pk"), clause_id=clause.pk)))
        for clause in clauses
        if clause.required_for
    ]
    return reduce(operator.or_, conditions) if conditions else None


def meets_guidelines(clauses: Iterable[GuidelineClause]) -> Q:
    """The condition on agreements that they meet every required clause in ``clauses`` (an empty Q: all do)."""
    missing = missing_required(clauses)
    return ~missing if missing is not None else Q()


def overdue(today: datetime.date, prefix: str = "") -> Q:
    """Obligations (reached through ``prefix``) past their due date and not done: a one-off met is done."""
    return Q(**{f"{prefix}due_date__lt": today}) & (
        Q(**{f"{prefix}met_on__isnull": True}) | Q(**{f"{prefix}frequency__in": RECURRING})
    )


def _amount(side: str, unit: str) -> Coalesce:
    total = Sum("obligations__amount", filter=Q(obligations__side=side, obligations__unit=unit))
    return Coalesce(total, Value(ZERO), output_field=DecimalField(max_digits=14, decimal_places=2))


def agreements_for_list(
    agreements: QuerySet[Agreement], clauses: Iterable[GuidelineClause], today: datetime.date
) -> QuerySet[Agreement]:
    """``agreements`` with what the filtered list shows and filters on: ``meets_guidelines``, ``overdue`` (the
    number of obligations overdue) and the four amounts per year (``partner_nok`` ... ``centre_hours``)."""
    missing = missing_required(clauses)
    flag = ExpressionWrapper(~missing, output_field=BooleanField()) if missing is not None else Value(True)
    return agreements.annotate(
        meets_guidelines=flag,
        overdue=Count("obligations", filter=overdue(today, "obligations__")),
        **{key: _amount(side, unit) for (side, unit), key in RESOURCES.items()},
    )


# Figures per group (county or centre)


@dataclass
class Figures:
    by_status: dict[str, int] = field(default_factory=dict)
    # Agreements in force with at least one partner of each type (one agreement may count under two types).
    by_partner_type: dict[str, int] = field(default_factory=dict)
    meeting: int = 0
    resources: Resources = field(default_factory=Resources)
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def in_force(self) -> int:
        return sum(self.by_status.get(status, 0) for status in IN_FORCE)

    @property
    def meeting_percent(self) -> int | None:
        return _percent(self.meeting, self.in_force)

    def statuses(self) -> list[tuple[str, int]]:
        """(label, count) of each status some agreement has, in the statuses' order."""
        return [
            (str(label), self.by_status[value]) for value, label in AgreementStatus.choices if value in self.by_status
        ]

    def partner_types(self) -> list[tuple[str, int]]:
        return [
            (str(label), self.by_partner_type[value])
            for value, label in PartnerType.choices
            if value in self.by_partner_type
        ]

    def __add__(self, other: "Figures") -> "Figures":
        def summed(one: dict[str, int], two: dict[str, int]) -> dict[str, int]:
            return dict(Counter(one) + Counter(two))

        return Figures(
            by_status=summed(self.by_status, other.by_status),
            by_partner_type=summed(self.by_partner_type, other.by_partner_type),
            meeting=self.meeting + other.meeting,
            resources=self.resources + other.resources,
            overdue=self.overdue + other.overdue,
        )


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def figures_by(
    agreements: QuerySet[Agreement], group: str, clauses: Iterable[GuidelineClause], today: datetime.date
) -> dict[Any, Figures]:
    """The figures of ``agreements`` per value of the field ``group`` (``county_id`` or ``centre_id``; a
    county-wide agreement's ``centre_id`` is None), in three grouped queries however many agreements there are."""
    groups: dict[Any, Figures] = defaultdict(Figures)
    in_force = agreements.filter(status__in=IN_FORCE)
    for row in (
        agreements.order_by()
        .values(group, "status")
        .annotate(n=Count("pk"), meeting=Count("pk", filter=meets_guidelines(clauses)))
    ):
        figures = groups[row[group]]
        figures.by_status[row["status"]] = row["n"]
        if row["status"] in IN_FORCE:
            figures.meeting += row["meeting"]
    for row in (
        Party.objects.filter(agreement__in=in_force.values("pk"))
        .order_by()
        .values(f"agreement__{group}", "partner_type")
        .annotate(n=Count("agreement_id", distinct=True))
    ):
        groups[row[f"agreement__{group}"]].by_partner_type[row["partner_type"]] = row["n"]
    for row in (
        Obligation.objects.filter(agreement__in=in_force.values("pk"))
        .order_by()
        .values(f"agreement__{group}", "side", "unit")
        .annotate(total=Sum("amount"), overdue=Count("pk", filter=overdue(today)))
    ):
        figures = groups[row[f"agreement__{group}"]]
        figures.resources.add(row["side"], row["unit"], row["total"])
        figures.overdue += row["overdue"]
    return dict(groups)


def total(figures: Iterable[Figures]) -> Figures:
    return sum(figures, Figures())


# Coverage


@dataclass
class Workplace:
    """A NAV office or school as the counsellors who work there name it."""

    county_id: int
    name: str
    workplace_type: str
    counsellors: int
    covered: bool

    @property
    def type_label(self) -> str:
        return str(dict(WorkplaceType.choices).get(self.workplace_type, self.workplace_type))


@dataclass
class CoverageCount:
    covered: int = 0
    total: int = 0

    @property
    def percent(self) -> int | None:
        return _percent(self.covered, self.total)


def workplaces(county_ids: Iterable[int] | None = None) -> list[Workplace]:
    """The NAV offices and schools where counsellors in the counties ``county_ids`` (every county: None) work,
    each marked covered or not, ordered by county and name (two queries). Names that differ only in case or
    spacing are one workplace, shown as most of its counsellors write it, of the type most of them give."""
    ids = list(county_ids) if county_ids is not None else None
    profiles = CounsellorProfile.objects.filter(workplace_type__in=COVERED_TYPES)
    if ids is not None:
        profiles = profiles.filter(county_id__in=ids)
    spellings: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    types: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    for row in profiles.order_by().values("county_id", "workplace_type", "workplace_name").annotate(n=Count("pk")):
        key = (row["county_id"], workplace_key(row["workplace_name"]))
        if not key[1]:
            continue
        spellings[key][" ".join(row["workplace_name"].split())] += row["n"]
        types[key][row["workplace_type"]] += row["n"]
    covered = partner_names_in_force(ids)
    found = [
        Workplace(
            county_id=key[0],
            name=_most_common(spellings[key], sorted(spellings[key])),
            workplace_type=_most_common(types[key], COVERED_TYPES),
            counsellors=sum(spellings[key].values()),
            covered=key in covered,
        )
        for key in spellings
    ]
    return sorted(found, key=lambda place: (place.county_id, workplace_key(place.name)))


def _most_common(counts: Counter[str], order: Iterable[str]) -> str:
    """The value with the highest count; on a tie the first in ``order``."""
    ranked = list(order)
    return max(counts, key=lambda value: (counts[value], -ranked.index(value)))


def coverage_by_county(places: Iterable[Workplace]) -> dict[int, dict[str, CoverageCount]]:
    """{county id: {workplace type: covered of total}} with every covered type present."""
    counts: dict[int, dict[str, CoverageCount]] = defaultdict(lambda: {kind: CoverageCount() for kind in COVERED_TYPES})
    for place in places:
        count = counts[place.county_id][place.workplace_type]
        count.total += 1
        count.covered += place.covered
    return dict(counts)


def coverage_rows(counts: dict[str, CoverageCount]) -> list[tuple[str, CoverageCount]]:
    """(label, count) per covered workplace type, in the order of ``COVERED_TYPES``."""
    labels = dict(WorkplaceType.choices)
    return [(str(labels[kind]), counts.get(kind, CoverageCount())) for kind in COVERED_TYPES]


# The register's overview (registered in PartnershipsConfig.ready)


def partnership_figures(scope: Scope, period: Period) -> Contribution:
    """Agreements in force, the share meeting the guidelines and the NAV offices and schools covered, for the
    register's overview; per county on the national and county pages (at most five queries). Agreements have a
    state, not a flow: the figures are today's, whatever the period."""
    agreements = Agreement.objects.filter(status__in=IN_FORCE)
    if scope.centre is not None:
        agreements = agreements.filter(centre=scope.centre)
    elif scope.county is not None:
        agreements = agreements.filter(county=scope.county)
    region = scope.region
    clauses = list(GuidelineClause.objects.filter(is_active=True))
    per_county = {
        row["county_id"]: row
        for row in agreements.order_by()
        .values("county_id")
        .annotate(n=Count("pk"), meeting=Count("pk", filter=meets_guidelines(clauses)))
    }
    coverage = coverage_by_county(workplaces([region.pk] if region is not None else None))
    in_force = sum(row["n"] for row in per_county.values())
    meeting = sum(row["meeting"] for row in per_county.values())
    covered = sum(count.covered for counts in coverage.values() for count in counts.values())
    places = sum(count.total for counts in coverage.values() for count in counts.values())
    contribution = Contribution(
        headlines=[
            Headline("agreements_in_force", _("Partnership agreements in force"), "count", in_force),
            Headline(
                "agreements_meeting", _("Agreements meeting the national guidelines"), "share", share(meeting, in_force)
            ),
            Headline(
                "workplaces_covered", _("NAV offices and schools with an agreement"), "share", share(covered, places)
            ),
        ],
        counts={"agreement_workplaces": places},
    )
    if scope.centre is None:
        counties = [region] if region is not None else list(County.objects.order_by("number"))
        contribution.tables.append(_agreements_table(counties, per_county, coverage, in_force, meeting))
    return contribution


def _agreements_table(
    counties: list[County],
    per_county: dict[int, dict[str, Any]],
    coverage: dict[int, dict[str, CoverageCount]],
    in_force: int,
    meeting: int,
) -> Table:
    rows = []
    for county in counties:
        figures = per_county.get(county.pk, {"n": 0, "meeting": 0})
        counts = coverage.get(county.pk, {})
        nav = counts.get(WorkplaceType.NAV, CoverageCount())
        schools = [counts.get(kind, CoverageCount()) for kind in COVERED_TYPES if kind != WorkplaceType.NAV]
        rows.append(
            {
                "county": county.name,
                "in_force": figures["n"],
                "meeting": share(figures["meeting"], figures["n"]),
                "nav_covered": nav.covered,
                "nav": nav.total,
                "schools_covered": sum(count.covered for count in schools),
                "schools": sum(count.total for count in schools),
            }
        )
    return Table(
        key="partnership-agreements",
        section="coverage",
        title=_("Partnership agreements and the NAV offices and schools they cover"),
        summary=_("%(in_force)s agreements in force; %(meeting)s of them meet the national guidelines.")
        % {"in_force": in_force, "meeting": meeting},
        columns=[
            Column("county", _("County"), "text"),
            Column("in_force", _("Agreements in force")),
            Column("meeting", _("Meeting the guidelines"), "share"),
            Column("nav_covered", _("NAV workplaces with an agreement")),
            Column("nav", _("NAV workplaces")),
            Column("schools_covered", _("Schools with an agreement")),
            Column("schools", _("Schools")),
        ],
        rows=rows,
        note=_(
            "NAV workplaces and schools are those the register's counsellors work at; one is covered when an "
            "agreement in force in the county names it as a partner."
        ),
    )
