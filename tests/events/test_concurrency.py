"""Capacity holds under concurrency: 50 people register at once for 10 places (PostgreSQL)."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from django.db import connections

from events import services
from events.models import Registration, RegistrationStatus
from tests.events.conftest import make_event
from tests.factories import UserFactory
from tests.races import ROW_LOCK_RACE

pytestmark = [*ROW_LOCK_RACE]


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
