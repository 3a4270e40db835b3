"""Credit entries, CPD activities and self-assessment."""

from collections.abc import Iterable
from datetime import date as Date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.unset import UNSET, Unset
from notifications.services import notice_send
from register.evidence import evidence_file_name, validate_evidence
from register.models import (
    ActivityKind,
    ActivitySource,
    CompetenceArea,
    CPDActivity,
    CreditEntry,
    CreditStatus,
    Level,
    Membership,
    Role,
    SelfAssessment,
)
from register.permissions import can_verify
from register.services.organisation import audit_record

MAX_CREDITS = Decimal("60")
MAX_HOURS = Decimal("100")


def _decimal(value: Decimal | str | float | None, *, field: str, maximum: Decimal, label: str) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Enter a number, for example 7.5.")}) from None
    if not number.is_finite() or number <= 0 or number > maximum:
        raise ValidationError(
            {field: _("%(label)s must be more than 0 and at most %(max)s.") % {"label": label, "max": maximum}}
        )
    if number != number.quantize(Decimal("0.1")):
        raise ValidationError({field: _("Use at most one decimal place.")})
    return number.quantize(Decimal("0.1"))


def _past_date(value: Date | None, *, field: str) -> Date:
    if value is None:
        raise ValidationError({field: _("Enter a date.")})
    if value > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})
    return value


def _areas(areas: Iterable[CompetenceArea | int | str] | None, *, required: bool) -> list[CompetenceArea]:
    ids = {a.pk if isinstance(a, CompetenceArea) else a for a in (areas or [])}
    # An id beyond the id column's range names no area; asking the database for it would fail (a 500).
    low, high = connection.ops.integer_field_range(CompetenceArea._meta.pk.get_internal_type())
    candidates = [int(i) for i in ids if str(i).isdigit() and low <= int(i) <= high]
    found = list(CompetenceArea.objects.filter(pk__in=candidates))
    if len(found) != len(ids):
        raise ValidationError({"areas": _("Choose competence areas from the list.")})
    if required and not found:
        raise ValidationError({"areas": _("Choose at least one competence area.")})
    return found


def _attach_evidence(obj: CreditEntry | CPDActivity, evidence: UploadedFile) -> None:
    try:
        obj.evidence_type = validate_evidence(evidence)
    except ValidationError as exc:
        raise ValidationError({"evidence": exc.messages}) from None
    obj.evidence_name = evidence_file_name(evidence.name, obj.evidence_type)
    obj.evidence = evidence


def _require_owner(obj: CreditEntry | CPDActivity, actor: User) -> None:
    if obj.owner_id != actor.pk:
        raise PermissionDenied(_("Only the owner may change this."))


def _notify_verifiers(entry: CreditEntry) -> None:
    profile = getattr(entry.owner, "counsellor_profile", None)
    if profile is None or profile.home_centre_id is None:
        return
    verifiers = Membership.objects.filter(centre_id=profile.home_centre_id, role=Role.VERIFIER).select_related("user")
    for membership in verifiers:
        if membership.user_id != entry.owner_id:
            notice_send(
                recipient=membership.user,
                kind="register.to_verify",
                title=_("New entry to verify: %(title)s") % {"title": entry.title},
                link=reverse("verification_queue"),
            )


@transaction.atomic
def credit_create(
    *,
    owner: User,
    title: str,
    institution: str,
    credits: Decimal | str,
    completed_on: Date | None,
    areas: Iterable[CompetenceArea | int],
    evidence: UploadedFile | None,
    course_code: str = "",
) -> CreditEntry:
    """Log a course. It waits as pending until a verifier at the owner's home centre decides."""
    if not evidence:
        raise ValidationError({"evidence": _("Upload the evidence: a PDF, PNG or JPEG file.")})
    entry = CreditEntry(
        owner=owner,
        title=(title or "").strip(),
        institution=(institution or "").strip(),
        course_code=(course_code or "").strip(),
        credits=_decimal(credits, field="credits", maximum=MAX_CREDITS, label=_("Studiepoeng")),
        completed_on=_past_date(completed_on, field="completed_on"),
    )
    found = _areas(areas, required=True)
    _attach_evidence(entry, evidence)
    entry.full_clean(exclude=["evidence"])
    entry.save()
    entry.areas.set(found)
    audit_record(actor=owner, action="credit.created", obj=entry, subject_user=owner, details={"to": "pending"})
    _notify_verifiers(entry)
    return entry


@transaction.atomic
def credit_update(
    *,
    credit: CreditEntry,
    actor: User,
    title: str | None | Unset = UNSET,
    institution: str | None | Unset = UNSET,
    course_code: str | None | Unset = UNSET,
    credits: Decimal | str | None | Unset = UNSET,
    completed_on: Date | None | Unset = UNSET,
    areas: Iterable[CompetenceArea | int] | None | Unset = UNSET,
    evidence: UploadedFile | None = None,
) -> CreditEntry:
    """The owner edits an entry while it is pending.

    Only the fields given change (a partial update); a new evidence file replaces the old one, and no
    file keeps it. An unknown field is a TypeError, never silently dropped.
    """
    credit = CreditEntry.objects.select_for_update().get(pk=credit.pk)
    _require_owner(credit, actor)
    if credit.status != CreditStatus.PENDING:
        raise ValidationError(_("Only pending entries can be changed."))
    if title is not UNSET:
        credit.title = (title or "").strip()
    if institution is not UNSET:
        credit.institution = (institution or "").strip()
    if course_code is not UNSET:
        credit.course_code = (course_code or "").strip()
    if credits is not UNSET:
        credit.credits = _decimal(credits, field="credits", maximum=MAX_CREDITS, label=_("Studiepoeng"))
    if completed_on is not UNSET:
        credit.completed_on = _past_date(completed_on, field="completed_on")
    found = _areas(areas, required=True) if areas is not UNSET else None
    old_file = None
    if evidence:
        old_file = credit.evidence.name
        _attach_evidence(credit, evidence)
    credit.full_clean(exclude=["evidence"])
    credit.save()
    if found is not None:
        credit.areas.set(found)
    if old_file:
        transaction.on_commit(lambda: credit.evidence.storage.delete(old_file))
    audit_record(actor=actor, action="credit.edited", obj=credit, subject_user=credit.owner)
    return credit


@transaction.atomic
def credit_delete(*, credit: CreditEntry, actor: User) -> None:
    credit = CreditEntry.objects.select_for_update().get(pk=credit.pk)
    _require_owner(credit, actor)
    if credit.status != CreditStatus.PENDING:
        raise ValidationError(_("Only pending entries can be deleted."))
    name, storage = credit.evidence.name, credit.evidence.storage
    audit_record(
        actor=actor, action="credit.deleted", obj=credit, subject_user=credit.owner, details={"title": credit.title}
    )
    credit.delete()
    transaction.on_commit(lambda: storage.delete(name))


def _decide(*, credit: CreditEntry, verifier: User, to_status: CreditStatus, reason: str) -> CreditEntry:
    credit = CreditEntry.objects.select_for_update().select_related("owner").get(pk=credit.pk)
    if not can_verify(verifier, credit):
        raise PermissionDenied(_("You may not verify this entry."))
    if credit.status != CreditStatus.PENDING:
        raise ValidationError(_("This entry has already been decided."))
    credit.status = to_status
    credit.decided_by = verifier
    credit.decided_at = timezone.now()
    credit.decision_reason = reason
    credit.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    profile = getattr(credit.owner, "counsellor_profile", None)
    audit_record(
        actor=verifier,
        action=f"credit.{to_status}",
        obj=credit,
        subject_user=credit.owner,
        centre=profile.home_centre if profile else None,
        details={"from": CreditStatus.PENDING, "to": to_status, "reason": reason, "title": credit.title},
    )
    return credit


@transaction.atomic
def credit_verify(*, credit: CreditEntry, verifier: User, note: str = "") -> CreditEntry:
    """Accept a pending entry. Caller need not lock: the row is locked here."""
    credit = _decide(credit=credit, verifier=verifier, to_status=CreditStatus.VERIFIED, reason=(note or "").strip())
    notice_send(
        recipient=credit.owner,
        kind="register.decision",
        title=_("Verified: %(title)s (%(credits)s studiepoeng)") % {"title": credit.title, "credits": credit.credits},
        link=reverse("credit_detail", kwargs={"pk": credit.pk}),
    )
    return credit


@transaction.atomic
def credit_reject(*, credit: CreditEntry, verifier: User, reason: str) -> CreditEntry:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the entry is rejected, so the counsellor can put it right.")})
    credit = _decide(credit=credit, verifier=verifier, to_status=CreditStatus.REJECTED, reason=reason)
    notice_send(
        recipient=credit.owner,
        kind="register.decision",
        title=_("Not verified: %(title)s") % {"title": credit.title},
        body=reason,
        link=reverse("credit_detail", kwargs={"pk": credit.pk}),
    )
    return credit


@transaction.atomic
def cpd_create(
    *,
    owner: User,
    title: str,
    date: Date | None,
    hours: Decimal | str,
    kind: str,
    areas: Iterable[CompetenceArea | int] = (),
    reflection: str = "",
    evidence: UploadedFile | None = None,
) -> CPDActivity:
    """Log professional development hours by hand."""
    if kind not in ActivityKind.values:
        raise ValidationError({"kind": _("Choose a kind of activity from the list.")})
    activity = CPDActivity(
        owner=owner,
        title=(title or "").strip(),
        date=_past_date(date, field="date"),
        hours=_decimal(hours, field="hours", maximum=MAX_HOURS, label=_("Hours")),
        kind=kind,
        reflection=(reflection or "").strip(),
        source=ActivitySource.MANUAL,
    )
    found = _areas(areas, required=False)
    if evidence:
        _attach_evidence(activity, evidence)
    activity.full_clean(exclude=["evidence"])
    activity.save()
    activity.areas.set(found)
    return activity


@transaction.atomic
def cpd_delete(*, activity: CPDActivity, actor: User) -> None:
    _require_owner(activity, actor)
    if activity.source != ActivitySource.MANUAL:
        raise ValidationError(_("Hours from an attended event are removed by the organiser, not here."))
    name, storage = activity.evidence.name, activity.evidence.storage
    activity.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def cpd_record_from_source(
    *,
    owner: User,
    source: str,
    source_ref: str,
    title: str,
    date: Date,
    hours: Decimal,
    kind: str,
    areas: Iterable[CompetenceArea | int] = (),
) -> CPDActivity:
    """The CPD activity for e.g. an attended event: one per source reference, kept in step with the source.

    Called again (the event was corrected), it updates the title, date, hours, kind and areas.
    """
    activity, _created = CPDActivity.objects.update_or_create(
        owner=owner,
        source=source,
        source_ref=source_ref,
        defaults={"title": title, "date": date, "hours": hours, "kind": kind},
    )
    activity.areas.set(areas)
    return activity


@transaction.atomic
def cpd_remove_from_source(*, owner: User, source: str, source_ref: str) -> int:
    return CPDActivity.objects.filter(owner=owner, source=source, source_ref=source_ref).delete()[0]


@transaction.atomic
def self_assessment_set(*, user: User, area: CompetenceArea, level: str, note: str = "") -> SelfAssessment:
    if level not in Level.values:
        raise ValidationError({"level": _("Choose a level from the list.")})
    assessment, _created = SelfAssessment.objects.update_or_create(
        user=user, area=area, defaults={"level": level, "note": (note or "").strip()[:1000]}
    )
    return assessment
