"""The public events pages and the participant's own: the listing, an event, registering, "my events", certificates.

Every page is seen from both sides: by someone who may (the participant, the centre's staff)
and by someone who may not (anonymous visitors, other users, other centres' staff).
"""

import datetime
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Audience, Event, EventKind, EventStatus, Registration, RegistrationStatus
from register.models import AttendanceCertificate, Role
from register.services.statements import format_code
from tests import personas
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db

LIST_URL = reverse("events:list")
MINE_URL = reverse("events:mine")


@pytest.fixture(autouse=True)
def _english(client):
    """These tests read the English source wording."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def detail_url(event):
    return reverse("events:detail", kwargs={"pk": event.pk})


def register_url(event):
    return reverse("events:register", kwargs={"pk": event.pk})


def cancel_url(event):
    return reverse("events:cancel_registration", kwargs={"pk": event.pk})


def certificate_url(event):
    return reverse("events:certificate", kwargs={"pk": event.pk})


def page(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def status_of(event, user):
    return Registration.objects.get(event=event, user=user).status


def listed_titles(response):
    return [event.title for event in response.context["page_obj"]]


def finished_event_attended_by(centre, areas, organiser, people, attended):
    """An event that has ended, with ``people`` confirmed and ``attended`` marked through the service."""
    event = make_event(centre, capacity=10, areas=areas, title="Fagdag om arbeidsmarkedet")
    for person in people:
        services.registration_register(event=event, user=person)
    event.starts_at -= timedelta(days=8)
    event.ends_at -= timedelta(days=8)
    event.save()
    ids = Registration.objects.filter(event=event, user__in=attended).values_list("pk", flat=True)
    services.attendance_set(event=event, actor=organiser, attended_ids=ids)
    return event


@pytest.fixture
def other_staff(other_centre):
    return personas.centre_staff(other_centre, Role.ORGANISER, email="vestland@example.org")


# --- The listing ---


def test_the_listing_shows_upcoming_published_events_with_their_details(client, event, draft):
    make_event(event.centre, days_ahead=-3, title="Kurs som er over")

    body = page(client.get(LIST_URL))

    assert listed_titles(client.get(LIST_URL)) == [event.title]
    assert f'href="{detail_url(event)}"' in body
    assert "Course" in body and "Karriere Oslo" in body and "Oslo" in body
    assert "2 free places" in body
    assert "Storgata 1, 0155 Oslo" in body
    assert draft.title not in body and "Kurs som er over" not in body


def test_the_listing_says_full_unlimited_cancelled_and_online_in_words(client, centre, counsellors):
    full = make_event(centre, capacity=1, title="Fullt kurs")
    services.registration_register(event=full, user=counsellors[0])
    make_event(centre, capacity=None, title="Åpent webinar", address="", online_url="https://meet.example/x")
    make_event(centre, status=EventStatus.CANCELLED, title="Avlyst fagdag", cancel_reason="Sykdom")

    body = page(client.get(LIST_URL))

    assert "Full – waiting list" in body
    assert "No limit on places" in body
    assert "Online" in body
    assert "Cancelled" in body
    assert "https://meet.example/x" not in body


def test_times_are_shown_in_oslo_time_and_a_multi_day_event_shows_both_days(client, centre):
    start = datetime.datetime(timezone.now().year + 1, 1, 15, 8, 0, tzinfo=datetime.UTC)
    make_event(centre, starts_at=start, ends_at=start + timedelta(days=1, hours=7), title="Todagers samling")

    body = page(client.get(LIST_URL))

    assert f'datetime="{start.year}-01-15T09:00:00+01:00"' in body
    assert f'datetime="{start.year}-01-16T16:00:00+01:00"' in body
    assert f"Jan. 15, {start.year}" in body and f"Jan. 16, {start.year}" in body


def test_centre_staff_see_their_own_drafts_marked_as_drafts_and_others_do_not(
    client, event, draft, verifier, other_staff, plain_user
):
    client.force_login(verifier)
    response = client.get(LIST_URL)
    assert set(listed_titles(response)) == {event.title, draft.title}
    assert "Draft" in page(response)

    for outsider in (other_staff, plain_user):
        client.force_login(outsider)
        assert listed_titles(client.get(LIST_URL)) == [event.title]


@pytest.fixture
def spread(centre, other_centre):
    """Events that differ in one way each, to see every filter narrow the list."""
    return {
        "oslo_course": make_event(centre, title="Oslo-kurs", days_ahead=5),
        "vestland": make_event(other_centre, title="Vestlandsmøte", kind=EventKind.NETWORK_MEETING, days_ahead=10),
        "webinar": make_event(centre, title="Webinar for NAV", kind=EventKind.WEBINAR, audience=Audience.NAV),
        "school": make_event(centre, title="Skoledag", audience=Audience.SCHOOL, days_ahead=20),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"county": "46"}, {"vestland"}),
        ({"centre": "karriere-oslo-test"}, {"oslo_course", "webinar", "school"}),
        ({"kind": "webinar"}, {"webinar"}),
        ({"audience": "school"}, {"oslo_course", "vestland", "school"}),  # events for everyone count too
        ({"audience": "nav"}, {"oslo_course", "vestland", "webinar"}),
        ("dates", {"vestland"}),
    ],
)
def test_each_filter_narrows_the_list(client, spread, params, expected):
    if params == "dates":
        # From the day after the webinar ends (late in the evening it runs past midnight) to the Vestland meeting.
        after_webinar = timezone.localdate(spread["webinar"].ends_at) + timedelta(days=1)
        params = {"date_from": str(after_webinar), "date_to": str(timezone.localdate(spread["vestland"].ends_at))}

    response = client.get(LIST_URL, params)

    assert set(listed_titles(response)) == {spread[key].title for key in expected}
    assert not response.context["filter"].errors


def test_the_free_places_filter_keeps_events_one_can_get_a_place_at(client, centre, counsellors):
    free = make_event(centre, title="Ledig")
    unlimited = make_event(centre, capacity=None, title="Ubegrenset")
    full = make_event(centre, capacity=1, title="Fullt")
    services.registration_register(event=full, user=counsellors[0])
    make_event(centre, status=EventStatus.CANCELLED, title="Avlyst")

    assert set(listed_titles(client.get(LIST_URL, {"free_places": "true"}))) == {free.title, unlimited.title}
    assert listed_titles(client.get(LIST_URL, {"free_places": "false"})) == [full.title]


def test_the_newest_first_sort_orders_by_publication(client, centre):
    older = make_event(centre, title="Publisert først", days_ahead=3, published_at=timezone.now() - timedelta(days=5))
    newer = make_event(centre, title="Publisert sist", days_ahead=9, published_at=timezone.now())

    assert listed_titles(client.get(LIST_URL)) == [older.title, newer.title]
    assert listed_titles(client.get(LIST_URL, {"sort": "-published"})) == [newer.title, older.title]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"date_from": "abc"}, "date_from"), ({"county": "99"}, "county"), ({"kind": "party"}, "kind")],
)
def test_bad_filter_input_shows_the_error_at_the_field_not_a_500(client, event, params, field):
    response = client.get(LIST_URL, params)

    body = page(response)
    assert field in response.context["filter"].errors
    assert "Please correct the following" in body
    assert f'id="id_{field}_error"' in body


def test_the_filter_form_has_labelled_fields_a_button_and_a_reset_link(client, event):
    body = page(client.get(LIST_URL))

    for field in ("county", "centre", "kind", "audience", "date_from", "date_to", "free_places", "sort"):
        assert f'for="id_{field}"' in body
    assert ">Filter</button>" in body
    assert f'href="{LIST_URL}">Reset filters</a>' in body
    assert 'type="date"' in body


def test_the_listing_pages_by_20_and_keeps_the_filter_in_the_page_links(client, centre):
    for n in range(25):
        make_event(centre, title=f"Kurs {n:02}", days_ahead=3 + n)

    response = client.get(LIST_URL, {"kind": "course"})

    assert len(listed_titles(response)) == 20
    assert "kind=course&amp;page=2" in page(response)
    assert len(listed_titles(client.get(LIST_URL, {"kind": "course", "page": 2}))) == 5


def test_an_empty_result_says_so_and_offers_to_show_all(client, event):
    body = page(client.get(LIST_URL, {"kind": "conference"}))

    assert "No upcoming events match the filter." in body
    assert "Show all events" in body


def test_the_listing_links_to_the_calendar_feeds_and_for_signed_in_users_to_my_events(client, event, plain_user):
    body = page(client.get(LIST_URL))
    assert reverse("events:feeds") in body and MINE_URL not in body

    client.force_login(plain_user)
    assert MINE_URL in page(client.get(LIST_URL))


def test_the_header_links_everyone_to_the_events(client):
    assert f'href="{LIST_URL}">Events</a>' in page(client.get(reverse("centre_list")))


# --- The event page ---


def test_anyone_reads_a_published_event_with_its_facts(client, centre, areas):
    event = make_event(
        centre,
        areas=areas[:2],
        description="Et kurs om **karrierelæring**.\n\n<script>alert(1)</script>",
        who_should_come="Rådgivere i videregående skole",
        place="Kulturhuset",
        registration_opens_at=timezone.now() - timedelta(days=1),
    )

    body = page(client.get(detail_url(event)))

    assert "<strong>karrierelæring</strong>" in body
    assert "<script>alert(1)" not in body
    assert "Rådgivere i videregående skole" in body
    assert "Kulturhuset, Storgata 1, 0155 Oslo" in body
    assert f'href="{centre.get_absolute_url()}"' in body
    assert "Area 1" in body and "Area 2" in body
    assert "2 places" in body and "2 free places" in body
    assert "Registration opens" in body and "Registration closes" in body
    assert f'href="{reverse("events:event_ics", kwargs={"pk": event.pk})}"' in body
    assert "Add to calendar (.ics)" in body


def test_a_draft_is_404_outside_its_centre_and_shown_to_its_staff(
    client, draft, verifier, national_admin, other_staff, plain_user
):
    assert client.get(detail_url(draft)).status_code == 404
    for outsider in (plain_user, other_staff):
        client.force_login(outsider)
        assert client.get(detail_url(draft)).status_code == 404

    for staff in (verifier, national_admin):
        client.force_login(staff)
        body = page(client.get(detail_url(draft)))
        assert "Only the centre’s staff can see it" in body
        assert "Registration opens when the event is published" in body


def test_an_unknown_event_is_404(client):
    assert client.get(reverse("events:detail", kwargs={"pk": 999999})).status_code == 404


def test_the_online_link_is_for_confirmed_participants_and_organisers_only(
    client, centre, counsellors, organiser, plain_user
):
    event = make_event(centre, capacity=1, online_url="https://meet.example/hemmelig")
    confirmed, waiting = counsellors[:2]
    services.registration_register(event=event, user=confirmed)
    services.registration_register(event=event, user=waiting)

    for viewer in (None, plain_user, waiting):
        if viewer:
            client.force_login(viewer)
        body = page(client.get(detail_url(event)))
        assert "https://meet.example/hemmelig" not in body
        assert "Participants with a confirmed place see the link here." in body

    for viewer in (confirmed, organiser):
        client.force_login(viewer)
        assert 'href="https://meet.example/hemmelig"' in page(client.get(detail_url(event)))


def test_a_cancelled_event_shows_a_banner_with_the_reason_and_no_buttons(
    client, event, organiser, plain_user, school_counsellor
):
    services.registration_register(event=event, user=school_counsellor)
    services.event_cancel(event=event, actor=organiser, reason="For få påmeldte.")

    for viewer in (plain_user, school_counsellor):
        client.force_login(viewer)
        body = page(client.get(detail_url(event)))
        assert "This event is cancelled" in body and "For få påmeldte." in body
        assert "The event is cancelled, so registration is closed." in body
        assert register_url(event) not in body and cancel_url(event) not in body


def test_only_the_centres_organisers_get_the_manage_link(client, event, organiser, verifier, other_staff):
    manage = reverse("events:manage_detail", kwargs={"pk": event.pk})
    client.force_login(organiser)
    assert manage in page(client.get(detail_url(event)))
    for viewer in (verifier, other_staff):
        client.force_login(viewer)
        assert manage not in page(client.get(detail_url(event)))


def test_anonymous_visitors_are_asked_to_log_in_to_register(client, event):
    body = page(client.get(detail_url(event)))

    assert f"{reverse('account_login')}?next={detail_url(event)}" in body
    assert "Log in to register" in body
    assert register_url(event) not in body


def test_the_register_button_says_whether_one_gets_a_place_or_joins_the_waiting_list(
    client, event, counsellors, plain_user
):
    client.force_login(plain_user)
    body = page(client.get(detail_url(event)))
    assert f'action="{register_url(event)}"' in body
    assert "you get a place at once" in body

    for person in counsellors[:2]:
        services.registration_register(event=event, user=person)
    body = page(client.get(detail_url(event)))
    assert "you join the waiting list" in body
    assert "Full – waiting list" in body


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        ({"registration_opens_at": timedelta(days=2)}, "Registration opens"),
        ({"registration_closes_at": timedelta(hours=-1)}, "Registration closed"),
    ],
)
def test_closed_registration_is_said_in_a_sentence(client, event, plain_user, change, sentence):
    for field, offset in change.items():
        setattr(event, field, timezone.now() + offset)
    event.save()
    client.force_login(plain_user)

    body = page(client.get(detail_url(event)))

    assert sentence in body
    assert register_url(event) not in body


def test_a_participant_sees_their_place_or_their_number_on_the_waiting_list(client, event, counsellors, plain_user):
    for person in [*counsellors, plain_user]:
        services.registration_register(event=event, user=person)

    client.force_login(counsellors[0])
    body = page(client.get(detail_url(event)))
    assert "You have a place." in body and "Cancel my registration" in body
    assert f'action="{cancel_url(event)}"' in body

    client.force_login(plain_user)
    body = page(client.get(detail_url(event)))
    assert "You are number 2 on the waiting list." in body and "Leave the waiting list" in body
    assert "2 people on the waiting list" in body


# --- Registering and cancelling through the pages ---


def test_registering_gives_a_place_then_the_waiting_list(client, event, counsellors):
    first, second, third = counsellors
    client.force_login(first)
    response = client.post(register_url(event), follow=True)
    assert response.redirect_chain[-1][0] == detail_url(event)
    assert "Your place is confirmed." in messages_of(response)
    assert "You have a place." in page(response)
    assert status_of(event, first) == RegistrationStatus.CONFIRMED

    services.registration_register(event=event, user=second)
    client.force_login(third)
    response = client.post(register_url(event), follow=True)
    assert "You are on the waiting list, number 1." in messages_of(response)
    assert "You are number 1 on the waiting list." in page(response)
    assert status_of(event, third) == RegistrationStatus.WAITING


def test_cancelling_a_place_moves_the_first_waiting_person_up_as_their_page_shows(client, event, counsellors):
    first, second, third = counsellors
    for person in counsellors:
        services.registration_register(event=event, user=person)

    client.force_login(first)
    response = client.post(cancel_url(event), follow=True)
    assert "Your registration is cancelled." in messages_of(response)
    assert status_of(event, first) == RegistrationStatus.CANCELLED
    assert register_url(event) in page(response)  # may register again, now at the end of the queue

    client.force_login(third)
    assert "You have a place." in page(client.get(detail_url(event)))


def test_leaving_the_waiting_list(client, event, counsellors):
    for person in counsellors:
        services.registration_register(event=event, user=person)
    client.force_login(counsellors[2])

    response = client.post(cancel_url(event), follow=True)

    assert "Your registration is cancelled." in messages_of(response)
    assert status_of(event, counsellors[2]) == RegistrationStatus.CANCELLED
    assert status_of(event, counsellors[0]) == status_of(event, counsellors[1]) == RegistrationStatus.CONFIRMED


def test_registering_twice_is_refused_with_a_message_and_changes_nothing(client, event, school_counsellor):
    services.registration_register(event=event, user=school_counsellor)
    client.force_login(school_counsellor)

    response = client.post(register_url(event), follow=True)

    assert "You are already registered for this event." in messages_of(response)
    assert Registration.objects.filter(event=event).count() == 1


def test_registering_when_closed_is_refused_and_nothing_is_created(client, event, plain_user):
    event.registration_closes_at = timezone.now() - timedelta(hours=1)
    event.save()
    client.force_login(plain_user)

    response = client.post(register_url(event), follow=True)

    assert "Registration for this event is closed." in messages_of(response)
    assert not Registration.objects.exists()


def test_cancelling_without_a_registration_says_so_and_changes_nothing(client, event, counsellors, plain_user):
    services.registration_register(event=event, user=counsellors[0])
    client.force_login(plain_user)

    response = client.post(cancel_url(event), follow=True)

    assert "You have no registration for this event to cancel." in messages_of(response)
    assert list(Registration.objects.values_list("user", "status")) == [
        (counsellors[0].pk, RegistrationStatus.CONFIRMED)
    ]


def test_cancelling_after_the_start_is_refused_and_the_place_is_kept(client, event, school_counsellor):
    services.registration_register(event=event, user=school_counsellor)
    event.starts_at = timezone.now() - timedelta(minutes=30)
    event.save()
    client.force_login(school_counsellor)

    response = client.post(cancel_url(event), follow=True)

    assert "The event has started; the registration can no longer be cancelled." in messages_of(response)
    assert status_of(event, school_counsellor) == RegistrationStatus.CONFIRMED
    assert "Cancel my registration" not in page(response)


def test_nobody_registers_for_a_draft_they_cannot_see(client, draft, plain_user, verifier):
    client.force_login(plain_user)
    assert client.post(register_url(draft)).status_code == 404
    client.force_login(verifier)  # sees it, but it is not open
    response = client.post(register_url(draft), follow=True)
    assert "Registration for this event is closed." in messages_of(response)
    assert not Registration.objects.exists()


@pytest.mark.parametrize("url_for", [register_url, cancel_url])
def test_register_and_cancel_take_posts_only(client, event, plain_user, url_for):
    client.force_login(plain_user)
    assert client.get(url_for(event)).status_code == 405
    assert not Registration.objects.exists()


@pytest.mark.parametrize("url_for", [register_url, cancel_url])
def test_anonymous_posts_go_to_the_login_page_and_back_to_the_event(client, event, url_for):
    response = client.post(url_for(event))

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={detail_url(event)}"
    assert not Registration.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(event, plain_user):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(plain_user)

    assert browser.post(register_url(event)).status_code == 403
    assert not Registration.objects.exists()


# --- My events ---


def test_my_events_needs_a_login(client):
    response = client.get(MINE_URL)
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_my_events_lists_places_waiting_positions_and_past_attendance(
    client, centre, areas, counsellors, organiser, plain_user
):
    me = counsellors[2]
    soon = make_event(centre, capacity=2, title="Snart", days_ahead=2)
    full = make_event(centre, capacity=1, title="Fullt kurs", days_ahead=4)
    left = make_event(centre, title="Meldt av", days_ahead=6)
    services.registration_register(event=soon, user=me)
    services.registration_register(event=full, user=counsellors[0])
    services.registration_register(event=full, user=counsellors[1])
    services.registration_register(event=full, user=me)
    services.registration_cancel(registration=services.registration_register(event=left, user=me), actor=me)
    attended = finished_event_attended_by(centre, areas[:1], organiser, [me], attended=[me])
    missed = finished_event_attended_by(centre, areas[:1], organiser, [me], attended=[])
    missed.title = "Ikke møtt"
    missed.save()
    services.registration_register(event=make_event(centre, title="Andres kurs"), user=plain_user)
    client.force_login(me)

    response = client.get(MINE_URL)
    body = page(response)

    assert [r.event.title for r in response.context["upcoming"]] == ["Snart", "Fullt kurs"]
    assert "You have a place" in body and "Waiting list, number 2" in body
    assert "Meldt av" not in body and "Andres kurs" not in body
    assert {r.event.pk for r in response.context["past"]} == {attended.pk, missed.pk}
    assert "Attended" in body and "Attendance not registered" in body
    assert certificate_url(attended) in body and certificate_url(missed) not in body
    assert reverse("events:feeds") in body


def test_my_events_without_registrations_points_to_the_listing(client, plain_user):
    client.force_login(plain_user)
    body = page(client.get(MINE_URL))
    assert "You are not registered for any upcoming events." in body
    assert f'href="{LIST_URL}"' in body


# --- Certificates ---


def test_the_participant_who_attended_gets_a_printable_certificate(client, centre, areas, organiser, counsellors):
    me = counsellors[0]
    event = finished_event_attended_by(centre, areas[:2], organiser, [me], attended=[me])
    certificate = AttendanceCertificate.objects.get(owner=me)
    client.force_login(me)

    assert certificate_url(event) in page(client.get(detail_url(event)))
    body = page(client.get(certificate_url(event)))

    assert "Certificate of attendance" in body
    assert me.get_full_name() in body and event.title in body and "Karriere Oslo" in body
    assert "Area 1" in body and "Area 2" in body
    assert format_code(certificate.code) in body
    assert f'href="http://testserver{reverse("verify")}"' in body
    assert "use your browser’s print function" in body
    assert "<script" not in body


def test_a_certificate_is_only_for_its_owner_and_only_after_attendance(
    client, centre, areas, organiser, counsellors, plain_user
):
    me, present_without_mark = counsellors[:2]
    event = finished_event_attended_by(centre, areas[:1], organiser, [me, present_without_mark], attended=[me])

    response = client.get(certificate_url(event))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    for other in (present_without_mark, plain_user, organiser):
        client.force_login(other)
        assert client.get(certificate_url(event)).status_code == 404
    client.force_login(present_without_mark)
    assert certificate_url(event) not in page(client.get(detail_url(event)))

    services.attendance_set(event=event, actor=organiser, attended_ids=[])  # unmarked: certificate revoked
    client.force_login(me)
    assert client.get(certificate_url(event)).status_code == 404


# --- Query budgets ---


def bulk_events(centre, count, start=0):
    now = timezone.now()
    Event.objects.bulk_create(
        Event(
            centre=centre,
            county=centre.county,
            title=f"Massekurs {n}",
            description="Tekst",
            address="Storgata 1",
            starts_at=now + timedelta(days=1 + n % 50, hours=n % 7),
            ends_at=now + timedelta(days=1 + n % 50, hours=3 + n % 7),
            capacity=20,
            cpd_hours=2,
            status=EventStatus.PUBLISHED,
            published_at=now,
        )
        for n in range(start, start + count)
    )


def bulk_people(count, prefix):
    return get_user_model().objects.bulk_create(
        get_user_model()(email=f"{prefix}{n}@example.org", full_name=f"Person {n}") for n in range(count)
    )


@pytest.mark.parametrize("viewer", [None, "verifier"])
def test_the_listing_costs_the_same_for_5_and_200_events(
    client, request, centre, other_centre, viewer, django_assert_max_num_queries
):
    if viewer:
        client.force_login(request.getfixturevalue(viewer))
    bulk_events(centre, 5)
    client.get(LIST_URL)  # the first request of a session does its own bookkeeping
    with CaptureQueriesContext(connection) as few:
        page(client.get(LIST_URL, {"free_places": "true"}))

    bulk_events(other_centre, 195, start=5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST_URL, {"free_places": "true"})
    assert response.context["page_obj"].paginator.count == 200


def test_the_event_page_costs_the_same_with_many_registrations(
    client, centre, areas, school_counsellor, django_assert_max_num_queries
):
    event = make_event(centre, capacity=3, areas=areas[:3])
    small = make_event(centre, capacity=1, areas=areas[:3], title="Lite kurs")
    for target in (event, small):
        services.registration_register(event=target, user=personas.counsellor(email=f"forst{target.pk}@example.org"))
    people = bulk_people(200, "mange")
    now = timezone.now()
    Registration.objects.bulk_create(
        Registration(
            event=event,
            user=person,
            status=RegistrationStatus.CONFIRMED if n < 2 else RegistrationStatus.WAITING,
            registered_at=now - timedelta(seconds=300 - n),
        )
        for n, person in enumerate(people)
    )
    for target in (event, small):
        services.registration_register(event=target, user=school_counsellor)  # waiting on both
    client.force_login(school_counsellor)
    client.get(detail_url(small))

    with CaptureQueriesContext(connection) as few:
        page(client.get(detail_url(small)))
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = page(client.get(detail_url(event)))
    assert "You are number 199 on the waiting list." in body


def test_my_events_costs_the_same_with_many_registrations(
    client, centre, school_counsellor, plain_user, django_assert_max_num_queries
):
    bulk_events(centre, 120)
    events = list(Event.objects.order_by("pk"))
    now = timezone.now()
    Registration.objects.bulk_create(
        Registration(event=event, user=plain_user, status=RegistrationStatus.CONFIRMED, registered_at=now)
        for event in events[:3]
    )
    Registration.objects.bulk_create(
        Registration(
            event=event,
            user=school_counsellor,
            status=RegistrationStatus.WAITING if n % 2 else RegistrationStatus.CONFIRMED,
            registered_at=now,
        )
        for n, event in enumerate(events)
    )
    client.force_login(plain_user)
    client.get(MINE_URL)
    with CaptureQueriesContext(connection) as few:
        page(client.get(MINE_URL))
    budget = len(few.captured_queries)  # read now: the next request clears the connection's query log

    client.force_login(school_counsellor)
    client.get(MINE_URL)
    with django_assert_max_num_queries(budget):
        response = client.get(MINE_URL)
    assert len(response.context["upcoming"]) == 120
    assert "Waiting list, number 1" in page(response)
