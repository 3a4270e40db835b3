"""The events pages everyone sees: the listing, an event, registering, "my events" and the certificate.

Reads go through events.selectors, writes through events.services, and every event is fetched
with events.permissions.access_event, so a draft is a 404 for anyone outside its centre.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import markdown
from events import selectors, services
from events.filters import EventFilter
from events.models import RegistrationStatus
from events.permissions import access_event, can_manage_events, can_see_online_link, is_event_manager
from register.documents import certificate_pdf as certificate_document
from register.models import ActivitySource, AttendanceCertificate, CompetenceArea
from register.services.statements import format_code, verification_link

EVENTS_PER_PAGE = 20
ACTIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)


def _message(exc):
    """The text of a ValidationError or PermissionDenied raised by a service."""
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc.args[0]) if exc.args else _("You are not allowed to do this.")


def _local(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _dress_filter_form(form):
    """Widgets for people rather than for the API: date pickers, plain words for the yes/no choice,
    and no hint about county numbers (people pick the county by name here)."""
    form.fields["county"].help_text = ""
    for name in ("date_from", "date_to"):
        widget = form.fields[name].widget
        widget.input_type = "date"
        widget.format = "%Y-%m-%d"
    form.fields["free_places"].widget.choices = [
        ("", _("All events")),
        ("true", _("Yes, only events with free places")),
        ("false", _("No, only full events")),
    ]


def event_list(request):
    event_filter = EventFilter(request.GET or None, queryset=selectors.event_listing(user=request.user))
    _dress_filter_form(event_filter.form)
    # Fields with errors are left out of the filtering; the form shows what was wrong with them.
    page = Paginator(event_filter.qs, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "filter": event_filter,
        "page_obj": page,
        "query": params.urlencode(),
        "is_filtered": any(value for key, value in params.items() if key != "sort"),
        "manages_events": is_event_manager(request.user),
    }
    return render(request, "events/list.html", context)


def _registration_closed_reason(event, now):
    """Why nobody can register now, or "" while registration is open."""
    if event.is_cancelled:
        return _("The event is cancelled, so registration is closed.")
    if event.is_draft:
        return _("This is a draft. Registration opens when the event is published.")
    if event.has_ended(now):
        return _("The event is over.")
    if event.registration_opens_at and now < event.registration_opens_at:
        return _("Registration opens %(moment)s.") % {"moment": _local(event.registration_opens_at)}
    if not event.registration_is_open(now):
        return _("Registration closed %(moment)s.") % {"moment": _local(event.registration_closes())}
    return ""


def _certificate_for(user, event):
    return AttendanceCertificate.objects.filter(
        owner=user, source=ActivitySource.EVENT, source_ref=event.cpd_source_ref, revoked_at__isnull=True
    ).first()


def event_detail(request, pk):
    user = request.user
    event = access_event(user, pk, queryset=selectors.event_detail(user=user, pk=pk))
    now = timezone.now()
    registration = selectors.registration_of(user=user, event=event)
    if registration is not None and registration.status not in ACTIVE:
        registration = None
    attended = registration is not None and registration.attended
    context = {
        "event": event,
        "description_html": markdown.render(event.description),
        "registration": registration,
        "waiting_position": selectors.waiting_position(registration) if registration else None,
        "closed_reason": _registration_closed_reason(event, now),
        "can_cancel": registration is not None and not event.is_cancelled and not event.has_started(now),
        "gets_place": event.capacity is None or event.free_places > 0,
        "has_ended": event.has_ended(now),
        "show_online_link": bool(event.online_url) and can_see_online_link(user, event, registration),
        "can_manage": can_manage_events(user, event.centre_id),
        "has_certificate": attended and _certificate_for(user, event) is not None,
    }
    return render(request, "events/detail.html", context)


@require_POST
def register(request, pk):
    event = access_event(request.user, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_absolute_url())
    try:
        registration = services.registration_register(event=event, user=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _message(exc))
    else:
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(request, _("Your place is confirmed."))
        else:
            position = selectors.waiting_position(registration)
            messages.success(request, _("You are on the waiting list, number %(position)s.") % {"position": position})
    return redirect(event.get_absolute_url())


@require_POST
def cancel_registration(request, pk):
    event = access_event(request.user, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_absolute_url())
    registration = selectors.registration_of(user=request.user, event=event)
    if registration is None or registration.status not in ACTIVE:
        messages.error(request, _("You have no registration for this event to cancel."))
        return redirect(event.get_absolute_url())
    try:
        services.registration_cancel(registration=registration, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(event.get_absolute_url())


@login_required
def my_events(request):
    now = timezone.now()
    registrations = selectors.my_registrations(user=request.user)
    upcoming, past = [], []
    for registration in registrations:
        (past if registration.event.has_ended(now) else upcoming).append(registration)
    past.reverse()  # the latest first
    return render(request, "events/mine.html", {"upcoming": upcoming, "past": past})


def _own_certificate(request, pk):
    """(event, the person's certificate for it, the names of its areas); 404 unless they hold one."""
    event = access_event(request.user, pk)
    certificate = _certificate_for(request.user, event)
    if certificate is None:
        raise Http404
    area_names = [str(area) for area in CompetenceArea.objects.filter(number__in=certificate.area_numbers)]
    return event, certificate, area_names


@login_required
def certificate(request, pk):
    event, certificate, area_names = _own_certificate(request, pk)
    verify_url = request.build_absolute_uri(reverse("verify"))
    context = {
        "event": event,
        "certificate": certificate,
        "area_names": area_names,
        "code": format_code(certificate.code),
        "verify_link": format_html('<a class="ds-link" href="{0}">{0}</a>', verify_url),
        **verification_link(request, certificate.code),
    }
    return render(request, "events/certificate.html", context)


@login_required
def certificate_pdf(request, pk):
    """The certificate as a PDF with its code, link and QR code, for its holder only."""
    event, certificate, area_names = _own_certificate(request, pk)
    verify_url = verification_link(request, certificate.code)["verify_url"]
    response = HttpResponse(
        certificate_document(certificate, verify_url=verify_url, area_names=area_names), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"kursbevis-{event.pk}.pdf"
    )
    return response
