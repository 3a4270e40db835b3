"""What the events services share: the manager check, the event row lock, times in words, telling people."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from core.phrases import Phrase
from events.models import Event, RegistrationStatus
from events.permissions import can_manage_events
from notifications.services import notice_send
from register.models import Centre


def require_manager(actor: User, centre: Centre | int) -> None:
    if not can_manage_events(actor, centre):
        raise PermissionDenied(_("Only the centre's organisers and administrators manage its events."))


def local(moment: datetime) -> str:
    """A moment as the participants read it: Oslo time, the site's date format."""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def lock(event: Event) -> Event:
    """Re-read the event with its row locked until the transaction ends."""
    return Event.objects.select_for_update().select_related("centre", "county").get(pk=event.pk)


def event_link(event: Event) -> str:
    return reverse("events:detail", kwargs={"pk": event.pk})


def tell_participants(event: Event, *, kind: str, title: Phrase, body: Phrase, include_waiting: bool = False) -> None:
    statuses = [RegistrationStatus.CONFIRMED]
    if include_waiting:
        statuses.append(RegistrationStatus.WAITING)
    link = event_link(event)
    registrations = event.registrations.filter(status__in=statuses).select_related("user")
    for registration in registrations:
        notice_send(recipient=registration.user, kind=kind, title=title, body=body, link=link)
