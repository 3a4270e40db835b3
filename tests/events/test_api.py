"""The events API (/api/v1/events/, /api/v1/my-registrations/): the pages' rules, from every side.

Anonymous visitors, other signed-in people, participants, the organisers of the event's centre,
organisers of another centre and national administrators; bad requests that change nothing;
fixed query budgets; and the schema.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.test import APIClient

from events import services
from events.models import Event, EventKind, EventStatus, Registration, RegistrationStatus
from register.models import ActivitySource, CPDActivity, Role
from tests import personas
from tests.events.conftest import make_event
from tests.factories import UserFactory, api_key, county

pytestmark = pytest.mark.django_db

EVENTS = "/api/v1/events/"
MINE = "/api/v1/my-registrations/"
LINK = "https://meet.example.org/fagdag"


def event_url(event, action=""):
    return f"{EVENTS}{event.pk}/{action + '/' if action else ''}"


def as_user(user=None):
    client = APIClient()
    if user is not None:
        client.force_login(user)
    # Messages are asserted in English (the source language); Bokmål is the site default.
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


def token_client(user):
    """Token authentication: the budget is the endpoint's own and two queries of knox's (the token with its owner,
    and the owner's other tokens, to delete expired ones), without the session bookkeeping."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(user, in_use=True)}", HTTP_ACCEPT_LANGUAGE="en")
    return client


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def registrations():
    return list(Registration.objects.order_by("pk").values("pk", "user_id", "event_id", "status", "attended"))


@pytest.fixture
def other_organiser(other_centre):
    return personas.centre_staff(other_centre, Role.ORGANISER, email="arrangor.vestland@example.org")


@pytest.fixture
def online(centre):
    """An online webinar with 1 place."""
    return make_event(centre, address="", online_url=LINK, capacity=1, title="Webinar", kind=EventKind.WEBINAR)


def register(event, *people):
    return [services.registration_register(event=event, user=person) for person in people]


def past_event_with(centre, areas, people):
    """An event a week ago at which ``people`` had a place (registered while it was open)."""
    event = make_event(centre, capacity=10, areas=[areas[0]])
    register(event, *people)
    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at - timedelta(days=14), ends_at=event.ends_at - timedelta(days=14)
    )
    return Event.objects.get(pk=event.pk)


# reading events


def test_anonymous_visitors_read_published_events_with_their_places(event, draft, areas):
    response = as_user().get(EVENTS)

    assert ids(response) == {event.pk}
    (row,) = response.json()["results"]
    assert row["url"] == f"http://testserver/arrangementer/{event.pk}/"
    assert row["centre"] == {"id": event.centre.pk, "name": "Karriere Oslo", "slug": "karriere-oslo-test"}
    assert row["county"] == {"number": "03", "name": "Oslo"}
    assert (row["kind"], row["audience"], row["status"]) == ("course", "everyone", "published")
    assert parse_datetime(row["starts_at"]) == event.starts_at
    assert row["starts_at"][-6:] in ("+01:00", "+02:00")  # Oslo time with its offset
    assert (row["capacity"], row["confirmed_count"], row["waiting_count"], row["free_places"]) == (2, 0, 0, 2)
    assert row["cpd_hours"] == "3.0" and row["areas"] == [1]
    assert row["registration_open"] is True
    assert row["online_url"] is None and row["my_registration"] is None
    assert as_user().get(event_url(event)).json()["id"] == event.pk


def test_drafts_are_seen_by_their_centres_staff_and_national_admins_only(
    event, draft, verifier, organiser, national_admin, other_organiser, school_counsellor
):
    for insider in (verifier, organiser, national_admin):
        client = as_user(insider)
        assert ids(client.get(EVENTS)) == {event.pk, draft.pk}
        assert client.get(event_url(draft)).json()["status"] == "draft"
    for outsider in (None, other_organiser, school_counsellor):
        client = as_user(outsider)
        assert ids(client.get(EVENTS)) == {event.pk}
        assert client.get(event_url(draft)).status_code == 404
    assert as_user().get(f"{EVENTS}{draft.pk + 1000}/").status_code == 404


def test_the_list_is_upcoming_unless_date_from_opens_the_past(centre, other_centre):
    upcoming = make_event(centre, days_ahead=3)
    past = make_event(centre, days_ahead=-10)
    vestland = make_event(other_centre, days_ahead=5, kind=EventKind.CONFERENCE)
    client = as_user()

    assert ids(client.get(EVENTS)) == {upcoming.pk, vestland.pk}
    since = (timezone.localdate() - timedelta(days=30)).isoformat()
    assert ids(client.get(EVENTS, {"date_from": since})) == {upcoming.pk, past.pk, vestland.pk}
    assert ids(client.get(EVENTS, {"county": "46"})) == {vestland.pk}
    assert ids(client.get(EVENTS, {"centre": centre.slug})) == {upcoming.pk}
    assert ids(client.get(EVENTS, {"kind": "conference"})) == {vestland.pk}
    assert client.get(EVENTS, {"date_from": "i går"}).status_code == 400


def test_the_online_link_is_for_confirmed_participants_and_organisers_only(
    online, counsellors, organiser, centre_admin, national_admin, other_organiser, plain_user
):
    confirmed, waiting, _ = counsellors
    register(online, confirmed, waiting)

    def link(user):
        client = as_user(user)
        in_list = {row["id"]: row["online_url"] for row in client.get(EVENTS).json()["results"]}[online.pk]
        assert client.get(event_url(online)).json()["online_url"] == in_list
        return in_list

    for allowed in (confirmed, organiser, centre_admin, national_admin):
        assert link(allowed) == LINK
    for refused in (None, waiting, other_organiser, plain_user):
        assert link(refused) is None
    assert as_user(waiting).get(event_url(online)).json()["my_registration"] == "waiting"


# registering and cancelling


def test_fifty_people_for_ten_places_get_ten_places_and_a_waiting_list_in_order(centre):
    event = make_event(centre, capacity=10)
    people = [UserFactory(email=f"p{n}@example.org") for n in range(50)]

    answers = [as_user(person).post(event_url(event, "register")) for person in people]

    assert {answer.status_code for answer in answers} == {201}
    assert [a.json()["status"] for a in answers] == ["confirmed"] * 10 + ["waiting"] * 40
    assert [a.json()["waiting_position"] for a in answers] == [None] * 10 + list(range(1, 41))
    assert answers[0].json()["event"]["id"] == event.pk
    row = as_user().get(event_url(event)).json()
    assert (row["confirmed_count"], row["waiting_count"], row["free_places"]) == (10, 40, 0)
    mine = as_user(people[12]).get(MINE).json()["results"]
    assert [(r["status"], r["waiting_position"]) for r in mine] == [("waiting", 3)]


def test_registering_twice_is_a_400_and_changes_nothing(event, school_counsellor):
    client = as_user(school_counsellor)
    assert client.post(event_url(event, "register")).status_code == 201
    before = registrations()

    again = client.post(event_url(event, "register"))

    assert again.status_code == 400
    assert again.json() == {"detail": ["You are already registered for this event."]}
    assert registrations() == before


def test_a_cancelled_or_closed_event_refuses_registration(event, draft, organiser, verifier, school_counsellor):
    services.event_cancel(event=event, actor=organiser)

    refused = as_user(school_counsellor).post(event_url(event, "register"))

    assert refused.status_code == 400
    assert refused.json() == {"detail": ["The event is cancelled; registration is closed."]}
    assert as_user(school_counsellor).post(event_url(draft, "register")).status_code == 404
    assert as_user(verifier).post(event_url(draft, "register")).json() == {
        "detail": ["Registration for this event is closed."]
    }
    assert registrations() == []


def test_cancelling_my_place_moves_the_first_waiting_up(event, counsellors):
    first, second, third = counsellors
    register(event, *counsellors)

    response = as_user(first).post(event_url(event, "cancel-registration"))

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    statuses = dict(Registration.objects.values_list("user_id", "status"))
    assert statuses == {first.pk: "cancelled", second.pk: "confirmed", third.pk: "confirmed"}
    again = as_user(first).post(event_url(event, "cancel-registration"))
    assert again.status_code == 400
    assert again.json() == {"detail": ["This registration is already cancelled."]}


def test_nobody_cancels_someone_elses_place(event, school_counsellor, plain_user, organiser):
    (registration,) = register(event, school_counsellor)
    before = registrations()

    for other in (plain_user, organiser):
        response = as_user(other).post(event_url(event, "cancel-registration"), {"registration": registration.pk})
        assert response.status_code == 400
        assert response.json() == {"detail": ["You are not registered for this event."]}

    assert registrations() == before


def test_anonymous_visitors_cannot_register_cancel_or_see_registrations(event, school_counsellor):
    register(event, school_counsellor)
    before = registrations()
    client = as_user()
    for method, url in [
        ("post", event_url(event, "register")),
        ("post", event_url(event, "cancel-registration")),
        ("get", event_url(event, "participants")),
        ("post", event_url(event, "attendance")),
        ("get", MINE),
    ]:
        assert getattr(client, method)(url, {}, format="json").status_code in (401, 403), url
    assert registrations() == before


def test_my_registrations_are_mine_only_with_their_state(centre, event, counsellors, plain_user, organiser, areas):
    me, other, third = counsellors
    register(event, other, third, me)  # 2 places: I wait, first in line
    past = past_event_with(centre, areas, [me])
    services.attendance_set(
        event=past, actor=organiser, attended_ids=list(past.registrations.values_list("pk", flat=True))
    )
    given_up = make_event(centre, title="Meldte meg av")
    (registration,) = register(given_up, me)
    services.registration_cancel(registration=registration, actor=me)
    register(make_event(centre, title="Ikke min"), plain_user)

    rows = as_user(me).get(MINE).json()["results"]

    assert [(r["event"]["id"], r["status"], r["waiting_position"], r["attended"]) for r in rows] == [
        (past.pk, "confirmed", None, True),
        (event.pk, "waiting", 1, False),
    ]
    assert rows[1]["event"]["url"] == f"http://testserver/arrangementer/{event.pk}/"
    assert rows[1]["event"]["centre"]["slug"] == centre.slug
    assert as_user(plain_user).get(MINE).json()["count"] == 1


# organisers


def test_participants_are_for_the_centres_organisers_and_national_admins(
    event, draft, counsellors, organiser, centre_admin, national_admin, verifier, other_organiser, school_counsellor
):
    register(event, *counsellors)

    for allowed in (organiser, centre_admin, national_admin):
        response = as_user(allowed).get(event_url(event, "participants"))
        assert response.status_code == 200
        rows = response.json()["results"]
        assert [(r["email"], r["status"], r["waiting_position"]) for r in rows] == [
            ("deltaker0@example.org", "confirmed", None),
            ("deltaker1@example.org", "confirmed", None),
            ("deltaker2@example.org", "waiting", 1),
        ]
        assert rows[0]["name"] == counsellors[0].full_name and rows[0]["attended"] is False
        assert rows[0]["home_centre"] == "Karriere Oslo" and rows[0]["registered_at"]
    for refused in (verifier, other_organiser, school_counsellor, counsellors[0]):
        response = as_user(refused).get(event_url(event, "participants"))
        assert response.status_code == 403
        assert response.json() == {
            "detail": "Only the centre's organisers and administrators see its participants.",
            "code": "permission_denied",
        }
    assert as_user(other_organiser).get(event_url(draft, "participants")).status_code == 404
    assert as_user(verifier).get(event_url(draft, "participants")).status_code == 403


def test_attendance_gives_cpd_hours_and_refusals_change_nothing(
    centre, areas, counsellors, organiser, other_organiser, national_admin, event
):
    past = past_event_with(centre, areas, counsellors[:2])
    came, stayed_home = (Registration.objects.get(event=past, user=person) for person in counsellors[:2])
    url = event_url(past, "attendance")

    for refused in (counsellors[0], other_organiser):
        assert as_user(refused).post(url, {"attended": [came.pk]}, format="json").status_code == 403
    (elsewhere,) = register(event, counsellors[2])
    for body in ({"attended": [elsewhere.pk]}, {"attended": "alle"}, {}):
        assert as_user(organiser).post(url, body, format="json").status_code == 400
    early = as_user(organiser).post(event_url(event, "attendance"), {"attended": [elsewhere.pk]}, format="json")
    assert early.json() == {"detail": ["Attendance can be marked once the event has started."]}
    assert not CPDActivity.objects.exists()
    assert not Registration.objects.filter(attended=True).exists()

    response = as_user(organiser).post(url, {"attended": [came.pk]}, format="json")

    assert response.status_code == 200
    assert response.json() == {"marked": 1, "unmarked": 0, "attended": 1}
    activity = CPDActivity.objects.get()
    assert (activity.owner, activity.source, activity.hours) == (counsellors[0], ActivitySource.EVENT, Decimal("3.0"))
    assert as_user(organiser).post(url, {"attended": [came.pk]}, format="json").json()["marked"] == 0
    assert CPDActivity.objects.count() == 1
    stayed_home.refresh_from_db()
    assert stayed_home.attended is False

    # A national administrator corrects the list: nobody came after all.
    corrected = as_user(national_admin).post(url, {"attended": []}, format="json")
    assert corrected.json() == {"marked": 0, "unmarked": 1, "attended": 0}
    assert not CPDActivity.objects.exists()


# query budgets


def bulk_events(centre, count, start=0):
    now = timezone.now().replace(microsecond=0)
    events = Event.objects.bulk_create(
        Event(
            centre=centre,
            county=centre.county,
            title=f"Kurs {n}",
            description="Om karrierelæring.",
            address="" if n % 2 else "Storgata 1",
            online_url=LINK,
            starts_at=now + timedelta(days=1 + n % 90),
            ends_at=now + timedelta(days=1 + n % 90, hours=2),
            capacity=10,
            cpd_hours=Decimal("2.0"),
            status=EventStatus.DRAFT if n % 7 == 0 else EventStatus.PUBLISHED,
        )
        for n in range(start, start + count)
    )
    return events


def budget(client, url, limit, django_assert_max_num_queries):
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url)
        assert response.status_code == 200
    return len(captured)


def test_the_event_list_costs_the_same_for_5_and_200_events(
    centre, areas, organiser, school_counsellor, django_assert_max_num_queries
):
    signed_in, staff, anonymous = token_client(school_counsellor), token_client(organiser), as_user()

    def add(count, start):
        events = bulk_events(centre, count, start)
        Event.areas.through.objects.bulk_create(
            Event.areas.through(event_id=event.pk, competencearea_id=areas[n % 7].pk) for n, event in enumerate(events)
        )
        Registration.objects.bulk_create(
            Registration(event=event, user=school_counsellor, status=RegistrationStatus.CONFIRMED)
            for event in events[::3]
            if event.status == EventStatus.PUBLISHED
        )

    add(5, 0)
    few = [budget(client, EVENTS, 8, django_assert_max_num_queries) for client in (signed_in, staff, anonymous)]
    add(195, 5)
    many = [budget(client, EVENTS, 8, django_assert_max_num_queries) for client in (signed_in, staff, anonymous)]
    assert many == few
    assert staff.get(EVENTS).json()["count"] == 200
    rows = signed_in.get(EVENTS).json()["results"]
    assert any(row["online_url"] == LINK for row in rows) and any(row["online_url"] is None for row in rows)


def test_the_participant_list_costs_the_same_for_10_and_500_registrations(
    centre, organiser, django_assert_max_num_queries
):
    event = make_event(centre, capacity=300)
    client = token_client(organiser)
    url = event_url(event, "participants")

    def add(count, start):
        users = get_user_model().objects.bulk_create(
            get_user_model()(email=f"bulk{n}@example.org", full_name=f"Deltaker {n}", handle=f"bulk{n}")
            for n in range(start, start + count)
        )
        Registration.objects.bulk_create(
            Registration(
                event=event,
                user=user,
                status=RegistrationStatus.CONFIRMED if n < 300 else RegistrationStatus.WAITING,
            )
            for n, user in enumerate(users, start)
        )

    add(10, 0)
    few = budget(client, url, 7, django_assert_max_num_queries)
    add(490, 10)
    many = [budget(client, f"{url}?page={page}", 7, django_assert_max_num_queries) for page in (1, 7, 10)]
    assert many == [few] * 3
    last = client.get(f"{url}?page=10").json()
    assert last["count"] == 500 and last["results"][-1]["waiting_position"] == 200


# schema


def test_the_schema_documents_every_events_endpoint(client):
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    paths = {
        path: {method for method in ops if method in ("get", "post", "put", "patch", "delete")}
        for path, ops in schema["paths"].items()
        if path.startswith(("/api/v1/events/", "/api/v1/my-registrations/"))
    }
    assert paths == {
        "/api/v1/events/": {"get"},
        "/api/v1/events/{id}/": {"get"},
        "/api/v1/events/{id}/register/": {"post"},
        "/api/v1/events/{id}/cancel-registration/": {"post"},
        "/api/v1/events/{id}/participants/": {"get"},
        "/api/v1/events/{id}/attendance/": {"post"},
        "/api/v1/my-registrations/": {"get"},
    }
    operations = [schema["paths"][path][method] for path, methods in paths.items() for method in methods]
    assert all(operation["tags"] == ["events"] for operation in operations)
    filters = {parameter["name"] for parameter in schema["paths"]["/api/v1/events/"]["get"]["parameters"]}
    assert {"county", "centre", "kind", "audience", "date_from", "date_to", "free_places", "page"} <= filters
    event = schema["components"]["schemas"]["Event"]["properties"]
    assert {"free_places", "my_registration", "online_url", "registration_open", "areas"} <= set(event)
    assert schema["components"]["schemas"]["EventStatusEnum"]["enum"] == ["draft", "published", "cancelled"]


def test_a_journey_through_the_api_alone(centre, areas, school_counsellor, organiser):
    """Find an event in Oslo, take a place, see it among mine; the organiser marks attendance afterwards."""
    event = make_event(centre, areas=[areas[0]], title="Fagdag om karrierelæring")
    me = as_user(school_counsellor)

    found = me.get(EVENTS, {"county": county("03").number, "free_places": "true"}).json()["results"]
    assert [row["title"] for row in found] == ["Fagdag om karrierelæring"]
    assert me.post(event_url(event, "register")).json()["status"] == "confirmed"
    assert me.get(event_url(event)).json()["my_registration"] == "confirmed"
    assert [row["event"]["id"] for row in me.get(MINE).json()["results"]] == [event.pk]

    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at - timedelta(days=14), ends_at=event.ends_at - timedelta(days=14)
    )
    organiser_client = as_user(organiser)
    (participant,) = organiser_client.get(event_url(event, "participants")).json()["results"]
    organiser_client.post(event_url(event, "attendance"), {"attended": [participant["id"]]}, format="json")
    assert me.get(MINE).json()["results"][0]["attended"] is True
    assert CPDActivity.objects.filter(owner=school_counsellor, source=ActivitySource.EVENT).exists()
