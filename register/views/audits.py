"""Evidence audits: the counsellor answers, the verifier decides, the centre sees its rounds and draws one."""

from decimal import Decimal

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from core.forms import attach_service_errors
from register import services
from register.forms import AuditDecisionForm, AuditDrawForm, AuditEvidenceForm
from register.models import AuditItem, AuditOutcome
from register.permissions import (
    access_audit_item_for_decision,
    access_centre_for_audits,
    access_own_audit_item,
    can_manage_centre,
    require_national_admin,
    verifier_centre_ids,
)
from register.selectors import audits as selectors
from register.services.audits import draw_checks_out
from register.views.centre import serve_evidence

ROUNDS_PAGE_SIZE = 25


@login_required
def audit_item(request, pk):
    """The counsellor's page for one drawn entry: what is asked, by when, and the answer."""
    item = access_own_audit_item(request.user, pk)
    form = AuditEvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.audit_submit(item=item, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("The evidence is sent. A verifier at your centre will look at it."))
            return redirect("audit_item", pk=item.pk)
    return render(request, "register/audits/item.html", {"item": item, "form": form})


@login_required
def audit_decide(request, pk):
    item = access_audit_item_for_decision(request.user, pk)
    form = AuditDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = form.cleaned_data["decision"] == AuditOutcome.CONFIRMED
        try:
            services.audit_decide(
                item=item, verifier=request.user, confirmed=confirmed, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                attach_service_errors(form, exc)
            else:
                messages.error(request, " ".join(exc.messages))
                return redirect("audit_decide", pk=item.pk)
        else:
            messages.success(request, _("The outcome is recorded. The counsellor has been told."))
            return redirect("audit_round", slug=item.round.centre.slug, pk=item.round_id)
    return render(request, "register/audits/decide.html", {"item": item, "form": form})


@login_required
def audit_rounds(request, slug):
    centre = access_centre_for_audits(request.user, slug)
    return _rounds_page(request, centre, AuditDrawForm())


def _rounds_page(request, centre, form):
    context = {
        "centre": centre,
        "rounds": selectors.rounds_of(centre=centre),
        "may_draw": can_manage_centre(request.user, centre),
        "form": form,
    }
    return render(request, "register/audits/rounds.html", context)


@login_required
def audit_overview(request):
    """Every centre's audits and their results, for national administrators."""
    require_national_admin(request.user)
    page = Paginator(selectors.rounds_of(), ROUNDS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "register/audits/overview.html", {"page_obj": page})


@login_required
@require_POST
def audit_draw(request, slug):
    centre = access_centre_for_audits(request.user, slug)
    if not can_manage_centre(request.user, centre):
        raise PermissionDenied
    form = AuditDrawForm(request.POST)
    if not form.is_valid():
        # Sent back at the field, with the share as typed, like every other form.
        return _rounds_page(request, centre, form)
    try:
        round_ = services.audit_draw(centre=centre, actor=request.user, share=Decimal(form.cleaned_data["share"]) / 100)
    except ValidationError as exc:
        # "Nothing to audit" concerns the centre, not the share typed.
        messages.error(request, " ".join(exc.messages))
        return redirect("audit_rounds", slug=centre.slug)
    messages.success(
        request,
        _("%(count)s entries are drawn. Their owners are asked for evidence.") % {"count": len(round_.drawn)},
    )
    return redirect("audit_round", slug=centre.slug, pk=round_.pk)


@login_required
def audit_round(request, slug, pk):
    centre = access_centre_for_audits(request.user, slug)
    round_ = get_object_or_404(selectors.rounds_of(centre=centre), pk=pk)
    context = {
        "centre": centre,
        "round": round_,
        "items": selectors.items_of(round_=round_),
        "checks_out": draw_checks_out(round_),
        "may_decide": centre.pk in verifier_centre_ids(request.user),
    }
    return render(request, "register/audits/round.html", context)


def audit_evidence(request, pk):
    return serve_evidence(request, AuditItem, pk)


@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})
def audit_evidence_preview(request, pk):
    return serve_evidence(request, AuditItem, pk, inline=True)
