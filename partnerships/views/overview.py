"""The partnership overview: the country per county (national admins), a county per centre with the NAV offices
and schools covered (its centres' admins too), and the filtered list of agreements with its CSV export."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.csv import csv_safe, excel_csv_stream
from core.numbers import format_amount
from partnerships import overview
from partnerships.filters import AgreementOverviewFilter, CoverageFilter
from partnerships.models import Agreement, PartnerType
from partnerships.overview import CoverageCount, Figures
from partnerships.permissions import (
    admin_centre_ids,
    admin_county_ids,
    agreements_visible_to,
    require_agreements_access,
)
from partnerships.selectors import active_clauses, agreements_with_clauses, clause_check
from register.models import Centre, County
from register.permissions import is_national_admin, require_national_admin

LIST_PAGE_SIZE = 50
# The CSV reads the agreements this many at a time (each chunk with its partners and clauses).
CSV_CHUNK = 500


@dataclass
class Row:
    """One line of an overview table: a county or a centre, where to see more, and its figures."""

    label: str
    figures: Figures
    url: str = ""
    list_url: str = ""
    coverage: list[tuple[str, CoverageCount]] | None = None


def _list_url(**params: str) -> str:
    """The filtered list of agreements, e.g. of one county or one centre."""
    url = reverse("partnerships:overview_list")
    return f"{url}?{urlencode(params)}" if params else url


@login_required
def national(request):
    require_national_admin(request.user)
    today = timezone.localdate()
    clauses = active_clauses()
    figures = overview.figures_by(Agreement.objects.all(), "county_id", clauses, today)
    coverage = overview.coverage_by_county(overview.workplaces())
    rows = [
        Row(
            label=county.name,
            figures=figures.get(county.pk, Figures()),
            url=reverse("partnerships:overview_county", kwargs={"slug": county.slug}),
            list_url=_list_url(county=county.number),
            coverage=overview.coverage_rows(coverage.get(county.pk, {})),
        )
        for county in County.objects.order_by("number")
    ]
    national_coverage = {
        kind: CoverageCount(
            covered=sum(counts[kind].covered for counts in coverage.values()),
            total=sum(counts[kind].total for counts in coverage.values()),
        )
        for kind in overview.COVERED_TYPES
    }
    context = {
        "rows": rows,
        "total": overview.total(row.figures for row in rows),
        "coverage": overview.coverage_rows(national_coverage),
        "clauses": clauses,
        "list_url": _list_url(),
    }
    return render(request, "partnerships/overview_national.html", context)


@login_required
def county(request, slug):
    county = get_object_or_404(County, slug=slug)
    national = is_national_admin(request.user)
    if not national and county.pk not in admin_county_ids(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    clauses = active_clauses()
    agreements = agreements_visible_to(request.user).filter(county=county)
    figures = overview.figures_by(agreements, "centre_id", clauses, today)
    # National admins see every active centre (and any other with agreements); a centre's admin their own centres.
    shown = (
        Q(is_active=True) | Q(pk__in=[pk for pk in figures if pk is not None])
        if national
        else Q(pk__in=admin_centre_ids(request.user))
    )
    centres = Centre.objects.filter(shown, county=county).order_by("name")
    rows = [
        Row(label=centre.name, figures=figures.get(centre.pk, Figures()), list_url=_list_url(centre=centre.slug))
        for centre in centres
    ]
    county_wide = Row(label=_("County-wide agreements"), figures=figures.get(None, Figures()))
    places = overview.workplaces([county.pk])
    counts = overview.coverage_by_county(places).get(county.pk, {})
    coverage_filter = CoverageFilter(request.GET or None)
    shown_places = coverage_filter.apply(places) if coverage_filter.is_valid() else places
    context = {
        "county": county,
        "national": national,
        "rows": rows,
        "county_wide": county_wide,
        "total": overview.total([*(row.figures for row in rows), county_wide.figures]),
        "coverage": overview.coverage_rows(counts),
        "coverage_filter": coverage_filter,
        "places": shown_places,
        "filtered": len(shown_places) != len(places),
        "clauses": clauses,
        "list_url": _list_url(county=county.number),
    }
    return render(request, "partnerships/overview_county.html", context)


@login_required
def agreement_list(request):
    """The agreements the user may see, filtered by county, centre, status, partner type, guidelines and
    overdue obligations; the page lists them and ``?format=csv`` downloads them."""
    user = request.user
    require_agreements_access(user)
    if is_national_admin(user):
        counties = County.objects.order_by("number")
        centres = Centre.objects.order_by("name")
    else:
        counties = County.objects.filter(pk__in=admin_county_ids(user)).order_by("number")
        centres = Centre.objects.filter(pk__in=admin_centre_ids(user)).order_by("name")
    today = timezone.localdate()
    clauses = active_clauses()
    agreements = agreements_with_clauses(
        overview.agreements_for_list(agreements_visible_to(user), clauses, today)
    ).order_by("-start_date", "title", "pk")
    agreement_filter = AgreementOverviewFilter(request.GET, queryset=agreements, counties=counties, centres=centres)
    if request.GET.get("format") == "csv":
        return _csv(agreement_filter.qs, clauses, today)
    page = Paginator(agreement_filter.qs, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    csv_query = query.copy()
    csv_query["format"] = "csv"
    context = {
        "filter": agreement_filter,
        "page_obj": page,
        "rows": [(agreement, clause_check(agreement, clauses)) for agreement in page.object_list],
        "query": query.urlencode(),
        "csv_url": f"?{csv_query.urlencode()}",
        "filtered": any(value for key, value in query.items() if key != "format"),
    }
    return render(request, "partnerships/overview_list.html", context)


def _csv(agreements, clauses, today):
    header = [
        _("Title"),
        _("Centre"),
        _("County"),
        _("Partners"),
        _("Partner types"),
        _("Status"),
        _("Start date"),
        _("End date"),
        _("Notice deadline"),
        _("Partner NOK per year"),
        _("Partner staff hours per year"),
        _("Centre NOK per year"),
        _("Centre staff hours per year"),
        _("Obligations overdue"),
        _("Meets the guidelines"),
        _("Required clauses missing"),
    ]

    def lines():
        yield header
        # The words every row repeats, translated once.
        types = {value: str(label) for value, label in PartnerType.choices}
        yes, no = _("Yes"), _("No")
        for agreement in agreements.iterator(chunk_size=CSV_CHUNK):
            parties = list(agreement.parties.all())
            check = clause_check(agreement, clauses)
            yield [
                csv_safe(agreement.title),
                csv_safe(agreement.centre.name if agreement.centre_id else ""),
                agreement.county.name,
                csv_safe(", ".join(party.name for party in parties)),
                ", ".join(dict.fromkeys(types.get(party.partner_type, party.partner_type) for party in parties)),
                agreement.get_status_display(),
                f"{agreement.start_date:%Y-%m-%d}",
                f"{agreement.end_date:%Y-%m-%d}" if agreement.end_date else "",
                f"{agreement.notice_deadline:%Y-%m-%d}" if agreement.notice_deadline else "",
                format_amount(agreement.partner_nok),
                format_amount(agreement.partner_hours),
                format_amount(agreement.centre_nok),
                format_amount(agreement.centre_hours),
                agreement.overdue,
                yes if check.meets_guidelines else no,
                csv_safe(", ".join(clause.title for clause in check.missing_required)),
            ]

    return excel_csv_stream(f"avtaler-{today:%Y-%m-%d}.csv", lines())
