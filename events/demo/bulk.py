"""Many demo events at once, for benchmarks: ``seed_events_demo --scale national``.

Events and registrations are bulk-inserted in batches, bypassing the services on purpose: 60,000
registrations through registration_register would take far too long and notify people about
archive data. The rows are what the services would leave behind, with two simplifications:
confirmed places of events that start within the reminder window count as reminded (so the next
reminder run does not mail thousands of demo people), and attendance is not marked, so the
register (CPD hours, certificates) is untouched by the bulk.
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.bulk import analyze, insert_all
from events.demo.named import NAMED_COUNSELLORS
from events.models import Event, EventKind, EventStatus, Registration, RegistrationStatus
from events.services import REMINDER_DAYS
from register.demo.organisation import DEMO_DOMAIN, demo_password_hash, slug_for
from register.models import Centre, CompetenceArea

NATIONAL_EVENTS = 3_000
NATIONAL_REGISTRATIONS = 60_000  # about 20 per event
BULK_MARK = " (nr. "  # every bulk event's title ends with "(nr. <n>)"; how a run finds the earlier ones
POOL_SIZE = 300  # at least this many people register; extra demo participants are added if needed
EXTRA_PARTICIPANT = "deltaker.{number:04d}.arrangement@" + DEMO_DOMAIN
EVENTS_PER_BATCH = 500
SEED = 20250301

# kind: (title prefix, CPD hours, length in hours)
KINDS = {
    EventKind.COURSE: ("Kurs: ", "6", 6.5),
    EventKind.NETWORK_MEETING: ("Nettverksmøte: ", "3", 3),
    EventKind.WEBINAR: ("Webinar: ", "1.5", 1.5),
    EventKind.CONFERENCE: ("Konferanse: ", "6", 7),
    EventKind.PROFESSIONAL_DAY: ("Fagdag: ", "6", 6),
}
KIND_WEIGHTS = [40, 20, 25, 5, 10]
TOPICS = [
    "Karrierelæring på ungdomstrinnet",
    "Utdanningsvalg som fag",
    "Overgangen til videregående opplæring",
    "Samarbeid med NAV om unge voksne",
    "Godkjenning av utenlandsk utdanning",
    "Realkompetansevurdering for voksne",
    "Veiledning med tolk",
    "Jobbsøking og lønnsforhandling",
    "Taushetsplikt og samtykke",
    "Digitale verktøy i veiledningen",
    "Gruppeveiledning",
    "Veiledning på chat og telefon",
    "Fagbrev på jobb",
    "Omstilling etter nedbemanning",
    "Karriereveiledning for seniorer",
    "Motiverende intervju",
    "Kvalitet i karriereveiledning",
    "Frafall i videregående opplæring",
    "Høyere utdanning og opptak",
    "Arbeidsmarkedet i regionen",
]
DESCRIPTIONS = [
    "Et tilbud til veiledere i skolen, i NAV og ved karrieresentrene.\n\n"
    "- korte innlegg\n- erfaringsdeling i grupper\n- tid til spørsmål",
    "Vi ser på forskning og praksis, og deltakerne får med seg opplegg som kan brukes direkte.",
    "**Påmelding er bindende.** Gi beskjed så snart som mulig hvis du ikke kan komme, så får neste på "
    "ventelisten plassen.",
    "Samlingen veksler mellom faglige innlegg og arbeid med eksempler fra deltakernes egen praksis.",
]
CAPACITIES = [None, 20, 25, 30, 40, 60]
CANCEL_REASONS = [
    "For få påmeldte. Vi setter det opp på nytt senere.",
    "Kursholder er syk.",
    "Lokalet er ikke tilgjengelig. Ny dato kommer.",
]


def _pool(minimum):
    """The ids of the demo counsellors, topped up with extra demo participants to ``minimum`` people.

    The named demo counsellors stay out, so their own events remain the few the demo describes.
    """
    User = get_user_model()
    counsellors = list(
        User.objects.filter(is_active=True, counsellor_profile__isnull=False, email__endswith=f"@{DEMO_DOMAIN}")
        .exclude(email__in=[f"{local}@{DEMO_DOMAIN}" for local in NAMED_COUNSELLORS])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    extras = [EXTRA_PARTICIPANT.format(number=n) for n in range(1, max(0, minimum - len(counsellors)) + 1)]
    existing = set(User.objects.filter(email__in=extras).values_list("email", flat=True))
    people = [
        User(email=email, full_name=f"Deltaker {email.split('.')[1]} (demo)", password=demo_password_hash())
        for email in extras
        if email not in existing
    ]
    User.objects.give_handles(people)
    new = User.objects.bulk_create(people)
    EmailAddress.objects.bulk_create([EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in new])
    return counsellors + list(User.objects.filter(email__in=extras).order_by("pk").values_list("pk", flat=True))


def _spread(rng, total, slots, cap):
    """``total`` split over ``slots`` counts of 0 to ``cap`` that vary around the mean."""
    total = min(total, slots * cap)
    mean = total / slots
    counts = [min(cap, round(rng.uniform(0.5, 1.5) * mean)) for _slot in range(slots)]
    difference, step, index = total - sum(counts), 1, 0
    if difference < 0:
        step = -1
    while difference:
        slot = index % slots
        if 0 <= counts[slot] + step <= cap:
            counts[slot] += step
            difference -= step
        index += 1
    return counts


def _event(rng, number, centre, now):
    kind = rng.choices(list(KINDS), KIND_WEIGHTS)[0]
    prefix, cpd_hours, hours = KINDS[kind]
    local_day = timezone.localdate(now) + timedelta(days=rng.randint(-730, 365))
    starts = timezone.make_aware(datetime.combine(local_day, time(rng.choice([9, 10, 12]))))
    published = min(starts - timedelta(days=rng.randint(20, 90)), now)
    event = Event(
        centre=centre,
        county_id=centre.county_id,
        title=f"{prefix}{rng.choice(TOPICS)}{BULK_MARK}{number})",
        description=rng.choice(DESCRIPTIONS),
        kind=kind,
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        capacity=rng.choice(CAPACITIES),
        cpd_hours=Decimal(cpd_hours),
        status=EventStatus.PUBLISHED,
        published_at=published,
        is_demo=True,
    )
    if kind == EventKind.WEBINAR:
        event.online_url = f"https://video.karrierenorge.example/{slug_for(centre.name)}-{number}"
    else:
        event.place, event.address = centre.name, f"{centre.address}, {centre.postcode} {centre.place}"
    if rng.random() < 0.03 and published < starts - timedelta(days=3):
        event.status = EventStatus.CANCELLED
        event.cancelled_at = min(starts - timedelta(days=3), now)
        event.cancel_reason = rng.choice(CANCEL_REASONS)
    return event


def _registrations(rng, event, people, now):
    """People in registration order: confirmed while places last, then waiting; a few have cancelled."""
    opened, closed = event.published_at, min(event.starts_at, now)
    step = (closed - opened) / (len(people) + 1)
    remind = event.starts_at <= now + timedelta(days=REMINDER_DAYS)
    confirmed = 0
    rows = []
    for index, user_id in enumerate(people):
        at = opened + step * (index + 1)
        registration = Registration(event=event, user_id=user_id, registered_at=at)
        if rng.random() < 0.05:
            registration.status, registration.cancelled_at = RegistrationStatus.CANCELLED, at + step / 2
        elif event.capacity is None or confirmed < event.capacity:
            registration.status, registration.confirmed_at = RegistrationStatus.CONFIRMED, at
            confirmed += 1
            if remind and event.status == EventStatus.PUBLISHED:
                registration.reminded_at = min(event.starts_at - timedelta(days=REMINDER_DAYS), now)
        else:
            registration.status = RegistrationStatus.WAITING
        rows.append(registration)
    return rows


def seed_bulk(*, events, registrations):
    """Top the bulk events up to ``events`` with about ``registrations`` in all; return (events, registrations) made.

    A second run finds the earlier bulk events by their titles and adds only what is missing.
    """
    if events <= 0:
        return 0, 0
    existing = Event.objects.filter(is_demo=True, title__contains=BULK_MARK).count()
    if existing >= events:
        return 0, 0
    centres = list(Centre.objects.filter(is_demo=True, is_active=True).order_by("pk"))
    area_ids = list(CompetenceArea.objects.order_by("number").values_list("pk", flat=True))
    pool = _pool(POOL_SIZE)
    rng = random.Random(SEED + existing)  # noqa: S311 - repeatable demo data, not security
    new_events = events - existing
    counts = _spread(rng, registrations * new_events // events, new_events, len(pool))
    now = timezone.now()
    made = 0
    for start in range(0, new_events, EVENTS_PER_BATCH):
        numbers = range(existing + start + 1, existing + min(start + EVENTS_PER_BATCH, new_events) + 1)
        batch = Event.objects.bulk_create([_event(rng, number, rng.choice(centres), now) for number in numbers])
        Event.areas.through.objects.bulk_create(
            [
                Event.areas.through(event_id=event.pk, competencearea_id=area_id)
                for event in batch
                for area_id in rng.sample(area_ids, rng.choice([1, 1, 2]))
            ]
        )
        rows = [
            row
            for event, count in zip(batch, counts[start : start + len(batch)], strict=True)
            for row in _registrations(rng, event, rng.sample(pool, count), now)
        ]
        insert_all(rows)
        made += len(rows)
    analyze(Event, Registration, Event.areas.through)
    return new_events, made
