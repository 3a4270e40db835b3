"""Calendar files: one event, the public feeds of a county and a centre, and each person's own feed.

Calendar programs cannot sign in, so a person's feed is reached through a secret address
(``CalendarFeed.token``), looked up by its exact value. The online link is in a file only for
those who may see it (``events.permissions.can_see_online_link``): never in the public feeds.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from events import ical, selectors, services
from events.models import CalendarFeed, Event, EventStatus, RegistrationStatus
from events.permissions import access_event, can_see_online_link
from register.models import Centre, County

# Public feeds keep recently ended events a while, so a calendar does not lose them at once.
PUBLIC_PAST = timedelta(days=30)
# A person's own feed keeps a year of what they took part in.
PERSONAL_PAST = timedelta(days=365)


def _calendar_response(entries, *, name, filename, inline=True):
    response = HttpResponse(ical.calendar(entries, name=name), content_type=ical.CONTENT_TYPE)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _page_url(request, event):
    return request.build_absolute_uri(event.get_absolute_url())


def _public_feed(request, events, *, name, filename):
    entries = [ical.Entry(event=event, url=_page_url(request, event)) for event in events]
    return _calendar_response(entries, name=name, filename=filename)


def _public_events(**where):
    """Published and cancelled events (a cancelled one stays, so calendars cancel it) not long over."""
    return (
        Event.objects.public()
        .filter(ends_at__gte=timezone.now() - PUBLIC_PAST, **where)
        .select_related("centre")
        .order_by("starts_at", "id")
    )


@require_safe
def event_ics(request, pk):
    event = access_event(request.user, pk)
    registration = selectors.registration_of(user=request.user, event=event)
    show_link = bool(event.online_url) and can_see_online_link(request.user, event, registration)
    entry = ical.Entry(
        event=event,
        url=_page_url(request, event),
        online_url=event.online_url if show_link else "",
        waiting=registration is not None and registration.status == RegistrationStatus.WAITING,
    )
    return _calendar_response([entry], name=event.title, filename=f"arrangement-{event.pk}.ics", inline=False)


@require_safe
def county_feed(request, slug):
    county = get_object_or_404(County, slug=slug)
    return _public_feed(
        request,
        _public_events(county=county),
        name=_("KarriereNorge: events in %(county)s") % {"county": county.name},
        filename=f"{county.slug}.ics",
    )


@require_safe
def centre_feed(request, slug):
    centre = get_object_or_404(Centre.objects.active(), slug=slug)
    return _public_feed(
        request,
        _public_events(centre=centre),
        name=_("KarriereNorge: events of %(centre)s") % {"centre": centre.name},
        filename=f"{centre.slug}.ics",
    )


@require_safe
def personal_feed(request, token):
    feed = CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if feed is None:
        raise Http404
    user = feed.user
    registrations = (
        selectors.my_registrations(user=user)
        .filter(event__ends_at__gte=timezone.now() - PERSONAL_PAST)
        .exclude(event__status=EventStatus.DRAFT)
    )
    entries = []
    for registration in registrations:
        event = registration.event
        show_link = bool(event.online_url) and not event.is_cancelled and can_see_online_link(user, event, registration)
        entries.append(
            ical.Entry(
                event=event,
                url=_page_url(request, event),
                online_url=event.online_url if show_link else "",
                waiting=registration.status == RegistrationStatus.WAITING,
            )
        )
    response = _calendar_response(entries, name=_("KarriereNorge: my events"), filename="mine-arrangementer.ics")
    # The address is a secret: not for shared caches or search engines.
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def _webcal(url):
    return "webcal://" + url.split("://", 1)[1]


def _feed_link(request, url_name, slug):
    url = request.build_absolute_uri(reverse(url_name, kwargs={"slug": slug}))
    return {"url": url, "webcal": _webcal(url)}


@require_safe
def feeds(request):
    context = {
        "counties": [
            {"county": county, **_feed_link(request, "events:county_feed", county.slug)}
            for county in County.objects.order_by("number")
        ],
        "centres": [
            {"centre": centre, **_feed_link(request, "events:centre_feed", centre.slug)}
            for centre in Centre.objects.active().select_related("county").order_by("county__number", "name")
        ],
    }
    if request.user.is_authenticated:
        feed = services.calendar_feed_for(request.user)
        url = request.build_absolute_uri(reverse("events:personal_feed", kwargs={"token": feed.token}))
        context["personal"] = {"url": url, "webcal": _webcal(url), "created_at": feed.created_at}
    response = render(request, "events/feeds.html", context)
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_POST
def feed_regenerate(request):
    services.calendar_feed_regenerate(user=request.user)
    messages.success(
        request,
        _("You have a new calendar address. The old one has stopped working: give the new one to your calendar."),
    )
    return redirect("events:feeds")
