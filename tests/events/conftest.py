from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from events.models import Event, EventKind, EventStatus
from tests import personas


def make_event(centre, *, status=EventStatus.PUBLISHED, days_ahead=7, hours=3, capacity=2, areas=(), **fields):
    """An event of ``centre`` starting ``days_ahead`` days from now and lasting ``hours`` hours."""
    starts = timezone.now().replace(microsecond=0) + timedelta(days=days_ahead)
    values = {
        "title": "Karrierelæring i skolen",
        "description": "Et kurs om **karrierelæring**.",
        "kind": EventKind.COURSE,
        "county": centre.county,
        "address": "Storgata 1, 0155 Oslo",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=hours),
        "capacity": capacity,
        "cpd_hours": Decimal("3.0"),
        "status": status,
        "published_at": timezone.now() if status != EventStatus.DRAFT else None,
    }
    values.update(fields)
    event = Event.objects.create(centre=centre, **values)
    event.areas.set(areas)
    return event


@pytest.fixture(autouse=True)
def _english():
    """Notices and e-mails are written in the language active when they are made (a request's, or the
    site's bokmål in commands). Outside requests these tests work in English, whatever an earlier test left active.
    """
    with translation.override("en"):
        yield


@pytest.fixture
def event(centre, areas):
    """A published course of the centre with 2 places and 3 CPD hours in area 1, a week from now."""
    return make_event(centre, areas=[areas[0]])


@pytest.fixture
def draft(centre):
    return make_event(centre, status=EventStatus.DRAFT, title="Utkast til fagdag")


@pytest.fixture
def counsellors(centre):
    """Three counsellors with a home centre: the first two fill a 2-place event, the third waits."""
    return [personas.counsellor(home_centre=centre, email=f"deltaker{i}@example.org") for i in range(3)]
