"""The named demo events of the catalogue, written through events.services.

Upcoming events are created, published, filled and (one of them) cancelled through the services,
so the participants get their notices like anyone else. Events that are over cannot be registered
for any more, so their registrations are written directly (back-dated); attendance then goes
through ``attendance_set``, which gives the CPD hours and certificates in the register.

An event of the catalogue is there when a demo event of the same centre and title is: for past
events any such event, for upcoming ones one that has not ended yet. So a second run on the same
day creates nothing, while a run weeks later adds a new edition of each course that has since
taken place, and the demo keeps having events to sign up for.
"""

import datetime
import random
import zlib
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from events import services
from events.demo.catalogue import PAST, UPCOMING
from events.models import Audience, Event, EventStatus, Registration, RegistrationStatus
from events.permissions import can_manage_events
from register.demo.organisation import DEMO_DOMAIN, slug_for
from register.models import Centre, CompetenceArea, WorkplaceType

NAMED_COUNSELLORS = ("senter", "skole", "nav")
# Who each audience is, to invite the right people first.
AUDIENCE_WORKPLACES = {
    Audience.SCHOOL: {WorkplaceType.UPPER_SECONDARY, WorkplaceType.LOWER_SECONDARY},
    Audience.NAV: {WorkplaceType.NAV},
    Audience.CENTRE_STAFF: {WorkplaceType.CAREER_CENTRE},
}


def demo_email(local):
    return f"{local}@{DEMO_DOMAIN}"


def _times(spec, today):
    first_day = today + datetime.timedelta(days=spec.days)
    last_day = first_day + datetime.timedelta(days=spec.length_days - 1)
    starts = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.fromisoformat(spec.starts)))
    ends = timezone.make_aware(datetime.datetime.combine(last_day, datetime.time.fromisoformat(spec.ends)))
    return starts, ends


def _fields(spec, centre, today):
    starts, ends = _times(spec, today)
    if spec.online:
        place, address, online_url = "", "", f"https://video.karrierenorge.example/{slug_for(spec.title)}"
    else:
        place, address, online_url = centre.name, f"{centre.address}, {centre.postcode} {centre.place}", ""
    return {
        "title": spec.title,
        "description": spec.description,
        "who_should_come": spec.who_should_come,
        "kind": spec.kind,
        "audience": spec.audience,
        "county": centre.county,
        "place": place,
        "address": address,
        "online_url": online_url,
        "starts_at": starts,
        "ends_at": ends,
        "capacity": spec.capacity,
        "cpd_hours": Decimal(spec.cpd_hours),
    }


def _missing(centres, now):
    """The catalogue's events that are not there yet (one query)."""
    wanted = [spec for spec in UPCOMING + PAST if spec.county in centres]
    existing = {}
    for centre_id, title, ends_at in Event.objects.filter(
        is_demo=True, centre__in=centres.values(), title__in=[spec.title for spec in wanted]
    ).values_list("centre_id", "title", "ends_at"):
        existing.setdefault((centre_id, title), []).append(ends_at)
    missing = []
    for spec in wanted:
        ends = existing.get((centres[spec.county].pk, spec.title), [])
        if spec.days < 0 and ends:
            continue
        if spec.days >= 0 and any(end > now for end in ends):
            continue
        missing.append(spec)
    return missing


class _People:
    """The demo people the events need: organisers, the named counsellors and the other counsellors."""

    def __init__(self):
        User = get_user_model()
        named = [demo_email(local) for local in (*NAMED_COUNSELLORS, "kurs", "nasjonal")]
        self.by_local = {user.email.split("@")[0]: user for user in User.objects.filter(email__in=named)}
        self.others = list(
            User.objects.filter(is_active=True, counsellor_profile__isnull=False, email__endswith=f"@{DEMO_DOMAIN}")
            .exclude(email__in=named)
            .select_related("counsellor_profile")
            .order_by("email")
        )

    def organiser_for(self, centre):
        """Kari Kurs at Karriere Oslo; elsewhere the national administrator, who manages every centre."""
        kurs = self.by_local.get("kurs")
        return kurs if kurs is not None and can_manage_events(kurs, centre) else self.by_local["nasjonal"]

    def participants(self, spec, centre):
        """Other counsellors of the right workplace and county first, in an order fixed by the title."""
        rng = random.Random(zlib.crc32(spec.title.encode()))  # noqa: S311 - repeatable demo data
        fits = AUDIENCE_WORKPLACES.get(spec.audience)

        def rank(user):
            profile = user.counsellor_profile
            return (fits is not None and profile.workplace_type not in fits, profile.county_id != centre.county_id)

        ranked = sorted(((rank(user), rng.random(), user) for user in self.others), key=lambda r: r[:2])
        others = [user for _rank, _tiebreak, user in ranked[: spec.participants]]
        return others, [self.by_local[local] for local in spec.named if local in self.by_local]


def _create_upcoming(spec, centre, people, today):
    """Create, publish and fill the event through the services, as an organiser would. Returns it and the count."""
    actor = people.organiser_for(centre)
    areas = CompetenceArea.objects.filter(number__in=spec.areas)
    event = services.event_create(centre=centre, actor=actor, areas=areas, **_fields(spec, centre, today))
    event.is_demo = True
    event.save(update_fields=["is_demo"])
    if spec.status == EventStatus.DRAFT:
        return event, 0
    event = services.event_publish(event=event, actor=actor)
    others, named = people.participants(spec, centre)
    for user in others + named:
        services.registration_register(event=event, user=user)
    if spec.status == EventStatus.CANCELLED:
        services.event_cancel(event=event, actor=actor, reason=spec.cancel_reason)
    return event, len(others) + len(named)


def _create_past(spec, centre, people, today):
    """An event that is over, with back-dated registrations and attendance marked through the service."""
    actor = people.organiser_for(centre)
    fields = _fields(spec, centre, today)
    published = fields["starts_at"] - datetime.timedelta(days=42)
    event = Event(
        centre=centre, status=EventStatus.PUBLISHED, published_at=published, created_by=actor, is_demo=True, **fields
    )
    services.event_validate(event)
    event.save()
    event.areas.set(CompetenceArea.objects.filter(number__in=spec.areas))
    Event.objects.filter(pk=event.pk).update(created_at=published, updated_at=published)
    others, named = people.participants(spec, centre)
    registrants = others + named
    Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                user=user,
                status=RegistrationStatus.CONFIRMED,
                registered_at=published + datetime.timedelta(hours=7 * (index + 1)),
                confirmed_at=published + datetime.timedelta(hours=7 * (index + 1)),
                reminded_at=event.starts_at - datetime.timedelta(days=services.REMINDER_DAYS),
            )
            for index, user in enumerate(registrants)
        ]
    )
    no_shows = {user.pk for user in others[max(0, len(others) - spec.no_shows) :]} if spec.no_shows else set()
    attended = event.registrations.filter(user__in=[u for u in registrants if u.pk not in no_shows])
    services.attendance_set(event=event, actor=actor, attended_ids=attended.values_list("pk", flat=True))
    return event, len(registrants)


def seed_named_events():
    """Create the catalogue's events that are missing; return (events, registrations) created."""
    numbers = {spec.county for spec in UPCOMING + PAST}
    centres = {
        centre.county.number: centre
        for centre in Centre.objects.filter(
            is_demo=True, is_resource_centre=True, is_active=True, county__number__in=numbers
        ).select_related("county")
    }
    missing = _missing(centres, timezone.now())
    if not missing:
        return 0, 0
    people = _People()
    today = timezone.localdate()
    registrations = 0
    for spec in missing:
        create = _create_past if spec.days < 0 else _create_upcoming
        _event, count = create(spec, centres[spec.county], people, today)
        registrations += count
    return len(missing), registrations
