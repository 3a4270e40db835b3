"""iCalendar (RFC 5545) files of events: one event, a county's or a centre's feed, a person's own feed.

An event's UID never changes (it does not depend on the host the file was fetched from) and its
SEQUENCE is ``Event.sequence``, which the services raise on every change calendar programs must
pick up. A cancelled event stays in the file with STATUS:CANCELLED so calendar programs cancel it.
Times are written in Europe/Oslo with the zone's VTIMEZONE, so they show right in any program.

The online link is written only when the caller passes it: the views decide who may see it.
"""

from dataclasses import dataclass
from datetime import UTC, date, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event

TZID = "Europe/Oslo"
PRODID = "-//KarriereNorge//Arrangementer//NB"
UID_DOMAIN = "karrierenorge.no"
CONTENT_TYPE = "text/calendar; charset=utf-8"
# How often calendar programs should fetch a feed again.
REFRESH = timedelta(hours=1)


def event_uid(event):
    return f"event-{event.pk}@{UID_DOMAIN}"


@dataclass(frozen=True)
class Entry:
    """One event as one reader sees it in a calendar file."""

    event: Event
    url: str  # the absolute address of the event's page
    online_url: str = ""  # only when the reader may see the link
    waiting: bool = False  # the reader is on the waiting list


def _local(moment):
    return timezone.localtime(moment, ZoneInfo(TZID))


def _status(entry):
    if entry.event.is_cancelled:
        return "CANCELLED"
    if entry.waiting or entry.event.is_draft:
        return "TENTATIVE"
    return "CONFIRMED"


def _summary(entry):
    summary = entry.event.title
    if entry.event.is_cancelled:
        summary = _("Cancelled: %(title)s") % {"title": summary}
    elif entry.waiting:
        summary = _("%(title)s (waiting list)") % {"title": summary}
    return summary


def _location(event):
    parts = [part for part in (event.place, event.address) if part]
    if event.is_online:
        parts.append(_("Online"))
    return ", ".join(parts)


def _description(entry):
    """Plain text: the calendar programs show it as it is."""
    event = entry.event
    paragraphs = []
    if event.is_cancelled:
        paragraphs.append(_("This event is cancelled."))
        if event.cancel_reason:
            paragraphs.append(event.cancel_reason)
    elif entry.waiting:
        paragraphs.append(_("You are on the waiting list. You will be told if a place becomes free."))
    paragraphs.append(_("Organiser: %(centre)s") % {"centre": event.centre.name})
    paragraphs.append(event.description.strip())
    if entry.online_url:
        paragraphs.append(_("Online link: %(url)s") % {"url": entry.online_url})
    paragraphs.append(_("More about the event: %(url)s") % {"url": entry.url})
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _vevent(entry, stamp):
    event = entry.event
    return icalendar.Event.new(
        uid=event_uid(event),
        stamp=stamp,
        start=_local(event.starts_at),
        end=_local(event.ends_at),
        summary=_summary(entry),
        description=_description(entry),
        location=_location(event) or None,
        url=entry.url,
        sequence=event.sequence,
        status=_status(entry),
        last_modified=event.updated_at.astimezone(UTC),
        categories=[str(event.get_kind_display())],
    )


def _timezone(entries):
    """Europe/Oslo's VTIMEZONE for the years the entries span, from this year or earlier to next year or later."""
    years = [timezone.localdate().year]
    for entry in entries:
        years += [_local(entry.event.starts_at).year, _local(entry.event.ends_at).year]
    return icalendar.Timezone.from_tzid(TZID, first_date=date(min(years), 1, 1), last_date=date(max(years) + 2, 1, 1))


def calendar(entries, *, name):
    """The bytes of one VCALENDAR named ``name`` with one VEVENT per entry."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH))
    cal.add_component(_timezone(entries))
    stamp = timezone.now().astimezone(UTC)
    for entry in entries:
        cal.add_component(_vevent(entry, stamp))
    return cal.to_ical()
