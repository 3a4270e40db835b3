"""Telling participants: an organiser's message to everyone with a place, and the reminders before an event."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.phrases import phrase, verbatim
from events.models import Event, EventMessage, EventStatus, Registration, RegistrationStatus
from events.services._shared import event_link, require_manager
from notifications.services import notice_send

REMINDER_DAYS = 2


@transaction.atomic
def message_send(*, event: Event, actor: User, subject: str, body: str) -> EventMessage:
    """A message to every confirmed participant, as a notice (e-mailed through a task)."""
    require_manager(actor, event.centre_id)
    subject, body = (subject or "").strip(), (body or "").strip()
    errors = {}
    if not subject:
        errors["subject"] = _("Write a subject.")
    elif len(subject) > 200:
        errors["subject"] = _("Keep the subject to 200 characters.")
    if not body:
        errors["body"] = _("Write a message.")
    elif len(body) > 5000:
        errors["body"] = _("Keep the message to 5,000 characters.")
    if errors:
        raise ValidationError(errors)
    recipients = [
        registration.user
        for registration in event.registrations.filter(status=RegistrationStatus.CONFIRMED).select_related("user")
    ]
    if not recipients:
        raise ValidationError(_("Nobody has a confirmed place yet, so there is nobody to send to."))
    message = EventMessage.objects.create(
        event=event, sender=actor, subject=subject, body=body, recipient_count=len(recipients)
    )
    link = event_link(event)
    for user in recipients:
        notice_send(
            recipient=user,
            kind="events.message",
            title=verbatim(f"{event.title}: {subject}"),
            body=verbatim(body),
            link=link,
        )
    return message


@transaction.atomic
def reminders_send(*, now: datetime | None = None) -> int:
    """Remind confirmed participants of events starting within two days, once each. Returns how many."""
    now = now or timezone.now()
    due = (
        Registration.objects.select_for_update(of=("self",))
        .filter(
            status=RegistrationStatus.CONFIRMED,
            reminded_at__isnull=True,
            event__status=EventStatus.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + timedelta(days=REMINDER_DAYS),
        )
        .select_related("event", "user")
    )
    count = 0
    for registration in due:
        event = registration.event
        notice_send(
            recipient=registration.user,
            kind="events.reminder",
            title=phrase("Reminder: %(title)s", title=event.title),
            body=phrase("The event starts %(start)s.", start=event.starts_at),
            link=event_link(event),
        )
        registration.reminded_at = now
        registration.save(update_fields=["reminded_at"])
        count += 1
    return count
