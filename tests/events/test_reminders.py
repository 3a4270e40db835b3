"""The daily reminder run: `manage.py send_event_reminders` and the task behind it."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from events import services
from events.models import Registration
from events.tasks import send_event_reminders
from notifications.models import Notice
from tests import personas
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db


def remind(capture):
    """Run the command as cron would, e-mails included; return what it printed."""
    out = StringIO()
    with capture(execute=True):
        call_command("send_event_reminders", stdout=out)
    return out.getvalue()


@pytest.fixture
def people(centre):
    return {
        name: personas.counsellor(home_centre=centre, email=f"{name}@example.org")
        for name in ("first", "second", "waiting", "cancelled", "later", "called_off")
    }


@pytest.fixture
def soon(centre, people):
    """A published course tomorrow with two places: two confirmed, one waiting, one who cancelled."""
    event = make_event(centre, days_ahead=1, capacity=2, title="Kurs: Samtalemetodikk")
    for name in ("cancelled", "first", "second", "waiting"):
        services.registration_register(event=event, user=people[name])
    cancelled = Registration.objects.get(event=event, user=people["cancelled"])
    services.registration_cancel(registration=cancelled, actor=people["cancelled"])
    return event


def test_the_command_reminds_the_confirmed_participants_once_by_e_mail_with_the_event_link(
    soon, people, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    out = remind(django_capture_on_commit_callbacks)

    assert "Sent 2 event reminders." in out
    reminded = Notice.objects.filter(kind="events.reminder")
    assert set(reminded.values_list("recipient", flat=True)) == {people["first"].pk, people["second"].pk}
    assert sorted(message.to[0] for message in mail.outbox) == ["first@example.org", "second@example.org"]
    for message in mail.outbox:  # in the participants' language, bokmål unless they chose English
        assert "Påminnelse: Kurs: Samtalemetodikk" in message.subject
        assert f"{settings.SITE_URL}/arrangementer/{soon.pk}/" in message.body

    mail.outbox.clear()
    assert "Sent 0 event reminders." in remind(django_capture_on_commit_callbacks)
    assert reminded.count() == 2
    assert mail.outbox == []


def test_the_waiting_list_and_cancelled_registrations_get_no_reminder(soon, people, django_capture_on_commit_callbacks):
    remind(django_capture_on_commit_callbacks)

    for name in ("waiting", "cancelled"):
        assert not Notice.objects.filter(recipient=people[name], kind="events.reminder").exists()
        assert Registration.objects.get(event=soon, user=people[name]).reminded_at is None


def test_only_published_events_within_two_days_are_reminded(
    centre, organiser, people, django_capture_on_commit_callbacks
):
    later = make_event(centre, days_ahead=5, title="Fagdag om etikk")
    called_off = make_event(centre, days_ahead=1, title="Webinar som ble avlyst")
    services.registration_register(event=later, user=people["later"])
    services.registration_register(event=called_off, user=people["called_off"])
    services.event_cancel(event=called_off, actor=organiser, reason="Foredragsholderen er syk.")
    mail.outbox.clear()

    assert "Sent 0 event reminders." in remind(django_capture_on_commit_callbacks)
    assert not Notice.objects.filter(kind="events.reminder").exists()
    assert not [m for m in mail.outbox if "Reminder" in m.subject]

    # Three days on, the later one starts within two days and is reminded in its turn.
    later_registration = Registration.objects.get(event=later, user=people["later"])
    assert services.reminders_send(now=timezone.now() + timedelta(days=3)) == 1
    later_registration.refresh_from_db()
    assert later_registration.reminded_at is not None
    assert called_off.registrations.get().reminded_at is None


def test_the_task_can_be_queued_and_reports_how_many_it_sent(soon, django_capture_on_commit_callbacks):
    """The worker (or the immediate backend in development) runs the same reminder service."""
    with django_capture_on_commit_callbacks(execute=True):
        result = send_event_reminders.enqueue()

    assert result.return_value == 2
    assert Notice.objects.filter(kind="events.reminder").count() == 2
