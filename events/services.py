"""Writes for events: the organisers' work, registrations and the waiting list, attendance.

Every change to who holds a place happens inside a transaction that first locks the event row
(``select_for_update``; on SQLite the write lock of the transaction does the same), so capacity
holds however many people register at once. Attendance reaches the competence register only
through the register's services (a CPD activity and a certificate, once per event).
"""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from events.models import (
    ACTIVITY_KIND,
    CalendarFeed,
    Event,
    EventMessage,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from events.permissions import can_manage_events
from notifications.services import notice_send
from register import services as register_services
from register.models import ActivitySource

# The fields an organiser edits; the service validates them together.
EDITABLE_FIELDS = (
    "title",
    "description",
    "who_should_come",
    "kind",
    "audience",
    "county",
    "place",
    "address",
    "online_url",
    "starts_at",
    "ends_at",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
    "cpd_hours",
)
# Changes participants are told about (and calendar programs pick up).
NOTICEABLE_FIELDS = ("starts_at", "ends_at", "place", "address", "online_url", "title")


def _require_manager(actor, centre):
    if not can_manage_events(actor, centre):
        raise PermissionDenied(_("Only the centre's organisers and administrators manage its events."))


def _local(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def event_validate(event, *, confirmed_count=None):
    """Field-tied errors for an event's values; raises ValidationError with a dict."""
    errors = {}
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        errors["ends_at"] = _("The end must be after the start.")
    try:
        hours = Decimal(str(event.cpd_hours)) if event.cpd_hours is not None else None
    except InvalidOperation:
        hours = None
    if hours is None or hours <= 0:
        errors["cpd_hours"] = _("Enter the CPD hours the event gives: more than 0.")
    elif hours > 100:
        errors["cpd_hours"] = _("An event gives at most 100 CPD hours.")
    if event.capacity is not None:
        if event.capacity < 1:
            errors["capacity"] = _("Enter at least 1 place, or leave the field empty for no limit.")
        elif confirmed_count and event.capacity < confirmed_count:
            errors["capacity"] = _(
                "%(count)s people already have a confirmed place. The number of places cannot be lower."
            ) % {"count": confirmed_count}
    if event.registration_closes_at and event.starts_at and event.registration_closes_at > event.starts_at:
        errors["registration_closes_at"] = _("Registration must close before the event starts.")
    if (
        event.registration_opens_at
        and event.registration_closes()
        and event.registration_opens_at >= event.registration_closes()
    ):
        errors["registration_opens_at"] = _("Registration must open before it closes.")
    if not event.address and not event.online_url:
        errors["address"] = _("Give an address, an online link or both.")
    if errors:
        raise ValidationError(errors)


def _confirmed_count(event):
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def _lock(event):
    """Re-read the event with its row locked until the transaction ends."""
    return Event.objects.select_for_update().select_related("centre", "county").get(pk=event.pk)


@transaction.atomic
def event_create(*, centre, actor, areas=(), **fields):
    """A new draft event of ``centre``."""
    _require_manager(actor, centre)
    event = Event(centre=centre, created_by=actor, **{k: v for k, v in fields.items() if k in EDITABLE_FIELDS})
    if event.county_id is None:
        event.county_id = centre.county_id
    event_validate(event)
    event.save()
    event.areas.set(areas)
    return event


@transaction.atomic
def event_update(*, event, actor, areas=None, **fields):
    """Change an event. Participants are told when the time, place, link or title of a published event change."""
    event = _lock(event)
    _require_manager(actor, event.centre_id)
    if event.is_cancelled:
        raise ValidationError(_("A cancelled event cannot be changed."))
    before = {name: getattr(event, name) for name in NOTICEABLE_FIELDS}
    for name, value in fields.items():
        if name in EDITABLE_FIELDS:
            setattr(event, name, value)
    event_validate(event, confirmed_count=_confirmed_count(event))
    changed = [name for name in NOTICEABLE_FIELDS if getattr(event, name) != before[name]]
    if changed:
        event.sequence += 1
    event.save()
    if areas is not None:
        event.areas.set(areas)
    # People already marked as attended keep hours and a certificate that match the corrected event.
    for registration in event.registrations.filter(attended=True).select_related("user"):
        _register_attendance(event, registration)
    if changed and event.status == EventStatus.PUBLISHED:
        _tell_participants(
            event,
            kind="events.change",
            title=_("Changed: %(title)s") % {"title": event.title},
            body=_("The event now starts %(start)s. Check the event page for the time, place and link.")
            % {"start": _local(event.starts_at)},
        )
    # More places may let people in from the waiting list.
    if event.status == EventStatus.PUBLISHED:
        _fill_free_places(event)
    return event


@transaction.atomic
def event_publish(*, event, actor):
    event = _lock(event)
    _require_manager(actor, event.centre_id)
    if event.status != EventStatus.DRAFT:
        raise ValidationError(_("Only a draft can be published."))
    if event.has_started():
        raise ValidationError(_("The event has already started. Change the time before publishing it."))
    event_validate(event)
    event.status = EventStatus.PUBLISHED
    event.published_at = timezone.now()
    event.save(update_fields=["status", "published_at", "updated_at"])
    return event


@transaction.atomic
def event_cancel(*, event, actor, reason=""):
    """Cancel the event: registration closes and everyone registered is told."""
    event = _lock(event)
    _require_manager(actor, event.centre_id)
    if event.is_cancelled:
        raise ValidationError(_("The event is already cancelled."))
    if event.has_ended():
        raise ValidationError(_("The event is over and can no longer be cancelled."))
    was_published = event.status == EventStatus.PUBLISHED
    event.status = EventStatus.CANCELLED
    event.cancelled_at = timezone.now()
    event.cancel_reason = (reason or "").strip()
    event.sequence += 1
    event.save(update_fields=["status", "cancelled_at", "cancel_reason", "sequence", "updated_at"])
    if was_published:
        _tell_participants(
            event,
            kind="events.change",
            title=_("Cancelled: %(title)s") % {"title": event.title},
            body=event.cancel_reason or _("The organiser has cancelled the event."),
            include_waiting=True,
        )
    return event


@transaction.atomic
def event_duplicate(*, event, actor):
    """A draft copy with the same text, settings and times, for the organiser to adjust."""
    _require_manager(actor, event.centre_id)
    copy = Event.objects.get(pk=event.pk)
    areas = list(event.areas.all())
    copy.pk = None
    copy.id = None
    copy._state.adding = True
    copy.status = EventStatus.DRAFT
    copy.published_at = copy.cancelled_at = None
    copy.cancel_reason = ""
    copy.sequence = 0
    copy.created_by = actor
    copy.is_demo = False
    copy.save()
    copy.areas.set(areas)
    return copy


def _tell_participants(event, *, kind, title, body, include_waiting=False):
    statuses = [RegistrationStatus.CONFIRMED]
    if include_waiting:
        statuses.append(RegistrationStatus.WAITING)
    link = reverse("events:detail", kwargs={"pk": event.pk})
    registrations = event.registrations.filter(status__in=statuses).select_related("user")
    for registration in registrations:
        notice_send(recipient=registration.user, kind=kind, title=title, body=body, link=link)


# --- Registrations ---


@transaction.atomic
def registration_register(*, event, user):
    """Register ``user``: a confirmed place while places remain, else the end of the waiting list."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in to register."))
    event = _lock(event)
    if event.is_cancelled:
        raise ValidationError(_("The event is cancelled; registration is closed."))
    if not event.registration_is_open():
        raise ValidationError(_("Registration for this event is closed."))
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        raise ValidationError(_("You are already registered for this event."))
    now = timezone.now()
    confirmed = _confirmed_count(event)
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
    link = reverse("events:detail", kwargs={"pk": event.pk})
    if has_place:
        title = _("Your place is confirmed: %(title)s") % {"title": event.title}
        body = _("The event starts %(start)s.") % {"start": _local(event.starts_at)}
    else:
        title = _("You are on the waiting list: %(title)s") % {"title": event.title}
        body = _("You will be told at once if a place becomes free.")
    notice_send(recipient=user, kind="events.registration", title=title, body=body, link=link)
    return registration


@transaction.atomic
def registration_cancel(*, registration, actor):
    """The participant gives up their place or leaves the waiting list; the first waiting person moves up."""
    if not actor.is_authenticated or registration.user_id != actor.pk:
        raise PermissionDenied(_("You can only cancel your own registration."))
    event = _lock(registration.event)
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
        _fill_free_places(event)
    return registration


def _promote(registration, event):
    registration.status = RegistrationStatus.CONFIRMED
    registration.confirmed_at = timezone.now()
    registration.save(update_fields=["status", "confirmed_at"])
    notice_send(
        recipient=registration.user,
        kind="events.registration",
        title=_("You have a place: %(title)s") % {"title": event.title},
        body=_("A place became free and you were next on the waiting list. The event starts %(start)s.")
        % {"start": _local(event.starts_at)},
        link=reverse("events:detail", kwargs={"pk": event.pk}),
    )


def _fill_free_places(event):
    """Move people up from the waiting list, in order, while places are free. The event row is locked."""
    if event.has_started():
        return []
    waiting = event.registrations.filter(status=RegistrationStatus.WAITING).select_related("user")
    if event.capacity is None:
        promoted = list(waiting.order_by("registered_at", "id"))
    else:
        free = event.capacity - _confirmed_count(event)
        promoted = list(waiting.order_by("registered_at", "id")[: max(free, 0)])
    for registration in promoted:
        _promote(registration, event)
    return promoted


@transaction.atomic
def registration_promote(*, registration, actor):
    """An organiser moves someone up from the waiting list by hand; a full event gets one more place."""
    event = _lock(registration.event)
    _require_manager(actor, event.centre_id)
    registration = Registration.objects.select_for_update().select_related("user").get(pk=registration.pk)
    if registration.status != RegistrationStatus.WAITING:
        raise ValidationError(_("Only someone on the waiting list can be moved up."))
    if event.is_cancelled:
        raise ValidationError(_("The event is cancelled."))
    if event.capacity is not None and _confirmed_count(event) >= event.capacity:
        event.capacity += 1
        event.save(update_fields=["capacity", "updated_at"])
    _promote(registration, event)
    return registration


# --- Attendance ---


def _register_attendance(event, registration):
    local_start = timezone.localtime(event.starts_at).date()
    local_end = timezone.localtime(event.ends_at).date()
    areas = list(event.areas.all())
    register_services.cpd_record_from_source(
        owner=registration.user,
        source=ActivitySource.EVENT,
        source_ref=event.cpd_source_ref,
        title=event.title,
        date=local_start,
        hours=event.cpd_hours,
        kind=ACTIVITY_KIND[event.kind],
        areas=areas,
    )
    register_services.certificate_issue(
        owner=registration.user,
        source=ActivitySource.EVENT,
        source_ref=event.cpd_source_ref,
        title=event.title,
        issuer_name=event.centre.name,
        starts_on=local_start,
        ends_on=local_end,
        hours=event.cpd_hours,
        area_numbers=[area.number for area in areas],
    )


def _unregister_attendance(event, registration):
    register_services.cpd_remove_from_source(
        owner=registration.user, source=ActivitySource.EVENT, source_ref=event.cpd_source_ref
    )
    register_services.certificate_revoke_from_source(
        owner=registration.user, source=ActivitySource.EVENT, source_ref=event.cpd_source_ref
    )


@transaction.atomic
def attendance_set(*, event, actor, attended_ids):
    """Mark who attended: exactly the confirmed registrations with ids in ``attended_ids``.

    Newly attended people get the event's CPD hours and a certificate in the register; people
    unmarked lose both. Marking again changes nothing. Returns (marked, unmarked) counts.
    """
    event = _lock(event)
    _require_manager(actor, event.centre_id)
    if not event.has_started():
        raise ValidationError(_("Attendance can be marked once the event has started."))
    if event.is_cancelled:
        raise ValidationError(_("The event is cancelled."))
    attended_ids = {int(pk) for pk in attended_ids}
    registrations = list(
        event.registrations.select_for_update().filter(status=RegistrationStatus.CONFIRMED).select_related("user")
    )
    unknown = attended_ids - {registration.pk for registration in registrations}
    if unknown:
        raise ValidationError(_("Only people with a confirmed place can be marked as attended."))
    now = timezone.now()
    marked = unmarked = 0
    for registration in registrations:
        attended = registration.pk in attended_ids
        if attended == registration.attended:
            continue
        registration.attended = attended
        registration.attendance_marked_at = now
        registration.save(update_fields=["attended", "attendance_marked_at"])
        if attended:
            _register_attendance(event, registration)
            marked += 1
        else:
            _unregister_attendance(event, registration)
            unmarked += 1
    return marked, unmarked


# --- Messages and reminders ---


@transaction.atomic
def message_send(*, event, actor, subject, body):
    """A message to every confirmed participant, as a notice (e-mailed through a task)."""
    _require_manager(actor, event.centre_id)
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
    link = reverse("events:detail", kwargs={"pk": event.pk})
    for user in recipients:
        notice_send(
            recipient=user,
            kind="events.message",
            title=f"{event.title}: {subject}"[:300],
            body=body,
            link=link,
        )
    return message


REMINDER_DAYS = 2


@transaction.atomic
def reminders_send(*, now=None):
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
            title=_("Reminder: %(title)s") % {"title": event.title},
            body=_("The event starts %(start)s.") % {"start": _local(event.starts_at)},
            link=reverse("events:detail", kwargs={"pk": event.pk}),
        )
        registration.reminded_at = now
        registration.save(update_fields=["reminded_at"])
        count += 1
    return count


# --- Calendar feed ---


def calendar_feed_for(user):
    feed, _created = CalendarFeed.objects.get_or_create(user=user, defaults={"token": CalendarFeed.new_token()})
    return feed


@transaction.atomic
def calendar_feed_regenerate(*, user):
    """A new secret address; the old one stops working at once."""
    feed = calendar_feed_for(user)
    feed.token = CalendarFeed.new_token()
    feed.created_at = timezone.now()
    feed.save(update_fields=["token", "created_at"])
    return feed
