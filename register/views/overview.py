"""The leaders' overview: the country (national admins), a county and a centre (its admins)."""

from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.csv import csv_safe, excel_csv_response
from register.forms import CoverageStandardForm, PopulationUploadForm
from register.models import Centre, County
from register.overview.cache import figures, forget_figures
from register.overview.figures import period_text
from register.overview.open_data import KINDS, LABELS, MIN_PEOPLE, PUBLISHED, county_months, county_snapshots
from register.overview.scope import Scope, can_see_overview, overview_scopes
from register.overview.sections import Period
from register.overview.snapshots import trend
from register.overview.tables import SECTIONS, csv_cell, format_cell
from register.permissions import is_national_admin, require_national_admin
from register.services.population import population_import

PERIOD_MONTHS = 12

SECTION_TITLES = {
    "coverage": gettext_lazy("Coverage"),
    "competence": gettext_lazy("Competence"),
    "development": gettext_lazy("Development"),
    "e_guidance": gettext_lazy("E-guidance"),
    "trend": gettext_lazy("Trend over 24 months"),
}


def _overview(request, scope: Scope, *, table_key: str | None = None, standard_form=None):
    if not can_see_overview(request.user, scope):
        raise PermissionDenied
    today = timezone.localdate()
    period = Period.last_months(PERIOD_MONTHS, today)
    parts, computed_at = figures(scope, period)
    headlines = [headline for part in parts for headline in part.headlines]
    tables = [table for part in parts for table in part.tables] + trend(scope, headlines, today)
    if table_key is not None:
        table = next((t for t in tables if t.key == table_key), None)
        if table is None:
            raise Http404
        return _csv(scope, table, today)
    by_section = defaultdict(list)
    for table in tables:
        table.csv_url = scope.csv_url(table.key)
        by_section[table.section].append(table)
    sections = [
        {"key": key, "title": str(SECTION_TITLES[key]), "tables": by_section[key]}
        for key in SECTIONS
        if by_section[key]
    ]
    national = is_national_admin(request.user)
    context = {
        "scope": scope,
        "period": period,
        "period_text": period_text(period),
        "computed_at": computed_at,
        "fresh_minutes": settings.OVERVIEW_FRESH_SECONDS // 60,
        "headlines": headlines,
        "sections": sections,
        "scopes": [s for s in overview_scopes(request.user) if s != scope],
        "standard_form": standard_form or (CoverageStandardForm() if national and scope.kind == "national" else None),
    }
    return render(request, "register/overview/page.html", context)


def _csv(scope: Scope, table, today):
    response, writer = excel_csv_response(f"{table.key}-{scope.key}-{today:%Y-%m-%d}.csv")
    for row in table.csv_rows():
        writer.writerow([csv_safe(cell) for cell in row])
    return response


@login_required
def national(request, table=None):
    return _overview(request, Scope(), table_key=table)


@login_required
def county(request, slug, table=None):
    return _overview(request, Scope(county=get_object_or_404(County, slug=slug)), table_key=table)


@login_required
def centre(request, slug, table=None):
    centre = get_object_or_404(Centre.objects.select_related("county"), slug=slug)
    return _overview(request, Scope(centre=centre), table_key=table)


@login_required
@require_POST
def standard(request):
    """The national admin sets a new recommended coverage; the old one stays as history."""
    require_national_admin(request.user)
    form = CoverageStandardForm(request.POST)
    if not form.is_valid():
        return _overview(request, Scope(), standard_form=form)
    standard = form.save(commit=False)
    standard.set_by = request.user
    standard.save()
    forget_figures()
    messages.success(request, _("The recommended coverage is saved."))
    return redirect("overview_national")


@login_required
def population(request):
    """The national admin updates the counties' populations from Statistics Norway's file."""
    require_national_admin(request.user)
    form = PopulationUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            parsed = population_import(content=form.cleaned_data["file"].read(), actor=request.user)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(
                request,
                _("Population figures for %(year)s are saved for %(count)s counties.")
                % {"year": parsed.year, "count": len(parsed.counties)},
            )
            return redirect("overview_population")
    counties = County.objects.order_by("number")
    return render(request, "register/overview/population.html", {"form": form, "counties": counties})


def open_statistics(request):
    """The public page of the open statistics: one county's months, or every county's latest month."""
    counties = list(County.objects.order_by("number"))
    by_number = {county.number: county for county in counties}
    county = by_number.get(request.GET.get("fylke", ""))
    snapshots = list(county_snapshots(county)[: 24 if county is not None else 15 * 24])
    rows = county_months(snapshots, {c.pk: c for c in counties})
    if county is None and rows:
        latest = rows[0].month
        rows = sorted((row for row in rows if row.month == latest), key=lambda row: row.county.number)
    if request.GET.get("format") == "csv":
        return _open_csv(rows, county)
    columns = [(key, LABELS[key], KINDS.get(key, "count")) for key in PUBLISHED]
    table = [
        (
            row,
            [
                ("", True) if key in row.suppressed else (format_cell(row.figures.get(key), kind), False)
                for key, _label, kind in columns
            ],
        )
        for row in rows
    ]
    context = {
        "counties": counties,
        "county": county,
        "columns": columns,
        "table": table,
        "min_people": MIN_PEOPLE,
        "demo": any(row.demo for row in rows),
    }
    return render(request, "register/overview/open_statistics.html", context)


def _open_csv(rows, county):
    name = f"statistikk-{county.number if county is not None else 'fylker'}.csv"
    response, writer = excel_csv_response(name)
    writer.writerow(
        [_("County number"), _("County"), _("Month"), *(str(LABELS[key]) for key in PUBLISHED), _("Suppressed")]
    )
    for row in rows:
        writer.writerow(
            [
                row.county.number,
                row.county.name,
                f"{row.month:%Y-%m}",
                *(csv_cell(row.figures.get(key), KINDS.get(key, "count")) for key in PUBLISHED),
                " ".join(row.suppressed),
            ]
        )
    return response
