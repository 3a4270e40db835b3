"""E-guidance's part of the leaders' overview: questions, answer time and the promise kept, per month.

Questions belong to the county the asker gave; a county's and a centre's overview show the questions
from that county.
"""

import datetime

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from guidance.clock import OSLO
from guidance.models import QuestionRecord
from guidance.statistics import Filters, grouped_figures, records
from register.overview.scope import Scope
from register.overview.sections import Contribution, Headline, Period
from register.overview.tables import Chart, Column, Table, share


def _hours(seconds: float | None) -> float | None:
    return seconds / 3600 if seconds is not None else None


def guidance_figures(scope: Scope, period: Period) -> Contribution:
    """Two queries: the counts per month, and the median per month."""
    now = timezone.now()
    queryset = records(Filters(date_from=period.start, date_to=period.end, county=scope.region)).annotate(
        month=TruncMonth("asked_at", tzinfo=OSLO)
    )
    months = grouped_figures(queryset, "month", now, lambda key: "")
    by_month = {
        timezone.localtime(figures.key, OSLO).date()
        if isinstance(figures.key, datetime.datetime)
        else figures.key: figures
        for figures in months
    }
    rows = []
    month = period.start.replace(day=1)
    while month <= period.end:
        figures = by_month.get(month)
        rows.append(
            {
                "month": date_format(month, "YEAR_MONTH_FORMAT"),
                "asked": figures.asked if figures else 0,
                "answered": figures.answered if figures else 0,
                "median": _hours(figures.median_seconds) if figures else None,
                "in_time": figures.share_in_time if figures else None,
            }
        )
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    asked = sum(f.asked for f in months)
    settled = sum(f.settled for f in months)
    in_time = sum(f.in_time for f in months)
    where = scope.region.name if scope.region is not None else _("the whole country")
    table = Table(
        key="e-guidance",
        section="e_guidance",
        title=_("E-guidance per month"),
        summary=_(
            "%(asked)s questions from %(where)s in the period; %(share)s of the settled ones were answered "
            "within the promise."
        )
        % {
            "asked": number_format(asked, force_grouping=True),
            "where": where,
            "share": f"{round(100 * in_time / settled)} %" if settled else "–",
        },
        columns=[
            Column("month", _("Month"), "text"),
            Column("asked", _("Questions")),
            Column("answered", _("Answered")),
            Column("median", _("Median hours to the first answer"), "days"),
            Column("in_time", _("Answered within the promise"), "share"),
        ],
        rows=rows,
        chart=Chart("column", ("asked",)),
        note=_(
            "Within the promise: of the questions answered or past their due time. The median counts answered "
            "questions only."
        ),
    )
    return Contribution(
        tables=[table],
        headlines=[
            Headline("questions", _("E-guidance questions"), "count", asked),
            Headline("in_time", _("Answered within the promise"), "share", share(in_time, settled)),
        ],
        counts={"settled": settled},
    )


def answers_by_county(on: datetime.date) -> dict[int, float]:
    """First answers given in the year up to ``on`` by the e-guidance counsellors of each county's centres."""
    start = datetime.datetime.combine(on - datetime.timedelta(days=365), datetime.time(0, 0), OSLO)
    rows = (
        QuestionRecord.objects.filter(first_answered_at__gte=start, answered_by_centre__isnull=False)
        .order_by()
        .values("answered_by_centre__county_id")
        .annotate(n=Count("pk"))
    )
    return {row["answered_by_centre__county_id"]: row["n"] for row in rows}
