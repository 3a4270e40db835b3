"""The events' demo data as seed_demo leaves it (seed_events_demo).

The demo is seeded once for the module; each test's changes roll back to it.
"""

import pytest
from django.utils import timezone

from core import markdown
from events import services
from events.models import Event, EventStatus, Registration, RegistrationStatus
from notifications.models import Notice
from register.models import ActivitySource, AttendanceCertificate, CPDActivity
from register.services import code_lookup
from register.status import status_for
from tests.events.demo_support import FULL_COURSE, NAMED, demo_user, named_events, seed
from tests.snapshots import shared_seeding

# One worker runs the whole module, so the demo is seeded once (see tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_files_of_the_module")]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, module_private_media):
    """What seed_demo with 30 other counsellors printed; it runs once for the module."""
    with shared_seeding(django_db_blocker, module_private_media, lambda: seed("--counsellors", "30")) as out:
        yield out


# what the demo shows


def test_the_demo_has_upcoming_and_past_events_across_several_counties(seeded):
    now = timezone.now()
    published = named_events().filter(status=EventStatus.PUBLISHED)

    assert "Events: 17 demo events" in seeded
    assert published.filter(starts_at__gt=now).count() >= 8
    assert published.filter(ends_at__lt=now).count() >= 4
    assert published.values("county").distinct().count() >= 3
    assert set(named_events().values_list("centre__name", flat=True)) >= {
        "Karriere Oslo",
        "Karriere Vestland",
        "Karriere Trøndelag",
    }
    for event in named_events():
        assert event.centre.county_id == event.county_id
        assert event.address or event.online_url
        assert "<" in markdown.render(event.description)
    assert "Webinar: Realkompetansevurdering" in set(named_events().values_list("title", flat=True))


def test_karriere_oslos_course_is_full_with_three_on_the_waiting_list(seeded):
    course = Event.objects.with_counts().get(title=FULL_COURSE, centre__name="Karriere Oslo")

    assert course.created_by == demo_user("kurs")
    assert course.starts_at > timezone.now() and course.registration_is_open()
    assert (course.capacity, course.confirmed_count, course.waiting_count) == (12, 12, 3)
    waiting = course.registrations.filter(status=RegistrationStatus.WAITING).order_by("registered_at", "id")
    assert waiting.last().user == demo_user("skole")
    # The registrations went through the service: everyone was told where they stand.
    for registration in course.registrations.select_related("user"):
        assert Notice.objects.filter(
            recipient=registration.user, kind="events.registration", link=f"/arrangementer/{course.pk}/"
        ).exists()


def test_skole_has_cpd_hours_and_a_valid_certificate_from_an_event_they_attended(seeded):
    skole = demo_user("skole")
    attended = Registration.objects.filter(user=skole, attended=True).select_related("event")

    assert attended.count() >= 1
    for registration in attended:
        event = registration.event
        assert event.ends_at < timezone.now()
        activity = CPDActivity.objects.get(owner=skole, source=ActivitySource.EVENT, source_ref=event.cpd_source_ref)
        assert (activity.title, activity.hours) == (event.title, event.cpd_hours)
        certificate = AttendanceCertificate.objects.get(owner=skole, source_ref=event.cpd_source_ref)
        assert code_lookup(code=certificate.code)[0] == "valid"
        assert certificate.issuer_name == event.centre.name


@pytest.mark.parametrize("local", NAMED)
def test_each_named_counsellor_attended_a_past_event_and_got_its_certificate(seeded, local):
    user = demo_user(local)

    assert CPDActivity.objects.filter(owner=user, source=ActivitySource.EVENT).exists()
    assert AttendanceCertificate.objects.filter(owner=user, revoked_at__isnull=True).exists()


def test_the_register_demo_outcomes_still_hold(seeded):
    """senter@ meets the requirement, skole@ would once the pending entries are verified, nav@ is short."""
    senter, skole, nav = (status_for(demo_user(local)) for local in NAMED)

    assert senter.meets
    assert not skole.meets and skole.would_meet_when_verified
    assert not nav.meets and not nav.would_meet_when_verified


def test_no_shows_get_neither_hours_nor_a_certificate(seeded):
    past = named_events().filter(ends_at__lt=timezone.now())
    no_shows = Registration.objects.filter(event__in=past, status=RegistrationStatus.CONFIRMED, attended=False)

    assert no_shows.exists()
    for registration in no_shows.select_related("event"):
        assert not CPDActivity.objects.filter(
            owner=registration.user_id, source_ref=registration.event.cpd_source_ref
        ).exists()
    assert not Registration.objects.filter(event__in=past).exclude(status=RegistrationStatus.CONFIRMED).exists()


def test_skole_and_senter_have_places_at_upcoming_events(seeded):
    for local in ("skole", "senter"):
        upcoming = Registration.objects.filter(
            user=demo_user(local),
            status=RegistrationStatus.CONFIRMED,
            event__status=EventStatus.PUBLISHED,
            event__starts_at__gt=timezone.now(),
        )
        assert upcoming.exists(), local


def test_a_demo_event_starts_within_two_days_so_the_reminder_run_has_something_to_send(seeded):
    senter = demo_user("senter")

    assert services.reminders_send() > 0
    assert Notice.objects.filter(recipient=senter, kind="events.reminder").exists()


def test_karriere_oslo_has_a_draft_and_a_cancelled_event_whose_participants_were_told(seeded):
    draft = named_events().get(status=EventStatus.DRAFT)
    cancelled = named_events().get(status=EventStatus.CANCELLED)

    assert draft.centre.name == "Karriere Oslo" and draft.starts_at > timezone.now()
    assert not draft.registrations.exists()
    assert cancelled.cancel_reason and cancelled.cancelled_at
    participants = list(cancelled.registrations.values_list("user", flat=True))
    assert participants
    for user in participants:
        told = Notice.objects.filter(recipient=user, kind="events.change")
        assert cancelled.cancel_reason in [notice.body for notice in told]
