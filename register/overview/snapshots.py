"""Monthly snapshots of the overview's key figures, and the trend read back from them.

A scheduled task stores, on the first day of each month, one row per scope (the country, each county,
each active centre) with the key figures of the month just ended. Only aggregates are stored.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from register.models import Centre, County, OverviewSnapshot
from register.overview.scope import Scope
from register.overview.sections import Headline, Period, contributions
from register.overview.tables import Chart, Column, Table, format_cell

TREND_MONTHS = 24


def every_scope() -> list[Scope]:
    centres = Centre.objects.active().select_related("county").order_by("county__number", "name")
    return [
        Scope(),
        *(Scope(county=county) for county in County.objects.order_by("number")),
        *(Scope(centre=c) for c in centres),
    ]


def _json(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def figures_of(scope: Scope, period: Period) -> dict[str, Any]:
    parts = contributions(scope, period)
    return {
        **{key: n for c in parts for key, n in c.counts.items()},
        **{h.key: _json(h.value) for c in parts for h in c.headlines},
    }


def store_snapshots(month: datetime.date | None = None) -> int:
    """Store the key figures of ``month`` (default: the month before this one) for every scope; returns
    the number of rows written. Running it again for the same month replaces that month's rows."""
    if month is None:
        month = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    period = Period.month_of(month)
    stored = 0
    for scope in every_scope():
        figures = figures_of(scope, period)
        with transaction.atomic():
            OverviewSnapshot.objects.update_or_create(
                scope=scope.key, month=period.start, defaults={"figures": figures}
            )
        stored += 1
    return stored


def trend(scope: Scope, headlines: list[Headline], today: datetime.date) -> list[Table]:
    """One table per key figure, a column per month of the last 24 months that have a snapshot (one query)."""
    # The month running now has no snapshot yet: the trend is the 24 months before it.
    first = Period.last_months(TREND_MONTHS + 1, today).start
    snapshots = list(OverviewSnapshot.objects.filter(scope=scope.key, month__gte=first).order_by("month"))
    if not snapshots:
        return []
    demo = any(snapshot.figures.get("demo") for snapshot in snapshots)
    tables = []
    for headline in headlines:
        rows = [
            {"month": date_format(snapshot.month, "YEAR_MONTH_FORMAT"), "value": snapshot.figures.get(headline.key)}
            for snapshot in snapshots
        ]
        known = [row for row in rows if row["value"] is not None]
        summary = (
            _("From %(first)s in %(from)s to %(last)s in %(to)s.")
            % {
                "first": format_cell(known[0]["value"], headline.kind),
                "from": known[0]["month"],
                "last": format_cell(known[-1]["value"], headline.kind),
                "to": known[-1]["month"],
            }
            if known
            else _("No figure stored yet.")
        )
        if demo:
            summary += " " + _("Months before this one are demo figures.")
        tables.append(
            Table(
                key=f"trend-{headline.key}",
                section="trend",
                title=headline.label,
                summary=summary,
                columns=[Column("month", _("Month"), "text"), Column("value", headline.label, headline.kind)],
                rows=rows,
                chart=Chart("column", ("value",)),
                compact=True,
            )
        )
    return tables
