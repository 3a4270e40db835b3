"""Counting an event as delivered under a partnership agreement. It reaches the agreements only through the
register's channel (``register.deliveries``), which the app that holds them fills; without it nothing happens."""

from django.utils import timezone

from accounts.models import User
from events.models import Event
from events.selectors import DELIVERY_SOURCE
from events.services._shared import event_link
from register import deliveries


def delivery_item(event: Event) -> deliveries.DeliveryItem:
    """The event as the agreement shows it: its CPD hours, and how many attended once it has started."""
    return deliveries.DeliveryItem(
        source=DELIVERY_SOURCE,
        reference=str(event.pk),
        title=event.title,
        date=timezone.localtime(event.starts_at).date(),
        url=event_link(event),
        hours=event.cpd_hours,
        participants=event.registrations.filter(attended=True).count() if event.has_started() else None,
    )


def delivery_set(event: Event, *, key: str | None, actor: User) -> None:
    """Count the event under the agreement ``key`` (None: under none); ValidationError keyed ``delivered_under``
    for an agreement the actor may not choose for the event's centre."""
    deliveries.delivery_report(key, delivery_item(event), actor=actor, centre=event.centre)


def delivery_refresh(event: Event) -> None:
    """Bring an event already counted under an agreement in step with its title, time, hours and attendance."""
    deliveries.delivery_refresh(delivery_item(event))
