"""The counsellor's own competence pages: status, credits, CPD, self-assessment, statements,
home centre and personal data.

Every object is fetched through an ``access_own_*`` function, so another person's id is a 404;
every write goes through ``register.services``.
"""

import datetime
import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.personal_data import personal_data_export
from core.forms import attach_service_errors
from register import services
from register.documents import statement_pdf_response
from register.forms import (
    AccountDeleteForm,
    CPDActivityForm,
    CreditEntryForm,
    CreditResubmitForm,
    HomeCentreRequestForm,
    SelfAssessmentForm,
    StatementIssueForm,
)
from register.home_centre_sections import home_centre_sections
from register.models import CompetenceArea, CreditStatus
from register.permissions import access_own_cpd, access_own_credit, access_own_statement
from register.selectors.audits import audits_of
from register.selectors.counsellor import (
    audit_text,
    competence_overview,
    credit_audit_trail,
    lookups_of,
    open_home_centre_request,
    profile_of,
    self_assessments_of,
    statements_of,
)
from register.services.statements import format_code, verification_link
from register.status import cpd_summary

TEMPLATES = "register/competence/"


def _error_messages(request, exc):
    for message in exc.messages:
        messages.error(request, message)


# status and overview


@login_required
def competence(request):
    context = competence_overview(request.user)
    context["profile"] = getattr(request.user, "counsellor_profile", None)
    context["audits"] = list(audits_of(user=request.user))
    return render(request, TEMPLATES + "overview.html", context)


# credit entries


@login_required
def credit_create(request):
    form = CreditEntryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.credit_create(owner=request.user, **form.service_fields())
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("The course is logged and waits for verification by your centre."))
            return redirect("credit_detail", pk=entry.pk)
    return render(request, TEMPLATES + "credit_form.html", {"form": form, "entry": None})


@login_required
def credit_detail(request, pk):
    entry = access_own_credit(request.user, pk)
    return render(request, TEMPLATES + "credit_detail.html", {"entry": entry, "trail": credit_audit_trail(entry)})


@login_required
def credit_edit(request, pk):
    entry = access_own_credit(request.user, pk)
    if not entry.is_pending:
        messages.error(request, _("Only pending entries can be changed."))
        return redirect("credit_detail", pk=entry.pk)
    form = CreditEntryForm(request.POST or None, request.FILES or None, initial=_entry_initial(entry), editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.credit_update(credit=entry, actor=request.user, **form.service_fields())
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("credit_detail", pk=entry.pk)
    return render(request, TEMPLATES + "credit_form.html", {"form": form, "entry": entry})


def _entry_initial(entry):
    return {
        "title": entry.title,
        "institution": entry.institution,
        "course_code": entry.course_code,
        "credits": entry.credits,
        "completed_on": entry.completed_on,
        "areas": list(entry.areas.all()),
    }


@login_required
def credit_resubmit(request, pk):
    """Correct a rejected entry, or answer the verifier's question, and send it for verification again."""
    entry = access_own_credit(request.user, pk)
    if entry.status not in services.RESUBMITTABLE:
        messages.error(request, _("Only a rejected entry, or one the verifier asked about, can be sent again."))
        return redirect("credit_detail", pk=entry.pk)
    form = CreditResubmitForm(
        request.POST or None,
        request.FILES or None,
        initial=_entry_initial(entry),
        needs_answer=entry.status == CreditStatus.NEEDS_INFO,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.credit_resubmit(credit=entry, actor=request.user, **form.service_fields())
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("The entry is sent again and waits for verification by your centre."))
            return redirect("credit_detail", pk=entry.pk)
    return render(request, TEMPLATES + "credit_resubmit.html", {"form": form, "entry": entry})


@login_required
@require_POST
def credit_delete(request, pk):
    entry = access_own_credit(request.user, pk)
    try:
        services.credit_delete(credit=entry, actor=request.user)
    except ValidationError as exc:
        _error_messages(request, exc)
        return redirect("credit_detail", pk=entry.pk)
    messages.success(request, _("The entry is deleted."))
    return redirect("competence")


# CPD activities


@login_required
def cpd_create(request):
    form = CPDActivityForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cpd_create(owner=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("The activity is logged."))
            return redirect("competence")
    return render(request, TEMPLATES + "cpd_form.html", {"form": form})


@login_required
def cpd_detail(request, pk):
    activity = access_own_cpd(request.user, pk)
    return render(request, TEMPLATES + "cpd_detail.html", {"activity": activity})


@login_required
def cpd_edit(request, pk):
    activity = access_own_cpd(request.user, pk)
    if not activity.is_editable:
        messages.error(request, _("Only hours you logged yourself, not yet verified by your centre, can be changed."))
        return redirect("cpd_detail", pk=activity.pk)
    initial = {
        "title": activity.title,
        "date": activity.date,
        "hours": activity.hours,
        "kind": activity.kind,
        "areas": list(activity.areas.all()),
        "reflection": activity.reflection,
    }
    form = CPDActivityForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {key: value for key, value in form.cleaned_data.items() if key != "evidence" or value}
        try:
            services.cpd_update(activity=activity, actor=request.user, **fields)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("cpd_detail", pk=activity.pk)
    return render(request, TEMPLATES + "cpd_form.html", {"form": form, "activity": activity})


@login_required
@require_POST
def cpd_delete(request, pk):
    activity = access_own_cpd(request.user, pk)
    try:
        services.cpd_delete(activity=activity, actor=request.user)
    except ValidationError as exc:
        _error_messages(request, exc)
        return redirect("cpd_detail", pk=activity.pk)
    messages.success(request, _("The activity is deleted."))
    return redirect("competence")


# self-assessment


@login_required
def self_assessment(request):
    areas = CompetenceArea.objects.order_by("number")
    form = SelfAssessmentForm(request.POST or None, areas=areas, assessments=self_assessments_of(request.user))
    if request.method == "POST" and form.is_valid():
        for area, level, note in form.choices_by_area():
            services.self_assessment_set(user=request.user, area=area, level=level, note=note)
        messages.success(request, _("Your self-assessment is saved."))
        return redirect("competence")
    return render(request, TEMPLATES + "self_assessment.html", {"form": form})


# competence statements


@login_required
def statement_list(request):
    form = StatementIssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            statement = services.statement_issue(owner=request.user, valid_days=form.cleaned_data["valid_days"])
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Your statement is issued. Give the code %(code)s to the person who checks it.")
                % {"code": format_code(statement.code)},
            )
            return redirect("statement_detail", pk=statement.pk)
    statements = list(statements_of(request.user))
    for statement in statements:
        statement.formatted_code = format_code(statement.code)
    return render(request, TEMPLATES + "statement_list.html", {"form": form, "statements": statements})


def _iso_date(value):
    try:
        return datetime.date.fromisoformat(value[:10]) if value else None
    except (TypeError, ValueError):
        return None


@login_required
def statement_detail(request, pk):
    statement = access_own_statement(request.user, pk)
    snapshot = statement.snapshot or {}
    area_names = {area.number: area.name for area in CompetenceArea.objects.all()}
    entries = [
        {
            **entry,
            "completed": _iso_date(entry.get("completed_on")),
            "verified_on": _iso_date(entry.get("verified_at")),
            "area_names": [area_names.get(n, str(n)) for n in entry.get("areas", [])],
            "audit_text": audit_text(entry.get("audit")),
        }
        for entry in snapshot.get("entries", [])
    ]
    status = snapshot.get("status") or {}
    requirement = status.get("requirement_set") or {}
    outcomes = {"valid": _("Valid"), "expired": _("Expired"), "revoked": _("Revoked"), "unknown": _("Unknown")}
    lookups = list(lookups_of(statement))
    for lookup in lookups:
        lookup.outcome_label = outcomes.get(lookup.outcome, lookup.outcome)
    context = {
        "statement": statement,
        "code": format_code(statement.code),
        "holder": snapshot.get("holder") or {},
        "entries": entries,
        "status": status,
        "cpd": cpd_summary(status),
        "requirement": requirement,
        "requirement_from": _iso_date(requirement.get("effective_from")),
        "measured_on": _iso_date(status.get("measured_on")),
        "lookups": lookups,
        **verification_link(request, statement.code),
    }
    return render(request, TEMPLATES + "statement_detail.html", context)


@login_required
def statement_pdf(request, pk):
    """The statement as a PDF to attach to an application: while it is valid, for its holder only."""
    statement = access_own_statement(request.user, pk)
    if not statement.is_valid:
        messages.error(request, _("A revoked or expired statement has no PDF. Issue a new statement."))
        return redirect("statement_detail", pk=statement.pk)
    response = statement_pdf_response(statement, verify_url=verification_link(request, statement.code)["verify_url"])
    return response


@login_required
@require_POST
def statement_revoke(request, pk):
    statement = access_own_statement(request.user, pk)
    services.statement_revoke(statement=statement, actor=request.user)
    messages.success(request, _("The statement is revoked. Anyone who checks the code is told so."))
    return redirect("statement_detail", pk=statement.pk)


# home centre


@login_required
def home_centre(request):
    profile = profile_of(request.user)
    pending = open_home_centre_request(request.user)
    action = request.POST.get("action") if request.method == "POST" else None
    form = HomeCentreRequestForm(request.POST if action == "request" else None)
    if action == "request":
        if form.is_valid():
            try:
                services.home_centre_request(
                    user=request.user, centre=form.cleaned_data["centre"], message=form.cleaned_data["message"]
                )
            except ValidationError as exc:
                attach_service_errors(form, exc)
            else:
                messages.success(request, _("Your request is sent. The centre's admin decides."))
                return redirect("home_centre")
    elif action is not None:
        try:
            if action == "withdraw" and pending:
                services.home_centre_withdraw(request=pending, actor=request.user)
                messages.success(request, _("Your request is withdrawn."))
            elif action == "end" and profile and profile.home_centre:
                services.home_centre_end(profile=profile, actor=request.user)
                messages.success(request, _("You no longer have a home centre."))
            else:
                messages.error(request, _("Nothing was changed: the page was out of date. Please try again."))
        except ValidationError as exc:
            _error_messages(request, exc)
        return redirect("home_centre")
    context = {
        "profile": profile,
        "pending": pending,
        "form": form,
        "sections": home_centre_sections(request.user, profile),
    }
    return render(request, TEMPLATES + "home_centre.html", context)


# my data and my account


@login_required
def my_data(request):
    """Everything the platform holds about the person: the union of every app's part (``accounts.personal_data``)."""
    body = json.dumps(personal_data_export(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"karrierenorge-mine-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        # Delete first: if that fails, the person is still logged in and sees the error.
        services.account_delete(user=request.user)
        logout(request)
        messages.success(request, _("Your account and everything it held are deleted."))
        return redirect("home")
    return render(request, TEMPLATES + "account_delete.html", {"form": form})
