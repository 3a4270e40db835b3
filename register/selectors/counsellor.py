"""Reads for the counsellor's own pages: the competence overview and statements.

Each function fetches everything its page shows, so the number of queries does not grow with
the number of entries, activities or statements.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from register.cpd import counted_credits
from register.models import (
    AffiliationStatus,
    AuditEntry,
    AuditItem,
    AuditOutcome,
    CompetenceArea,
    CompetenceStatement,
    CounsellorProfile,
    CPDActivity,
    CreditEntry,
    CreditStatus,
    HomeCentreRequest,
    SelfAssessment,
    StatementLookup,
)
from register.status import status_for

CREDIT_OBJECT_TYPE = CreditEntry._meta.label_lower


def profile_of(user: User) -> CounsellorProfile | None:
    return CounsellorProfile.objects.select_related("county", "home_centre").filter(user=user).first()


def credits_of(user: User) -> QuerySet[CreditEntry]:
    return CreditEntry.objects.filter(owner=user).prefetch_related("areas").order_by("-completed_on", "-id")


def cpd_activities_of(user: User) -> QuerySet[CPDActivity]:
    return CPDActivity.objects.filter(owner=user).prefetch_related("areas").order_by("-date", "-id")


def self_assessments_of(user: User) -> dict[int, SelfAssessment]:
    """{area_id: SelfAssessment} for the user."""
    return {a.area_id: a for a in SelfAssessment.objects.filter(user=user)}


@dataclass
class AreaRow:
    area: CompetenceArea
    required: bool
    assessment: SelfAssessment | None
    verified: list[CreditEntry] = field(default_factory=list)
    pending: list[CreditEntry] = field(default_factory=list)


def competence_overview(user: User) -> dict[str, Any]:
    """Everything /kompetanse/ shows, in a fixed number of queries."""
    status = status_for(user)
    credits = list(credits_of(user))
    activities = list(cpd_activities_of(user))
    assessments = self_assessments_of(user)
    required_ids = {a.pk for a in status.required_areas}
    rows = {
        area.pk: AreaRow(area=area, required=area.pk in required_ids, assessment=assessments.get(area.pk))
        for area in CompetenceArea.objects.order_by("number")
    }
    for entry in credits:
        for area in entry.areas.all():
            row = rows.get(area.pk)
            if row is None:
                continue
            if entry.status == CreditStatus.VERIFIED:
                row.verified.append(entry)
            elif entry.status == CreditStatus.PENDING:
                row.pending.append(entry)
    return {
        "status": status,
        "credits": credits,
        "activities": activities,
        "area_rows": list(rows.values()),
    }


def credit_audit_trail(credit: CreditEntry) -> list[AuditEntry]:
    """The audit rows of one credit entry, oldest first, each with a readable label."""
    entries = list(
        AuditEntry.objects.filter(object_type=CREDIT_OBJECT_TYPE, object_id=str(credit.pk))
        .select_related("actor")
        .order_by("created_at", "id")
    )
    states = dict(CreditStatus.choices)
    for entry in entries:
        # Display attributes for the template, set on the instances (they are not model fields).
        entry.__dict__.update(
            label=entry.action_label,
            from_label=states.get(entry.details.get("from"), entry.details.get("from")),
            to_label=states.get(entry.details.get("to"), entry.details.get("to")),
            reason=entry.details.get("reason", ""),
            actor_name=str(entry.actor) if entry.actor_id else entry.details.get("actor_pseudonym", ""),
        )
    return entries


def statements_of(user: User) -> QuerySet[CompetenceStatement]:
    """The user's statements with how often and when each was last checked."""
    return (
        CompetenceStatement.objects.filter(owner=user)
        .annotate(lookup_count=Count("lookups"), last_checked_at=Max("lookups__checked_at"))
        .order_by("-created_at")
    )


def lookups_of(statement: CompetenceStatement) -> QuerySet[StatementLookup]:
    return StatementLookup.objects.filter(statement=statement).select_related("checked_by").order_by("-checked_at")


def open_home_centre_request(user: User) -> HomeCentreRequest | None:
    return (
        HomeCentreRequest.objects.filter(user=user, status=AffiliationStatus.REQUESTED).select_related("centre").first()
    )


def _verifying_centres(entries: QuerySet[CreditEntry]) -> dict[str, str]:
    """{entry id: name of the centre whose verifier verified it last}, from the audit trail (one query)."""
    rows = (
        AuditEntry.objects.filter(
            object_type=CREDIT_OBJECT_TYPE,
            object_id__in=[str(pk) for pk in entries.values_list("pk", flat=True)],
            action="credit.verified",
        )
        .exclude(centre=None)
        .order_by("created_at", "id")
        .values_list("object_id", "centre__name")
    )
    return dict(rows)


def _audit_of(entry: CreditEntry) -> dict[str, str] | None:
    """The entry's evidence audit as a statement freezes it: which round, and the outcome so far."""
    try:
        item = entry.audit
    except AuditItem.DoesNotExist:
        return None
    return {"round": item.round.label, "outcome": item.outcome}


def audit_text(audit: dict[str, str] | None) -> str:
    """A frozen audit in words, for the statement page, the verify page and the PDF ("" if none)."""
    if not audit:
        return ""
    if audit.get("outcome") == AuditOutcome.CONFIRMED:
        return _("Confirmed in evidence audit %(round)s") % {"round": audit.get("round", "")}
    return _("Drawn for evidence audit %(round)s, not yet decided") % {"round": audit.get("round", "")}


def competence_snapshot(*, user: User) -> dict[str, Any]:
    """What a competence statement freezes: the holder, their verified entries and their status today.

    JSON-ready, so it is stored as it is on the statement.
    """
    status = status_for(user)
    # An entry whose evidence audit failed no longer counts, so the statement leaves it out.
    entries = (
        counted_credits()
        .filter(owner=user, status=CreditStatus.VERIFIED)
        .select_related("audit__round")
        .prefetch_related("areas")
        .order_by("completed_on")
    )
    profile = getattr(user, "counsellor_profile", None)
    verified_by = _verifying_centres(entries)
    return {
        "holder": {
            "name": user.get_full_name(),
            "workplace_type": profile.workplace_type if profile else None,
            "workplace_name": profile.workplace_name if profile else None,
        },
        "entries": [
            {
                "title": e.title,
                "institution": e.institution,
                "course_code": e.course_code,
                "credits": str(e.credits),
                "completed_on": e.completed_on.isoformat(),
                "areas": [a.number for a in e.areas.all()],
                "verified_at": e.decided_at.isoformat() if e.decided_at else None,
                "verified_by_centre": verified_by.get(str(e.pk), ""),
                "audit": _audit_of(e),
            }
            for e in entries
        ],
        "status": status.as_dict(),
    }
