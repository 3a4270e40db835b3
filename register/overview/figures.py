"""The register's part of the overview: coverage, competence, development (CPD) and home-centre ties.

Every figure is an aggregate query over the scope; the counsellors' standings come from one grouped
query over ``annotate_status``, from which the tables per county, centre and workplace type are summed
in Python (the groups, never the people).
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Min,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from core.statistics import grouped_median_and_p90
from register.cpd import Standing, counted_activities, counted_credits
from register.models import (
    CompetenceArea,
    CoverageStandard,
    CreditEntry,
    CreditStatus,
    EvidenceLevel,
    WorkplaceType,
)
from register.models import County as CountyModel
from register.overview.scope import Scope
from register.overview.sections import Contribution, Headline, Period
from register.overview.tables import Chart, Column, Table, share
from register.status import (
    condition_flag,
    pending_would_reach_minimum,
    requirement_sets_in_force,
    standing_conditions,
    standing_expression,
)

MEETING = (Standing.MEETS, Standing.MEETS_UNTIL)
# Verified studiepoeng per counsellor, in the bands the distribution shows: (lowest, label).
CREDIT_BANDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal("60"), "60+"),
    (Decimal("30"), "30–59,9"),
    (Decimal("15"), "15–29,9"),
    (Decimal("0.1"), "0,1–14,9"),
    (Decimal("0"), "0"),
)
# Workplaces whose counsellors the centres serve as a professional community.
SCATTERED = (WorkplaceType.UPPER_SECONDARY, WorkplaceType.LOWER_SECONDARY, WorkplaceType.NAV)

# A table with more rows than this shows its chart, with the table folded under it.
COMPACT_ROWS = 20

TRUE = Value(True, output_field=BooleanField())
FALSE = Value(False, output_field=BooleanField())


def _band_label(lowest: Decimal) -> str:
    labels = dict(CREDIT_BANDS)
    label = labels[lowest]
    return label.replace(",", ".") if get_language() == "en" else label


# Coverage


def counties_with_standard() -> tuple[list[Any], CoverageStandard | None]:
    """Every county with its number of active centres (``centre_count``), and the standard in force, in one query."""
    latest = CoverageStandard.objects.order_by("-set_at", "-pk")
    counties: list[Any] = list(
        CountyModel.objects.annotate(
            centre_count=Count("centres", filter=Q(centres__is_active=True)),
            standard_id=Subquery(latest.values("pk")[:1]),
            standard_adults=Subquery(latest.values("max_adults_per_centre")[:1]),
            standard_centres=Subquery(latest.values("min_centres_per_county")[:1]),
        ).order_by("number")
    )
    standard = None
    if counties and counties[0].standard_id is not None:
        standard = CoverageStandard(
            pk=counties[0].standard_id,
            max_adults_per_centre=counties[0].standard_adults,
            min_centres_per_county=counties[0].standard_centres,
        )
    return counties, standard


def coverage(scope: Scope, counties: list[Any], standard: CoverageStandard | None) -> Table:
    if scope.region is not None:
        counties = [county for county in counties if county.pk == scope.region.pk]
    rows = []
    for county in counties:
        per_centre = (
            county.adult_population / county.centre_count if county.adult_population and county.centre_count else None
        )
        needed = None
        below = False
        if standard is not None:
            needed = standard.centres_needed(county.adult_population)
            below = county.centre_count < needed
        rows.append(
            {
                "county": county.name,
                "adults": county.adult_population,
                "centres": county.centre_count,
                "per_centre": round(per_centre) if per_centre is not None else None,
                "needed": needed,
                "below": below,
                "source": _population_source(county),
            }
        )
    below_count = sum(row["below"] for row in rows)
    if standard is None:
        summary = _("No recommended standard is set yet, so no county is measured against one.")
    else:
        summary = ngettext(
            "%(below)s of %(count)s county has fewer centres than the recommended standard: %(standard)s.",
            "%(below)s of %(count)s counties have fewer centres than the recommended standard: %(standard)s.",
            len(rows),
        ) % {"below": below_count, "count": len(rows), "standard": standard_text(standard)}
    return Table(
        key="coverage",
        section="coverage",
        title=_("Centres per county against the adult population"),
        summary=summary,
        columns=[
            Column("county", _("County"), "text"),
            Column("adults", _("Adults (19+)")),
            Column("centres", _("Centres")),
            Column("per_centre", _("Adults per centre")),
            Column("needed", _("Centres by the standard")),
            Column("source", _("Population figure"), "text"),
        ],
        rows=rows,
        chart=Chart("bar", ("per_centre",)),
        flag="below",
        flag_label=_("Below the standard"),
    )


def standard_text(standard: CoverageStandard) -> str:
    return _("at most %(adults)s adults per centre and at least %(centres)s per county") % {
        "adults": number_format(standard.max_adults_per_centre, force_grouping=True),
        "centres": standard.min_centres_per_county,
    }


def _population_source(county: CountyModel) -> str:
    if county.adult_population is None:
        return _("missing")
    if county.population_is_demo:
        return _("demo figure %(year)s") % {"year": county.population_year or ""}
    source = county.population_source or _("Statistics Norway")
    return f"{source} {county.population_year}" if county.population_year else source


# Competence


@dataclass(frozen=True)
class CentreName:
    """A home centre as the tables label and order it (read with the counsellor groups)."""

    name: str
    county_number: str


def _counsellor_groups(scope: Scope, on: datetime.date) -> list[dict[str, Any]]:
    """Counts of counsellors per county, home centre, workplace type, standing and "would meet" (one query).

    ``would_meet`` is only asked of the rows that do not meet: enough hours, and pending studiepoeng
    that would bring the total to the minimum.
    """
    sets = requirement_sets_in_force(on)
    profiles = scope.profiles()
    conditions = standing_conditions(profiles, sets, on)
    rows = (
        profiles.annotate(
            standing=standing_expression(conditions),
            would_meet=condition_flag(conditions.cpd_met & pending_would_reach_minimum(profiles, sets)),
        )
        .order_by()
        .values(
            "county_id",
            "home_centre_id",
            "home_centre__name",
            "home_centre__county__number",
            "workplace_type",
            "standing",
            "would_meet",
        )
        .annotate(n=Count("pk"))
    )
    return list(rows)


def _credit_bands(scope: Scope) -> dict[str, int]:
    """How many counsellors in scope have at least each band's lowest verified studiepoeng (one query)."""
    totals = (
        counted_credits()
        .filter(owner__in=scope.profiles().order_by().values("user_id"), status=CreditStatus.VERIFIED)
        .order_by()
        .values("owner")
        .annotate(total=Sum("credits"))
    )
    return totals.aggregate(
        **{str(lowest): Count("owner", filter=Q(total__gte=lowest)) for lowest, _label in CREDIT_BANDS[:-1]}
    )


def _standing_row(label: str, groups: Iterable[dict[str, Any]]) -> dict[str, Any]:
    total = meets = lapsed = not_yet = would = no_requirement = 0
    for group in groups:
        n = group["n"]
        total += n
        if group["standing"] in MEETING:
            meets += n
        elif group["standing"] == Standing.LAPSED:
            lapsed += n
        elif group["standing"] == Standing.NOT_YET:
            not_yet += n
        else:
            no_requirement += n
        if group["would_meet"] and group["standing"] not in MEETING:
            would += n
    return {
        "label": label,
        "counsellors": total,
        "meets": share(meets, total),
        "lapsed": share(lapsed, total),
        "not_yet": share(not_yet, total),
        "would_meet": share(would, total),
        "no_requirement": no_requirement,
        "meets_count": meets,
        "lapsed_count": lapsed,
        "not_yet_count": not_yet,
        "would_meet_count": would,
    }


def _standing_table(key: str, title: str, first: str, rows: list[dict[str, Any]]) -> Table:
    return Table(
        compact=len(rows) > COMPACT_ROWS,
        key=key,
        section="competence",
        title=title,
        summary="",
        columns=[
            Column("label", first, "text"),
            Column("counsellors", _("Counsellors")),
            Column("meets", _("Meets the requirement"), "share"),
            Column("lapsed", _("Lapsed"), "share"),
            Column("not_yet", _("Not yet met"), "share"),
            Column("would_meet", _("Would meet once pending is verified"), "share"),
        ],
        rows=rows,
        chart=Chart("stacked", ("meets", "lapsed", "not_yet")),
        note=_(
            "Shares of the counsellors in each row. Would meet once pending is verified: not meeting today, "
            "with enough professional development hours, and pending studiepoeng that would bring the total "
            "to the minimum."
        ),
    )


def _group_by(
    groups: list[dict[str, Any]], key: str, labels: Callable[[Any], str], order: Callable[[Any], Any]
) -> list[dict[str, Any]]:
    buckets: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for group in groups:
        buckets[group[key]].append(group)
    return [_standing_row(labels(value), buckets[value]) for value in sorted(buckets, key=order)]


def competence(
    scope: Scope, period: Period, counties_list: list[CountyModel], areas: list[CompetenceArea]
) -> Contribution:
    groups = _counsellor_groups(scope, period.end)
    counties = {county.pk: county for county in counties_list}
    centres = {
        group["home_centre_id"]: CentreName(group["home_centre__name"], group["home_centre__county__number"])
        for group in groups
        if group["home_centre_id"] is not None
    }
    types = dict(WorkplaceType.choices)
    overall = _standing_row(_("All"), groups)
    tables = []
    if scope.kind == "national":
        tables.append(
            _standing_table(
                "competence-by-county",
                _("Requirement attainment by county"),
                _("County"),
                _group_by(
                    groups,
                    "county_id",
                    lambda pk: counties[pk].name if pk in counties else "",
                    lambda pk: counties[pk].number if pk in counties else "",
                ),
            )
        )
    if scope.kind != "centre":
        no_centre = _("No home centre")
        tables.append(
            _standing_table(
                "competence-by-centre",
                _("Requirement attainment by home centre"),
                _("Home centre"),
                _group_by(
                    groups,
                    "home_centre_id",
                    lambda pk: centres[pk].name if pk in centres else no_centre,
                    lambda pk: (
                        pk is None,
                        centres[pk].county_number if pk in centres else "",
                        centres[pk].name if pk in centres else "",
                    ),
                ),
            )
        )
    tables.append(
        _standing_table(
            "competence-by-workplace",
            _("Requirement attainment by workplace type"),
            _("Workplace type"),
            _group_by(
                groups,
                "workplace_type",
                lambda value: str(types.get(value, value)),
                lambda value: list(types).index(value) if value in types else 99,
            ),
        )
    )
    tables[0].summary = _attainment_summary(overall)
    for table in tables[1:]:
        table.summary = _spread_summary(table.rows)
    tables.append(_credit_distribution(_credit_bands(scope), overall["counsellors"]))
    tables.append(_area_coverage(scope, overall["counsellors"], areas))
    lead = _verification(scope, period, centres)
    tables.append(lead)
    development = [_cpd_by_area(scope, period, areas), _home_centre_ties(groups, types)]
    queue = sum(row["queue"] for row in lead.rows)
    lead_days = _total_lead(scope, period) if lead.rows else None
    headlines = [
        Headline("counsellors", _("Counsellors"), "count", overall["counsellors"]),
        Headline("meets", _("Meet the requirement"), "share", overall["meets"]),
        Headline("lapsed", _("Lapsed"), "share", overall["lapsed"]),
        Headline("would_meet", _("Would meet once pending is verified"), "share", overall["would_meet"]),
        Headline("queue", _("Waiting for verification"), "count", queue),
        Headline("lead_days", _("Median days to a verification decision"), "days", lead_days),
    ]
    return Contribution(tables=tables + development, headlines=headlines)


def _attainment_summary(overall: dict[str, Any]) -> str:
    if not overall["counsellors"]:
        return _("No counsellors are registered here yet.")
    return _(
        "Of %(total)s counsellors, %(meets)s meet the requirement, %(lapsed)s have lapsed and %(not_yet)s have not "
        "yet met it; %(would)s would meet it once their pending studiepoeng are verified."
    ) % {
        "total": number_format(overall["counsellors"], force_grouping=True),
        "meets": number_format(overall["meets_count"], force_grouping=True),
        "lapsed": number_format(overall["lapsed_count"], force_grouping=True),
        "not_yet": number_format(overall["not_yet_count"], force_grouping=True),
        "would": number_format(overall["would_meet_count"], force_grouping=True),
    }


def _spread_summary(rows: list[dict[str, Any]]) -> str:
    """The rows with the highest and the lowest share meeting the requirement (among rows with counsellors)."""
    ranked = sorted((row for row in rows if row["counsellors"]), key=lambda row: row["meets"] or 0)
    if len(ranked) < 2:
        return ""
    low, high = ranked[0], ranked[-1]
    return _(
        "The highest share meeting the requirement is %(high)s (%(high_share)s), the lowest %(low)s (%(low_share)s)."
    ) % {
        "high": high["label"],
        "high_share": f"{round(100 * (high['meets'] or 0))} %",
        "low": low["label"],
        "low_share": f"{round(100 * (low['meets'] or 0))} %",
    }


def _credit_distribution(at_least: dict[str, int], total: int) -> Table:
    """The counsellors per band, from how many reach each band's lowest figure."""
    counts: dict[str, int] = {}
    above = 0
    for lowest, _label in CREDIT_BANDS[:-1]:
        reaching = at_least.get(str(lowest)) or 0
        counts[str(lowest)] = reaching - above
        above = reaching
    counts[str(CREDIT_BANDS[-1][0])] = total - above
    rows = [
        {
            "band": _band_label(lowest),
            "counsellors": counts.get(str(lowest), 0),
            "share": share(counts.get(str(lowest), 0), total),
        }
        for lowest, _label in reversed(CREDIT_BANDS)
    ]
    at_least_60 = counts.get(str(CREDIT_BANDS[0][0]), 0)
    return Table(
        key="credit-distribution",
        section="competence",
        title=_("Verified studiepoeng per counsellor"),
        summary=_("%(count)s of %(total)s counsellors have 60 or more verified studiepoeng.")
        % {
            "count": number_format(at_least_60, force_grouping=True),
            "total": number_format(total, force_grouping=True),
        },
        columns=[
            Column("band", _("Verified studiepoeng"), "text"),
            Column("counsellors", _("Counsellors")),
            Column("share", _("Share"), "share"),
        ],
        rows=rows,
        chart=Chart("bar", ("counsellors",)),
    )


def _area_name(area: CompetenceArea) -> str:
    return area.name_en if get_language() == "en" and area.name_en else area.name_nb


def _area_coverage(scope: Scope, counsellors: int, areas: list[CompetenceArea]) -> Table:
    through = CreditEntry.areas.through
    counted = (
        through.objects.filter(
            creditentry__in=counted_credits().filter(scope.profile_q("owner__counsellor_profile")),
            creditentry__status=CreditStatus.VERIFIED,
        )
        .order_by()
        .values("competencearea_id")
        .annotate(people=Count("creditentry__owner", distinct=True))
    )
    by_area = {row["competencearea_id"]: row["people"] for row in counted}
    rows = [
        {
            "area": f"{area.number}. {_area_name(area)}",
            "counsellors": by_area.get(area.pk, 0),
            "share": share(by_area.get(area.pk, 0), counsellors),
        }
        for area in areas
    ]
    weakest = min(rows, key=lambda row: row["counsellors"], default=None)
    summary = (
        _("The area fewest counsellors have verified studiepoeng in is %(area)s (%(count)s).")
        % {"area": weakest["area"], "count": number_format(weakest["counsellors"], force_grouping=True)}
        if weakest
        else _("No competence areas are defined yet.")
    )
    return Table(
        key="area-coverage",
        section="competence",
        title=_("Counsellors with verified studiepoeng in each competence area"),
        summary=summary,
        columns=[
            Column("area", _("Competence area"), "text"),
            Column("counsellors", _("Counsellors")),
            Column("share", _("Share of counsellors"), "share"),
        ],
        rows=rows,
        chart=Chart("bar", ("share",)),
    )


def _lead_time() -> ExpressionWrapper:
    return ExpressionWrapper(F("decided_at") - F("created_at"), output_field=DurationField())


def _days(value: timedelta | None) -> float | None:
    return value.total_seconds() / 86400 if value is not None else None


def _decided_in(scope: Scope, period: Period):
    start, end = period.bounds()
    return CreditEntry.objects.filter(
        scope.profile_q("owner__counsellor_profile"), decided_at__gte=start, decided_at__lt=end
    ).exclude(status=CreditStatus.PENDING)


def _total_lead(scope: Scope, period: Period) -> float | None:
    times = grouped_median_and_p90(
        _decided_in(scope, period).annotate(everyone=Value(1, IntegerField())), "everyone", _lead_time()
    )
    return _days(times[1][0]) if 1 in times else None


def _verification(scope: Scope, period: Period, centres: dict[int, CentreName]) -> Table:
    group = "owner__counsellor_profile__home_centre_id"
    times = grouped_median_and_p90(_decided_in(scope, period), group, _lead_time())
    now = timezone.now()
    pending = {
        row[group]: row
        for row in CreditEntry.objects.filter(scope.profile_q("owner__counsellor_profile"), status=CreditStatus.PENDING)
        .order_by()
        .values(group)
        .annotate(n=Count("pk"), oldest=Min("created_at"))
    }
    keys = sorted(
        set(times) | set(pending),
        key=lambda pk: (pk is None, centres[pk].name if pk in centres else ""),
    )
    rows: list[dict[str, Any]] = []
    for pk in keys:
        median, p90, decided = times.get(pk, (None, None, 0))
        oldest = pending[pk]["oldest"] if pk in pending else None
        rows.append(
            {
                "centre": centres[pk].name if pk in centres else _("No home centre"),
                "queue": pending[pk]["n"] if pk in pending else 0,
                "oldest": (now - oldest).days if oldest else None,
                "decided": decided,
                "median": _days(median),
                "p90": _days(p90),
            }
        )
    waiting = sum(row["queue"] for row in rows)
    slowest = max((row for row in rows if row["median"] is not None), key=lambda row: row["median"], default=None)
    summary = ngettext(
        "%(count)s studiepoeng entry is waiting for verification.",
        "%(count)s studiepoeng entries are waiting for verification.",
        waiting,
    ) % {"count": number_format(waiting, force_grouping=True)}
    if slowest is not None:
        summary += " " + _("The longest median time to a decision is at %(centre)s: %(days)s days.") % {
            "centre": slowest["centre"],
            "days": number_format(round(slowest["median"], 1), decimal_pos=1),
        }
    return Table(
        key="verification",
        section="competence",
        title=_("Verification: queue and days to a decision, by home centre"),
        summary=summary,
        columns=[
            Column("centre", _("Home centre"), "text"),
            Column("queue", _("Waiting")),
            Column("oldest", _("Oldest waiting (days)")),
            Column("decided", _("Decided in the period")),
            Column("median", _("Median days to a decision"), "days"),
            Column("p90", _("90th percentile (days)"), "days"),
        ],
        rows=rows,
        chart=Chart("bar", ("median",)),
        note=_(
            "Days from logging to the decision, for the entries decided in the period. 90th percentile: nine in "
            "ten decisions took at most this long."
        ),
    )


# Development


def _cpd_by_area(scope: Scope, period: Period, areas: list[CompetenceArea]) -> Table:
    sums = (
        counted_activities()
        .filter(scope.profile_q("owner__counsellor_profile"), date__gte=period.start, date__lte=period.end)
        .order_by()
        .values("areas", "evidence_level")
        .annotate(hours=Sum("hours"))
    )
    hours: dict[int | None, dict[str, Decimal]] = defaultdict(dict)
    for summed in sums:
        hours[summed["areas"]][summed["evidence_level"]] = summed["hours"]
    levels = [EvidenceLevel.SELF_DECLARED, EvidenceLevel.EVIDENCED, EvidenceLevel.ATTENDED]
    labelled: list[tuple[int | None, str]] = [(area.pk, f"{area.number}. {_area_name(area)}") for area in areas]
    if None in hours:
        labelled.append((None, _("No area given")))
    rows = []
    for pk, label in labelled:
        row: dict[str, Any] = {"area": label}
        for level in levels:
            row[level] = hours[pk].get(level, Decimal(0))
        row["total"] = sum(row[level] for level in levels)
        rows.append(row)
    total = sum((row["total"] for row in rows), Decimal(0))
    backed = sum((row[EvidenceLevel.EVIDENCED] + row[EvidenceLevel.ATTENDED] for row in rows), Decimal(0))
    return Table(
        key="cpd-by-area",
        section="development",
        title=_("Professional development hours by competence area and evidence level"),
        summary=(
            _("%(share)s of the hours in the table are evidenced or attended; the most went to %(area)s.")
            % {"share": f"{round(100 * backed / total)} %", "area": max(rows, key=lambda row: row["total"])["area"]}
            if total
            else _("No professional development hours were logged in the period.")
        ),
        columns=[
            Column("area", _("Competence area"), "text"),
            *(Column(level, str(level.label), "amount") for level in levels),
            Column("total", _("All hours"), "amount"),
        ],
        rows=rows,
        chart=Chart("stacked", tuple(levels)),
        note=_(
            "An activity tied to several areas counts in each of them, so the table can hold more hours than were "
            "logged."
        ),
    )


def _home_centre_ties(groups: list[dict[str, Any]], types: dict[str, Any]) -> Table:
    rows = []
    for workplace in SCATTERED:
        mine = [g for g in groups if g["workplace_type"] == workplace]
        total = sum(g["n"] for g in mine)
        tied = sum(g["n"] for g in mine if g["home_centre_id"] is not None)
        rows.append(
            {"workplace": str(types[workplace]), "counsellors": total, "tied": tied, "share": share(tied, total)}
        )
    total = sum(row["counsellors"] for row in rows)
    tied = sum(row["tied"] for row in rows)
    return Table(
        key="home-centre-ties",
        section="development",
        title=_("School and NAV counsellors tied to a home centre"),
        summary=_("%(tied)s of %(total)s school and NAV counsellors have a home centre.")
        % {"tied": number_format(tied, force_grouping=True), "total": number_format(total, force_grouping=True)},
        columns=[
            Column("workplace", _("Workplace type"), "text"),
            Column("counsellors", _("Counsellors")),
            Column("tied", _("With a home centre")),
            Column("share", _("Share"), "share"),
        ],
        rows=rows,
        chart=Chart("bar", ("share",)),
    )


def register_figures(scope: Scope, period: Period) -> Contribution:
    counties, standard = counties_with_standard()
    areas = list(CompetenceArea.objects.order_by("number"))
    contribution = competence(scope, period, counties, areas)
    contribution.tables.insert(0, coverage(scope, counties, standard))
    return contribution


def period_text(period: Period) -> str:
    return _("%(start)s to %(end)s") % {
        "start": date_format(period.start, "SHORT_DATE_FORMAT"),
        "end": date_format(period.end, "SHORT_DATE_FORMAT"),
    }


def attainment_by_county(on: datetime.date) -> dict[int, float]:
    """The share of each county's counsellors who meet the requirement on ``on`` (a funding incentive)."""
    totals: dict[int, int] = defaultdict(int)
    meeting: dict[int, int] = defaultdict(int)
    for group in _counsellor_groups(Scope(), on):
        totals[group["county_id"]] += group["n"]
        if group["standing"] in MEETING:
            meeting[group["county_id"]] += group["n"]
    return {county: meeting[county] / total for county, total in totals.items() if total}
