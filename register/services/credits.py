"""Credit entries, CPD activities and self-assessment."""

from collections.abc import Iterable
from datetime import date as Date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.numbers import parse_amount
from core.phrases import Phrase, phrase, verbatim
from core.unset import UNSET, Unset
from core.validation import FieldErrors
from notifications.services import notice_send
from register.evidence import evidence_file_name, validate_evidence
from register.models import (
    ActivityKind,
    ActivitySource,
    CompetenceArea,
    CPDActivity,
    CreditEntry,
    CreditStatus,
    EvidenceLevel,
    EvidenceReview,
    Level,
    Membership,
    Role,
    SelfAssessment,
)
from register.permissions import REVERSAL_DAYS, can_reverse, can_verify, can_verify_cpd
from register.services.organisation import audit_record

MAX_CREDITS = Decimal("60")
MAX_HOURS = Decimal("100")


def parse_credits(value: Decimal | str | float | None) -> Decimal:
    """Studiepoeng as typed (``7,5`` or ``7.5``): more than 0, at most 60, one decimal place."""
    return parse_amount(value, maximum=MAX_CREDITS, label=_("Studiepoeng"))


def parse_hours(value: Decimal | str | float | None) -> Decimal:
    """Hours of one CPD activity as typed: more than 0, at most 100, one decimal place."""
    return parse_amount(value, maximum=MAX_HOURS, label=_("Hours"))


def past_date(value: Date | None) -> Date:
    """The day a course was passed or an activity held: given, and not in the future."""
    if value is None:
        raise ValidationError(_("Enter a date."), code="required")
    if value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future")
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


def _attach_evidence(obj: CreditEntry | CPDActivity, evidence: UploadedFile, errors: FieldErrors) -> None:
    evidence_type = errors.check("evidence", validate_evidence, evidence)
    if evidence_type is not None:
        obj.evidence_type = evidence_type
        obj.evidence_name = evidence_file_name(evidence.name, evidence_type)
        obj.evidence = evidence


def _full_clean(obj: CreditEntry | CPDActivity, errors: FieldErrors) -> None:
    """The model's own checks (required text, lengths) for the fields not already found wrong."""
    errors.check(None, obj.full_clean, exclude=["evidence", "evidence_name", "evidence_type", *errors.errors])
    errors.raise_if_any()


def _require_owner(obj: CreditEntry | CPDActivity, actor: User) -> None:
    if obj.owner_id != actor.pk:
        raise PermissionDenied(_("Only the owner may change this."))


def _notify_verifiers(entry: CreditEntry | CPDActivity) -> None:
    profile = getattr(entry.owner, "counsellor_profile", None)
    if profile is None or profile.home_centre_id is None:
        return
    verifiers = Membership.objects.filter(centre_id=profile.home_centre_id, role=Role.VERIFIER).select_related("user")
    for membership in verifiers:
        if membership.user_id != entry.owner_id:
            notice_send(
                recipient=membership.user,
                kind="register.to_verify",
                title=phrase("New entry to verify: %(title)s", title=entry.title),
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
    """Log a course. It waits as pending until a verifier at the owner's home centre decides.

    Every field is checked before anything is refused, so one ValidationError names all that is wrong.
    """
    errors = FieldErrors()
    entry = CreditEntry(
        owner=owner,
        title=(title or "").strip(),
        institution=(institution or "").strip(),
        course_code=(course_code or "").strip(),
    )
    errors.set(entry, "credits", parse_credits, credits)
    errors.set(entry, "completed_on", past_date, completed_on)
    found = errors.check("areas", _areas, areas, required=True) or []
    if evidence:
        _attach_evidence(entry, evidence, errors)
    else:
        errors.add(_("Upload the evidence: a PDF, PNG or JPEG file."), field="evidence")
    _full_clean(entry, errors)
    entry.save()
    entry.areas.set(found)
    audit_record(actor=owner, action="credit.created", obj=entry, subject_user=owner, details={"to": "pending"})
    _notify_verifiers(entry)
    return entry


def _apply_changes(
    credit: CreditEntry,
    errors: FieldErrors,
    *,
    title: str | None | Unset,
    institution: str | None | Unset,
    course_code: str | None | Unset,
    credits: Decimal | str | None | Unset,
    completed_on: Date | None | Unset,
    areas: Iterable[CompetenceArea | int] | None | Unset,
    evidence: UploadedFile | None,
) -> tuple[list[CompetenceArea] | None, str | None]:
    """Put the fields given on ``credit`` and check them all; (areas to set or None, replaced file or None)."""
    if title is not UNSET:
        credit.title = (title or "").strip()
    if institution is not UNSET:
        credit.institution = (institution or "").strip()
    if course_code is not UNSET:
        credit.course_code = (course_code or "").strip()
    if credits is not UNSET:
        errors.set(credit, "credits", parse_credits, credits)
    if completed_on is not UNSET:
        errors.set(credit, "completed_on", past_date, completed_on)
    found = errors.check("areas", _areas, areas, required=True) if areas is not UNSET else None
    old_file = None
    if evidence:
        old_file = credit.evidence.name
        _attach_evidence(credit, evidence, errors)
    _full_clean(credit, errors)
    return found, old_file


def _save_changes(credit: CreditEntry, found: list[CompetenceArea] | None, old_file: str | None) -> None:
    credit.save()
    if found is not None:
        credit.areas.set(found)
    if old_file:
        transaction.on_commit(lambda: credit.evidence.storage.delete(old_file))


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
    found, old_file = _apply_changes(
        credit,
        FieldErrors(),
        title=title,
        institution=institution,
        course_code=course_code,
        credits=credits,
        completed_on=completed_on,
        areas=areas,
        evidence=evidence,
    )
    _save_changes(credit, found, old_file)
    audit_record(actor=actor, action="credit.edited", obj=credit, subject_user=credit.owner)
    return credit


RESUBMITTABLE = (CreditStatus.REJECTED, CreditStatus.NEEDS_INFO)


@transaction.atomic
def credit_resubmit(
    *,
    credit: CreditEntry,
    actor: User,
    message: str = "",
    title: str | None | Unset = UNSET,
    institution: str | None | Unset = UNSET,
    course_code: str | None | Unset = UNSET,
    credits: Decimal | str | None | Unset = UNSET,
    completed_on: Date | None | Unset = UNSET,
    areas: Iterable[CompetenceArea | int] | None | Unset = UNSET,
    evidence: UploadedFile | None = None,
) -> CreditEntry:
    """The owner corrects a rejected entry, or answers a request for more information, and sends it again.

    The entry is pending once more and waits in the verifiers' queue; the round is kept in the audit trail
    with the owner's message (required when the verifier asked a question).
    """
    credit = CreditEntry.objects.select_for_update().get(pk=credit.pk)
    _require_owner(credit, actor)
    if credit.status not in RESUBMITTABLE:
        raise ValidationError(_("Only a rejected entry, or one the verifier asked about, can be sent again."))
    message = (message or "").strip()
    errors = FieldErrors()
    if credit.status == CreditStatus.NEEDS_INFO and not message:
        errors.add(_("Answer the verifier: write what you add or change."), field="message")
    found, old_file = _apply_changes(
        credit,
        errors,
        title=title,
        institution=institution,
        course_code=course_code,
        credits=credits,
        completed_on=completed_on,
        areas=areas,
        evidence=evidence,
    )
    from_status = credit.status
    credit.status = CreditStatus.PENDING
    credit.decided_at = credit.decided_by = None
    credit.decision_reason = ""
    _save_changes(credit, found, old_file)
    audit_record(
        actor=actor,
        action="credit.resubmitted",
        obj=credit,
        subject_user=credit.owner,
        details={"from": from_status, "to": CreditStatus.PENDING, "reason": message},
    )
    _notify_verifiers(credit)
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


def _tell_owner(credit: CreditEntry, title: Phrase, reason: str = "") -> None:
    """A decision notice to the entry's owner, linking to the entry, with the verifier's words if any."""
    notice_send(
        recipient=credit.owner,
        kind="register.decision",
        title=title,
        body=verbatim(reason) if reason else None,
        link=reverse("credit_detail", kwargs={"pk": credit.pk}),
    )


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
    _tell_owner(
        credit,
        phrase("Verified: %(title)s (%(credits)s credits)", title=credit.title, credits=credit.credits),
    )
    return credit


@transaction.atomic
def credit_reject(*, credit: CreditEntry, verifier: User, reason: str) -> CreditEntry:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the entry is rejected, so the counsellor can put it right.")})
    credit = _decide(credit=credit, verifier=verifier, to_status=CreditStatus.REJECTED, reason=reason)
    _tell_owner(credit, phrase("Not verified: %(title)s", title=credit.title), reason)
    return credit


@transaction.atomic
def credit_request_information(*, credit: CreditEntry, verifier: User, message: str) -> CreditEntry:
    """Send a pending entry back to its owner with a question; the owner answers and sends it again."""
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Write what the counsellor must add or explain.")})
    credit = _decide(credit=credit, verifier=verifier, to_status=CreditStatus.NEEDS_INFO, reason=message)
    _tell_owner(credit, phrase("More information needed: %(title)s", title=credit.title), message)
    return credit


@transaction.atomic
def credit_reverse(*, credit: CreditEntry, verifier: User, reason: str) -> CreditEntry:
    """Undo one's own decision within 14 days, with a reason: the entry is pending again and waits in the queue."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the decision is reversed.")})
    credit = CreditEntry.objects.select_for_update().select_related("owner").get(pk=credit.pk)
    if not can_verify(verifier, credit):
        raise PermissionDenied(_("You may not verify this entry."))
    if credit.status == CreditStatus.PENDING:
        raise ValidationError(_("This entry waits for a decision; there is nothing to reverse."))
    if not can_reverse(verifier, credit):
        raise ValidationError(
            _("Only the verifier who made a decision can reverse it, and only within %(days)d days.")
            % {"days": REVERSAL_DAYS}
        )
    from_status = credit.status
    credit.status = CreditStatus.PENDING
    credit.decided_at = credit.decided_by = None
    credit.decision_reason = ""
    credit.save(update_fields=["status", "decided_at", "decided_by", "decision_reason"])
    profile = getattr(credit.owner, "counsellor_profile", None)
    audit_record(
        actor=verifier,
        action="credit.reversed",
        obj=credit,
        subject_user=credit.owner,
        centre=profile.home_centre if profile else None,
        details={"from": from_status, "to": CreditStatus.PENDING, "reason": reason, "title": credit.title},
    )
    _tell_owner(credit, phrase("Decision reversed: %(title)s waits for a new decision", title=credit.title), reason)
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
    """Log professional development hours by hand (every field checked before anything is refused)."""
    activity = CPDActivity(owner=owner, source=ActivitySource.MANUAL)
    return _save_activity(
        activity, title=title, date=date, hours=hours, kind=kind, areas=areas, reflection=reflection, evidence=evidence
    )


def _save_activity(
    activity: CPDActivity,
    *,
    title: str,
    date: Date | None,
    hours: Decimal | str,
    kind: str,
    areas: Iterable[CompetenceArea | int],
    reflection: str,
    evidence: UploadedFile | None,
) -> CPDActivity:
    """Check every field, save, and send a new evidence file to the home centre's verifiers."""
    errors = FieldErrors()
    if kind not in ActivityKind.values:
        errors.add(_("Choose a kind of activity from the list."), field="kind")
    else:
        activity.kind = kind
    activity.title = (title or "").strip()
    activity.reflection = (reflection or "").strip()
    errors.set(activity, "date", past_date, date)
    errors.set(activity, "hours", parse_hours, hours)
    found = errors.check("areas", _areas, areas, required=False) or []
    old_file = activity.evidence.name if evidence and activity.pk else None
    if evidence:
        _attach_evidence(activity, evidence, errors)
        activity.review = EvidenceReview.PENDING
        activity.review_note = ""
    _full_clean(activity, errors)
    activity.save()
    activity.areas.set(found)
    if old_file:
        storage = activity.evidence.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    if evidence:
        _notify_verifiers(activity)
    return activity


def _require_editable(activity: CPDActivity) -> None:
    if activity.source != ActivitySource.MANUAL:
        raise ValidationError(_("Hours from an attended event are changed by the organiser, not here."))
    if activity.is_audited:
        raise ValidationError(_("This activity is drawn for an evidence audit, so it can no longer be changed."))
    if not activity.is_editable:
        raise ValidationError(_("Your centre has verified this activity, so it can no longer be changed."))


@transaction.atomic
def cpd_update(
    *,
    activity: CPDActivity,
    actor: User,
    title: str,
    date: Date | None,
    hours: Decimal | str,
    kind: str,
    areas: Iterable[CompetenceArea | int] = (),
    reflection: str = "",
    evidence: UploadedFile | None = None,
) -> CPDActivity:
    """Change a self-declared activity. A new evidence file goes to the centre for a look (again)."""
    _require_owner(activity, actor)
    activity = CPDActivity.objects.select_for_update().get(pk=activity.pk)
    _require_editable(activity)
    return _save_activity(
        activity, title=title, date=date, hours=hours, kind=kind, areas=areas, reflection=reflection, evidence=evidence
    )


def _review(*, activity: CPDActivity, verifier: User, accept: bool, note: str) -> CPDActivity:
    activity = CPDActivity.objects.select_for_update().select_related("owner").get(pk=activity.pk)
    if not can_verify_cpd(verifier, activity):
        raise PermissionDenied(_("You may not verify this activity."))
    if activity.review != EvidenceReview.PENDING:
        raise ValidationError(_("The evidence for this activity has already been looked at."))
    activity.review = EvidenceReview.VERIFIED if accept else EvidenceReview.DECLINED
    if accept:
        activity.evidence_level = EvidenceLevel.EVIDENCED
    activity.reviewed_by = verifier
    activity.reviewed_at = timezone.now()
    activity.review_note = note
    activity.save(update_fields=["review", "evidence_level", "reviewed_by", "reviewed_at", "review_note"])
    profile = getattr(activity.owner, "counsellor_profile", None)
    audit_record(
        actor=verifier,
        action=f"cpd.evidence_{activity.review}",
        obj=activity,
        subject_user=activity.owner,
        centre=profile.home_centre if profile else None,
        details={"title": activity.title, "hours": str(activity.hours), "note": note},
    )
    title = (
        phrase("Evidence verified: %(title)s now counts as evidenced hours", title=activity.title)
        if accept
        else phrase("Evidence not accepted: %(title)s", title=activity.title)
    )
    notice_send(
        recipient=activity.owner,
        kind="register.decision",
        title=title,
        body=verbatim(note) if note else None,
        link=reverse("competence"),
    )
    return activity


@transaction.atomic
def cpd_verify_evidence(*, activity: CPDActivity, verifier: User, note: str = "") -> CPDActivity:
    """The file backs the hours: the activity becomes *evidenced* and can no longer be changed."""
    return _review(activity=activity, verifier=verifier, accept=True, note=(note or "").strip())


@transaction.atomic
def cpd_decline_evidence(*, activity: CPDActivity, verifier: User, reason: str) -> CPDActivity:
    """The file does not back the hours: they stay self-declared; the owner may send another file."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the evidence is not accepted, so the counsellor can fix it.")})
    return _review(activity=activity, verifier=verifier, accept=False, note=reason)


@transaction.atomic
def cpd_delete(*, activity: CPDActivity, actor: User) -> None:
    _require_owner(activity, actor)
    if activity.source != ActivitySource.MANUAL:
        raise ValidationError(_("Hours from an attended event are removed by the organiser, not here."))
    if activity.is_audited:
        raise ValidationError(_("This activity is drawn for an evidence audit, so it can no longer be deleted."))
    if not activity.is_editable:
        raise ValidationError(_("Your centre has verified this activity, so it can no longer be deleted."))
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
        defaults={"title": title, "date": date, "hours": hours, "kind": kind, "evidence_level": EvidenceLevel.ATTENDED},
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
