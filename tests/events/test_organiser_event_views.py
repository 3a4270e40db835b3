"""The organiser pages for the event itself: who may open them, a centre's events, the event form,
publishing, cancelling and copying.

Each page is tried by those who may (the centre's organiser and admin, a national administrator)
and by those who may not (another centre's organiser, a verifier, a counsellor, a visitor).
Pages are read in English, the source language, so the assertions say what a user reads.
"""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Event, EventMessage, EventStatus, Registration, RegistrationStatus
from notifications.models import Notice
from register import services as register_services
from register.models import Role
from tests import personas
from tests.events.conftest import make_event
from tests.events.organiser_support import OSLO, as_user, flashed, move_to_the_past, page, register_all
from tests.factories import CentreFactory, county

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def other_organiser(other_centre):
    return personas.centre_staff(other_centre, Role.ORGANISER, email="kurs.vestland@example.org")


MANAGERS = ["organiser", "centre_admin", "national_admin"]
OUTSIDERS = ["other_organiser", "verifier", "school_counsellor"]


def event_data(**changes):
    """A complete, valid form submission: a two-day course in Oslo time."""
    data = {
        "title": "Fagdag om karrierelæring",
        "description": "Et kurs om **karrierelæring**.",
        "kind": "course",
        "audience": "school",
        "who_should_come": "Nye rådgivere",
        "county": county("03").pk,
        "place": "Karrieresenteret",
        "address": "Storgata 1, 0155 Oslo",
        "online_url": "",
        "starts_at": "2030-06-03T09:00",
        "ends_at": "2030-06-04T15:30",
        "capacity": "30",
        "registration_opens_at": "",
        "registration_closes_at": "2030-06-01T12:00",
        "cpd_hours": "12,5",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


# Who may open the pages

EVENT_PAGES = ["manage_detail", "edit", "cancel", "participants_csv", "message"]


@pytest.mark.parametrize("who", MANAGERS)
@pytest.mark.parametrize("url_name", EVENT_PAGES)
def test_the_centres_organisers_and_admins_and_national_admins_open_every_event_page(
    client, request, event, draft, who, url_name
):
    as_user(client, request, who)
    for target in (event, draft):
        assert client.get(reverse(f"events:{url_name}", args=[target.pk])).status_code == 200


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("url_name", EVENT_PAGES)
def test_others_are_refused_a_published_events_pages(client, request, event, who, url_name):
    response = as_user(client, request, who).get(reverse(f"events:{url_name}", args=[event.pk]))
    assert response.status_code == 403


@pytest.mark.parametrize(("who", "status"), [("other_organiser", 404), ("school_counsellor", 404), ("verifier", 403)])
@pytest.mark.parametrize("url_name", EVENT_PAGES)
def test_a_draft_is_hidden_from_outsiders_and_refused_to_the_centres_other_staff(
    client, request, draft, who, status, url_name
):
    response = as_user(client, request, who).get(reverse(f"events:{url_name}", args=[draft.pk]))
    assert response.status_code == status


@pytest.mark.parametrize("url_name", EVENT_PAGES)
def test_visitors_are_sent_to_log_in(client, event, url_name):
    response = client.get(reverse(f"events:{url_name}", args=[event.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("url_name", ["manage_list", "create"])
def test_the_list_and_the_new_event_form_are_for_event_managers_only(client, request, url_name):
    url = reverse(f"events:{url_name}")
    assert client.get(url)["Location"].startswith(reverse("account_login"))
    for who in ("verifier", "hr_officer", "school_counsellor", "plain_user"):
        assert as_user(client, request, who).get(url).status_code == 403
    for who in (*MANAGERS, "other_organiser"):
        assert as_user(client, request, who).get(url).status_code == 200


@pytest.mark.parametrize("who", [*OUTSIDERS, None])
def test_nobody_else_can_publish_cancel_copy_mark_promote_or_message(client, request, event, draft, counsellors, who):
    first, second, third = register_all(event, counsellors)
    notices = Notice.objects.filter(kind__startswith="events.").count()
    events = Event.objects.filter(centre=event.centre).count()
    as_user(client, request, who)

    client.post(reverse("events:publish", args=[draft.pk]))
    client.post(reverse("events:cancel", args=[event.pk]), {"reason": "Sykdom"})
    client.post(reverse("events:duplicate", args=[event.pk]))
    client.post(reverse("events:promote", args=[event.pk, third.pk]))
    client.post(reverse("events:message", args=[event.pk]), {"subject": "Hei", "body": "Melding"})
    move_to_the_past(event)
    client.post(reverse("events:attendance", args=[event.pk]), {"attended": [first.pk]})
    client.post(reverse("events:edit", args=[event.pk]), event_data(title="Kapret"))
    client.post(reverse("events:create"), event_data(title="Nytt"))

    draft.refresh_from_db()
    event.refresh_from_db()
    assert draft.status == EventStatus.DRAFT
    assert event.status == EventStatus.PUBLISHED
    assert event.title == "Karrierelæring i skolen"
    assert Event.objects.filter(centre=event.centre).count() == events
    assert Registration.objects.get(pk=third.pk).status == RegistrationStatus.WAITING
    assert not Registration.objects.filter(event=event, attended=True).exists()
    assert not EventMessage.objects.exists()
    assert Notice.objects.filter(kind__startswith="events.").count() == notices


def test_the_staff_page_links_event_managers_to_their_events(client, request, centre):
    text = page(as_user(client, request, "organiser").get(reverse("staff_home")))
    assert f"{reverse('events:manage_list')}?centre={centre.slug}" in text
    text = page(as_user(client, request, "national_admin").get(reverse("staff_home")))
    assert reverse("events:manage_list") in text
    text = page(as_user(client, request, "verifier").get(reverse("staff_home")))
    assert reverse("events:manage_list") not in text


# The list


def test_the_list_shows_the_centres_events_with_drafts_status_and_counts(
    client, request, centre, other_centre, event, draft, counsellors
):
    register_all(event, counsellors)
    cancelled = make_event(centre, status=EventStatus.CANCELLED, title="Avlyst nettverksmøte")
    elsewhere = make_event(other_centre, title="Fagdag i Bergen")

    text = page(as_user(client, request, "organiser").get(reverse("events:manage_list")))

    assert draft.title in text and event.title in text and cancelled.title in text
    assert elsewhere.title not in text
    assert ">Draft<" in text and ">Published<" in text and ">Cancelled<" in text
    assert "2 of 2" in text  # confirmed of capacity
    assert reverse("events:manage_detail", args=[event.pk]) in text
    assert reverse("events:create") in text
    assert "New event" in text


def test_the_list_narrows_to_one_centre_only_among_the_users_own(client, request, centre, other_centre, event):
    make_event(other_centre, title="Fagdag i Bergen")
    as_user(client, request, "national_admin")
    text = page(client.get(reverse("events:manage_list"), {"centre": centre.slug}))
    assert event.title in text and "Fagdag i Bergen" not in text
    assert "Fagdag i Bergen" in page(client.get(reverse("events:manage_list")))

    as_user(client, request, "organiser")
    assert client.get(reverse("events:manage_list"), {"centre": other_centre.slug}).status_code == 404


def test_the_list_is_paged_by_20(client, request, centre):
    for n in range(21):
        make_event(centre, title=f"Kurs nummer {n:02d}", days_ahead=n + 1)
    as_user(client, request, "organiser")
    first = page(client.get(reverse("events:manage_list")))
    second = page(client.get(reverse("events:manage_list"), {"page": 2}))
    assert first.count("Kurs nummer") == 20
    assert "Kurs nummer 00" in second and "Page 2 of 2" in second


# Creating and changing


def test_an_organiser_creates_a_two_day_draft_in_oslo_time(client, request, centre, areas):
    as_user(client, request, "organiser")
    response = client.post(reverse("events:create"), {**event_data(), "areas": [areas[0].pk, areas[2].pk]})

    created = Event.objects.get(title="Fagdag om karrierelæring")
    assert response.status_code == 302
    assert response["Location"] == reverse("events:manage_detail", args=[created.pk])
    assert "The event is saved as a draft. Publish it when it is ready." in flashed(response)
    assert created.status == EventStatus.DRAFT
    assert created.centre == centre
    assert created.starts_at == datetime(2030, 6, 3, 9, 0, tzinfo=OSLO)
    assert created.ends_at == datetime(2030, 6, 4, 15, 30, tzinfo=OSLO)
    assert created.registration_closes_at == datetime(2030, 6, 1, 12, 0, tzinfo=OSLO)
    assert created.cpd_hours == Decimal("12.5")
    assert created.capacity == 30
    assert set(created.areas.all()) == {areas[0], areas[2]}


def test_the_new_event_form_starts_with_the_centres_county_and_ignores_a_forged_centre(
    client, request, centre, other_centre
):
    as_user(client, request, "organiser")
    form = client.get(reverse("events:create")).context["form"]
    assert "centre" not in form.fields
    assert form["county"].value() == centre.county_id

    client.post(reverse("events:create"), event_data(centre=other_centre.pk))
    assert Event.objects.get(title="Fagdag om karrierelæring").centre == centre


def test_someone_managing_two_centres_chooses_one_and_only_of_their_own(client, centre, other_centre):
    third = CentreFactory(name="Karriere Agder", county=county("42"))
    person = personas.centre_staff(centre, Role.ORGANISER, email="to.sentre@example.org")
    register_services.membership_grant(user=person, centre=other_centre, role=Role.ADMIN, actor=None)
    client.force_login(person)

    form = client.get(reverse("events:create")).context["form"]
    assert set(form.fields["centre"].queryset) == {centre, other_centre}

    refused = client.post(reverse("events:create"), event_data(centre=third.pk, county=""))
    assert "centre" in refused.context["form"].errors
    assert not Event.objects.exists()

    client.post(reverse("events:create"), event_data(centre=other_centre.pk, county=""))
    created = Event.objects.get()
    assert created.centre == other_centre
    assert created.county == other_centre.county


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends_at": "2030-06-03T08:00"}, "ends_at", "The end must be after the start."),
        ({"registration_closes_at": "2030-06-03T10:00"}, "registration_closes_at", "Registration must close before"),
        ({"cpd_hours": "0"}, "cpd_hours", "more than 0"),
        ({"cpd_hours": "-2"}, "cpd_hours", "more than 0"),
        ({"address": "", "online_url": ""}, "address", "Give an address, an online link or both."),
        ({"starts_at": "i morgen"}, "starts_at", "Enter a valid date/time."),
    ],
)
def test_bad_input_on_create_is_refused_at_its_field_and_saves_nothing(client, request, changes, field, message):
    as_user(client, request, "organiser")
    response = client.post(reverse("events:create"), event_data(**changes))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message in errors[field][0]
    assert f'id="id_{field}_error"' in page(response)
    assert not Event.objects.exists()


def test_places_cannot_go_below_those_already_confirmed(client, request, event, counsellors):
    register_all(event, counsellors[:2])
    as_user(client, request, "organiser")

    response = client.post(reverse("events:edit", args=[event.pk]), event_data(title="Nytt navn", capacity="1"))

    assert "2 people already have a confirmed place" in response.context["form"].errors["capacity"][0]
    event.refresh_from_db()
    assert (event.capacity, event.title) == (2, "Karrierelæring i skolen")


def test_editing_shows_the_event_and_saves_changes(client, request, event, areas):
    as_user(client, request, "centre_admin")
    form = client.get(reverse("events:edit", args=[event.pk])).context["form"]
    assert form["title"].value() == event.title
    assert list(form["areas"].value()) == [areas[0].pk]

    response = client.post(reverse("events:edit", args=[event.pk]), event_data(capacity="", areas=[areas[1].pk]))

    assert response["Location"] == reverse("events:manage_detail", args=[event.pk])
    event.refresh_from_db()
    assert event.title == "Fagdag om karrierelæring"
    assert event.capacity is None
    assert list(event.areas.all()) == [areas[1]]


def test_saving_the_times_unchanged_tells_nobody_but_a_new_time_tells_the_participants(
    client, request, event, counsellors
):
    register_all(event, counsellors[:2])
    starts = timezone.localtime(event.starts_at).replace(second=17)
    Event.objects.filter(pk=event.pk).update(starts_at=starts, ends_at=starts + timedelta(hours=3))
    as_user(client, request, "organiser")
    url = reverse("events:edit", args=[event.pk])
    same = {
        "title": event.title,
        "place": "",
        "starts_at": f"{starts:%Y-%m-%dT%H:%M}",
        "ends_at": f"{starts + timedelta(hours=3):%Y-%m-%dT%H:%M}",
        "registration_closes_at": "",
        "capacity": "2",
    }

    client.post(url, event_data(**same, description="Ny beskrivelse"))

    event.refresh_from_db()
    assert event.description == "Ny beskrivelse"
    assert event.starts_at == starts
    assert not Notice.objects.filter(kind="events.change").exists()

    client.post(url, event_data(**{**same, "starts_at": f"{starts + timedelta(hours=1):%Y-%m-%dT%H:%M}"}))

    changed = [n for n in Notice.objects.filter(kind="events.change") if n.title.startswith("Changed")]
    assert {notice.recipient for notice in changed} == set(counsellors[:2])


def test_a_cancelled_event_cannot_be_edited(client, request, event):
    services.event_cancel(event=event, actor=request.getfixturevalue("organiser"))
    as_user(client, request, "organiser")
    response = client.post(reverse("events:edit", args=[event.pk]), event_data())
    assert response["Location"] == reverse("events:manage_detail", args=[event.pk])
    assert "A cancelled event cannot be changed." in flashed(response)
    event.refresh_from_db()
    assert event.title == "Karrierelæring i skolen"


# Publishing, cancelling, copying


def test_publishing_a_draft(client, request, draft):
    as_user(client, request, "organiser")
    assert client.get(reverse("events:publish", args=[draft.pk])).status_code == 405

    response = client.post(reverse("events:publish", args=[draft.pk]))

    draft.refresh_from_db()
    assert draft.status == EventStatus.PUBLISHED
    assert response["Location"] == reverse("events:manage_detail", args=[draft.pk])


def test_publishing_twice_or_after_the_start_is_refused_with_a_message(client, request, event, draft):
    as_user(client, request, "organiser")
    response = client.post(reverse("events:publish", args=[event.pk]))
    assert "Only a draft can be published." in flashed(response)

    move_to_the_past(draft)
    response = client.post(reverse("events:publish", args=[draft.pk]))
    assert any("already started" in text for text in flashed(response))
    draft.refresh_from_db()
    assert draft.status == EventStatus.DRAFT


def test_cancelling_asks_first_then_tells_everyone_registered(client, request, event, counsellors):
    register_all(event, counsellors)
    as_user(client, request, "organiser")
    form = page(client.get(reverse("events:cancel", args=[event.pk])))
    assert 'name="reason"' in form and "Cancel the event" in form
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED

    response = client.post(reverse("events:cancel", args=[event.pk]), {"reason": "Foredragsholderen er syk."})

    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert event.cancel_reason == "Foredragsholderen er syk."
    assert "The event is cancelled. Everyone registered has been told." in flashed(response)
    told = [n for n in Notice.objects.filter(kind="events.change") if n.title.startswith("Cancelled")]
    assert {notice.recipient for notice in told} == set(counsellors)
    again = client.post(reverse("events:cancel", args=[event.pk]))
    assert "The event is already cancelled." in flashed(again)


def test_copying_makes_a_draft_and_opens_it_for_editing(client, request, event, areas):
    as_user(client, request, "organiser")
    response = client.post(reverse("events:duplicate", args=[event.pk]))

    copy = Event.objects.exclude(pk=event.pk).get()
    assert response["Location"] == reverse("events:edit", args=[copy.pk])
    assert "This is a copy; adjust dates and publish." in flashed(response)
    assert copy.status == EventStatus.DRAFT
    assert copy.title == event.title
    assert list(copy.areas.all()) == [areas[0]]
