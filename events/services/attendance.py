"""Attendance. It reaches the competence register only through the register's services: a CPD activity and
a certificate of attendance, once per person and event."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from events.models import ACTIVITY_KIND, Event, EventKind, Registration, RegistrationStatus
from events.services._shared import lock, require_manager
from events.services.deliveries import delivery_refresh
from register import services as register_services
from register.models import ActivitySource


def register_attendance(event: Event, registration: Registration) -> None:
    """Give the participant the event's CPD hours and a certificate (or bring them in step with the event)."""
    local_start = timezone.localtime(event.starts_at).date()
    local_end = timezone.localtime(event.ends_at).date()
    areas = list(event.areas.all())
    register_services.cpd_record_from_source(
        owner=registration.user,
        source=ActivitySource.EVENT,
        source_ref=event.cpd_source_ref,
        title=event.title,
        date=local_start,
        hours=event.cpd_hours,
        kind=ACTIVITY_KIND[EventKind(event.kind)],
        areas=areas,
    )
    register_services.certificate_issue(
        owner=registration.user,
        source=ActivitySource.EVENT,
        source_ref=event.cpd_source_ref,
        title=event.title,
        issuer_name=event.centre.name,
        starts_on=local_start,
        ends_on=local_end,
        hours=event.cpd_hours,
        area_numbers=[area.number for area in areas],
    )


def _unregister_attendance(event: Event, registration: Registration) -> None:
    register_services.cpd_remove_from_source(
        owner=registration.user, source=ActivitySource.EVENT, source_ref=event.cpd_source_ref
    )
    register_services.certificate_revoke_from_source(
        owner=registration.user, source=ActivitySource.EVENT, source_ref=event.cpd_source_ref
    )


@transaction.atomic
def attendance_set(*, event: Event, actor: User, attended_ids: Iterable[int | str]) -> tuple[int, int]:
    """Mark who attended: exactly the confirmed registrations with ids in ``attended_ids``.

    Newly attended people get the event's CPD hours and a certificate in the register; people
    unmarked lose both. Marking again changes nothing. Returns (marked, unmarked) counts.
    """
    event = lock(event)
    require_manager(actor, event.centre_id)
    if not event.has_started():
        raise ValidationError(_("Attendance can be marked once the event has started."))
    if event.is_cancelled:
        raise ValidationError(_("The event is cancelled."))
    wanted = {int(pk) for pk in attended_ids}
    registrations = list(
        event.registrations.select_for_update().filter(status=RegistrationStatus.CONFIRMED).select_related("user")
    )
    unknown = wanted - {registration.pk for registration in registrations}
    if unknown:
        raise ValidationError(_("Only people with a confirmed place can be marked as attended."))
    now = timezone.now()
    marked = unmarked = 0
    for registration in registrations:
        attended = registration.pk in wanted
        if attended == registration.attended:
            continue
        registration.attended = attended
        registration.attendance_marked_at = now
        registration.save(update_fields=["attended", "attendance_marked_at"])
        if attended:
            register_attendance(event, registration)
            marked += 1
        else:
            _unregister_attendance(event, registration)
            unmarked += 1
    if marked or unmarked:
        # An agreement the event is delivered under counts those who attended.
        delivery_refresh(event)
    return marked, unmarked
