"""The public /verify/ page: anyone checks a code the platform issued.

Competence statements and certificates of attendance share one code format and this page.

The code travels in a POST body, never in the URL, so it does not end up in access logs or
browser history. Lookups are rate-limited per IP before anything is looked up, and every lookup
that is made is logged by ``services.code_lookup`` (the holder sees when it was checked).
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from register import services
from register.forms import VerifyCodeForm
from register.models import CompetenceArea, WorkplaceType
from register.selectors.counsellor import audit_text
from register.services import statements
from register.status import cpd_summary, status_for

# Checks per IP address per hour. Module constants so tests can lower them.

FORM_TEMPLATE = "register/verify/form.html"
RESULT_TEMPLATE = "register/verify/result.html"
CERTIFICATE_TEMPLATE = "register/verify/certificate.html"


def _decimal(value):
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None


def _date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _workplace_label(value):
    return WorkplaceType(value).label if value in WorkplaceType.values else value


def _area_names(numbers, names_by_number):
    return [names_by_number.get(number, str(number)) for number in numbers or []]


def _issued_status(snapshot_status, names_by_number):
    """The status frozen in the snapshot, shaped like ``_current_status`` for one template."""
    snapshot_status = snapshot_status or {}
    requirement = snapshot_status.get("requirement_set") or {}
    return {
        "meets": bool(snapshot_status.get("meets")),
        "measured_on": _date(snapshot_status.get("measured_on")),
        "has_requirement": bool(requirement),
        "requirement_name": requirement.get("name", ""),
        "workplace_type": _workplace_label(requirement.get("workplace_type")),
        "effective_from": _date(requirement.get("effective_from")),
        "min_credits": _decimal(requirement.get("min_credits")),
        "min_core_credits": _decimal(requirement.get("min_core_credits")),
        "verified_credits": _decimal(snapshot_status.get("verified_credits")),
        "core_credits": _decimal(snapshot_status.get("core_credits")),
        "cpd": cpd_summary(snapshot_status),
        "missing_areas": [
            names_by_number.get(area.get("number"), area.get("name", ""))
            for area in snapshot_status.get("missing_areas") or []
        ],
    }


def _current_status(owner):
    status = status_for(owner)
    requirement = status.requirement
    return {
        "meets": bool(status.meets),
        "measured_on": status.on,
        "has_requirement": requirement is not None,
        "requirement_name": requirement.name if requirement else "",
        "workplace_type": requirement.get_workplace_type_display() if requirement else "",
        "effective_from": requirement.effective_from if requirement else None,
        "min_credits": requirement.min_credits if requirement else None,
        "min_core_credits": requirement.min_core_credits if requirement else None,
        "verified_credits": status.verified_credits,
        "core_credits": status.core_credits,
        "cpd": status.cpd_summary,
        "missing_areas": [str(area) for area in status.missing_areas],
    }


def _valid_result(statement):
    snapshot = statement.snapshot or {}
    names_by_number = {area.number: str(area) for area in CompetenceArea.objects.all()}
    holder = snapshot.get("holder") or {}
    entries = [
        {
            "title": entry.get("title", ""),
            "institution": entry.get("institution", ""),
            "course_code": entry.get("course_code", ""),
            "credits": _decimal(entry.get("credits")),
            "completed_on": _date(entry.get("completed_on")),
            "areas": _area_names(entry.get("areas"), names_by_number),
            "verified_by_centre": entry.get("verified_by_centre", ""),
            "audit": audit_text(entry.get("audit")),
            "verified_on": _date((entry.get("verified_at") or "")[:10]),
        }
        for entry in snapshot.get("entries") or []
    ]
    return {
        "workplace_name": holder.get("workplace_name") or "",
        "workplace_type": _workplace_label(holder.get("workplace_type")) if holder.get("workplace_type") else "",
        "entries": entries,
        "total_credits": sum((e["credits"] for e in entries if e["credits"] is not None), Decimal("0.0")),
        "issued_status": _issued_status(snapshot.get("status"), names_by_number),
        "current_status": _current_status(statement.owner),
    }


def _certificate_context(certificate, outcome, form):
    names_by_number = {area.number: str(area) for area in CompetenceArea.objects.all()}
    return {
        "outcome": outcome,
        "certificate": certificate,
        "areas": _area_names(certificate.area_numbers, names_by_number),
        "code": form.formatted_code,
        "form": VerifyCodeForm(),
    }


def _over_limit(request):
    form = VerifyCodeForm()
    context = {
        "form": form,
        "rate_limited": True,
        "rate_limit_message": _(
            "You have checked many codes in a short time. For security, wait an hour and try again."
        ),
    }
    response = render(request, FORM_TEMPLATE, context, status=429)
    response["Retry-After"] = str(statements.VERIFY_RATE_PERIOD)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    """Show the form; on POST look the code up (rate-limited, logged) and show the answer."""
    if request.method != "POST":
        return render(request, FORM_TEMPLATE, {"form": VerifyCodeForm()})
    # Every POST counts, valid or not, so nobody can probe codes faster by mixing in garbage.
    if not statements.verify_rate_limit_hit(request):
        return _over_limit(request)
    form = VerifyCodeForm(request.POST)
    if not form.is_valid():
        return render(request, FORM_TEMPLATE, {"form": form})
    return _answer(request, form)


@never_cache
@require_http_methods(["GET"])
def verify_code(request, code):
    """The link on a statement or certificate and in its QR code: the same check, rate-limited and logged alike.

    The code is in the address here, so the answer tells the browser to send no referrer and search engines to
    keep away, and the logs keep only its first four characters (``core.logging``).
    """
    if not statements.verify_rate_limit_hit(request):
        response = _over_limit(request)
    else:
        form = VerifyCodeForm({"code": code})
        response = _answer(request, form) if form.is_valid() else render(request, FORM_TEMPLATE, {"form": form})
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _answer(request, form):
    outcome, statement, certificate = services.code_lookup(
        code=form.cleaned_data["code"], checker=request.user, organisation=form.cleaned_data.get("organisation", "")
    )
    if certificate is not None:
        return render(request, CERTIFICATE_TEMPLATE, _certificate_context(certificate, outcome, form))
    context = {
        "outcome": outcome,
        "statement": statement,
        "code": form.formatted_code,
        "form": VerifyCodeForm(),
    }
    if outcome == "valid":
        context.update(_valid_result(statement))
    return render(request, RESULT_TEMPLATE, context)
