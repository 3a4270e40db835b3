"""The organisers' work on an event: validate, create, change, publish, cancel and duplicate."""

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.numbers import format_amount
from core.phrases import phrase, verbatim
from core.unset import UNSET, Unset
from events import selectors
from events.models import Event, EventStatus
from events.services._shared import lock, require_manager, tell_participants
from events.services.attendance import register_attendance
from events.services.deliveries import delivery_refresh, delivery_set
from events.services.registrations import fill_free_places
from register.models import Centre, CompetenceArea, County
from register.services.credits import MAX_HOURS

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


def _given(arguments: dict[str, Any]) -> dict[str, Any]:
    """The editable fields among a service's arguments (its ``locals()``) that the caller gave."""
    return {name: arguments[name] for name in EDITABLE_FIELDS if arguments[name] is not UNSET}


def event_validate(event: Event, *, confirmed_count: int | None = None) -> None:
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
    elif hours > MAX_HOURS:
        # The register's cap on one CPD activity: an attended event becomes one.
        errors["cpd_hours"] = _("An event gives at most %(max)s CPD hours.") % {"max": format_amount(MAX_HOURS)}
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


@transaction.atomic
def event_create(
    *,
    centre: Centre,
    actor: User,
    areas: Iterable[CompetenceArea] = (),
    title: str | Unset = UNSET,
    description: str | Unset = UNSET,
    who_should_come: str | Unset = UNSET,
    kind: str | Unset = UNSET,
    audience: str | Unset = UNSET,
    county: County | None | Unset = UNSET,
    place: str | Unset = UNSET,
    address: str | Unset = UNSET,
    online_url: str | Unset = UNSET,
    starts_at: datetime | Unset = UNSET,
    ends_at: datetime | Unset = UNSET,
    capacity: int | None | Unset = UNSET,
    registration_opens_at: datetime | None | Unset = UNSET,
    registration_closes_at: datetime | None | Unset = UNSET,
    cpd_hours: Decimal | Unset = UNSET,
    delivered_under: str | None = None,
) -> Event:
    """A new draft event of ``centre``; without a county it is listed under the centre's. ``delivered_under``
    is the key of an agreement it counts as delivered under (``register.deliveries``)."""
    fields = _given(locals())
    require_manager(actor, centre)
    event = Event(centre=centre, created_by=actor, **fields)
    if event.county_id is None:
        event.county_id = centre.county_id
    event_validate(event)
    event.save()
    event.areas.set(areas)
    if delivered_under is not None:
        delivery_set(event, key=delivered_under, actor=actor)
    return event


@transaction.atomic
def event_update(
    *,
    event: Event,
    actor: User,
    areas: Iterable[CompetenceArea] | None = None,
    title: str | Unset = UNSET,
    description: str | Unset = UNSET,
    who_should_come: str | Unset = UNSET,
    kind: str | Unset = UNSET,
    audience: str | Unset = UNSET,
    county: County | None | Unset = UNSET,
    place: str | Unset = UNSET,
    address: str | Unset = UNSET,
    online_url: str | Unset = UNSET,
    starts_at: datetime | Unset = UNSET,
    ends_at: datetime | Unset = UNSET,
    capacity: int | None | Unset = UNSET,
    registration_opens_at: datetime | None | Unset = UNSET,
    registration_closes_at: datetime | None | Unset = UNSET,
    cpd_hours: Decimal | Unset = UNSET,
    delivered_under: str | None | Unset = UNSET,
) -> Event:
    """Change the fields given. Participants are told when the time, place, link or title of a published
    event change. ``delivered_under`` (an agreement's key, or None for none) changes what it counts as
    delivered under; left out, the agreement it counts under is kept and shows the changed details."""
    fields = _given(locals())
    event = lock(event)
    require_manager(actor, event.centre_id)
    if event.is_cancelled:
        raise ValidationError(_("A cancelled event cannot be changed."))
    before = {name: getattr(event, name) for name in NOTICEABLE_FIELDS}
    for name, value in fields.items():
        setattr(event, name, value)
    event_validate(event, confirmed_count=selectors.confirmed_count(event))
    changed = [name for name in NOTICEABLE_FIELDS if getattr(event, name) != before[name]]
    if changed:
        event.sequence += 1
    event.save()
    if areas is not None:
        event.areas.set(areas)
    # People already marked as attended keep hours and a certificate that match the corrected event.
    for registration in event.registrations.filter(attended=True).select_related("user"):
        register_attendance(event, registration)
    if delivered_under is UNSET:
        delivery_refresh(event)
    else:
        delivery_set(event, key=delivered_under, actor=actor)
    if changed and event.status == EventStatus.PUBLISHED:
        tell_participants(
            event,
            kind="events.change",
            title=phrase("Changed: %(title)s", title=event.title),
            body=phrase(
                "The event now starts %(start)s. Check the event page for the time, place and link.",
                start=event.starts_at,
            ),
        )
    # More places may let people in from the waiting list.
    if event.status == EventStatus.PUBLISHED:
        fill_free_places(event)
    return event


@transaction.atomic
def event_publish(*, event: Event, actor: User) -> Event:
    event = lock(event)
    require_manager(actor, event.centre_id)
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
def event_cancel(*, event: Event, actor: User, reason: str = "") -> Event:
    """Cancel the event: registration closes and everyone registered is told."""
    event = lock(event)
    require_manager(actor, event.centre_id)
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
    # A cancelled event delivered nothing: it no longer counts under an agreement.
    delivery_set(event, key=None, actor=actor)
    if was_published:
        tell_participants(
            event,
            kind="events.change",
            title=phrase("Cancelled: %(title)s", title=event.title),
            body=verbatim(event.cancel_reason)
            if event.cancel_reason
            else phrase("The organiser has cancelled the event."),
            include_waiting=True,
        )
    return event


@transaction.atomic
def event_duplicate(*, event: Event, actor: User) -> Event:
    """A draft copy with the same text, settings and times, for the organiser to adjust."""
    require_manager(actor, event.centre_id)
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
