"""Reads of events that pages, the API, the calendar feeds and the portal share."""

from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from accounts.models import User
from accounts.selectors import iso
from events.models import CalendarFeed, Event, EventMessage, EventStatus, Registration, RegistrationStatus
from events.permissions import visible_events
from register import deliveries
from register.models import Centre, County

# How an agreement the event is delivered under knows it (``register.deliveries``): this app, and the event's id.
DELIVERY_SOURCE = "events"


def event_listing(
    *, user: User | AnonymousUser | None = None, upcoming: bool = True, now: datetime | None = None
) -> QuerySet[Event]:
    """Events a visitor may see, with counts and organiser, soonest first. Filter with ``EventFilter``."""
    queryset = Event.objects.public() if user is None else visible_events(user)
    if upcoming:
        queryset = queryset.upcoming(now)
    return queryset.with_counts().select_related("centre", "county").order_by("starts_at", "id")


def upcoming_public_events(
    *, county: County | None = None, centre: Centre | None = None, limit: int | None = None, now: datetime | None = None
) -> QuerySet[Event]:
    """Published upcoming events, for the portal's county and centre pages and the public feeds."""
    queryset = event_listing(now=now).filter(status=EventStatus.PUBLISHED)
    if county is not None:
        queryset = queryset.filter(county=county)
    if centre is not None:
        queryset = queryset.filter(centre=centre)
    return queryset[:limit] if limit else queryset


def event_detail(*, user: User | AnonymousUser, pk: int) -> QuerySet[Event]:
    """One event with counts, organiser and competence areas (permission is checked by the caller)."""
    return Event.objects.with_counts().select_related("centre", "county").prefetch_related("areas").filter(pk=pk)


def delivered_under(event: Event) -> deliveries.Choice | None:
    """The agreement (key, label) the event counts as delivered under, or None."""
    return deliveries.delivered_under(DELIVERY_SOURCE, str(event.pk))


def registration_of(*, user: User | AnonymousUser, event: Event) -> Registration | None:
    """The user's registration for the event (whatever its status), or None."""
    if isinstance(user, AnonymousUser) or not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def confirmed_count(event: Event) -> int:
    """How many people hold a confirmed place (capacity is measured against it)."""
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def with_waiting_position(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """Annotate ``waiting_position`` (1 for the first waiting; None when not waiting) in the same query.

    The waiting list's order is ``registered_at`` then ``id``, as in ``waiting_position``; one
    subquery rather than one query per registration, so lists cost the same however long they are.
    """
    ahead = (
        Registration.objects.filter(event_id=OuterRef("event_id"), status=RegistrationStatus.WAITING)
        .filter(
            Q(registered_at__lt=OuterRef("registered_at"))
            | Q(registered_at=OuterRef("registered_at"), id__lte=OuterRef("id"))
        )
        .order_by()
        .values("event_id")
        .annotate(position=Count("id"))
        .values("position")
    )
    return registrations.annotate(
        waiting_position=Case(
            When(status=RegistrationStatus.WAITING, then=Subquery(ahead)),
            default=Value(None),
            output_field=IntegerField(),
        )
    )


def my_registrations(*, user: User, include_past: bool = True, now: datetime | None = None) -> QuerySet[Registration]:
    """The user's registrations that are not cancelled, with their events and waiting positions, soonest first."""
    queryset = (
        Registration.objects.filter(user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event__centre", "event__county")
        .order_by("event__starts_at", "event_id")
    )
    if not include_past:
        queryset = queryset.filter(event__ends_at__gte=now or timezone.now())
    return with_waiting_position(queryset)


def participants(*, event: Event) -> QuerySet[Registration]:
    """Everyone registered (confirmed, waiting, cancelled), with the person and their home centre.

    Confirmed first, then the waiting list in its order, then the cancelled.
    """
    status_order = Case(
        When(status=RegistrationStatus.CONFIRMED, then=Value(0)),
        When(status=RegistrationStatus.WAITING, then=Value(1)),
        default=Value(2),
    )
    return event.registrations.select_related("user__counsellor_profile__home_centre").order_by(
        status_order, "registered_at", "id"
    )


def waiting_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None if not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    return (
        Registration.objects.filter(
            event_id=registration.event_id,
            status=RegistrationStatus.WAITING,
            registered_at__lte=registration.registered_at,
        )
        .exclude(registered_at=registration.registered_at, id__gt=registration.id)
        .count()
    )


def managed_events(*, centre_ids: set[int] | None) -> QuerySet[Event]:
    """Events of the given centres (None: all), drafts included, newest start first, with counts."""
    queryset = Event.objects.with_counts().select_related("centre", "county").order_by("-starts_at", "-id")
    return queryset if centre_ids is None else queryset.filter(centre_id__in=centre_ids)


def _waiting_position() -> Subquery:
    """1 + the waiting registrations before this one at its event (the waiting list's order)."""
    ahead = (
        Registration.objects.filter(event=OuterRef("event"), status=RegistrationStatus.WAITING)
        .filter(
            Q(registered_at__lt=OuterRef("registered_at"))
            | Q(registered_at=OuterRef("registered_at"), id__lt=OuterRef("id"))
        )
        .values("event")
        .annotate(count=Count("id"))
        .values("count")
    )
    return Subquery(ahead, output_field=IntegerField())


def personal_data(user: User) -> dict[str, Any]:
    """The events part of "my data": registrations (waiting list places included), whether a calendar feed
    exists (never its secret address), and, for organisers, the events they made and the messages they sent."""
    registrations = (
        Registration.objects.filter(user=user)
        .select_related("event__centre")
        .annotate(ahead=_waiting_position())
        .order_by("event__starts_at", "id")
    )
    feed = CalendarFeed.objects.filter(user=user).only("created_at").first()
    return {
        "registrations": [
            {
                "event": r.event.title,
                "organiser": r.event.centre.name,
                "starts": iso(r.event.starts_at),
                "ends": iso(r.event.ends_at),
                "status": r.status,
                "waiting_list_place": (r.ahead or 0) + 1 if r.status == RegistrationStatus.WAITING else None,
                "registered": iso(r.registered_at),
                "confirmed": iso(r.confirmed_at),
                "cancelled": iso(r.cancelled_at),
                "attended": r.attended,
                "attendance_marked": iso(r.attendance_marked_at),
                "reminder_sent": iso(r.reminded_at),
            }
            for r in registrations
        ],
        "calendar_feed": {"exists": feed is not None, "created": iso(feed.created_at) if feed else None},
        "events_created": [
            {"title": e.title, "organiser": e.centre.name, "starts": iso(e.starts_at), "status": e.status}
            for e in Event.objects.filter(created_by=user).select_related("centre").order_by("starts_at", "id")
        ],
        "messages_sent": [
            {
                "event": m.event.title,
                "subject": m.subject,
                "text": m.body,
                "recipients": m.recipient_count,
                "sent": iso(m.sent_at),
            }
            for m in EventMessage.objects.filter(sender=user).select_related("event").order_by("sent_at", "id")
        ],
    }
