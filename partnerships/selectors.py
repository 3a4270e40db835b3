"""Reads of partnership agreements that pages, the API and the overview share."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.selectors import iso
from partnerships.models import (
    IN_FORCE,
    Agreement,
    AgreementChange,
    ClauseFulfilment,
    GuidelineClause,
    Obligation,
    PartnerType,
    Party,
    Renewal,
    Review,
    Side,
    Unit,
)
from register.models import Centre, CounsellorProfile, WorkplaceType


def active_clauses() -> list[GuidelineClause]:
    return list(GuidelineClause.objects.filter(is_active=True))


@dataclass
class ClauseCheck:
    """How an agreement stands against the national guidelines."""

    met: list[tuple[GuidelineClause, str]] = field(default_factory=list)  # (clause, where the agreement meets it)
    missing_required: list[GuidelineClause] = field(default_factory=list)
    missing_optional: list[GuidelineClause] = field(default_factory=list)

    @property
    def meets_guidelines(self) -> bool:
        return not self.missing_required


def clause_check(agreement: Agreement, clauses: Iterable[GuidelineClause]) -> ClauseCheck:
    """Which active clauses ``agreement`` meets, and which it lacks: required ones (for any of its partners' types)
    apart from the rest. Reads ``agreement.parties`` and ``agreement.fulfilments`` (prefetch them for lists)."""
    types = {party.partner_type for party in agreement.parties.all()}
    notes = {fulfilment.clause_id: fulfilment.note for fulfilment in agreement.fulfilments.all()}
    check = ClauseCheck()
    for clause in clauses:
        if clause.pk in notes:
            check.met.append((clause, notes[clause.pk]))
        elif types & set(clause.required_for):
            check.missing_required.append(clause)
        else:
            check.missing_optional.append(clause)
    return check


def agreements_with_clauses(agreements: QuerySet[Agreement]) -> QuerySet[Agreement]:
    """``agreements`` with what ``clause_check`` reads, in three queries however many there are."""
    return agreements.select_related("centre", "county").prefetch_related("parties", "fulfilments")


def agreement_for_page(pk: int) -> Agreement:
    """One agreement with everything its page shows, each kind of row in one query."""
    return (
        Agreement.objects.select_related("centre", "county", "created_by")
        .prefetch_related(
            "parties",
            "obligations",
            "contacts",
            Prefetch("fulfilments", queryset=ClauseFulfilment.objects.select_related("clause")),
            Prefetch(
                "reviews",
                queryset=Review.objects.select_related("recorded_by").prefetch_related("items"),
            ),
            "activities",
        )
        .get(pk=pk)
    )


def history_of(agreement: Agreement, *, limit: int = 50) -> QuerySet[AgreementChange]:
    return agreement.changes.select_related("actor")[:limit]


def in_force_on(today: datetime.date, prefix: str = "") -> Q:
    """Agreements in force on ``today`` (through ``prefix``, e.g. ``"agreement__"``): active or expiring, started, and
    not past their end date, unless they renew themselves and the daily task has yet to say so."""
    return Q(**{f"{prefix}status__in": IN_FORCE, f"{prefix}start_date__lte": today}) & (
        Q(**{f"{prefix}end_date__isnull": True})
        | Q(**{f"{prefix}end_date__gte": today})
        | Q(**{f"{prefix}renewal": Renewal.AUTOMATIC})
    )


# The school and NAV counsellors who see their workplace's agreements, and the partner types their workplace can be
# in an agreement (a lower-secondary school is run by its municipality).
PARTNER_TYPES_OF_WORKPLACE: dict[str, tuple[str, ...]] = {
    WorkplaceType.NAV: (PartnerType.NAV_OFFICE, PartnerType.NAV_COUNTY),
    WorkplaceType.UPPER_SECONDARY: (PartnerType.UPPER_SECONDARY,),
    WorkplaceType.LOWER_SECONDARY: (PartnerType.MUNICIPALITY, PartnerType.OTHER),
}


def agreements_for_workplace(profile: CounsellorProfile | None, *, today: datetime.date) -> list[Agreement]:
    """Agreements in force on ``today`` in the counsellor's county with a partner whose name is the counsellor's
    workplace (the register's own record of where they work), for the home-centre page: purpose and contacts only.
    An agreement past its end date that the daily task has not yet marked expired is left out, unless it renews
    itself.

    Names are compared as ``workplace_key`` gives them, in Python: SQLite folds the case of ASCII letters only
    (not of æ, ø, å or ü), and no database folds the spaces inside a name."""
    if profile is None or profile.workplace_type not in PARTNER_TYPES_OF_WORKPLACE:
        return []
    key = workplace_key(profile.workplace_name)
    if not key:
        return []
    partners = Party.objects.filter(
        in_force_on(today, "agreement__"),
        partner_type__in=PARTNER_TYPES_OF_WORKPLACE[profile.workplace_type],
        agreement__county_id=profile.county_id,
    )
    ids = {
        agreement_id
        for agreement_id, name in partners.values_list("agreement_id", "name")
        if workplace_key(name) == key
    }
    if not ids:
        return []
    return list(
        Agreement.objects.filter(pk__in=ids)
        .select_related("centre", "county")
        .prefetch_related("parties", "contacts")
        .order_by("title")
    )


def workplace_key(name: str) -> str:
    """The form of a workplace or partner name that coverage compares: trimmed, lower case, single spaces."""
    return " ".join(name.split()).lower()


def partner_names_in_force(
    county_ids: Iterable[int] | None = None, *, today: datetime.date | None = None
) -> set[tuple[int, str]]:
    """(county id, ``workplace_key`` of the partner's name) of every partner of an agreement in force today: the
    same agreements the partners' counsellors see on their home-centre page."""
    agreements = Agreement.objects.filter(in_force_on(today or timezone.localdate()))
    if county_ids is not None:
        agreements = agreements.filter(county_id__in=list(county_ids))
    rows = agreements.values_list("county_id", "parties__name")
    return {(county_id, workplace_key(name)) for county_id, name in rows if name}


# What each side commits per year, by (side, unit): the one place the four amounts are named.
RESOURCES: dict[tuple[str, str], str] = {
    (Side.PARTNER, Unit.NOK): "partner_nok",
    (Side.PARTNER, Unit.HOURS): "partner_hours",
    (Side.CENTRE, Unit.NOK): "centre_nok",
    (Side.CENTRE, Unit.HOURS): "centre_hours",
}


@dataclass
class Resources:
    """What agreements commit per year: kroner and staff hours, from the partners and from the centres."""

    partner_nok: Decimal = Decimal(0)
    partner_hours: Decimal = Decimal(0)
    centre_nok: Decimal = Decimal(0)
    centre_hours: Decimal = Decimal(0)

    def add(self, side: str, unit: str, amount: Decimal | None) -> None:
        """Count ``amount`` of ``unit`` from ``side``; an obligation without an amount counts nothing."""
        key = RESOURCES.get((side, unit))
        if key is not None and amount is not None:
            setattr(self, key, getattr(self, key) + amount)

    def __add__(self, other: "Resources") -> "Resources":
        return Resources(**{key: getattr(self, key) + getattr(other, key) for key in RESOURCES.values()})


def resource_totals(obligations: Iterable[Obligation]) -> Resources:
    totals = Resources()
    for obligation in obligations:
        totals.add(obligation.side, obligation.unit, obligation.amount)
    return totals


# What "my data" holds from partnerships: the agreements the person recorded, the reviews they wrote down and the
# changes they made. The agreements themselves belong to the centres; the person's part is the authorship.
PERSONAL_DATA_COVERS = [(Agreement, "created_by"), (Review, "recorded_by"), (AgreementChange, "actor")]


def personal_data(user: User) -> dict[str, Any]:
    return {
        "agreements_recorded": [
            {"agreement": a.pk, "title": a.title, "recorded": iso(a.created_at)}
            for a in Agreement.objects.filter(created_by=user).order_by("created_at", "pk")
        ],
        "reviews_recorded": [
            {"agreement": r.agreement_id, "held_on": r.held_on.isoformat(), "recorded": iso(r.recorded_at)}
            for r in Review.objects.filter(recorded_by=user).order_by("recorded_at", "pk")
        ],
        "changes_made": [
            {"agreement": c.agreement_id, "action": c.action, "at": iso(c.at)}
            for c in AgreementChange.objects.filter(actor=user).order_by("at", "pk")
        ],
    }


def agreements_for_delivery(centre: Centre) -> QuerySet[Agreement]:
    """The agreements in force that the centre's activities can be delivered under: its own and the county-wide
    ones of its county."""
    return (
        Agreement.objects.in_force()
        .filter(Q(centre=centre) | Q(centre__isnull=True, county_id=centre.county_id))
        .select_related("centre", "county")
        .order_by("title", "pk")
    )
