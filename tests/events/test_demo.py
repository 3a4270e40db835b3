"""The events' demo data (seed_demo / seed_events_demo) and its national scale."""

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db.models import Count, F, Q
from django.utils import timezone

from core import markdown
from events import services
from events.demo import NATIONAL_EVENTS, NATIONAL_REGISTRATIONS
from events.demo.bulk import BULK_MARK
from events.models import Event, EventStatus, Registration, RegistrationStatus
from notifications.models import Notice
from register.models import ActivitySource, AttendanceCertificate, CPDActivity
from register.services import code_lookup
from register.status import status_for

pytestmark = pytest.mark.django_db

FULL_COURSE = "Kurs: Veiledning av voksne med innvandrerbakgrunn"
NAMED = ("senter", "skole", "nav")


def demo_user(local):
    return get_user_model().objects.get(email=f"{local}@karrierenorge.example")


def seed(*args, command="seed_demo"):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Evidence files the register's demo writes land in a folder of this test's own."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def seeded(db):
    return seed("--counsellors", "30")


def named_events():
    return Event.objects.filter(is_demo=True).exclude(title__contains=BULK_MARK)


def events_snapshot():
    return {
        "events": list(Event.objects.order_by("pk").values()),
        "areas": Event.areas.through.objects.count(),
        "registrations": list(Registration.objects.order_by("pk").values()),
        "notices": Notice.objects.count(),
        "cpd": list(CPDActivity.objects.order_by("pk").values()),
        "certificates": list(AttendanceCertificate.objects.order_by("pk").values()),
        "users": get_user_model().objects.count(),
    }


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
        assert Notice.objects.filter(recipient=user, kind="events.change", body=cancelled.cancel_reason).exists()


# running it again


def test_running_it_again_changes_nothing_and_sends_nothing(
    db, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    seed("--counsellors", "30")
    before = events_snapshot()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True), django_assert_max_num_queries(8):
        out = seed(command="seed_events_demo")

    assert events_snapshot() == before
    assert mail.outbox == []
    assert "Events:" not in out


def test_weeks_later_the_courses_held_since_get_a_new_edition_and_the_past_is_kept(db):
    """Upcoming events come back at new dates once held; the past events and their hours are not redone."""
    seed("--counsellors", "30")
    Event.objects.filter(is_demo=True).update(
        starts_at=F("starts_at") - timedelta(days=100), ends_at=F("ends_at") - timedelta(days=100)
    )
    count, cpd = named_events().count(), CPDActivity.objects.filter(source=ActivitySource.EVENT).count()

    out = seed(command="seed_events_demo")

    assert "Events: 12 demo events" in out
    assert named_events().count() == count + 12
    assert named_events().filter(status=EventStatus.PUBLISHED, starts_at__gt=timezone.now()).count() >= 8
    assert CPDActivity.objects.filter(source=ActivitySource.EVENT).count() == cpd
    assert named_events().filter(title=FULL_COURSE).count() == 2


def test_the_events_demo_needs_the_register_demo_first(db):
    with pytest.raises(Exception, match="seed_demo"):
        seed(command="seed_events_demo")


# national scale


def test_seed_demo_passes_its_scale_to_the_forum_and_events_demos(db):
    """--scale national reaches both; --forum-scale alone only scales the forum. Register first, portal last."""
    with mock.patch("core.management.commands.seed_demo.call_command") as called:
        seed("--counsellors", "0", "--scale", "national")
        seed("--counsellors", "0", "--forum-scale", "national")

    scales = [(c.args[0], c.kwargs.get("scale")) for c in called.call_args_list]
    assert scales == [
        ("seed_register_demo", None),
        ("seed_forum_demo", "national"),
        ("seed_events_demo", "national"),
        ("seed_guidance_demo", None),  # no scale: a handful of questions and a month of statistics
        ("seed_portal_demo", None),  # no scale: its pages follow the counties and centres
        ("seed_register_demo", None),
        ("seed_forum_demo", "national"),
        ("seed_events_demo", "demo"),
        ("seed_guidance_demo", None),
        ("seed_portal_demo", None),
    ]
    assert called.call_args_list[0].kwargs["counsellors"] == 0


def test_the_national_scale_adds_3000_events_and_60000_registrations_once(db):
    seed("--counsellors", "30")
    named = set(named_events().values_list("pk", flat=True))
    named_registrations = Registration.objects.filter(event__in=named).count()

    out = seed("--scale", "national", command="seed_events_demo")

    bulk = Event.objects.filter(title__contains=BULK_MARK)
    assert (NATIONAL_EVENTS, NATIONAL_REGISTRATIONS) == (3_000, 60_000)
    assert bulk.count() >= 3_000 and "3,000 events" in out
    assert Registration.objects.count() - named_registrations >= 60_000
    assert bulk.values("county").distinct().count() == 15
    now = timezone.now()
    assert bulk.filter(starts_at__gt=now).exists() and bulk.filter(ends_at__lt=now).exists()
    # The bulk keeps the rules: no more confirmed than places, a waiting list only when full,
    # nobody due a reminder (it would mail thousands) and the named people's events untouched.
    counted = bulk.with_counts()
    assert not counted.filter(capacity__isnull=False, confirmed_count__gt=F("capacity")).exists()
    assert not counted.filter(
        Q(capacity__isnull=True) | Q(confirmed_count__lt=F("capacity")), waiting_count__gt=0
    ).exists()
    due_from_the_named_events = Registration.objects.filter(
        event__in=named,
        status=RegistrationStatus.CONFIRMED,
        reminded_at__isnull=True,
        event__status=EventStatus.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + timedelta(days=services.REMINDER_DAYS),
    ).count()
    assert services.reminders_send() == due_from_the_named_events
    named_people = [f"{local}@karrierenorge.example" for local in NAMED]
    assert not Registration.objects.filter(event__in=bulk, user__email__in=named_people).exists()
    assert not Registration.objects.filter(event__in=bulk, attended=True).exists()

    before = Event.objects.count(), Registration.objects.count()
    assert "bulk-inserted" not in seed("--scale", "national", command="seed_events_demo")
    assert (Event.objects.count(), Registration.objects.count()) == before


def test_the_bulk_adds_demo_participants_when_the_network_is_small(db):
    seed("--counsellors", "0")

    out = seed("--events", "40", "--registrations", "400", command="seed_events_demo")

    bulk = Event.objects.filter(title__contains=BULK_MARK)
    assert bulk.count() == 40 and "40 events and 400 registrations" in out
    assert Registration.objects.filter(event__in=bulk).count() == 400
    people = get_user_model().objects.exclude(email__in=[f"{local}@karrierenorge.example" for local in NAMED])
    counsellors = people.filter(counsellor_profile__isnull=False).count()
    extras = people.filter(email__endswith=".arrangement@karrierenorge.example")
    assert counsellors < 300 and extras.count() == 300 - counsellors
    counts = bulk.annotate(n=Count("registrations")).values_list("n", flat=True)
    assert min(counts) < max(counts)  # the numbers vary from event to event

    before = events_snapshot()
    seed("--events", "40", "--registrations", "400", command="seed_events_demo")
    assert events_snapshot() == before
