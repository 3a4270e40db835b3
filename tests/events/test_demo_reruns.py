"""The events' demo run again (seed_events_demo) and its national scale, each on a fresh database."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db.models import Count, F, Q
from django.utils import timezone

from events import services
from events.demo import NATIONAL_EVENTS, NATIONAL_REGISTRATIONS
from events.demo.bulk import BULK_MARK
from events.models import Event, EventStatus, Registration, RegistrationStatus
from register.models import ActivitySource, CPDActivity
from tests.events.demo_support import FULL_COURSE, NAMED, events_snapshot, named_events, seed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Evidence files the register's demo writes land in a folder of this test's own."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


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


def test_seed_demo_passes_its_scale_to_every_demo_with_bulk_data(db):
    """--scale national reaches the register, forum, events and e-guidance; --forum-scale alone only scales the
    forum. Register first, portal last."""
    with mock.patch("core.management.commands.seed_demo.call_command") as called:
        seed("--counsellors", "0", "--scale", "national")
        seed("--counsellors", "0", "--forum-scale", "national")

    scales = [(c.args[0], c.kwargs.get("scale")) for c in called.call_args_list]
    assert scales == [
        ("seed_register_demo", "national"),
        ("seed_forum_demo", "national"),
        ("seed_events_demo", "national"),
        ("seed_guidance_demo", "national"),
        ("seed_partnerships_demo", "national"),
        ("seed_overview_demo", None),  # after the apps whose figures its snapshots hold
        ("seed_portal_demo", None),  # no scale: its pages follow the counties and centres
        ("seed_register_demo", "demo"),
        ("seed_forum_demo", "national"),
        ("seed_events_demo", "demo"),
        ("seed_guidance_demo", "demo"),
        ("seed_partnerships_demo", "demo"),
        ("seed_overview_demo", None),
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
