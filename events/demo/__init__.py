"""Demo data for events: named courses and meetings across the counties and, on request, national scale.

Run by ``manage.py seed_events_demo`` (and by ``seed_demo``, which calls that command by name so
the register app never imports events). It needs the register's demo users and centres. Every
step checks what exists first, so a second run creates nothing.
"""

from dataclasses import dataclass

from django.db import transaction

from events.demo.bulk import NATIONAL_EVENTS, NATIONAL_REGISTRATIONS, seed_bulk
from events.demo.named import seed_named_events

__all__ = ["NATIONAL_EVENTS", "NATIONAL_REGISTRATIONS", "EventsDemoResult", "seed_events_demo"]


@dataclass
class EventsDemoResult:
    events_created: int  # named demo events created by this run
    registrations_created: int  # their registrations
    bulk_events_created: int
    bulk_registrations_created: int


@transaction.atomic
def seed_events_demo(*, bulk_events=0, bulk_registrations=0):
    """The named events with their registrations; ``bulk_events`` more events in bulk if asked."""
    events, registrations = seed_named_events()
    bulk = seed_bulk(events=bulk_events, registrations=bulk_registrations)
    return EventsDemoResult(
        events_created=events,
        registrations_created=registrations,
        bulk_events_created=bulk[0],
        bulk_registrations_created=bulk[1],
    )
