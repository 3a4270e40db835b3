"""Centre staff pages: evidence files, verification, the centre network, home centre requests."""

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from core.csv import csv_safe, excel_csv_stream
from core.files import private_file_response
from core.numbers import format_amount
from register import services
from register.filters import NetworkFilter, VerificationFilter
from register.forms import (
    CreditInfoRequestForm,
    CreditRejectForm,
    CreditReverseForm,
    CreditVerifyForm,
    EvidenceDeclineForm,
    HomeCentreDecisionForm,
)
from register.models import CounsellorProfile, CPDActivity, CreditEntry, HomeCentreRequest, WorkplaceType
from register.permissions import (
    REVERSAL_DAYS,
    access_centre_for_management,
    access_centre_for_network,
    access_cpd_for_verification,
    access_credit_for_verification,
    access_network_person,
    can_manage_centre,
    can_reverse,
    can_view_evidence,
    sees_whole_network,
    verifier_centre_ids,
)
from register.selectors import network as selectors
from register.status import requirement_sets_in_force, status_for, statuses_for, with_status

QUEUE_PAGE_SIZE = 25
NETWORK_PAGE_SIZE = 25


# Evidence files


def serve_evidence(request, model, pk, *, inline=False):
    """Send the file, as a download, to its owner or a verifier at the owner's home centre.

    Refusals are 404, not 403, so nobody learns that an id has a file behind it. The file is sent
    with the type found in it at upload (PDF, PNG or JPEG, never anything a browser runs), as an
    attachment, or ``inline`` for the preview beside the verifier's decision form.
    """
    obj = model.objects.select_related("owner__counsellor_profile").filter(pk=pk).first()
    if obj is None or not can_view_evidence(request.user, obj):
        raise Http404
    return private_file_response(
        obj.evidence,
        filename=obj.evidence_name or "evidence",
        content_type=obj.evidence_type or "application/octet-stream",
        inline=inline,
    )


def credit_evidence(request, pk):
    return serve_evidence(request, CreditEntry, pk)


def cpd_evidence(request, pk):
    return serve_evidence(request, CPDActivity, pk)


@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})
def credit_evidence_preview(request, pk):
    """The same file, shown in a frame of this site's own pages (the verification page), nowhere else."""
    return serve_evidence(request, CreditEntry, pk, inline=True)


@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})
def cpd_evidence_preview(request, pk):
    return serve_evidence(request, CPDActivity, pk, inline=True)


# Verification


@login_required
def verification_queue(request):
    if not verifier_centre_ids(request.user):
        managed = selectors.verifiers_at_managed_centres(admin=request.user)
        if not managed:
            raise PermissionDenied
        # A centre admin who does not verify: who does, instead of a bare refusal.
        return render(request, "register/centre/verification_not_verifier.html", {"centres": managed})
    queue_filter = VerificationFilter(request.GET, queryset=selectors.verification_queue(verifier=request.user))
    page = Paginator(queue_filter.qs, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    evidence = selectors.evidence_queue(verifier=request.user)
    evidence_page = Paginator(evidence, QUEUE_PAGE_SIZE).get_page(request.GET.get("evidence_page"))
    today = timezone.localdate()
    for entry in [*page, *evidence_page]:
        entry.waited_days = (today - timezone.localtime(entry.created_at).date()).days
    query = request.GET.copy()
    query.pop("page", None)
    centres = selectors.verification_counts(verifier=request.user)
    context = {
        "page_obj": page,
        "filter": queue_filter,
        "filtered": bool(query),
        "query": query.urlencode(),
        "centres": centres,
        "total_pending": sum(c.pending_count for c in centres),
        "evidence_page": evidence_page,
    }
    return render(request, "register/centre/verification_queue.html", context)


# The verifier's actions on one entry: the service each calls (with the form's fields) and what they are told.
DECISIONS = {
    "verify": "credit_verify",
    "reject": "credit_reject",
    "needs_info": "credit_request_information",
    "reverse": "credit_reverse",
}
DECISION_MESSAGES = {
    "verify": gettext_lazy("The entry is verified. The counsellor has been told."),
    "reject": gettext_lazy("The entry is rejected. The counsellor has been told why."),
    "needs_info": gettext_lazy("The entry is sent back to the counsellor with your question."),
    "reverse": gettext_lazy("Your decision is reversed. The entry waits in the queue again."),
}


@login_required
def verification_detail(request, pk):
    credit = access_credit_for_verification(request.user, pk)
    forms = {
        "verify": CreditVerifyForm(prefix="verify"),
        "reject": CreditRejectForm(prefix="reject"),
        "needs_info": CreditInfoRequestForm(prefix="info"),
        "reverse": CreditReverseForm(prefix="reverse"),
    }
    if request.method == "POST":
        action = request.POST.get("action")
        form = None
        if action in forms:
            form = forms[action] = type(forms[action])(request.POST, prefix=forms[action].prefix)
        else:
            messages.error(request, _("Choose to verify or to reject the entry."))
        if form is not None and form.is_valid():
            # PermissionDenied from the service (the rule is checked again under the row lock) is a 403.
            try:
                getattr(services, DECISIONS[action])(credit=credit, verifier=request.user, **form.cleaned_data)
            except ValidationError as exc:
                if hasattr(exc, "error_dict") and set(exc.error_dict) <= set(form.fields):
                    form.add_error(None, exc)
                else:
                    # "Already decided" and the like concern the entry, not a field: show it as it is now.
                    messages.error(request, " ".join(exc.messages))
                    credit = access_credit_for_verification(request.user, pk)
            else:
                messages.success(request, DECISION_MESSAGES[action])
                return redirect("verification_queue")
    context = {
        "credit": credit,
        "profile": getattr(credit.owner, "counsellor_profile", None),
        "verify_form": forms["verify"],
        "reject_form": forms["reject"],
        "info_form": forms["needs_info"],
        "reverse_form": forms["reverse"],
        "may_reverse": can_reverse(request.user, credit),
        "reversal_days": REVERSAL_DAYS,
        "history": selectors.credit_history(credit=credit),
    }
    return render(request, "register/centre/verification_detail.html", context)


@login_required
def cpd_verification(request, pk):
    """A verifier looks at the evidence of a self-declared CPD activity: verified, the hours count as evidenced."""
    activity = access_cpd_for_verification(request.user, pk)
    forms = {"verify": CreditVerifyForm(prefix="verify"), "decline": EvidenceDeclineForm(prefix="decline")}
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in forms:
            messages.error(request, _("Choose to verify the evidence or not to accept it."))
        else:
            form = forms[action] = type(forms[action])(request.POST, prefix=forms[action].prefix)
            if form.is_valid():
                service = services.cpd_verify_evidence if action == "verify" else services.cpd_decline_evidence
                try:
                    service(activity=activity, verifier=request.user, **form.cleaned_data)
                except ValidationError as exc:
                    messages.error(request, " ".join(exc.messages))
                    activity = access_cpd_for_verification(request.user, pk)
                else:
                    if action == "verify":
                        messages.success(request, _("The evidence is verified: the hours count as evidenced."))
                    else:
                        messages.success(request, _("The evidence is not accepted. The counsellor has been told why."))
                    return redirect("verification_queue")
    context = {
        "activity": activity,
        "profile": getattr(activity.owner, "counsellor_profile", None),
        "verify_form": forms["verify"],
        "decline_form": forms["decline"],
    }
    return render(request, "register/centre/cpd_verification.html", context)


# The centre network


def _sort_headers(request, current):
    """Column header links for ?sort=, keeping the other filters; ``aria_sort`` for the current column."""
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("format", None)
    headers = {}
    for key in ("name", "credits", "cpd"):
        ascending = current == key
        descending = current == f"-{key}"
        params["sort"] = f"-{key}" if ascending else key
        headers[key] = {
            "url": f"?{params.urlencode()}",
            "aria_sort": "ascending" if ascending else "descending" if descending else None,
        }
    return headers


def _network_page_rows(centre, ids, sets):
    """The network's counsellors with those ids, in that order, with their status (2 queries)."""
    by_pk = {row.pk: row for row in selectors.network_rows(centre=centre, ids=ids)}
    return with_status([by_pk[pk] for pk in ids], sets=sets)


# The CSV reads the network this many counsellors at a time, so its memory stays flat however large the network
# (a peak of 24 MB for a chunk of 2,000, 15 MB for 1,000). Each chunk's query for their credit entries costs about
# the same whatever its size (PostgreSQL scans the entries table rather than look up thousands of owners): on the
# national seed 2,000 a chunk rather than 1,000 made a 1,563-person network's export 10 % faster.
CSV_CHUNK = 2000


def _network_csv(centre, rows, sets):
    """The filtered network as CSV, streamed: the sorted ids first, then the rows a chunk at a time with their
    status. Amounts as on the page (a decimal comma in bokmål, as Norwegian Excel reads them with the semicolons)."""
    ids = list(rows.values_list("pk", flat=True))
    header = [
        _("Name"),
        _("E-mail"),
        _("Workplace type"),
        _("Workplace"),
        _("County"),
        _("Verified studiepoeng"),
        _("Pending studiepoeng"),
        _("Required studiepoeng"),
        _("Professional development hours in the cycle"),
        _("Of which evidenced or attended"),
        _("Professional development hours required"),
        _("Meets the requirement"),
        _("Standing"),
    ]

    def lines():
        yield header
        # The words every row repeats, translated once.
        types = {value: str(label) for value, label in WorkplaceType.choices}
        yes, no = _("Yes"), _("No")
        labels = {}  # a few standings and days for many rows
        for start in range(0, len(ids), CSV_CHUNK):
            rows = selectors.network_export_rows(centre=centre, ids=ids[start : start + CSV_CHUNK])
            statuses = statuses_for(
                {row["user_id"]: row["workplace_type"] for row in rows},
                requirement_sets=sets,
                count_failed_audits=False,
            )
            for row in rows:
                status = statuses[row["user_id"]]
                requirement = status.requirement
                key = (status.standing, status.standing_date)
                if key not in labels:
                    labels[key] = status.standing_label
                yield [
                    csv_safe(row["display_name"]),
                    csv_safe(row["user__email"]),
                    types.get(row["workplace_type"], row["workplace_type"]),
                    csv_safe(row["workplace_name"]),
                    row["county__name"],
                    format_amount(status.verified_credits),
                    format_amount(status.pending_credits),
                    format_amount(requirement.min_credits if requirement else None),
                    format_amount(status.cpd_hours),
                    format_amount(status.cpd_backed_hours),
                    format_amount(requirement.cpd_hours if requirement else None),
                    yes if status.meets else no,
                    labels[key],
                ]

    return excel_csv_stream(f"nettverk-{centre.slug}-{timezone.localdate():%Y-%m-%d}.csv", lines())


@login_required
def centre_network(request, slug):
    centre = access_centre_for_network(request.user, slug)
    sets = requirement_sets_in_force()
    if not sees_whole_network(request.user, centre):
        # HR: the centre's own staff only; anyone else's competence through a statement they give.
        if request.GET.get("format") == "csv":
            raise PermissionDenied
        staff = selectors.network_staff(centre=centre, requirement_sets=sets)
        return render(request, "register/centre/network.html", {"centre": centre, "staff": staff, "staff_only": True})
    network_filter = NetworkFilter(
        request.GET,
        queryset=selectors.network_counsellors(
            centre=centre, requirement_sets=sets, status_names=NetworkFilter.status_names(request.GET)
        ),
    )
    rows = network_filter.qs
    if request.GET.get("format") == "csv":
        return _network_csv(centre, rows, sets)
    # The ids in order, once: the count and the page come from them, so the filter's conditions are asked of the
    # network once, not once for a COUNT and again for the page.
    page = Paginator(list(rows.values_list("pk", flat=True)), NETWORK_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = _network_page_rows(centre, page.object_list, sets)
    sort = network_filter.form.cleaned_data.get("sort") or "name"
    query = request.GET.copy()
    query.pop("page", None)
    csv_query = query.copy()
    csv_query["format"] = "csv"
    is_manager = can_manage_centre(request.user, centre)
    context = {
        "centre": centre,
        "filter": network_filter,
        "page_obj": page,
        "query": query.urlencode(),
        "csv_url": f"?{csv_query.urlencode()}",
        "sort_headers": _sort_headers(request, sort),
        "staff": selectors.network_staff(centre=centre, requirement_sets=sets),
        "is_manager": is_manager,
        "requests": list(selectors.open_home_centre_requests(centre=centre)) if is_manager else [],
    }
    return render(request, "register/centre/network.html", context)


@login_required
@require_POST
def home_centre_decision(request, slug, pk):
    centre = access_centre_for_management(request.user, slug)
    home_request = get_object_or_404(HomeCentreRequest.objects.select_related("user"), pk=pk, centre=centre)
    form = HomeCentreDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or to decline the request."))
        return redirect("centre_network", slug=centre.slug)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.home_centre_decide(request=home_request, actor=request.user, approve=approve)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        name = str(home_request.user)
        if approve:
            message = _("%(name)s now has %(centre)s as home centre.") % {"name": name, "centre": centre}
        else:
            message = _("The request from %(name)s is declined.") % {"name": name}
        messages.success(request, message)
    return redirect("centre_network", slug=centre.slug)


@login_required
def network_counsellor(request, slug, user_pk):
    centre, person = access_network_person(request.user, slug, user_pk)
    profile = getattr(person, "counsellor_profile", None)
    entries = list(selectors.verified_entries_of(user=person))
    context = {
        "centre": centre,
        "person": person,
        "profile": profile,
        "is_affiliated": profile is not None and profile.home_centre_id == centre.pk,
        "status": status_for(person) if profile else None,
        "entries": entries,
        "competence": selectors.competence_by_area(user=person, entries=entries),
        "is_manager": can_manage_centre(request.user, centre),
    }
    return render(request, "register/centre/network_counsellor.html", context)


@login_required
@require_POST
def network_affiliation_end(request, slug, user_pk):
    centre = access_centre_for_management(request.user, slug)
    profile = get_object_or_404(CounsellorProfile.objects.select_related("user"), user_id=user_pk, home_centre=centre)
    try:
        services.home_centre_end(profile=profile, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s no longer has %(centre)s as home centre.") % {"name": profile.user, "centre": centre},
        )
    return redirect("centre_network", slug=centre.slug)
