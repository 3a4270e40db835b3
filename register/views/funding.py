"""The funding key calculator (national admins): scenarios saved, compared side by side and exported."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook

from core.csv import csv_safe, excel_csv_response
from core.forms import attach_service_errors
from register.forms import FundingScenarioForm
from register.funding import Allocation, Weights, allocate, formula_text, inputs_from_json
from register.models import FundingScenario
from register.permissions import require_national_admin
from register.services.funding import funding_scenario_save

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def weights_of(scenario: FundingScenario) -> Weights:
    return Weights(
        total=scenario.total,
        base=scenario.base_per_county,
        population=scenario.population_weight,
        shortfall=scenario.shortfall_weight,
        incentive=scenario.incentive_weight,
        floor=scenario.floor,
        cap=scenario.cap,
    )


def allocation_of(scenario: FundingScenario) -> Allocation:
    return allocate(weights_of(scenario), inputs_from_json(scenario.inputs))


def _previous(scenario: FundingScenario) -> FundingScenario | None:
    return (
        FundingScenario.objects.filter(created_at__lte=scenario.created_at)
        .exclude(pk=scenario.pk)
        .order_by("-created_at", "-pk")
        .first()
    )


def _rows(scenario: FundingScenario, previous: FundingScenario | None) -> list[dict]:
    allocation = allocation_of(scenario)
    rows = []
    for share in allocation.shares:
        number = share.county.number
        before = previous.amounts.get(number) if previous is not None else None
        rows.append(
            {
                "county": share.county,
                "amount": share.amount,
                "share": Decimal(share.amount * 100) / scenario.total,
                "change": share.amount - before if before is not None else None,
                "formula": formula_text(allocation, share),
                "limited": share.limited,
            }
        )
    return rows


@login_required
def scenarios(request):
    require_national_admin(request.user)
    initial = {"population_weight": 60, "shortfall_weight": 20, "incentive_weight": 20}
    start_from = request.GET.get("fra")
    if start_from and start_from.isascii() and start_from.isdecimal():
        base = FundingScenario.objects.filter(pk=start_from).first()
        if base is not None:
            initial = {name: getattr(base, name) for name in FundingScenarioForm.Meta.fields}
            initial["name"] = _("Copy of %(name)s") % {"name": base.name}
    form = FundingScenarioForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            scenario = funding_scenario_save(
                actor=request.user,
                name=form.cleaned_data["name"],
                weights=form.weights(),
                incentive_measure_key=form.cleaned_data["incentive_measure"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("The scenario is saved."))
            return redirect(scenario)
    saved = FundingScenario.objects.select_related("created_by").order_by("-created_at", "-pk")
    return render(request, "register/funding/scenarios.html", {"form": form, "scenarios": saved})


@login_required
def scenario(request, pk):
    require_national_admin(request.user)
    scenario = get_object_or_404(FundingScenario, pk=pk)
    previous = _previous(scenario)
    context = {"scenario": scenario, "previous": previous, "rows": _rows(scenario, previous)}
    return render(request, "register/funding/scenario.html", context)


def _export_rows(scenario: FundingScenario) -> list[list]:
    previous = _previous(scenario)
    header = [_("County number"), _("County"), _("Amount (NOK)"), _("Share (%)"), _("Change (NOK)"), _("Formula")]
    body = [
        [
            row["county"].number,
            row["county"].name,
            row["amount"],
            round(row["share"], 2),
            row["change"],
            row["formula"],
        ]
        for row in _rows(scenario, previous)
    ]
    return [header, *body, ["", _("Total"), scenario.total, 100, "", ""]]


@login_required
def scenario_csv(request, pk):
    require_national_admin(request.user)
    scenario = get_object_or_404(FundingScenario, pk=pk)
    response, writer = excel_csv_response(f"fordeling-{scenario.pk}.csv")
    for row in _export_rows(scenario):
        writer.writerow([csv_safe(cell) if isinstance(cell, str) else ("" if cell is None else cell) for cell in row])
    return response


@login_required
def scenario_xlsx(request, pk):
    require_national_admin(request.user)
    scenario = get_object_or_404(FundingScenario, pk=pk)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Distribution")[:31]
    for row in _export_rows(scenario):
        sheet.append([float(cell) if isinstance(cell, Decimal) else cell for cell in row])
    sheet.column_dimensions["B"].width = 20
    sheet.column_dimensions["F"].width = 120
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"fordeling-{scenario.pk}.xlsx"
    )
    workbook.save(response)
    return response


@login_required
def compare(request):
    require_national_admin(request.user)
    saved = list(FundingScenario.objects.order_by("-created_at", "-pk"))
    by_pk = {str(s.pk): s for s in saved}
    first, second = by_pk.get(request.GET.get("a", "")), by_pk.get(request.GET.get("b", ""))
    if first is None and len(saved) > 1:
        first, second = saved[1], saved[0]
    rows = []
    if first is not None and second is not None:
        counties = {c["number"]: c["name"] for c in first.inputs.get("counties", [])}
        for number, name in counties.items():
            a, b = first.amounts.get(number, 0), second.amounts.get(number, 0)
            rows.append(
                {
                    "number": number,
                    "name": name,
                    "a": a,
                    "a_share": Decimal(a * 100) / first.total,
                    "b": b,
                    "b_share": Decimal(b * 100) / second.total,
                    "difference": b - a,
                }
            )
    context = {"scenarios": saved, "first": first, "second": second, "rows": rows}
    return render(request, "register/funding/compare.html", context)
