"""The event services take the organiser's fields by name: a field they do not know is an error, not a
value silently dropped."""

from decimal import Decimal

import pytest

from events import services
from events.models import Event, EventStatus

pytestmark = pytest.mark.django_db


def test_changing_an_unknown_field_is_an_error_and_changes_nothing(event, organiser):
    with pytest.raises(TypeError, match="statuss"):
        services.event_update(event=event, actor=organiser, title="Nytt navn", statuss=EventStatus.CANCELLED)

    event.refresh_from_db()
    assert (event.title, event.status) == ("Karrierelæring i skolen", EventStatus.PUBLISHED)


def test_a_field_the_organiser_does_not_edit_cannot_be_set_through_the_service(event, organiser):
    with pytest.raises(TypeError):
        services.event_update(event=event, actor=organiser, status=EventStatus.CANCELLED)
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_creating_with_an_unknown_field_is_an_error_and_stores_nothing(centre, organiser, event):
    count = Event.objects.count()
    fields = {name: getattr(event, name) for name in services.EDITABLE_FIELDS}

    with pytest.raises(TypeError, match="cpd_houres"):
        services.event_create(centre=centre, actor=organiser, **fields, cpd_houres=Decimal("2"))

    assert Event.objects.count() == count
    created = services.event_create(centre=centre, actor=organiser, **fields)
    assert created.status == EventStatus.DRAFT and created.cpd_hours == event.cpd_hours


def test_fields_left_out_of_a_change_keep_their_values(event, organiser):
    before = {name: getattr(event, name) for name in services.EDITABLE_FIELDS}

    services.event_update(event=event, actor=organiser, capacity=5)

    event.refresh_from_db()
    after = {name: getattr(event, name) for name in services.EDITABLE_FIELDS}
    assert after == before | {"capacity": 5}
