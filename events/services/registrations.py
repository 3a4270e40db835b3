"""Registrations and the waiting list. Every change to who holds a place locks the event row first."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.phrases import phrase
from events import selectors
from events.models import Event, EventStatus, Registration, RegistrationStatus
from events.services._shared import event_link, lock, require_manager
from notifications.services import notice_send


@transaction.atomic
def registration_register(*, event: Event, user: User | AnonymousUser) -> Registration:
    """Register ``user``: a confirmed place while places remain, else the end of the waiting list."""
    if isinstance(user, AnonymousUser) or not user.is_authenticated:
        raise PermissionDenied(_("Log in to register."))
    event = lock(event)
    if event.is_cancelled:
        raise ValidationError(_("The event is cancelled; registration is closed."))
    if not event.registration_is_open():
        raise ValidationError(_("Registration for this event is closed."))
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        raise ValidationError(_("You are already registered for this event."))
    now = timezone.now()
    confirmed = selectors.confirmed_count(event)
    has_place = event.capacity is None or confirmed < event.capacity
    status = RegistrationStatus.CONFIRMED if has_place else RegistrationStatus.WAITING
    if registration is None:
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=event, user=user, status=status, registered_at=now, confirmed_at=now if has_place else None
                )
        except IntegrityError:
            raise ValidationError(_("You are already registered for this event.")) from None
    else:
        registration.status = status
        registration.registered_at = now
        registration.confirmed_at = now if has_place else None
        registration.cancelled_at = None
        registration.reminded_at = None
        registration.save(update_fields=["status", "registered_at", "confirmed_at", "cancelled_at", "reminded_at"])
    if has_place:
        title = phrase("Your place is confirmed: %(title)s", title=event.title)
        body = phrase("The event starts %(start)s.", start=event.starts_at)
    else:
        title = phrase("You are on the waiting list: %(title)s", title=event.title)
        body = phrase("You will be told at once if a place becomes free.")
    notice_send(recipient=user, kind="events.registration", title=title, body=body, link=event_link(event))
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, actor: User | AnonymousUser) -> Registration:
    """The participant gives up their place or leaves the waiting list; the first waiting person moves up."""
    if not actor.is_authenticated or registration.user_id != actor.pk:
        raise PermissionDenied(_("You can only cancel your own registration."))
    event = lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This registration is already cancelled."))
    if event.has_started():
        raise ValidationError(_("The event has started; the registration can no longer be cancelled."))
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.confirmed_at = None
    registration.save(update_fields=["status", "cancelled_at", "confirmed_at"])
    if was_confirmed and event.status == EventStatus.PUBLISHED:
        fill_free_places(event)
    return registration


def _promote(registration: Registration, event: Event) -> None:
    registration.status = RegistrationStatus.CONFIRMED
    registration.confirmed_at = timezone.now()
    registration.save(update_fields=["status", "confirmed_at"])
    notice_send(
        recipient=registration.user,
        kind="events.registration",
        title=phrase("You have a place: %(title)s", title=event.title),
        body=phrase(
            "A place became free and you were next on the waiting list. The event starts %(start)s.",
            start=event.starts_at,
        ),
        link=event_link(event),
    )


def fill_free_places(event: Event) -> list[Registration]:
    """Move people up from the waiting list, in order, while places are free. The caller holds the event row lock."""
    if event.has_started():
        return []
    waiting = event.registrations.filter(status=RegistrationStatus.WAITING).select_related("user")
    if event.capacity is None:
        promoted = list(waiting.order_by("registered_at", "id"))
    else:
        free = event.capacity - selectors.confirmed_count(event)
        promoted = list(waiting.order_by("registered_at", "id")[: max(free, 0)])
    for registration in promoted:
        _promote(registration, event)
    return promoted


@transaction.atomic
def registration_promote(*, registration: Registration, actor: User) -> Registration:
    """An organiser moves someone up from the waiting list by hand; a full event gets one more place."""
    event = lock(registration.event)
    require_manager(actor, event.centre_id)
    registration = Registration.objects.select_for_update().select_related("user").get(pk=registration.pk)
    if registration.status != RegistrationStatus.WAITING:
        raise ValidationError(_("Only someone on the waiting list can be moved up."))
    if event.is_cancelled:
        raise ValidationError(_("The event is cancelled."))
    if event.capacity is not None and selectors.confirmed_count(event) >= event.capacity:
        event.capacity += 1
        event.save(update_fields=["capacity", "updated_at"])
    _promote(registration, event)
    return registration
