"""The organiser pages under /arrangementer/staff/: a centre's events, their participants and attendance.

Every page fetches the event through ``access_event_for_management`` (404 for a draft the user may
not see, 403 for an event they see but may not manage); every write goes through ``events.services``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.csv import csv_safe, excel_csv_response
from core.forms import attach_service_errors
from core.markdown import render as render_markdown
from events import selectors, services
from events.forms import CancelForm, EventForm, MessageForm
from events.models import Registration, RegistrationStatus
from events.permissions import access_event_for_management, managed_centre_ids, managed_centres

TEMPLATES = "events/manage/"
PAGE_SIZE = 20


def _error_messages(request, exc):
    for text in exc.messages:
        messages.error(request, text)


def _managed_event(request, pk):
    return access_event_for_management(request.user, pk, selectors.event_detail(user=request.user, pk=pk))


def _require_manager_somewhere(user):
    """The centre ids the user manages (None: all); 403 for someone who manages none."""
    centre_ids = managed_centre_ids(user)
    if centre_ids is not None and not centre_ids:
        raise PermissionDenied
    return centre_ids


# The list and the form


@login_required
def manage_list(request):
    centre_ids = _require_manager_somewhere(request.user)
    centre = None
    if request.GET.get("centre"):
        centre = managed_centres(request.user).filter(slug=request.GET["centre"]).first()
        if centre is None:
            raise Http404
        centre_ids = {centre.pk}
    page = Paginator(selectors.managed_events(centre_ids=centre_ids), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page_obj": page, "centre": centre, "query": f"centre={centre.slug}" if centre else ""}
    return render(request, TEMPLATES + "list.html", context)


@login_required
def event_create(request):
    _require_manager_somewhere(request.user)
    form = EventForm(request.POST or None, centres=managed_centres(request.user), user=request.user)
    if request.method == "POST" and form.is_valid():
        event = form.save(actor=request.user)
        if event is not None:
            messages.success(request, _("The event is saved as a draft. Publish it when it is ready."))
            return redirect("events:manage_detail", pk=event.pk)
    return render(request, TEMPLATES + "form.html", {"form": form, "event": None})


@login_required
def event_edit(request, pk):
    event = _managed_event(request, pk)
    if event.is_cancelled:
        messages.error(request, _("A cancelled event cannot be changed."))
        return redirect("events:manage_detail", pk=event.pk)
    form = EventForm(request.POST or None, event=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save(actor=request.user)
        if saved is not None:
            messages.success(request, _("Your changes are saved."))
            return redirect("events:manage_detail", pk=event.pk)
    return render(request, TEMPLATES + "form.html", {"form": form, "event": event})


# Publishing, cancelling, copying


@login_required
@require_POST
def event_publish(request, pk):
    event = _managed_event(request, pk)
    try:
        services.event_publish(event=event, actor=request.user)
    except ValidationError as exc:
        _error_messages(request, exc)
    else:
        messages.success(request, _("The event is published. Registration is open from the time you set."))
    return redirect("events:manage_detail", pk=event.pk)


@login_required
def event_cancel(request, pk):
    event = _managed_event(request, pk)
    # Every field is optional, so an empty POST is still a request to cancel.
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(event=event, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            _error_messages(request, exc)
        else:
            messages.success(request, _("The event is cancelled. Everyone registered has been told."))
        return redirect("events:manage_detail", pk=event.pk)
    return render(request, TEMPLATES + "cancel.html", {"event": event, "form": form})


@login_required
@require_POST
def event_duplicate(request, pk):
    event = _managed_event(request, pk)
    try:
        copy = services.event_duplicate(event=event, actor=request.user)
    except ValidationError as exc:
        _error_messages(request, exc)
        return redirect("events:manage_detail", pk=event.pk)
    messages.success(request, _("This is a copy; adjust dates and publish."))
    return redirect("events:edit", pk=copy.pk)


# Participants and attendance


@login_required
def manage_detail(request, pk):
    event = _managed_event(request, pk)
    confirmed, waiting, cancelled = [], [], []
    by_status = {
        RegistrationStatus.CONFIRMED: confirmed,
        RegistrationStatus.WAITING: waiting,
        RegistrationStatus.CANCELLED: cancelled,
    }
    for registration in selectors.participants(event=event):
        by_status[registration.status].append(registration)
    context = {
        "event": event,
        "description_html": render_markdown(event.description),
        "confirmed": confirmed,
        "waiting": waiting,
        "cancelled": cancelled,
        "attended_count": sum(1 for registration in confirmed if registration.attended),
        "can_mark_attendance": event.has_started() and not event.is_cancelled,
        "message_count": event.messages.count(),
        "delivered_under": selectors.delivered_under(event),
    }
    return render(request, TEMPLATES + "detail.html", context)


@login_required
@require_POST
def attendance(request, pk):
    event = _managed_event(request, pk)
    try:
        attended_ids = [int(value) for value in request.POST.getlist("attended")]
    except ValueError:
        messages.error(request, _("Only people with a confirmed place can be marked as attended."))
        return redirect("events:manage_detail", pk=event.pk)
    try:
        marked, unmarked = services.attendance_set(event=event, actor=request.user, attended_ids=attended_ids)
    except ValidationError as exc:
        _error_messages(request, exc)
    else:
        messages.success(
            request,
            _(
                "Attendance is saved: %(marked)s newly marked as attended, %(unmarked)s unmarked. "
                "Those who attended have the CPD hours and a certificate in their register."
            )
            % {"marked": marked, "unmarked": unmarked},
        )
    return redirect("events:manage_detail", pk=event.pk)


@login_required
@require_POST
def promote(request, pk, registration_pk):
    event = _managed_event(request, pk)
    registration = get_object_or_404(Registration.objects.select_related("user"), pk=registration_pk, event=event)
    try:
        services.registration_promote(registration=registration, actor=request.user)
    except ValidationError as exc:
        _error_messages(request, exc)
        return redirect("events:manage_detail", pk=event.pk)
    capacity_before = event.capacity
    event.refresh_from_db(fields=["capacity"])
    name = registration.user
    if event.capacity != capacity_before:
        text = _("%(name)s has a place and has been told. The event was full, so it now has %(capacity)s places.") % {
            "name": name,
            "capacity": event.capacity,
        }
    else:
        text = _("%(name)s has a place and has been told.") % {"name": name}
    messages.success(request, text)
    return redirect("events:manage_detail", pk=event.pk)


def _local_time(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


@login_required
def participants_csv(request, pk):
    event = _managed_event(request, pk)
    start = timezone.localtime(event.starts_at)
    filename = f"{_('participants')}-{slugify(event.title, allow_unicode=True) or event.pk}-{start:%Y-%m-%d}.csv"
    response, writer = excel_csv_response(filename)
    writer.writerow(
        [_("Name"), _("E-mail"), _("Workplace"), _("Home centre"), _("Status"), _("Registered"), _("Attended")]
    )
    for registration in selectors.participants(event=event):
        user = registration.user
        profile = getattr(user, "counsellor_profile", None)
        home_centre = profile.home_centre if profile else None
        writer.writerow(
            [
                csv_safe(str(user)),
                csv_safe(user.email),
                csv_safe(profile.workplace_name if profile else ""),
                csv_safe(home_centre.name if home_centre else ""),
                registration.get_status_display(),
                _local_time(registration.registered_at),
                _("Yes") if registration.attended else _("No"),
            ]
        )
    return response


# Messages to the participants


@login_required
def message(request, pk):
    event = _managed_event(request, pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.message_send(event=event, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "The message is sent to %(count)s participant.",
                    "The message is sent to %(count)s participants.",
                    sent.recipient_count,
                )
                % {"count": sent.recipient_count},
            )
            return redirect("events:message", pk=event.pk)
    context = {
        "event": event,
        "form": form,
        "history": event.messages.select_related("sender"),
        "recipient_count": event.confirmed_count,
    }
    return render(request, TEMPLATES + "message.html", context)
