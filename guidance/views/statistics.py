"""The leads' statistics page (/e-veiledning/statistikk/): questions per week, answer times, the promise.

For ``is_guidance_lead`` only (anonymous visitors go to the login page, others get a 403). The figures come
from ``guidance.statistics``, which reads only the anonymous ``QuestionRecord`` rows.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.numbers import format_amount
from guidance import statistics as figures
from guidance.models import Topic
from guidance.permissions import is_guidance_lead
from register.models import County

# The bar chart's drawing units (the SVG scales to the page's width through its viewBox).
CHART_WIDTH = 720
CHART_HEIGHT = 260
CHART_TOP = 24  # room for the count above the tallest bar
CHART_BOTTOM = 40  # room for the week labels
CHART_LEFT = 8
BAR_GAP = 0.25  # of each week's slot


class StatisticsFilterForm(forms.Form):
    date_from = forms.DateField(
        label=gettext_lazy("Asked from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("The first day, for example 2025-01-31."),
    )
    date_to = forms.DateField(
        label=gettext_lazy("Asked to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("The last day, included."),
    )
    topic = forms.ChoiceField(
        label=gettext_lazy("Topic"),
        required=False,
        choices=[("", gettext_lazy("All topics")), *Topic.choices],
    )
    county = forms.ModelChoiceField(
        label=gettext_lazy("County"),
        required=False,
        queryset=County.objects.order_by("number"),
        to_field_name="number",
        empty_label=gettext_lazy("All counties"),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The last day must be the same as or after the first day."))
        return cleaned

    def filters(self):
        data = self.cleaned_data
        return figures.Filters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            topic=data.get("topic") or "",
            county=data.get("county"),
        )


def duration(seconds):
    """A time to answer as people read it: minutes under an hour, else hours with one decimal."""
    if seconds is None:
        return "–"
    if seconds < 3600:
        minutes = round(seconds / 60)
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    hours = seconds / 3600
    return _("%(hours)s hours") % {"hours": format_amount(round(hours, 1))}


def percent(share):
    if share is None:
        return "–"
    return _("%(percent)d %%") % {"percent": round(share * 100)}


def _row(row, label=None):
    return {
        "label": label if label is not None else row.label,
        "asked": row.asked,
        "answered": row.answered,
        "settled": row.settled,
        "in_time": row.in_time,
        "share_in_time": percent(row.share_in_time),
        "median": duration(row.median_seconds),
        "p90": duration(row.p90_seconds),
        "followed_up": row.followed_up,
        "rated": row.rated,
        "helpful": row.helpful,
        "share_helpful": percent(row.share_helpful),
    }


def _svg_number(value):
    """A drawing coordinate as SVG reads it: a dot for decimals whatever the page's language."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _week_label(week):
    return _("Week %(week)d, %(year)d") % {"week": week.iso_week, "year": week.iso_year}


def _chart(weeks):
    """The bar chart's geometry, computed here so the template only places numbers (no inline style)."""
    if not weeks:
        return None
    tallest = max(week.count for week in weeks) or 1
    plot_height = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    slot = (CHART_WIDTH - 2 * CHART_LEFT) / len(weeks)
    bar_width = slot * (1 - BAR_GAP)
    bars = []
    for index, week in enumerate(weeks):
        height = plot_height * week.count / tallest
        x = CHART_LEFT + index * slot + (slot - bar_width) / 2
        y = CHART_TOP + plot_height - height
        bars.append(
            {
                "x": _svg_number(x),
                "y": _svg_number(y),
                "width": _svg_number(bar_width),
                "height": _svg_number(height),
                "centre": _svg_number(x + bar_width / 2),
                "count_y": _svg_number(y - 6),
                "label": _("W%(week)d") % {"week": week.iso_week},
                "title": ngettext("%(week)s: %(count)d question", "%(week)s: %(count)d questions", week.count)
                % {"week": _week_label(week), "count": week.count},
                "count": week.count,
            }
        )
    first, last = weeks[0], weeks[-1]
    busiest = max(weeks, key=lambda week: week.count)
    return {
        "width": _svg_number(CHART_WIDTH),
        "height": _svg_number(CHART_HEIGHT),
        "baseline": _svg_number(CHART_TOP + plot_height),
        "label_y": _svg_number(CHART_HEIGHT - CHART_BOTTOM / 2),
        "right": _svg_number(CHART_WIDTH - CHART_LEFT),
        "left": _svg_number(CHART_LEFT),
        "bars": bars,
        "description": _(
            "Questions per week from %(first)s to %(last)s: %(total)d in all; the busiest week was %(busiest)s "
            "with %(most)d. The table below gives every week's number."
        )
        % {
            "first": _week_label(first),
            "last": _week_label(last),
            "total": sum(week.count for week in weeks),
            "busiest": _week_label(busiest),
            "most": busiest.count,
        },
    }


@login_required
def statistics(request):
    if not is_guidance_lead(request.user):
        raise PermissionDenied(_("The e-guidance statistics are for the e-guidance leads."))
    form = StatisticsFilterForm(request.GET or None)
    context = {"form": form, "is_filtered": bool(request.GET)}
    if form.is_bound and not form.is_valid():
        return render(request, "guidance/statistics.html", context)
    result = figures.statistics(form.filters() if form.is_bound else None)
    weeks = [
        {
            "label": _week_label(week),
            "monday": date_format(week.monday, "SHORT_DATE_FORMAT"),
            "count": week.count,
        }
        for week in result.weeks
    ]
    context.update(
        stats=result,
        total=_row(result.total, label=_("All questions")),
        weeks=weeks,
        chart=_chart(result.weeks),
        groups=[
            {
                "id": "topics",
                "heading": _("By topic"),
                "caption": _("Questions, answers and answer times by topic"),
                "first_column": _("Topic"),
                "rows": [_row(row) for row in result.by_topic],
            },
            {
                "id": "counties",
                "heading": _("By county"),
                "caption": _("Questions, answers and answer times by the county the asker gave"),
                "first_column": _("County"),
                "rows": [_row(row, label=row.label or _("County not given")) for row in result.by_county],
            },
        ],
    )
    return render(request, "guidance/statistics.html", context)
