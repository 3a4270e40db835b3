"""The rules of events, tested through the services that pages and the API call."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from events import services
from events.models import EventStatus, Registration, RegistrationStatus
from notifications.models import Notice
from register.models import ActivitySource, AttendanceCertificate, CPDActivity
from register.services import code_lookup
from register.status import status_for
from tests.events.conftest import make_event


def status_of(event, user):
    return Registration.objects.get(event=event, user=user).status


def test_places_are_confirmed_then_the_waiting_list_fills_in_order(event, counsellors):
    first, second, third = counsellors
    for person in counsellors:
        services.registration_register(event=event, user=person)

    assert status_of(event, first) == status_of(event, second) == RegistrationStatus.CONFIRMED
    assert status_of(event, third) == RegistrationStatus.WAITING
    assert any("waiting" in n.title for n in Notice.objects.filter(recipient=third, kind="events.registration"))


def test_cancelling_a_place_promotes_the_first_waiting_and_tells_them(event, counsellors, plain_user):
    first, second, third = counsellors
    for person in [*counsellors, plain_user]:
        services.registration_register(event=event, user=person)

    services.registration_cancel(registration=Registration.objects.get(event=event, user=first), actor=first)

    assert status_of(event, first) == RegistrationStatus.CANCELLED
    assert status_of(event, third) == RegistrationStatus.CONFIRMED  # first in line
    assert status_of(event, plain_user) == RegistrationStatus.WAITING
    (promoted,) = [n for n in Notice.objects.filter(recipient=third) if n.title.startswith("You have a place")]
    assert promoted.link == f"/arrangementer/{event.pk}/"


def test_registering_twice_is_refused_and_changes_nothing(event, school_counsellor):
    services.registration_register(event=event, user=school_counsellor)
    with pytest.raises(ValidationError, match="already registered"):
        services.registration_register(event=event, user=school_counsellor)
    assert Registration.objects.filter(event=event).count() == 1


def test_after_cancelling_one_may_register_again_at_the_end_of_the_queue(event, counsellors, plain_user):
    first, second, third = counsellors
    for person in counsellors:
        services.registration_register(event=event, user=person)
    services.registration_cancel(registration=Registration.objects.get(event=event, user=first), actor=first)
    services.registration_register(event=event, user=plain_user)  # takes the waiting spot

    services.registration_register(event=event, user=first)

    assert status_of(event, first) == RegistrationStatus.WAITING
    assert Registration.objects.filter(event=event, user=first).count() == 1


@pytest.mark.parametrize(
    "change, message",
    [
        ({"status": EventStatus.CANCELLED}, "cancelled"),
        ({"registration_closes_at": "past"}, "closed"),
        ({"registration_opens_at": "future"}, "closed"),
        ({"status": EventStatus.DRAFT}, "closed"),
    ],
)
def test_registration_is_refused_when_closed_or_cancelled(event, school_counsellor, change, message):
    now = timezone.now()
    values = {"past": now - timedelta(hours=1), "future": now + timedelta(days=1)}
    for field, value in change.items():
        setattr(event, field, values.get(value, value))
    event.save()

    with pytest.raises(ValidationError, match=message):
        services.registration_register(event=event, user=school_counsellor)
    assert not Registration.objects.exists()


def test_nobody_cancels_someone_elses_registration(event, school_counsellor, organiser):
    registration = services.registration_register(event=event, user=school_counsellor)
    with pytest.raises(PermissionDenied):
        services.registration_cancel(registration=registration, actor=organiser)
    assert status_of(event, school_counsellor) == RegistrationStatus.CONFIRMED


def test_unlimited_events_confirm_everyone(centre, counsellors):
    event = make_event(centre, capacity=None)
    for person in counsellors:
        services.registration_register(event=event, user=person)
    assert set(event.registrations.values_list("status", flat=True)) == {RegistrationStatus.CONFIRMED}


def test_raising_capacity_moves_people_up_from_the_waiting_list(event, counsellors, organiser):
    for person in counsellors:
        services.registration_register(event=event, user=person)
    services.event_update(event=event, actor=organiser, capacity=3)
    assert status_of(event, counsellors[2]) == RegistrationStatus.CONFIRMED


def test_capacity_below_the_confirmed_count_is_refused(event, counsellors, organiser):
    for person in counsellors[:2]:
        services.registration_register(event=event, user=person)
    with pytest.raises(ValidationError) as error:
        services.event_update(event=event, actor=organiser, capacity=1)
    assert "capacity" in error.value.message_dict
    event.refresh_from_db()
    assert event.capacity == 2


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"ends_at": "before"}, "ends_at"),
        ({"cpd_hours": Decimal("0")}, "cpd_hours"),
        ({"cpd_hours": Decimal("-1")}, "cpd_hours"),
        ({"registration_closes_at": "after"}, "registration_closes_at"),
        ({"address": "", "online_url": ""}, "address"),
    ],
)
def test_bad_event_values_are_refused_with_the_field_named(event, organiser, fields, field):
    values = {"before": event.starts_at - timedelta(hours=1), "after": event.starts_at + timedelta(hours=1)}
    fields = {name: values.get(value, value) if isinstance(value, str) else value for name, value in fields.items()}
    with pytest.raises(ValidationError) as error:
        services.event_update(event=event, actor=organiser, **fields)
    assert field in error.value.message_dict
    event.refresh_from_db()
    assert event.cpd_hours == Decimal("3.0")


def test_only_the_centres_organisers_and_admins_manage_its_events(
    event, organiser, centre_admin, national_admin, verifier, school_counsellor, other_centre
):
    for allowed in (organiser, centre_admin, national_admin):
        services.event_update(event=event, actor=allowed, title=f"Endret av {allowed.email}")
    from tests import personas

    other_organiser = personas.centre_staff(other_centre, "organiser", email="annen@example.org")
    for refused in (verifier, school_counsellor, other_organiser):
        with pytest.raises(PermissionDenied):
            services.event_update(event=event, actor=refused, title="Nei")
        with pytest.raises(PermissionDenied):
            services.event_cancel(event=event, actor=refused)
    event.refresh_from_db()
    assert event.title == f"Endret av {national_admin.email}"
    assert event.status == EventStatus.PUBLISHED


def test_cancelling_the_event_tells_everyone_and_closes_registration(event, counsellors, organiser, plain_user):
    for person in counsellors:
        services.registration_register(event=event, user=person)
    sequence = event.sequence

    services.event_cancel(event=event, actor=organiser, reason="For få påmeldte.")

    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED and event.sequence == sequence + 1
    cancelled = [n for n in Notice.objects.filter(kind="events.change") if n.title.startswith("Cancelled")]
    assert {n.recipient_id for n in cancelled} == {p.pk for p in counsellors}
    assert cancelled[0].body == "For få påmeldte."
    with pytest.raises(ValidationError):
        services.registration_register(event=event, user=plain_user)


def test_changing_the_time_tells_participants_and_bumps_the_calendar_sequence(event, school_counsellor, organiser):
    services.registration_register(event=event, user=school_counsellor)
    services.event_update(event=event, actor=organiser, description="Ny tekst")
    assert not Notice.objects.filter(kind="events.change").exists()

    services.event_update(
        event=event,
        actor=organiser,
        starts_at=event.starts_at + timedelta(days=1),
        ends_at=event.ends_at + timedelta(days=1),
    )

    assert Notice.objects.filter(recipient=school_counsellor, kind="events.change").count() == 1
    event.refresh_from_db()
    assert event.sequence == 1


def test_publish_and_duplicate(draft, organiser):
    services.event_publish(event=draft, actor=organiser)
    draft.refresh_from_db()
    assert draft.status == EventStatus.PUBLISHED and draft.published_at

    copy = services.event_duplicate(event=draft, actor=organiser)
    assert copy.pk != draft.pk and copy.status == EventStatus.DRAFT and copy.title == draft.title
    with pytest.raises(ValidationError):
        services.event_publish(event=draft, actor=organiser)


def test_promoting_by_hand_from_a_full_event_adds_a_place(event, counsellors, organiser):
    for person in counsellors:
        services.registration_register(event=event, user=person)
    waiting = Registration.objects.get(event=event, user=counsellors[2])

    services.registration_promote(registration=waiting, actor=organiser)

    event.refresh_from_db()
    assert event.capacity == 3
    assert status_of(event, counsellors[2]) == RegistrationStatus.CONFIRMED
    with pytest.raises(PermissionDenied):
        services.registration_promote(registration=waiting, actor=counsellors[0])


def past_event_with(centre, areas, people):
    event = make_event(centre, capacity=10, areas=[areas[0]])
    for person in people:
        services.registration_register(event=event, user=person)
    event.starts_at -= timedelta(days=8)
    event.ends_at -= timedelta(days=8)
    event.save()
    return event


def test_attendance_creates_cpd_hours_and_a_certificate_exactly_once(
    centre, areas, requirements, counsellors, organiser
):
    event = past_event_with(centre, areas, counsellors)
    person = counsellors[0]
    before = status_for(person).cpd_hours
    registration = Registration.objects.get(event=event, user=person)

    for _ in range(3):
        services.attendance_set(event=event, actor=organiser, attended_ids=[registration.pk])

    activity = CPDActivity.objects.get(owner=person)
    assert activity.source == ActivitySource.EVENT and activity.hours == Decimal("3.0")
    assert list(activity.areas.all()) == [areas[0]]
    assert status_for(person).cpd_hours == before + Decimal("3.0")
    certificate = AttendanceCertificate.objects.get(owner=person)
    assert code_lookup(code=certificate.code)[0] == "valid"
    assert not CPDActivity.objects.filter(owner=counsellors[1]).exists()


def test_unmarking_attendance_removes_the_hours_and_revokes_the_certificate(
    centre, areas, requirements, counsellors, organiser
):
    event = past_event_with(centre, areas, counsellors[:1])
    registration = Registration.objects.get(event=event)
    services.attendance_set(event=event, actor=organiser, attended_ids=[registration.pk])
    code = AttendanceCertificate.objects.get().code

    services.attendance_set(event=event, actor=organiser, attended_ids=[])

    assert not CPDActivity.objects.exists()
    assert code_lookup(code=code)[0] == "revoked"
    services.attendance_set(event=event, actor=organiser, attended_ids=[registration.pk])
    assert code_lookup(code=code)[0] == "valid"  # the same certificate, restored
    assert CPDActivity.objects.count() == 1


def test_attendance_is_refused_before_the_event_and_for_people_without_a_place(
    event, centre, areas, counsellors, organiser
):
    services.registration_register(event=event, user=counsellors[0])
    registration = Registration.objects.get(event=event)
    with pytest.raises(ValidationError, match="started"):
        services.attendance_set(event=event, actor=organiser, attended_ids=[registration.pk])

    past = past_event_with(centre, areas, [])
    with pytest.raises(ValidationError, match="confirmed place"):
        services.attendance_set(event=past, actor=organiser, attended_ids=[registration.pk])
    assert not CPDActivity.objects.exists()
    with pytest.raises(PermissionDenied):
        services.attendance_set(event=past, actor=counsellors[0], attended_ids=[])


def test_reminders_go_once_to_confirmed_participants_two_days_before(centre, counsellors):
    soon = make_event(centre, days_ahead=1, capacity=1)
    later = make_event(centre, days_ahead=5)
    for person in counsellors[:2]:
        services.registration_register(event=soon, user=person)
    services.registration_register(event=later, user=counsellors[2])

    assert services.reminders_send() == 1
    assert services.reminders_send() == 0
    reminded = Notice.objects.filter(kind="events.reminder")
    assert list(reminded.values_list("recipient", flat=True)) == [counsellors[0].pk]

    assert services.reminders_send(now=timezone.now() + timedelta(days=4)) == 1  # the later one, in time


def test_message_reaches_confirmed_participants_only(event, counsellors, organiser):
    for person in counsellors:
        services.registration_register(event=event, user=person)
    message = services.message_send(event=event, actor=organiser, subject="Praktisk info", body="Ta med PC.")
    assert message.recipient_count == 2
    got = set(Notice.objects.filter(kind="events.message").values_list("recipient", flat=True))
    assert got == {counsellors[0].pk, counsellors[1].pk}
    with pytest.raises(ValidationError) as error:
        services.message_send(event=event, actor=organiser, subject="", body="")
    assert set(error.value.message_dict) == {"subject", "body"}


def test_regenerating_the_calendar_address_replaces_the_token(school_counsellor):
    old = services.calendar_feed_for(school_counsellor).token
    new = services.calendar_feed_regenerate(user=school_counsellor).token
    assert old != new and len(new) >= 40
    assert services.calendar_feed_for(school_counsellor).token == new


def test_correcting_an_event_after_attendance_corrects_the_hours_and_certificate(
    centre, areas, requirements, counsellors, organiser
):
    event = past_event_with(centre, areas, counsellors[:1])
    registration = Registration.objects.get(event=event)
    services.attendance_set(event=event, actor=organiser, attended_ids=[registration.pk])

    services.event_update(event=event, actor=organiser, cpd_hours=Decimal("4.5"), areas=[areas[0], areas[2]])

    activity = CPDActivity.objects.get(owner=counsellors[0])
    assert activity.hours == Decimal("4.5")
    assert {area.number for area in activity.areas.all()} == {areas[0].number, areas[2].number}
    certificate = AttendanceCertificate.objects.get(owner=counsellors[0])
    assert certificate.hours == Decimal("4.5") and not certificate.is_revoked
    assert CPDActivity.objects.count() == 1
