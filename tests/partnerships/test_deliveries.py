"""An event can be marked as delivered under one of its centre's agreements and then counts as delivery against
it: the agreement's activities show its title, date, CPD hours and how many attended.

Events and partnerships never import each other; they meet through ``register.deliveries``."""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from events import services as event_services
from events.models import Event
from partnerships import services
from partnerships.links import delivery_choices
from partnerships.models import AgreementStatus, DeliveredActivity
from register import deliveries
from register.models import Role
from tests import personas
from tests.events.conftest import make_event
from tests.events.organiser_support import move_to_the_past, register_all
from tests.factories import county
from tests.partnerships.conftest import make_agreement

pytestmark = pytest.mark.django_db

FIELD = 'name="delivered_under"'


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def event(centre):
    return make_event(centre, title="Fagdag med NAV", cpd_hours=Decimal("6.5"))


@pytest.fixture
def other_agreement(other_centre, other_admin):
    return make_agreement(other_admin, other_centre, title="Avtale i Vestland")


def event_data(**changes):
    """A complete submission of the event form: a course in Oslo on 3 June 2030."""
    data = {
        "title": "Fagdag om karriereveiledning for NAV",
        "description": "Felles fagdag.",
        "kind": "course",
        "audience": "school",
        "county": county("03").pk,
        "address": "Storgata 1, 0155 Oslo",
        "starts_at": "2030-06-03T09:00",
        "ends_at": "2030-06-03T15:30",
        "cpd_hours": "6,5",
    }
    data.update(changes)
    return data


def delivery_select(html):
    """The "Delivered under agreement" select of the event form."""
    found = re.search(r'<select[^>]* name="delivered_under".*?</select>', html, re.DOTALL)
    assert found is not None
    return found.group(0)


def test_an_organiser_marks_a_new_event_delivered_under_the_centres_agreement(client, organiser, agreement):
    client.force_login(organiser)
    response = client.post(reverse("events:create"), event_data(delivered_under=agreement.pk))
    event = Event.objects.get(title="Fagdag om karriereveiledning for NAV")
    assert response.status_code == 302
    activity = agreement.activities.get()
    assert (activity.title, activity.date, activity.hours) == (event.title, datetime.date(2030, 6, 3), Decimal("6.5"))
    assert activity.url == reverse("events:detail", args=[event.pk])
    assert activity.participants is None
    assert agreement.changes.filter(action="activity.added", actor=organiser).exists()
    page = client.get(reverse("events:manage_detail", args=[event.pk])).content.decode()
    assert "Delivered under" in page
    assert agreement.title in page


def test_unmarking_an_event_removes_it_from_the_agreement(client, organiser, agreement, event):
    event_services.event_update(event=event, actor=organiser, delivered_under=str(agreement.pk))
    assert agreement.activities.count() == 1
    client.force_login(organiser)
    form = delivery_select(client.get(reverse("events:edit", args=[event.pk])).content.decode())
    assert f'<option value="{agreement.pk}" selected>' in form
    response = client.post(reverse("events:edit", args=[event.pk]), event_data(title=event.title, delivered_under=""))
    assert response.status_code == 302
    assert not agreement.activities.exists()
    assert "Delivered under" not in client.get(reverse("events:manage_detail", args=[event.pk])).content.decode()


def test_the_form_offers_the_centres_agreements_in_force_and_the_countys_but_no_others(
    client, centre, centre_admin, organiser, agreement, other_agreement
):
    county_wide = services.agreement_create(
        actor=centre_admin,
        centre=None,
        county=centre.county,
        data={"title": "Fylkesavtale", "purpose": "Hele fylket.", "start_date": datetime.date(2024, 1, 1)},
        parties=[{"name": "Oslo kommune", "partner_type": "municipality"}],
        status=AgreementStatus.ACTIVE,
    )
    draft = make_agreement(centre_admin, centre, title="Utkast til avtale", status=AgreementStatus.DRAFT)
    expired = make_agreement(centre_admin, centre, title="Gammel avtale", days_left=-5)
    client.force_login(organiser)
    form = delivery_select(client.get(reverse("events:create")).content.decode())
    assert f'<option value="{agreement.pk}">{agreement.title}</option>' in form
    assert f'value="{county_wide.pk}">Fylkesavtale (All centres in {centre.county})' in form
    for hidden in (draft, expired, other_agreement):
        assert f'<option value="{hidden.pk}"' not in form


def test_an_agreement_of_another_centre_cannot_be_chosen(client, organiser, agreement, other_agreement):
    client.force_login(organiser)
    response = client.post(reverse("events:create"), event_data(delivered_under=other_agreement.pk))
    assert response.status_code == 200
    assert "Choose one of the agreements in force of the event" in response.content.decode()
    assert not Event.objects.exists()
    assert not DeliveredActivity.objects.exists()


def test_the_service_refuses_another_centres_agreement_and_saves_nothing(organiser, event, other_agreement):
    with pytest.raises(ValidationError) as caught:
        event_services.event_update(
            event=event, actor=organiser, title="Nytt navn", delivered_under=str(other_agreement.pk)
        )
    assert "delivered_under" in caught.value.message_dict
    event.refresh_from_db()
    assert event.title == "Fagdag med NAV"
    assert not DeliveredActivity.objects.exists()


def test_only_the_centres_organisers_admins_and_national_admins_are_offered_its_agreements(
    centre, agreement, organiser, centre_admin, national_admin, verifier, school_counsellor, other_centre
):
    other_organiser = personas.centre_staff(other_centre, Role.ORGANISER, email="kurs.vest@example.org")
    for person in (organiser, centre_admin, national_admin):
        assert delivery_choices(person, centre) == [(str(agreement.pk), agreement.title)]
    for person in (verifier, school_counsellor, other_organiser):
        assert delivery_choices(person, centre) == []


def test_attendance_and_changes_to_the_event_keep_the_agreements_figures_up_to_date(
    organiser, agreement, event, counsellors
):
    event_services.event_update(event=event, actor=organiser, delivered_under=str(agreement.pk))
    first, second, _third = register_all(event, counsellors)
    move_to_the_past(event)
    event_services.attendance_set(event=event, actor=organiser, attended_ids=[first.pk, second.pk])
    activity = agreement.activities.get()
    assert activity.participants == 2
    event_services.event_update(event=event, actor=organiser, cpd_hours=Decimal("4"), title="Fagdag med NAV Oslo")
    activity.refresh_from_db()
    assert (activity.hours, activity.title, activity.participants) == (Decimal("4.0"), "Fagdag med NAV Oslo", 2)
    event_services.attendance_set(event=event, actor=organiser, attended_ids=[first.pk])
    activity.refresh_from_db()
    assert activity.participants == 1


def test_an_event_keeps_counting_under_its_agreement_after_the_agreement_has_expired(
    client, organiser, centre, centre_admin, event
):
    agreement = make_agreement(centre_admin, centre, title="Snart slutt", days_left=10)
    event_services.event_update(event=event, actor=organiser, delivered_under=str(agreement.pk))
    services.agreements_refresh(today=agreement.end_date + datetime.timedelta(days=1))
    client.force_login(organiser)
    form = delivery_select(client.get(reverse("events:edit", args=[event.pk])).content.decode())
    assert f'<option value="{agreement.pk}" selected>' in form
    response = client.post(
        reverse("events:edit", args=[event.pk]), event_data(title="Fagdag flyttet", delivered_under=agreement.pk)
    )
    assert response.status_code == 302
    assert agreement.activities.get().title == "Fagdag flyttet"


def test_a_cancelled_event_no_longer_counts_as_delivered(organiser, agreement, event):
    event_services.event_update(event=event, actor=organiser, delivered_under=str(agreement.pk))
    event_services.event_cancel(event=event, actor=organiser)
    assert not agreement.activities.exists()


def test_without_an_agreement_app_the_event_form_has_no_field_and_still_saves(client, organiser, monkeypatch):
    monkeypatch.setattr(deliveries, "_channel", None)
    client.force_login(organiser)
    assert FIELD not in client.get(reverse("events:create")).content.decode()
    assert client.post(reverse("events:create"), event_data()).status_code == 302
    event = Event.objects.get()
    assert FIELD not in client.get(reverse("events:edit", args=[event.pk])).content.decode()
    assert client.post(reverse("events:edit", args=[event.pk]), event_data(title="Endret")).status_code == 302
    event.refresh_from_db()
    assert event.title == "Endret"


def test_a_centre_without_agreements_in_force_gets_no_field(client, organiser):
    client.force_login(organiser)
    assert FIELD not in client.get(reverse("events:create")).content.decode()
