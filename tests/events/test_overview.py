"""Events' part of the leaders' overview: events that ended in the period, their participants and attended hours."""

from decimal import Decimal

import pytest
from django.utils import timezone

from events.models import EventStatus, Registration, RegistrationStatus
from events.overview import event_figures
from register.overview.scope import Scope
from register.overview.sections import Period
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db


def period():
    return Period.last_months(12, timezone.localdate())


def registrations(event, users, *, attended=0, waiting=0):
    for i, user in enumerate(users):
        Registration.objects.create(
            event=event,
            user=user,
            status=RegistrationStatus.WAITING if i >= len(users) - waiting else RegistrationStatus.CONFIRMED,
            confirmed_at=timezone.now(),
            attended=i < attended,
        )


@pytest.fixture
def held(centre, other_centre, counsellors):
    """Two events that ended last week at Karriere Oslo and one at Karriere Vestland; one still to come, one
    cancelled and one draft that do not count."""
    first = make_event(centre, days_ahead=-7, capacity=5, cpd_hours=Decimal("3.0"))
    registrations(first, counsellors, attended=2, waiting=1)  # 2 confirmed and attended, 1 waiting
    second = make_event(centre, days_ahead=-3, capacity=5, cpd_hours=Decimal("1.5"))
    registrations(second, counsellors[:1], attended=1)
    make_event(other_centre, days_ahead=-10, capacity=5)
    make_event(centre, days_ahead=7)
    make_event(centre, days_ahead=-5, status=EventStatus.CANCELLED)
    make_event(centre, days_ahead=-5, status=EventStatus.DRAFT)


def test_events_held_participants_and_attended_hours_by_county(held):
    contribution = event_figures(Scope(), period())
    rows = {row["label"]: row for row in contribution.tables[0].rows}

    assert (rows["Oslo"]["events"], rows["Oslo"]["participants"], rows["Oslo"]["attended"]) == (2, 3, 3)
    assert rows["Oslo"]["hours"] == Decimal("7.5")  # 2 x 3 hours + 1 x 1.5
    assert (rows["Vestland"]["events"], rows["Vestland"]["participants"]) == (1, 0)
    headlines = {h.key: h.value for h in contribution.headlines}
    assert (headlines["events"], headlines["participants"], headlines["attended_hours"]) == (3, 3, Decimal("7.5"))


def test_a_county_or_centre_overview_shows_its_own_centres_events(held, centre, other_centre):
    by_centre = event_figures(Scope(centre=centre), period()).tables[0]
    assert [(row["label"], row["events"]) for row in by_centre.rows] == [(centre.name, 2)]
    assert by_centre.columns[0].label == "Organising centre"
    vestland = event_figures(Scope(county=other_centre.county), period()).tables[0]
    assert [(row["label"], row["events"]) for row in vestland.rows] == [(other_centre.name, 1)]


def test_events_before_the_period_do_not_count(centre):
    make_event(centre, days_ahead=-800)
    assert event_figures(Scope(), period()).tables[0].rows == []
