"""Capacity holds under concurrency: 50 people register at once for 10 places (PostgreSQL)."""

from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
from threading import Barrier

import pytest
from django.apps import apps
from django.db import connection, connections

from events import services
from events.models import Registration, RegistrationStatus
from tests.events.conftest import make_event
from tests.factories import UserFactory

# SQLite serialises every write transaction, so the race this guards against exists on PostgreSQL only.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are a PostgreSQL matter"),
]


@pytest.fixture
def counties(transactional_db):
    """Transactional tests empty the database when they end, the counties the migrations added included."""
    import_module("register.migrations.0002_counties").add_counties(apps, None)


def test_fifty_concurrent_registrations_for_ten_places(counties, centre):
    event = make_event(centre, capacity=10)
    people = [UserFactory(email=f"samtidig{i}@example.org") for i in range(50)]
    barrier = Barrier(len(people))

    def register(person):
        try:
            barrier.wait()
            services.registration_register(event=event, user=person)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(people)) as pool:
        list(pool.map(register, people))

    registrations = Registration.objects.filter(event=event)
    assert registrations.count() == 50
    assert registrations.values("user").distinct().count() == 50
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 10
    assert registrations.filter(status=RegistrationStatus.WAITING).count() == 40
