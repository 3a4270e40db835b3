"""Every write to partnership agreements: recording and changing them, marking guideline clauses met, yearly
reviews, deliveries reported by other apps, and the daily task that keeps them alive (status, reminders and
obligations due). Each writes an ``AgreementChange`` row in the same transaction."""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.phrases import Phrase, phrase, verbatim
from core.validation import FieldErrors
from notifications.services import notice_send
from partnerships.models import (
    FREQUENCY_MONTHS,
    IN_FORCE,
    Agreement,
    AgreementChange,
    AgreementStatus,
    ClauseFulfilment,
    Contact,
    DeliveredActivity,
    DeliveryStatus,
    Frequency,
    GuidelineClause,
    Obligation,
    Party,
    Reminder,
    Renewal,
    Review,
    ReviewItem,
    add_months,
)
from partnerships.permissions import can_create_for, can_manage
from register.evidence import evidence_file_name, validate_evidence
from register.models import Centre, County, Membership, Role
from register.permissions import is_national_admin

# Fields of an agreement a centre sets (the rest are kept by the platform).
AGREEMENT_FIELDS = ("title", "purpose", "start_date", "end_date", "notice_months", "renewal")
PARTY_FIELDS = ("name", "partner_type", "organisation_number")
OBLIGATION_FIELDS = ("side", "description", "unit", "amount", "frequency", "due_date")
CONTACT_FIELDS = ("side", "name", "role", "email", "phone")
# Statuses a person chooses; "expiring" and "expired" follow from the dates.
CHOSEN_STATUSES = (AgreementStatus.DRAFT, AgreementStatus.ACTIVE, AgreementStatus.ENDED)
# Days before an end date or a notice deadline that the centre's admins are told.
REMINDER_DAYS = (90, 30)
EXPIRING_DAYS = 90

Rows = Sequence[Mapping[str, Any]]


def _record(agreement: Agreement, actor: User | None, action: str, details: list[dict[str, str]] | None = None) -> None:
    AgreementChange.objects.create(agreement=agreement, actor=actor, action=action, details=details or [])


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def status_for_dates(agreement: Agreement, today: datetime.date) -> str:
    """The status an agreement in force has on ``today``: expiring within 90 days of its end, expired after it."""
    if agreement.status not in IN_FORCE or agreement.end_date is None:
        return agreement.status
    if agreement.end_date < today:
        return AgreementStatus.EXPIRED
    if (agreement.end_date - today).days <= EXPIRING_DAYS:
        return AgreementStatus.EXPIRING
    return AgreementStatus.ACTIVE


def _validate_rows(
    errors: FieldErrors, prefix: str, model: type[Model], rows: Rows, fields: Iterable[str]
) -> list[tuple[Any, Any]]:
    """Build unsaved rows from ``rows`` and check them; errors keyed ``<prefix>-<n>-<field>`` as a formset's."""
    built = []
    for index, row in enumerate(rows):
        defaults = {field: model._meta.get_field(field).get_default() for field in fields}  # type: ignore[union-attr]
        instance = model(**{field: row.get(field, defaults[field]) for field in fields})
        try:
            instance.full_clean(exclude=["agreement"])
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                for message in messages:
                    errors.add(message, field=f"{prefix}-{index}-{field}")
        if isinstance(instance, Obligation):
            _check_amount(errors, f"{prefix}-{index}", instance)
        built.append((row.get("id"), instance))
    return built


def _check_amount(errors: FieldErrors, prefix: str, obligation: Obligation) -> None:
    if obligation.unit and obligation.amount is None:
        errors.add(_("Give the amount per year, or choose “No amount”."), field=f"{prefix}-amount")
    if not obligation.unit and obligation.amount is not None:
        errors.add(_("Choose what the amount is in: NOK or staff hours."), field=f"{prefix}-unit")


def _check_agreement(errors: FieldErrors, agreement: Agreement) -> None:
    try:
        agreement.full_clean(exclude=["document", "centre", "county", "created_by", "status"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            for message in messages:
                errors.add(message, field=field)
    if agreement.end_date and agreement.start_date and agreement.end_date < agreement.start_date:
        errors.add(_("The end date is before the start date."), field="end_date")
    if agreement.end_date and isinstance(agreement.notice_months, int):
        # A deadline before year 1 can be neither shown nor reminded of.
        try:
            add_months(agreement.end_date, -agreement.notice_months)
        except (ValueError, OverflowError):
            errors.add(_("The notice period is too long for the end date."), field="notice_months")


def _attach_document(errors: FieldErrors, agreement: Agreement, document: UploadedFile | None) -> bool:
    if document is None:
        return False
    content_type = errors.check("document", validate_evidence, document)
    if content_type is None:
        return False
    agreement.document_type = content_type
    agreement.document_name = evidence_file_name(document.name, content_type)
    agreement.document = document
    return True


@transaction.atomic
def agreement_create(
    *,
    actor: User,
    centre: Centre | None,
    county: County | None = None,
    data: Mapping[str, Any],
    parties: Rows,
    obligations: Rows = (),
    contacts: Rows = (),
    status: str = AgreementStatus.DRAFT,
    document: UploadedFile | None = None,
    today: datetime.date | None = None,
) -> Agreement:
    """Record an agreement of ``centre`` (or a county-wide one of ``county``) with at least one partner."""
    county = centre.county if centre is not None else county
    if not can_create_for(actor, centre=centre, county=county):
        raise ValidationError(_("You may only record agreements for centres where you are an admin."))
    assert county is not None
    errors = FieldErrors()
    agreement = Agreement(centre=centre, county=county, created_by=actor, **{f: data.get(f) for f in AGREEMENT_FIELDS})
    if agreement.notice_months is None:
        agreement.notice_months = 0
    if not agreement.renewal:
        agreement.renewal = Renewal.BY_DECISION
    _check_agreement(errors, agreement)
    if status not in CHOSEN_STATUSES:
        errors.add(_("Choose draft, active or ended."), field="status")
    if not parties:
        errors.add(_("Name at least one partner."), field="parties")
    built_parties = _validate_rows(errors, "parties", Party, parties, PARTY_FIELDS)
    built_obligations = _validate_rows(errors, "obligations", Obligation, obligations, OBLIGATION_FIELDS)
    built_contacts = _validate_rows(errors, "contacts", Contact, contacts, CONTACT_FIELDS)
    has_document = _attach_document(errors, agreement, document)
    errors.raise_if_any()
    agreement.status = status
    agreement.status = status_for_dates(agreement, today or timezone.localdate())
    agreement.save()
    for _id, instance in [*built_parties, *built_obligations, *built_contacts]:
        instance.agreement = agreement
        instance.save()
    _record(agreement, actor, "created")
    if has_document:
        _record(agreement, actor, "document.added", [{"item": agreement.document_name}])
    return agreement


def _sync_rows(
    agreement: Agreement, actor: User, kind: str, model: type[Model], built: list, fields: Iterable[str]
) -> None:
    """Make the agreement's rows of ``model`` those in ``built``: update the ones with an id, add the rest, delete
    the ones left out; record what changed."""
    related = {"party": "parties", "obligation": "obligations", "contact": "contacts"}[kind]
    existing = {row.pk: row for row in getattr(agreement, related).all()}
    kept = set()
    for row_id, instance in built:
        current = existing.get(int(row_id)) if row_id not in (None, "") else None
        if current is None:
            instance.agreement = agreement
            instance.save()
            _record(agreement, actor, f"{kind}.added", [{"item": str(instance)}])
            continue
        kept.add(current.pk)
        changed = [
            {"field": field, "old": _text(getattr(current, field)), "new": _text(getattr(instance, field))}
            for field in fields
            if _text(getattr(current, field)) != _text(getattr(instance, field))
        ]
        if changed:
            for field in fields:
                setattr(current, field, getattr(instance, field))
            current.save(update_fields=list(fields))
            _record(agreement, actor, f"{kind}.changed", [{"item": str(current)}, *changed])
    for row_id, row in existing.items():
        if row_id not in kept:
            row.delete()
            _record(agreement, actor, f"{kind}.removed", [{"item": str(row)}])


@transaction.atomic
def agreement_update(
    *,
    agreement: Agreement,
    actor: User,
    data: Mapping[str, Any],
    parties: Rows,
    obligations: Rows,
    contacts: Rows,
    status: str | None = None,
    document: UploadedFile | None = None,
    today: datetime.date | None = None,
) -> Agreement:
    """Change an agreement to ``data`` and the given rows (rows with an ``id`` are kept and changed, rows
    without one are added, rows left out are removed). Every difference goes into the history."""
    if not can_manage(actor, agreement):
        raise ValidationError(_("You may only change agreements of centres where you are an admin."))
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    before = {field: getattr(agreement, field) for field in AGREEMENT_FIELDS}
    errors = FieldErrors()
    for field in AGREEMENT_FIELDS:
        if field in data:
            setattr(agreement, field, data[field])
    _check_agreement(errors, agreement)
    if status is not None and status not in CHOSEN_STATUSES and status != agreement.status:
        errors.add(_("Choose draft, active or ended."), field="status")
    if not parties:
        errors.add(_("Name at least one partner."), field="parties")
    built_parties = _validate_rows(errors, "parties", Party, parties, PARTY_FIELDS)
    built_obligations = _validate_rows(errors, "obligations", Obligation, obligations, OBLIGATION_FIELDS)
    built_contacts = _validate_rows(errors, "contacts", Contact, contacts, CONTACT_FIELDS)
    old_document = agreement.document.name if agreement.document else ""
    has_document = _attach_document(errors, agreement, document)
    errors.raise_if_any()
    changed = [
        {"field": field, "old": _text(before[field]), "new": _text(getattr(agreement, field))}
        for field in AGREEMENT_FIELDS
        if _text(before[field]) != _text(getattr(agreement, field))
    ]
    old_status = agreement.status
    if status is not None and status in CHOSEN_STATUSES:
        agreement.status = status
    agreement.status = status_for_dates(agreement, today or timezone.localdate())
    if agreement.status != old_status:
        changed.append({"field": "status", "old": old_status, "new": agreement.status})
    agreement.save()
    if changed:
        _record(agreement, actor, "changed", changed)
    if has_document:
        if old_document:
            agreement.document.storage.delete(old_document)
        _record(agreement, actor, "document.added", [{"item": agreement.document_name}])
    _sync_rows(agreement, actor, "party", Party, built_parties, PARTY_FIELDS)
    _sync_rows(agreement, actor, "obligation", Obligation, built_obligations, OBLIGATION_FIELDS)
    _sync_rows(agreement, actor, "contact", Contact, built_contacts, CONTACT_FIELDS)
    return agreement


@transaction.atomic
def agreement_delete(*, agreement: Agreement, actor: User) -> None:
    """Delete a draft (an agreement that was never in force); others are ended instead, so their history stays."""
    if not can_manage(actor, agreement):
        raise ValidationError(_("You may only change agreements of centres where you are an admin."))
    if agreement.status != AgreementStatus.DRAFT:
        raise ValidationError(_("Only a draft can be deleted. End the agreement instead, so its history is kept."))
    if agreement.document:
        agreement.document.storage.delete(agreement.document.name)
    agreement.delete()


@transaction.atomic
def clause_fulfil(*, agreement: Agreement, clause: GuidelineClause, actor: User, note: str = "") -> ClauseFulfilment:
    """Record that the agreement meets ``clause`` (and where), or change where."""
    if not can_manage(actor, agreement):
        raise ValidationError(_("You may only change agreements of centres where you are an admin."))
    if not clause.is_active:
        raise ValidationError(_("This guideline clause is no longer in use."))
    note = note.strip()
    if len(note) > 300:
        raise ValidationError({"note": _("Write at most 300 characters.")})
    fulfilment, created = ClauseFulfilment.objects.update_or_create(
        agreement=agreement, clause=clause, defaults={"note": note}
    )
    _record(agreement, actor, "clause.met" if created else "clause.changed", [{"item": clause.title}])
    return fulfilment


@transaction.atomic
def clause_unfulfil(*, agreement: Agreement, clause: GuidelineClause, actor: User) -> None:
    if not can_manage(actor, agreement):
        raise ValidationError(_("You may only change agreements of centres where you are an admin."))
    deleted, _rows = ClauseFulfilment.objects.filter(agreement=agreement, clause=clause).delete()
    if deleted:
        _record(agreement, actor, "clause.unmet", [{"item": clause.title}])


@transaction.atomic
def review_record(
    *,
    agreement: Agreement,
    actor: User,
    held_on: datetime.date | None,
    participants: str,
    changes: str = "",
    deliveries: Mapping[int, tuple[str, str]],
    today: datetime.date | None = None,
) -> Review:
    """Record a yearly review: ``deliveries`` maps each obligation's id to (delivery, comment).

    Obligations the review says were delivered count as met on the meeting's date."""
    if not can_manage(actor, agreement):
        raise ValidationError(_("You may only change agreements of centres where you are an admin."))
    errors = FieldErrors()
    today = today or timezone.localdate()
    if held_on is None:
        errors.add(_("Give the date of the meeting."), field="held_on")
    elif held_on > today:
        errors.add(_("Record a review after the meeting: the date is in the future."), field="held_on")
    elif held_on < agreement.start_date:
        errors.add(_("The meeting is before the agreement started."), field="held_on")
    if not participants.strip():
        errors.add(_("Say who took part."), field="participants")
    obligations = {obligation.pk: obligation for obligation in agreement.obligations.all()}
    valid = set(DeliveryStatus.values)
    for obligation_id, (delivery, _comment) in deliveries.items():
        if obligation_id not in obligations:
            errors.add(_("The page was out of date: an obligation has changed. Open the review form again."))
        elif delivery not in valid:
            errors.add(_("Say whether it was delivered."), field=f"delivery-{obligation_id}")
    errors.raise_if_any()
    assert held_on is not None
    review = Review.objects.create(
        agreement=agreement,
        held_on=held_on,
        participants=participants.strip(),
        changes=changes.strip(),
        recorded_by=actor,
    )
    for obligation_id, (delivery, comment) in deliveries.items():
        obligation = obligations[obligation_id]
        ReviewItem.objects.create(
            review=review,
            obligation=obligation,
            obligation_text=obligation.description,
            delivery=delivery,
            comment=comment.strip()[:500],
        )
        if delivery == DeliveryStatus.MET:
            _obligation_met(obligation, held_on)
    _record(agreement, actor, "review.recorded", [{"item": held_on.isoformat()}])
    return review


def _obligation_met(obligation: Obligation, on: datetime.date) -> None:
    """Mark met on ``on``: a one-off is done; a recurring obligation is next due one period after the due date it
    was met for (met early, that is the coming one), and never on or before ``on``."""
    obligation.met_on = on
    months = FREQUENCY_MONTHS.get(Frequency(obligation.frequency))
    if months and obligation.due_date is not None:
        obligation.due_date = add_months(obligation.due_date, months)
        while obligation.due_date <= on:
            obligation.due_date = add_months(obligation.due_date, months)
    obligation.save(update_fields=["met_on", "due_date"])


@transaction.atomic
def obligation_mark_met(*, obligation: Obligation, actor: User, on: datetime.date | None = None) -> Obligation:
    agreement = obligation.agreement
    if not can_manage(actor, agreement):
        raise ValidationError(_("You may only change agreements of centres where you are an admin."))
    _obligation_met(obligation, on or timezone.localdate())
    _record(agreement, actor, "obligation.met", [{"item": obligation.description}])
    return obligation


# Clauses of the national guidelines


@transaction.atomic
def clause_save(
    *,
    actor: User,
    title: str,
    description: str = "",
    required_for: Iterable[str] = (),
    is_active: bool = True,
    clause: GuidelineClause | None = None,
) -> GuidelineClause:
    """Add or change a national guideline clause (national administrators only)."""
    if not is_national_admin(actor):
        raise ValidationError(_("Only national administrators keep the national guidelines."))
    clause = clause or GuidelineClause()
    clause.title = title.strip()
    clause.description = description.strip()
    clause.required_for = sorted(set(required_for))
    clause.is_active = is_active
    try:
        clause.full_clean()
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None
    clause.save()
    return clause


# Deliveries reported by other apps (events marks an event delivered under an agreement)


@transaction.atomic
def activity_report(
    *,
    agreement: Agreement | None,
    source: str,
    reference: str,
    title: str,
    date: datetime.date,
    url: str = "",
    hours: Any = None,
    participants: int | None = None,
    actor: User | None = None,
) -> DeliveredActivity | None:
    """Count ``source``'s row ``reference`` as delivered under ``agreement``, keep its details up to date, or,
    with ``agreement`` None, no longer count it under any agreement."""
    current = DeliveredActivity.objects.filter(source=source, reference=reference).select_related("agreement").first()
    if current is not None and (agreement is None or current.agreement_id != agreement.pk):
        current.delete()
        _record(current.agreement, actor, "activity.removed", [{"item": current.title}])
        current = None
    if agreement is None:
        return None
    values = {"title": title, "date": date, "url": url, "hours": hours, "participants": participants}
    if current is None:
        activity = DeliveredActivity.objects.create(agreement=agreement, source=source, reference=reference, **values)
        _record(agreement, actor, "activity.added", [{"item": title}])
        return activity
    for field, value in values.items():
        setattr(current, field, value)
    current.save()
    return current


# Keeping agreements alive: the daily task


def admins_of(agreement: Agreement) -> list[User]:
    """The people told about an agreement: its centre's admins, or for a county-wide one the admins of every open
    centre in the county."""
    memberships = Membership.objects.filter(role=Role.ADMIN).select_related("user")
    if agreement.centre_id is not None:
        memberships = memberships.filter(centre_id=agreement.centre_id)
    else:
        memberships = memberships.filter(centre__county_id=agreement.county_id, centre__is_active=True)
    people = {membership.user for membership in memberships if membership.user.is_active}
    return sorted(people, key=lambda person: person.pk)


def _renewed_end(end_date: datetime.date, today: datetime.date) -> datetime.date:
    """The end date of an automatic agreement renewed a year at a time until it runs past ``today``; counted from
    the first end date, so one that ended on 29 February keeps ending on the last day of February."""
    years = 0
    renewed = end_date
    while renewed < today:
        years += 1
        renewed = add_months(end_date, 12 * years)
    return renewed


def agreements_refresh(*, today: datetime.date | None = None) -> int:
    """Move agreements in force to expiring or expired as their dates say; an automatic one past its end is
    renewed for a year (or as many as it missed) instead, and its history says so. Returns how many changed."""
    today = today or timezone.localdate()
    expiring_from = today + datetime.timedelta(days=EXPIRING_DAYS)
    # Only those whose status or end date the day changes: past their end, or crossing the expiring line.
    due = Agreement.objects.filter(status__in=IN_FORCE, end_date__isnull=False).filter(
        Q(end_date__lt=today)
        | Q(status=AgreementStatus.ACTIVE, end_date__lte=expiring_from)
        | Q(status=AgreementStatus.EXPIRING, end_date__gt=expiring_from)
    )
    changed = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            agreement = Agreement.objects.select_for_update().get(pk=pk)
            if agreement.status not in IN_FORCE or agreement.end_date is None:
                continue
            details = []
            action = "status.dates"
            if agreement.renewal == Renewal.AUTOMATIC and agreement.end_date < today:
                old_end = agreement.end_date
                agreement.end_date = _renewed_end(old_end, today)
                details.append({"field": "end_date", "old": _text(old_end), "new": _text(agreement.end_date)})
                action = "renewed"
            status = status_for_dates(agreement, today)
            if status != agreement.status:
                details.append({"field": "status", "old": agreement.status, "new": status})
                agreement.status = status
            if details:
                agreement.save(update_fields=["status", "end_date", "updated_at"])
                _record(agreement, None, action, details)
                changed += 1
    return changed


def _deadlines(agreement: Agreement) -> list[tuple[str, datetime.date]]:
    deadlines = []
    if agreement.end_date is not None:
        deadlines.append(("end", agreement.end_date))
        if agreement.notice_months and agreement.notice_deadline is not None:
            deadlines.append(("notice", agreement.notice_deadline))
    return deadlines


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Tell the admins 90 and 30 days before an agreement ends or its notice deadline passes (once each; a reminder
    missed while the task did not run is sent late rather than never). Returns how many notices were sent."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=max(REMINDER_DAYS))
    agreements = Agreement.objects.filter(status__in=IN_FORCE, end_date__gte=today).filter(
        Q(end_date__lte=horizon) | Q(notice_months__gt=0)
    )
    sent_before = set(
        Reminder.objects.filter(agreement__in=agreements).values_list("agreement_id", "kind", "deadline", "days_before")
    )
    sent = 0
    for agreement in agreements.select_related("centre", "county"):
        for kind, deadline in _deadlines(agreement):
            if deadline < today:
                continue
            due = [days for days in REMINDER_DAYS if (deadline - today).days <= days]
            if not due:
                continue
            days = min(due)
            if (agreement.pk, kind, deadline, days) in sent_before:
                continue
            with transaction.atomic():
                _, created = Reminder.objects.get_or_create(
                    agreement=agreement, kind=kind, deadline=deadline, days_before=days
                )
                if not created:
                    continue
                for admin in admins_of(agreement):
                    notice_send(
                        recipient=admin,
                        kind="partnerships.deadline",
                        title=_deadline_title(agreement, kind, deadline),
                        body=_deadline_body(agreement, kind, deadline),
                        link=agreement.get_absolute_url(),
                    )
                    sent += 1
    return sent


def _deadline_title(agreement: Agreement, kind: str, deadline: datetime.date) -> Phrase:
    if kind == "notice":
        return phrase(
            "Notice deadline %(date)s for the agreement “%(title)s”", date=deadline, title=verbatim(agreement.title)
        )
    if agreement.renewal == Renewal.AUTOMATIC:
        return phrase(
            "The agreement “%(title)s” renews for a year after %(date)s", title=verbatim(agreement.title), date=deadline
        )
    return phrase("The agreement “%(title)s” ends on %(date)s", title=verbatim(agreement.title), date=deadline)


def _deadline_body(agreement: Agreement, kind: str, deadline: datetime.date) -> Phrase:
    if kind == "notice":
        return phrase("Give notice by then if the agreement should end or be renegotiated.")
    if agreement.renewal == Renewal.AUTOMATIC:
        return phrase("It renews for a year unless notice is given. Hold the yearly review before then.")
    return phrase("Decide whether to renew it, and record the decision, before it expires.")


def obligations_due_send(*, today: datetime.date | None = None) -> int:
    """Tell the admins when an obligation of an agreement in force falls due (once per due date)."""
    today = today or timezone.localdate()
    due = (
        Obligation.objects.filter(agreement__status__in=IN_FORCE, due_date__lte=today)
        .exclude(frequency=Frequency.ONCE, met_on__isnull=False)
        .filter(Q(notified_for__isnull=True) | ~Q(notified_for=F("due_date")))
        .select_related("agreement", "agreement__centre", "agreement__county")
    )
    sent = 0
    for obligation in due:
        agreement = obligation.agreement
        with transaction.atomic():
            updated = Obligation.objects.filter(pk=obligation.pk).exclude(notified_for=obligation.due_date)
            if not updated.update(notified_for=obligation.due_date):
                continue
            for admin in admins_of(agreement):
                notice_send(
                    recipient=admin,
                    kind="partnerships.obligation",
                    title=phrase("An obligation is due: %(obligation)s", obligation=verbatim(obligation.description)),
                    body=phrase(
                        "Under the agreement “%(title)s”, due %(date)s.",
                        title=verbatim(agreement.title),
                        date=obligation.due_date,
                    ),
                    link=agreement.get_absolute_url() + "#obligations",
                )
                sent += 1
    return sent
