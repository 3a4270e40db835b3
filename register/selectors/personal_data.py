"""The register's part of "my data" (``accounts.personal_data``): profile, roles, credits with their audit trail,
CPD, self-assessment, statements, certificates of attendance and the rest of the audit trail about the person."""

from typing import Any

from django.db.models import Prefetch

from accounts.models import User
from accounts.selectors import iso
from register.models import (
    AttendanceCertificate,
    AuditEntry,
    AuditItem,
    CompetenceStatement,
    CounsellorProfile,
    CPDActivity,
    CreditEntry,
    HomeCentreRequest,
    LapseWarning,
    Membership,
    NationalRole,
    SelfAssessment,
    StatementLookup,
)
from register.selectors.counsellor import CREDIT_OBJECT_TYPE, cpd_activities_of, credits_of, profile_of

# The links to the person this part exports. Left out on purpose (tests/accounts/test_personal_data.py):
# AuditEntry.actor, CreditEntry.decided_by, CPDActivity.reviewed_by and HomeCentreRequest.decided_by, what a
# person did as staff to other people's records.
COVERS = [
    (CounsellorProfile, "user"),
    (Membership, "user"),
    (NationalRole, "user"),
    (HomeCentreRequest, "user"),
    (CreditEntry, "owner"),
    (CPDActivity, "owner"),
    (SelfAssessment, "user"),
    (CompetenceStatement, "owner"),
    (AttendanceCertificate, "owner"),
    (AuditEntry, "subject_user"),
    (StatementLookup, "checked_by"),
    (LapseWarning, "user"),
    (AuditItem, "owner"),
]


def _checked_by(lookup: StatementLookup) -> str | None:
    """Who checked a code, as the holder sees it on the statement page."""
    if lookup.checked_by_id:
        return f"{lookup.checked_by} ({lookup.checker_centres})" if lookup.checker_centres else str(lookup.checked_by)
    return lookup.organisation or None


def _audit(entry: AuditEntry) -> dict[str, Any]:
    return {
        "at": iso(entry.created_at),
        "action": entry.action,
        "by": str(entry.actor) if entry.actor_id else entry.details.get("actor_pseudonym"),
        "from": entry.details.get("from"),
        "to": entry.details.get("to"),
        "reason": entry.details.get("reason"),
    }


def personal_data(user: User) -> dict[str, Any]:
    """Everything the register holds about ``user``, JSON-ready."""
    profile = profile_of(user)
    credits = list(credits_of(user).select_related("decided_by"))
    trails: dict[str, list[dict[str, Any]]] = {}
    for entry in (
        AuditEntry.objects.filter(object_type=CREDIT_OBJECT_TYPE, object_id__in=[str(c.pk) for c in credits])
        .select_related("actor")
        .order_by("created_at", "id")
    ):
        trails.setdefault(entry.object_id, []).append(_audit(entry))
    statements = CompetenceStatement.objects.filter(owner=user).prefetch_related(
        Prefetch("lookups", queryset=StatementLookup.objects.select_related("checked_by").order_by("checked_at"))
    )
    certificates = AttendanceCertificate.objects.filter(owner=user).prefetch_related(
        Prefetch("lookups", queryset=StatementLookup.objects.order_by("checked_at"))
    )
    return {
        "counsellor_profile": (
            {
                "workplace_type": profile.workplace_type,
                "workplace_name": profile.workplace_name,
                "county": profile.county.name,
                "job_title": profile.job_title,
                "position_percentage": profile.position_percentage,
                "home_centre": profile.home_centre.name if profile.home_centre else None,
            }
            if profile
            else None
        ),
        "memberships": [
            {"centre": m.centre.name, "role": m.role, "since": iso(m.created_at)}
            for m in Membership.objects.filter(user=user).select_related("centre")
        ],
        "national_roles": [
            {"role": r.role, "since": iso(r.created_at)} for r in NationalRole.objects.filter(user=user)
        ],
        "home_centre_requests": [
            {"centre": r.centre.name, "status": r.status, "requested": iso(r.created_at), "message": r.message}
            for r in HomeCentreRequest.objects.filter(user=user).select_related("centre")
        ],
        "credit_entries": [
            {
                "id": c.pk,
                "title": c.title,
                "institution": c.institution,
                "course_code": c.course_code,
                "studiepoeng": str(c.credits),
                "completed_on": iso(c.completed_on),
                "competence_areas": [a.number for a in c.areas.all()],
                "evidence_file_name": c.evidence_name,
                "status": c.status,
                "logged": iso(c.created_at),
                "decided": iso(c.decided_at),
                "decided_by": str(c.decided_by) if c.decided_by else None,
                "decision_reason": c.decision_reason,
                "audit_trail": trails.get(str(c.pk), []),
            }
            for c in credits
        ],
        "cpd_activities": [
            {
                "id": a.pk,
                "title": a.title,
                "date": iso(a.date),
                "hours": str(a.hours),
                "kind": a.kind,
                "competence_areas": [area.number for area in a.areas.all()],
                "reflection": a.reflection,
                "evidence_file_name": a.evidence_name or None,
                "source": a.source,
                "evidence_level": a.evidence_level,
                "evidence_review": a.review or None,
                "note_from_the_centre": a.review_note or None,
                "logged": iso(a.created_at),
            }
            for a in cpd_activities_of(user)
        ],
        "evidence_audits": [
            {
                "audit": item.round.label,
                "centre": item.round.centre.name,
                "entry": item.title,
                "evidence_due": iso(item.round.deadline),
                "outcome": item.outcome,
                "evidence_file_name": item.evidence_name or None,
                "message": item.message or None,
                "evidence_sent": iso(item.submitted_at) if item.submitted_at else None,
                "decided": iso(item.decided_at) if item.decided_at else None,
                "reason": item.reason or None,
            }
            for item in AuditItem.objects.filter(owner=user).select_related("round__centre", "credit", "activity")
        ],
        "lapse_warnings": [
            {"lapses_on": iso(w.lapses_on), "days_before": w.days_before, "sent": iso(w.sent_at)}
            for w in LapseWarning.objects.filter(user=user).order_by("sent_at")
        ],
        "self_assessments": [
            {"area": s.area.number, "level": s.level, "note": s.note, "updated": iso(s.updated_at)}
            for s in SelfAssessment.objects.filter(user=user).select_related("area").order_by("area__number")
        ],
        "statements": [
            {
                "code": s.code,
                "issued": iso(s.created_at),
                "expires_on": iso(s.expires_on),
                "revoked": iso(s.revoked_at),
                "snapshot": s.snapshot,
                "lookups": [
                    {"checked": iso(lookup.checked_at), "outcome": lookup.outcome, "by": _checked_by(lookup)}
                    for lookup in s.lookups.all()
                ],
            }
            for s in statements
        ],
        "attendance_certificates": [
            {
                "code": c.code,
                "title": c.title,
                "issued_by": c.issuer_name,
                "from": iso(c.starts_on),
                "to": iso(c.ends_on),
                "hours": str(c.hours),
                "competence_areas": c.area_numbers,
                "issued": iso(c.created_at),
                "revoked": iso(c.revoked_at),
                "lookups": [
                    {"checked": iso(lookup.checked_at), "outcome": lookup.outcome} for lookup in c.lookups.all()
                ],
            }
            for c in certificates
        ],
        # Codes the person checked (as HR, say): when and with what answer; whose code it was is the holder's.
        "codes_checked": [
            {"checked": iso(lookup.checked_at), "outcome": lookup.outcome, "as_staff_of": lookup.checker_centres}
            for lookup in StatementLookup.objects.filter(checked_by=user).order_by("checked_at")
        ],
        # The rest of the audit trail about the person (roles, home centre, statements); a credit's trail is
        # with the credit above.
        "audit_trail": [
            {**_audit(entry), "object": entry.object_type}
            for entry in AuditEntry.objects.filter(subject_user=user)
            .exclude(object_type=CREDIT_OBJECT_TYPE)
            .select_related("actor")
            .order_by("created_at", "id")
        ],
    }
