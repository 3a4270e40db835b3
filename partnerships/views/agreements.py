"""The agreement pages under /partnerskap/: the list, recording and changing an agreement with its partners,
obligations and contacts, its page (guideline clauses, reviews, deliveries, history), the signed document, the
yearly review, and the national guideline clauses.

Agreements are for their centre's admins and the national administrators (``partnerships.permissions``):
anonymous visitors are sent to log in, other signed-in people get a 403 on the lists and a 404 on an agreement,
so ids cannot be probed. Every write goes through ``partnerships.services``.
"""

from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import attach_service_errors
from partnerships import selectors, services
from partnerships.documents import document_response
from partnerships.forms import (
    FORMSETS,
    AgreementForm,
    FulfilmentForm,
    GuidelineClauseForm,
    ReviewForm,
    owner_choices,
    row_formset,
    row_initial,
)
from partnerships.history import history_rows
from partnerships.models import Agreement, AgreementStatus, GuidelineClause, Obligation
from partnerships.permissions import (
    access_agreement,
    admin_centre_ids,
    admin_county_ids,
    agreements_visible_to,
    works_with_agreements,
)
from register.models import Centre, County
from register.permissions import is_national_admin

TEMPLATES = "partnerships/"
AGREEMENTS_PER_PAGE = 50


def _admins_only(view):
    """Log in first; then centre admins and national administrators only (403 for everyone else)."""

    @login_required
    @never_cache
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not works_with_agreements(request.user):
            raise PermissionDenied(_("Partnership agreements are for the centres' admins."))
        return view(request, *args, **kwargs)

    return wrapped


@require_safe
@_admins_only
def agreement_list(request):
    agreements = selectors.agreements_with_clauses(agreements_visible_to(request.user)).order_by(
        "county__number", "centre__name", "title"
    )
    page = Paginator(agreements, AGREEMENTS_PER_PAGE).get_page(request.GET.get("page"))
    clauses = selectors.active_clauses()
    rows = [(agreement, selectors.clause_check(agreement, clauses)) for agreement in page.object_list]
    return render(
        request,
        TEMPLATES + "agreement_list.html",
        {"page": page, "rows": rows, "overviews": _overview_links(request.user)},
    )


def _overview_links(user) -> list[tuple[str, str]]:
    """The overviews this person may open: the national one, or their counties'."""
    if is_national_admin(user):
        return [(_("National overview"), reverse("partnerships:overview_national"))]
    return [
        (
            _("Overview of %(county)s") % {"county": county.name},
            reverse("partnerships:overview_county", args=[county.slug]),
        )
        for county in County.objects.filter(pk__in=admin_county_ids(user))
    ]


def _owners(user) -> list[tuple[str, str]]:
    if is_national_admin(user):
        centres = list(Centre.objects.active().select_related("county"))
        counties = list(County.objects.all())
    else:
        centres = list(Centre.objects.filter(pk__in=admin_centre_ids(user)).select_related("county"))
        counties = list(County.objects.filter(pk__in=admin_county_ids(user)))
    return owner_choices(centres=centres, counties=counties)


def _owner(value: str) -> tuple[Centre | None, County | None]:
    kind, _sep, pk = value.partition(":")
    if kind == "centre":
        centre = Centre.objects.select_related("county").get(pk=int(pk))
        return centre, centre.county
    return None, County.objects.get(pk=int(pk))


def _formsets(request, agreement: Agreement | None) -> dict[str, Any]:
    data = request.POST if request.method == "POST" else None
    initial = row_initial(agreement) if agreement else {}
    extra = (
        {"parties": 1, "obligations": 1, "contacts": 1}
        if agreement
        else {"parties": 2, "obligations": 3, "contacts": 2}
    )
    return {
        prefix: row_formset(form, extra=extra[prefix])(data, prefix=prefix, initial=initial.get(prefix))
        for prefix, form in FORMSETS.items()
    }


def _attach_row_errors(form: AgreementForm, formsets: dict[str, Any], exc: ValidationError) -> None:
    """A service's errors keyed ``parties-0-name`` go to that formset row's field; the rest to the form."""
    rest: dict[str, Any] = {}
    for key, errors in exc.error_dict.items() if hasattr(exc, "error_dict") else []:
        prefix, _sep, tail = key.partition("-")
        index, _sep, field = tail.partition("-")
        formset = formsets.get(prefix)
        rows = getattr(formset, "kept_forms", [])
        if formset is not None and index.isdigit() and int(index) < len(rows):
            row = rows[int(index)]
            row.add_error(field if field in row.fields and field != "id" else None, errors)
        elif key in formsets:
            formsets[key]._non_form_errors = formsets[key].error_class(
                [message for error in errors for message in error.messages]
            )
        else:
            rest[key] = errors
    if rest or not hasattr(exc, "error_dict"):
        attach_service_errors(form, ValidationError(rest) if rest else exc)


def _agreement_form(request, agreement: Agreement | None):
    owners = [] if agreement else _owners(request.user)
    initial = None
    if agreement is not None:
        initial = {field: getattr(agreement, field) for field in services.AGREEMENT_FIELDS}
        # Expiring and expired follow from the dates; the choice is whether it is in force (say, with a new end date).
        in_force = agreement.status in (AgreementStatus.EXPIRING, AgreementStatus.EXPIRED)
        initial["status"] = AgreementStatus.ACTIVE if in_force else agreement.status
    if agreement is None and request.method == "GET" and request.GET.get("eier"):
        initial = {"owner": request.GET["eier"]}
    form = AgreementForm(
        request.POST or None, request.FILES or None, owners=owners, agreement=agreement, initial=initial
    )
    formsets = _formsets(request, agreement)
    if request.method == "POST" and form.is_valid() and all(formset.is_valid() for formset in formsets.values()):
        rows = {prefix: formset.rows() for prefix, formset in formsets.items()}
        data = {field: form.cleaned_data[field] for field in services.AGREEMENT_FIELDS}
        try:
            if agreement is None:
                centre, county = _owner(form.cleaned_data["owner"])
                agreement = services.agreement_create(
                    actor=request.user,
                    centre=centre,
                    county=county,
                    data=data,
                    status=form.cleaned_data["status"],
                    document=form.cleaned_data["document"],
                    **rows,
                )
                messages.success(request, _("The agreement is recorded."))
            else:
                services.agreement_update(
                    agreement=agreement,
                    actor=request.user,
                    data=data,
                    status=form.cleaned_data["status"],
                    document=form.cleaned_data["document"],
                    **rows,
                )
                messages.success(request, _("The agreement is saved."))
        except ValidationError as exc:
            _attach_row_errors(form, formsets, exc)
        else:
            return redirect(agreement)
    context = {
        "form": form,
        "formsets": formsets,
        "formsets_have_errors": request.method == "POST" and any(fs.has_row_errors for fs in formsets.values()),
        "agreement": agreement,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, TEMPLATES + "agreement_form.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@_admins_only
def agreement_create(request):
    return _agreement_form(request, None)


@require_http_methods(["GET", "HEAD", "POST"])
@_admins_only
def agreement_edit(request, pk):
    return _agreement_form(request, access_agreement(request.user, pk))


@require_safe
@_admins_only
def agreement_detail(request, pk):
    access_agreement(request.user, pk)
    agreement = selectors.agreement_for_page(pk)
    clauses = selectors.active_clauses()
    today = timezone.localdate()
    obligations = list(agreement.obligations.all())
    context = {
        "agreement": agreement,
        "check": selectors.clause_check(agreement, clauses),
        "obligations": [(obligation, obligation.is_overdue(today)) for obligation in obligations],
        "totals": selectors.resource_totals(obligations),
        "history": history_rows(selectors.history_of(agreement)),
        "today": today,
    }
    return render(request, TEMPLATES + "agreement_detail.html", context)


@require_safe
@_admins_only
def agreement_document(request, pk):
    """The signed document, for those who may manage the agreement; 404 for everyone else and for no file."""
    return document_response(access_agreement(request.user, pk))


@require_POST
@_admins_only
def agreement_delete(request, pk):
    agreement = access_agreement(request.user, pk)
    try:
        services.agreement_delete(agreement=agreement, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(agreement)
    messages.success(request, _("The draft is deleted."))
    return redirect("partnerships:list")


@require_http_methods(["GET", "HEAD", "POST"])
@_admins_only
def agreement_review(request, pk):
    agreement = access_agreement(request.user, pk)
    obligations = list(agreement.obligations.all())
    form = ReviewForm(request.POST or None, obligations=obligations)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_record(
                agreement=agreement,
                actor=request.user,
                held_on=form.cleaned_data["held_on"],
                participants=form.cleaned_data["participants"],
                changes=form.cleaned_data["changes"],
                deliveries=form.deliveries(),
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("The review is recorded."))
            return redirect(agreement.get_absolute_url() + "#reviews")
    context = {"agreement": agreement, "form": form, "obligations": obligations}
    status = 400 if request.method == "POST" else 200
    return render(request, TEMPLATES + "agreement_review.html", context, status=status)


@require_POST
@_admins_only
def agreement_clause(request, pk, clause_pk):
    """Say that the agreement meets a guideline clause (and where), or that it no longer does."""
    agreement = access_agreement(request.user, pk)
    clause = get_object_or_404(GuidelineClause, pk=clause_pk)
    form = FulfilmentForm(request.POST)
    try:
        if request.POST.get("action") == "remove":
            services.clause_unfulfil(agreement=agreement, clause=clause, actor=request.user)
            messages.success(request, _("“%(clause)s” is no longer marked as met.") % {"clause": clause.title})
        elif form.is_valid():
            services.clause_fulfil(
                agreement=agreement, clause=clause, actor=request.user, note=form.cleaned_data["note"]
            )
            messages.success(request, _("“%(clause)s” is marked as met.") % {"clause": clause.title})
        else:
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(agreement.get_absolute_url() + "#guidelines")


@require_POST
@_admins_only
def obligation_met(request, pk, obligation_pk):
    agreement = access_agreement(request.user, pk)
    obligation = get_object_or_404(Obligation, pk=obligation_pk, agreement=agreement)
    services.obligation_mark_met(obligation=obligation, actor=request.user)
    messages.success(request, _("“%(obligation)s” is marked as met today.") % {"obligation": obligation.description})
    return redirect(agreement.get_absolute_url() + "#obligations")


# The national guidelines


@require_safe
@_admins_only
def clause_list(request):
    """The national guideline clauses: every agreement page checks against them; national admins keep them."""
    clauses = GuidelineClause.objects.all()
    return render(
        request,
        TEMPLATES + "clause_list.html",
        {"clauses": clauses, "can_edit": is_national_admin(request.user)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@_admins_only
def clause_edit(request, pk=None):
    if not is_national_admin(request.user):
        raise PermissionDenied(_("Only national administrators keep the national guidelines."))
    clause = get_object_or_404(GuidelineClause, pk=pk) if pk is not None else None
    form = GuidelineClauseForm(request.POST or None, instance=clause)
    if request.method == "POST" and form.is_valid():
        try:
            services.clause_save(
                actor=request.user,
                clause=clause,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                required_for=form.cleaned_data["required_for"],
                is_active=form.cleaned_data["is_active"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("The guideline clause is saved."))
            return redirect("partnerships:clauses")
    status = 400 if request.method == "POST" else 200
    return render(request, TEMPLATES + "clause_form.html", {"form": form, "clause": clause}, status=status)
