"""The participant's events pages: registering and cancelling, "my events", certificates, and the
query budgets of the public pages.

Every page is seen from both sides: by someone who may (the participant, the centre's staff)
and by someone who may not (anonymous visitors, other users, other centres' staff).
"""

import re
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
from events.models import Event, EventStatus, Registration, RegistrationStatus
from register.models import AttendanceCertificate
from register.services.statements import format_code
from tests import personas
from tests.events.conftest import make_event
from tests.events.public_support import LIST_URL, MINE_URL, cancel_url, detail_url, page, register_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """These tests read the English source wording."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def certificate_url(event):
    return reverse("events:certificate", kwargs={"pk": event.pk})


def pdf_url(event):
    return reverse("events:certificate_pdf", kwargs={"pk": event.pk})


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def status_of(event, user):
    return Registration.objects.get(event=event, user=user).status


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
    one_click = f"http://testserver{reverse('verify_code', args=[format_code(certificate.code)])}"
    assert f'href="{one_click}"' in body and '<svg role="img"' in body  # the link and its QR code
    assert "use your browser’s print function" in body
    # Printing is the browser's: no script of its own, only the site's file every page loads.
    assert re.findall(r"<script[^>]*>", body) == ['<script src="/static/js/site.js" defer>']

    pdf = client.get(pdf_url(event))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert pdf["Content-Disposition"] == f'attachment; filename="kursbevis-{event.pk}.pdf"'
    for text in (format_code(certificate.code), one_click, event.title, "Karriere Oslo"):
        assert text.encode() in pdf.content


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
        assert client.get(pdf_url(event)).status_code == 404
    client.force_login(present_without_mark)
    assert certificate_url(event) not in page(client.get(detail_url(event)))

    services.attendance_set(event=event, actor=organiser, attended_ids=[])  # unmarked: certificate revoked
    client.force_login(me)
    assert client.get(certificate_url(event)).status_code == 404
    assert client.get(pdf_url(event)).status_code == 404


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
        get_user_model()(email=f"{prefix}{n}@example.org", full_name=f"Person {n}", handle=f"{prefix}{n}")
        for n in range(count)
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
