"""Yearly reviews, and obligations met."""

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.validation import FieldErrors
from partnerships.models import (
    FREQUENCY_MONTHS,
    Agreement,
    DeliveryStatus,
    Frequency,
    Obligation,
    Review,
    ReviewItem,
    add_months,
)
from partnerships.permissions import can_manage
from partnerships.services.changes import record_change


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
    obligations = {obligation.pk: obligation for obligation in agreement.obligations.select_for_update()}
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
            obligation_met(obligation, held_on)
    record_change(agreement, actor, "review.recorded", [{"item": held_on.isoformat()}])
    return review


def obligation_met(obligation: Obligation, on: datetime.date) -> None:
    """Mark met on ``on``. A one-off is done. A recurring obligation met within the period that ends at its due date,
    or after it, is next due one period on (and never on or before ``on``); met before that period, or in a period
    already marked met, its due date stays. The caller holds the obligation's row lock."""
    months = FREQUENCY_MONTHS.get(Frequency(obligation.frequency))
    due = obligation.due_date
    if months and due is not None:
        period_start = add_months(due, -months)
        already_met = obligation.met_on is not None and obligation.met_on > period_start
        if on > period_start and not already_met:
            due = add_months(due, months)
            while due <= on:
                due = add_months(due, months)
            obligation.due_date = due
    obligation.met_on = max(obligation.met_on or on, on)
    obligation.save(update_fields=["met_on", "due_date"])


@transaction.atomic
def obligation_mark_met(*, obligation: Obligation, actor: User, on: datetime.date | None = None) -> Obligation:
    agreement = obligation.agreement
    if not can_manage(actor, agreement):
        raise ValidationError(_("You may only change agreements of centres where you are an admin."))
    obligation = Obligation.objects.select_for_update().get(pk=obligation.pk)
    obligation_met(obligation, on or timezone.localdate())
    record_change(agreement, actor, "obligation.met", [{"item": obligation.description}])
    return obligation
