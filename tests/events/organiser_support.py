"""What the organiser page tests share: Oslo time, signing in, reading pages and messages, registering people."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.contrib.messages import get_messages
from django.utils import timezone

from events import services
from events.models import Event, Registration

OSLO = ZoneInfo("Europe/Oslo")


def as_user(client, request, who):
    """``client`` logged in as the fixture named ``who`` (a visitor when None)."""
    if who is not None:
        client.force_login(request.getfixturevalue(who))
    return client


def page(response):
    return response.content.decode()


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def register_all(event, people):
    for person in people:
        services.registration_register(event=event, user=person)
    return [Registration.objects.get(event=event, user=person) for person in people]


def move_to_the_past(event, *, days=1):
    """Let the event have started (registrations were made while it was open)."""
    starts = timezone.now() - timedelta(days=days)
    Event.objects.filter(pk=event.pk).update(starts_at=starts, ends_at=starts + timedelta(hours=3))
    event.refresh_from_db()
    return event
