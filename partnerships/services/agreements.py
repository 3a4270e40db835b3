"""Recording, changing and deleting agreements with their partners, obligations and contacts."""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.validation import FieldErrors
from partnerships.models import (
    IN_FORCE,
    Agreement,
    AgreementStatus,
    Contact,
    Obligation,
    Party,
    Renewal,
    add_months,
)
from partnerships.permissions import can_create_for, can_manage
from partnerships.services.changes import as_text, record_change
from register.evidence import evidence_file_name, validate_evidence
from register.models import Centre, County

# Fields of an agreement a centre sets (the rest are kept by the platform).
AGREEMENT_FIELDS = ("title", "purpose", "start_date", "end_date", "notice_months", "renewal")
PARTY_FIELDS = ("name", "partner_type", "organisation_number")
OBLIGATION_FIELDS = ("side", "description", "unit", "amount", "frequency", "due_date")
CONTACT_FIELDS = ("side", "name", "role", "email", "phone")
# Statuses a person chooses; "expiring" and "expired" follow from the dates.
CHOSEN_STATUSES = (AgreementStatus.DRAFT, AgreementStatus.ACTIVE, AgreementStatus.ENDED)
EXPIRING_DAYS = 90
MAX_NOTICE_MONTHS = 36
FIRST_DATE, LAST_DATE = datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)

Rows = Sequence[Mapping[str, Any]]


def status_for_dates(agreement: Agreement, today: datetime.date) -> str:
    """The status an agreement in force has on ``today``: expiring within 90 days of its end, expired after it
    (an automatic one past its end is renewed first: ``renew_past_end``)."""
    if agreement.status not in IN_FORCE or agreement.end_date is None:
        return agreement.status
    if agreement.end_date < today:
        return AgreementStatus.EXPIRED
    if (agreement.end_date - today).days <= EXPIRING_DAYS:
        return AgreementStatus.EXPIRING
    return AgreementStatus.ACTIVE


def renewed_end(end_date: datetime.date, today: datetime.date) -> datetime.date:
    """The end date of an automatic agreement renewed a year at a time until it runs past ``today``; counted from
    the first end date, so one that ended on 29 February keeps ending on the last day of February."""
    years = 0
    renewed = end_date
    while renewed < today:
        years += 1
        renewed = add_months(end_date, 12 * years)
    return renewed


def renew_past_end(agreement: Agreement, today: datetime.date) -> dict[str, str] | None:
    """Renew an automatic agreement in force whose end date has passed (recorded, or saved before the daily task
    ran); the history detail of the new end date, or None when there was nothing to renew."""
    if (
        agreement.renewal != Renewal.AUTOMATIC
        or agreement.status not in IN_FORCE
        or agreement.end_date is None
        or agreement.end_date >= today
    ):
        return None
    old_end = agreement.end_date
    agreement.end_date = renewed_end(old_end, today)
    return {"field": "end_date", "old": as_text(old_end), "new": as_text(agreement.end_date)}


def _validate_rows(
    errors: FieldErrors, prefix: str, model: type[Model], rows: Rows, fields: Iterable[str]
) -> list[tuple[Any, Any]]:
    """Build unsaved rows from ``rows`` and check them; errors keyed ``<prefix>-<n>-<field>`` as a formset's."""
    built = []
    seen: set[Any] = set()
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
            _check_date(errors, f"{prefix}-{index}-due_date", instance.due_date)
        row_id = row.get("id")
        if row_id not in (None, "") and row_id in seen:
            errors.add(_("This row is given twice: each may come once."), field=f"{prefix}-{index}-__all__")
        seen.add(row_id)
        built.append((row_id, instance))
    return built


def _validate_parts(errors: FieldErrors, parties: Rows, obligations: Rows, contacts: Rows) -> tuple[list, list, list]:
    """The agreement's partners (at least one), obligations and contacts, built and checked."""
    if not parties:
        errors.add(_("Name at least one partner."), field="parties")
    return (
        _validate_rows(errors, "parties", Party, parties, PARTY_FIELDS),
        _validate_rows(errors, "obligations", Obligation, obligations, OBLIGATION_FIELDS),
        _validate_rows(errors, "contacts", Contact, contacts, CONTACT_FIELDS),
    )


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
    for field in ("start_date", "end_date"):
        _check_date(errors, field, getattr(agreement, field))
    if agreement.end_date and agreement.start_date and agreement.end_date < agreement.start_date:
        errors.add(_("The end date is before the start date."), field="end_date")
    if isinstance(agreement.notice_months, int) and not 0 <= agreement.notice_months <= MAX_NOTICE_MONTHS:
        errors.add(
            _("The notice period is from 0 to %(max)s months.") % {"max": MAX_NOTICE_MONTHS}, field="notice_months"
        )


def _check_date(errors: FieldErrors, field: str, day: datetime.date | None) -> None:
    """Dates an agreement can hold: from 1900 to 2100, so every deadline and renewal computed from them exists."""
    if isinstance(day, datetime.date) and not FIRST_DATE <= day <= LAST_DATE:
        errors.add(_("Give a date from 1900 to 2100."), field=field)


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
    built_parties, built_obligations, built_contacts = _validate_parts(errors, parties, obligations, contacts)
    has_document = _attach_document(errors, agreement, document)
    errors.raise_if_any()
    today = today or timezone.localdate()
    agreement.status = status
    renewal = renew_past_end(agreement, today)
    agreement.status = status_for_dates(agreement, today)
    agreement.save()
    for _id, instance in [*built_parties, *built_obligations, *built_contacts]:
        instance.agreement = agreement
        instance.save()
    record_change(agreement, actor, "created")
    if renewal:
        record_change(agreement, None, "renewed", [renewal])
    if has_document:
        record_change(agreement, actor, "document.added", [{"item": agreement.document_name}])
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
            record_change(agreement, actor, f"{kind}.added", [{"item": str(instance)}])
            continue
        kept.add(current.pk)
        changed = [
            {"field": field, "old": as_text(getattr(current, field)), "new": as_text(getattr(instance, field))}
            for field in fields
            if as_text(getattr(current, field)) != as_text(getattr(instance, field))
        ]
        if changed:
            for field in fields:
                setattr(current, field, getattr(instance, field))
            current.save(update_fields=list(fields))
            record_change(agreement, actor, f"{kind}.changed", [{"item": str(current)}, *changed])
    for row_id, row in existing.items():
        if row_id not in kept:
            row.delete()
            record_change(agreement, actor, f"{kind}.removed", [{"item": str(row)}])


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
    built_parties, built_obligations, built_contacts = _validate_parts(errors, parties, obligations, contacts)
    old_document = agreement.document.name if agreement.document else ""
    has_document = _attach_document(errors, agreement, document)
    errors.raise_if_any()
    changed = [
        {"field": field, "old": as_text(before[field]), "new": as_text(getattr(agreement, field))}
        for field in AGREEMENT_FIELDS
        if as_text(before[field]) != as_text(getattr(agreement, field))
    ]
    old_status = agreement.status
    today = today or timezone.localdate()
    if status is not None and status in CHOSEN_STATUSES:
        agreement.status = status
    renewal = renew_past_end(agreement, today)
    agreement.status = status_for_dates(agreement, today)
    if agreement.status != old_status:
        changed.append({"field": "status", "old": old_status, "new": agreement.status})
    agreement.save()
    if changed:
        record_change(agreement, actor, "changed", changed)
    if renewal:
        record_change(agreement, None, "renewed", [renewal])
    if has_document:
        if old_document:
            # Only once the new file is the agreement's for good: a rolled-back change keeps the old one.
            storage = agreement.document.storage
            transaction.on_commit(lambda: storage.delete(old_document))
        record_change(agreement, actor, "document.added", [{"item": agreement.document_name}])
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
        storage, name = agreement.document.storage, agreement.document.name
        transaction.on_commit(lambda: storage.delete(name))
    agreement.delete()
