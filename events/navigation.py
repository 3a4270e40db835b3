"""The events' section on the register's staff page and items on the leaders' home page (registered in
``EventsConfig.ready``)."""

from collections.abc import Sequence
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from core.navigation import NavItem
from events.models import Event, EventStatus, RegistrationStatus
from events.permissions import MANAGER_ROLES, managed_centre_ids
from register.attention import AttentionItem
from register.models import Membership
from register.permissions import is_national_admin, is_professional
from register.staff_sections import StaffLink, StaffSection


def staff_section(user, memberships: Sequence[Membership]) -> StaffSection:
    """All events for national administrators; each centre's events for its admins and organisers."""
    manage = reverse("events:manage_list")
    links = [StaffLink(_("Manage events"), manage)] if is_national_admin(user) else []
    seen = set()
    for membership in memberships:
        if membership.role in MANAGER_ROLES and membership.centre_id not in seen:
            seen.add(membership.centre_id)
            label = _("Events of %(name)s") % {"name": membership.centre.name}
            links.append(StaffLink(label, f"{manage}?centre={membership.centre.slug}"))
    return StaffSection("events", _("Events"), links)


def public_items(request):
    yield NavItem(_("Events"), reverse("events:list"), order=30)


def workspace_items(request):
    """The events for every professional (their registrations are a tab there); the events they run for
    organisers, centre admins and national administrators."""
    user = request.user
    if not is_professional(user):
        return
    yield NavItem(_("Events"), reverse("events:list"), order=40)
    managed = managed_centre_ids(user)  # None: every centre (national administrators)
    if managed is None or managed:
        yield NavItem(pgettext("menu", "Organiser"), reverse("events:manage_list"), order=62)


UPCOMING_DAYS = 30


def attention_items(user) -> list[AttentionItem]:
    """For the centres whose events the user runs: events in the next 30 days, and past events whose
    attendance is not marked yet (the participants' hours wait for it)."""
    centre_ids = managed_centre_ids(user)
    if centre_ids is not None and not centre_ids:
        return []
    now = timezone.now()
    events = Event.objects.filter(status=EventStatus.PUBLISHED)
    if centre_ids is not None:
        events = events.filter(centre_id__in=centre_ids)
    manage = reverse("events:manage_list")
    upcoming = events.filter(starts_at__gte=now, starts_at__lt=now + timedelta(days=UPCOMING_DAYS)).order_by(
        "starts_at"
    )
    unmarked = (
        events.filter(ends_at__lt=now, ends_at__gte=now - timedelta(days=UPCOMING_DAYS))
        .filter(registrations__status=RegistrationStatus.CONFIRMED, registrations__attendance_marked_at__isnull=True)
        .distinct()
        .order_by("ends_at")
    )
    items = []
    first = upcoming.first()
    if first is not None:
        count = upcoming.count()
        items.append(
            AttentionItem(
                title=ngettext("%(count)s event in the next 30 days", "%(count)s events in the next 30 days", count)
                % {"count": count},
                detail=_("Next: %(title)s, %(date)s.")
                % {"title": first.title, "date": date_format(timezone.localtime(first.starts_at), "SHORT_DATE_FORMAT")},
                url=manage,
                count=count,
            )
        )
    late = unmarked.first()
    if late is not None:
        count = unmarked.count()
        items.append(
            AttentionItem(
                title=ngettext(
                    "%(count)s past event without attendance", "%(count)s past events without attendance", count
                )
                % {"count": count},
                detail=_("Mark who came to %(title)s so their hours reach the register.") % {"title": late.title},
                url=reverse("events:manage_detail", kwargs={"pk": late.pk}),
                count=count,
                urgent=True,
            )
        )
    return items
