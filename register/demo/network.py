"""A few hundred other demo counsellors across the counties, and a verifier at each main centre."""

import datetime
import random
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from core.bulk import insert_all
from register import services
from register.demo.competence import demo_pdf
from register.demo.organisation import CENTRES, DEMO_DOMAIN, demo_password_hash, main_centre_name, slug_for
from register.evidence import evidence_upload_to, private_storage
from register.models import (
    ActivityKind,
    AuditEntry,
    CounsellorProfile,
    County,
    CPDActivity,
    CreditEntry,
    CreditStatus,
    Membership,
    Role,
    WorkplaceType,
)

# Verifiers for the counsellor network ----------------------------------------------------------


def seed_verifiers(main_centres):
    """A verifier at every county's main centre (godkjenner@ for Oslo), keyed by centre id.

    They are made through membership_grant, so their roles are audited like any other.
    """
    User = get_user_model()
    verifiers = {}
    for number, centre in main_centres.items():
        if number == "03":
            email, full_name = f"godkjenner@{DEMO_DOMAIN}", None
        else:
            email = f"godkjenner.{slug_for(centre.county.name)}@{DEMO_DOMAIN}"
            full_name = f"Godkjenner {centre.county.name}"
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name or email})
        if created:
            user.password = demo_password_hash()
            user.save(update_fields=["password"])
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        if not Membership.objects.filter(user=user, centre=centre, role=Role.VERIFIER).exists():
            services.membership_grant(user=user, centre=centre, role=Role.VERIFIER, actor=None)
        verifiers[centre.pk] = user
    return verifiers


# A few hundred other counsellors ---------------------------------------------------------------

NETWORK_SIZE = 300
CREDITS_PER_BATCH = 25_000
NETWORK_SEED = 20240101

FIRST_NAMES = [
    "Anne",
    "Inger",
    "Kari",
    "Marit",
    "Ingrid",
    "Liv",
    "Eva",
    "Berit",
    "Astrid",
    "Bjørg",
    "Hilde",
    "Anna",
    "Solveig",
    "Marianne",
    "Randi",
    "Ida",
    "Nina",
    "Elisabeth",
    "Kristin",
    "Tone",
    "Silje",
    "Camilla",
    "Ingeborg",
    "Hanne",
    "Marte",
    "Nora",
    "Sara",
    "Emma",
    "Maja",
    "Sigrid",
    "Jan",
    "Per",
    "Bjørn",
    "Ole",
    "Lars",
    "Kjell",
    "Knut",
    "Svein",
    "Hans",
    "Geir",
    "Tor",
    "Morten",
    "Terje",
    "Odd",
    "Erik",
    "Martin",
    "Andreas",
    "Jon",
    "Thomas",
    "Magnus",
    "Henrik",
    "Sindre",
    "Eirik",
    "Håkon",
    "Jonas",
    "Aslak",
    "Mads",
    "Ahmed",
    "Fatima",
    "Ali",
]
LAST_NAMES = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Johnsen",
    "Pettersen",
    "Eriksen",
    "Berg",
    "Haugen",
    "Hagen",
    "Johannessen",
    "Andreassen",
    "Jacobsen",
    "Dahl",
    "Jørgensen",
    "Halvorsen",
    "Henriksen",
    "Lund",
    "Sørensen",
    "Jakobsen",
    "Moen",
    "Gundersen",
    "Iversen",
    "Strand",
    "Solberg",
    "Svendsen",
    "Eide",
    "Knutsen",
    "Martinsen",
    "Paulsen",
    "Bakken",
    "Kristoffersen",
    "Mathisen",
    "Lie",
    "Amundsen",
    "Nguyen",
    "Rasmussen",
    "Ali",
    "Lunde",
    "Solheim",
    "Berge",
    "Moe",
    "Nygård",
    "Bakke",
    "Kristensen",
    "Fredriksen",
    "Holm",
    "Lien",
    "Hauge",
    "Christensen",
    "Andresen",
    "Nielsen",
    "Knudsen",
    "Evensen",
    "Sæther",
    "Aas",
    "Myhre",
    "Hanssen",
    "Ahmed",
    "Haugland",
    "Thomassen",
    "Sivertsen",
    "Simonsen",
]
WORKPLACE_WEIGHTS = {
    WorkplaceType.CAREER_CENTRE: 20,
    WorkplaceType.UPPER_SECONDARY: 30,
    WorkplaceType.LOWER_SECONDARY: 20,
    WorkplaceType.NAV: 18,
    WorkplaceType.HIGHER_EDUCATION: 6,
    WorkplaceType.OTHER: 6,
}
JOB_TITLES = {
    WorkplaceType.CAREER_CENTRE: ["Karriereveileder", "Seniorrådgiver", "Karriereveileder"],
    WorkplaceType.UPPER_SECONDARY: ["Rådgiver", "Utdanningsrådgiver", "Sosialpedagogisk rådgiver"],
    WorkplaceType.LOWER_SECONDARY: ["Rådgiver", "Utdanningsrådgiver"],
    WorkplaceType.NAV: ["Veileder", "Arbeidsveileder", "Veileder, ungdomsteam"],
    WorkplaceType.HIGHER_EDUCATION: ["Studieveileder", "Karriererådgiver"],
    WorkplaceType.OTHER: ["Veileder", "Karriereveileder", "Rådgiver"],
}
OTHER_WORKPLACES = [
    "{place} kommune, voksenopplæringen",
    "Flyktningtjenesten i {place} kommune",
    "Oppfølgingstjenesten, {place}",
]
# (title, institution, course code, studiepoeng)
COURSES = [
    ("Karriereveiledning 1", "Høgskolen i Innlandet", "KARV1001", "30"),
    ("Karriereveiledning 2", "Høgskolen i Innlandet", "KARV2001", "30"),
    ("Karriereveiledning – teori og praksis", "OsloMet – storbyuniversitetet", "KVE4000", "15"),
    ("Etikk i veiledning", "OsloMet – storbyuniversitetet", "KVE4100", "7.5"),
    ("Rådgivning i skolen 1", "Universitetet i Sørøst-Norge", "RAD1000", "30"),
    ("Rådgivning i skolen 2", "Universitetet i Sørøst-Norge", "RAD2000", "30"),
    ("Karriereveiledning for rådgivere", "Høgskulen på Vestlandet", "KRV301", "15"),
    ("Veiledningspedagogikk", "Nord universitet", "VP100", "15"),
    ("Utdannings- og yrkesveiledning", "Nord universitet", "UYV200", "15"),
    ("Veiledning i NAV – grunnmodul", "Universitetet i Bergen", "VEIL110", "15"),
    ("Karriereveiledning i et flerkulturelt samfunn", "NTNU", "PED3510", "7.5"),
    ("Arbeidsmarkedskunnskap for veiledere", "Universitetet i Agder", "ARB120", "10"),
    ("Digital karriereveiledning", "UiT Norges arktiske universitet", "KAR3020", "10"),
    ("Samtalemetodikk", "Universitetet i Stavanger", "SAM100", "7.5"),
]
REJECTION_REASONS = [
    "Dokumentasjonen viser ikke antall studiepoeng. Last opp vitnemål eller karakterutskrift.",
    "Emnet handler ikke om karriereveiledning. Ta kontakt hvis du mener det er feil.",
    "Filen er uleselig. Last opp en tydeligere kopi.",
    "Kursbeviset gjelder en annen person.",
]
CPD_TITLES = [
    ("Nettverksmøte for rådgivere", ActivityKind.NETWORK_MEETING),
    ("Regional fagsamling", ActivityKind.NETWORK_MEETING),
    ("Nasjonal konferanse om karriereveiledning", ActivityKind.CONFERENCE),
    ("Webinar om arbeidsmarkedet", ActivityKind.COURSE),
    ("Kurs i digital veiledning", ActivityKind.COURSE),
    ("Kollegaveiledning", ActivityKind.SUPERVISION),
    ("Fagartikler om karrierelæring", ActivityKind.SELF_STUDY),
    ("Hospitering ved karrieresenteret", ActivityKind.OTHER),
]
CPD_REFLECTIONS = [
    "",
    "Nyttig påfyll om arbeidsmarkedet i regionen.",
    "Fikk nye ideer til gruppeveiledning.",
    "Drøftet etiske dilemmaer med kolleger.",
    "Lærte mer om veiledning av voksne med innvandrerbakgrunn.",
]


def _allocate(total, weights):
    """Split ``total`` over keys in proportion to ``weights`` (largest remainder, every key at least 1)."""
    weight_sum = sum(weights.values())
    shares = {key: max(1, total * weight // weight_sum) for key, weight in weights.items()}
    remainders = sorted(weights, key=lambda key: (total * weights[key]) % weight_sum, reverse=True)
    for key in remainders[: max(0, total - sum(shares.values()))]:
        shares[key] += 1
    return shares


def network_plan(size, counties):
    """Who the other demo counsellors are, drawn from a fixed seed: the same people on every run."""
    rng = random.Random(NETWORK_SEED)  # noqa: S311 - repeatable demo data, not a secret
    per_county = _allocate(size, {number: CENTRES[number][0][3] for number in sorted(counties)})
    types, weights = zip(*WORKPLACE_WEIGHTS.items(), strict=True)
    people = []
    for number, count in per_county.items():
        (place, *_main), (place2, *_second) = CENTRES[number]
        for _i in range(count):
            index = len(people) + 1
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            workplace_type = rng.choices(types, weights)[0]
            town = rng.choice([place, place, place2])
            if workplace_type == WorkplaceType.CAREER_CENTRE:
                centre_name = main_centre_name(counties[number])
                workplace = centre_name if town == place else f"{centre_name} {place2}"
            elif workplace_type == WorkplaceType.UPPER_SECONDARY:
                workplace = f"{town} videregående skole"
            elif workplace_type == WorkplaceType.LOWER_SECONDARY:
                workplace = f"{rng.choice(['Sentrum', 'Nordby', 'Sørbyen', 'Åsen'])} ungdomsskole, {town}"
            elif workplace_type == WorkplaceType.NAV:
                workplace = f"NAV {town}"
            elif workplace_type == WorkplaceType.HIGHER_EDUCATION:
                workplace = f"Karrieresenteret for studenter, campus {town}"
            else:
                workplace = rng.choice(OTHER_WORKPLACES).format(place=town)
            people.append(
                {
                    "email": f"{slug_for(first)}.{slug_for(last)}.demo{index:03d}@{DEMO_DOMAIN}",
                    "full_name": f"{first} {last}",
                    "county": number,
                    "workplace_type": workplace_type,
                    "workplace_name": workplace,
                    "job_title": rng.choice(JOB_TITLES[workplace_type]),
                    "position_percentage": rng.choice([20, 40, 50, 60, 80, 100, 100]),
                    **_planned_record(rng),
                }
            )
    return people


# Full 30-studiepoeng programmes that together cover areas 1-3 (what every requirement set asks for).
CORE_PROGRAMMES = [
    (("Karriereveiledning 1", "Høgskolen i Innlandet", "KARV1001", "30"), [1, 2]),
    (("Karriereveiledning 2", "Høgskolen i Innlandet", "KARV2001", "30"), [3, 4]),
    (("Rådgivning i skolen 1", "Universitetet i Sørøst-Norge", "RAD1000", "30"), [1, 2, 5]),
    (("Rådgivning i skolen 2", "Universitetet i Sørøst-Norge", "RAD2000", "30"), [3, 6]),
]


def _planned_record(rng):
    """Entries and hours for one person: about a third meet the requirement, a fifth would once their
    pending entries are verified, and the rest are on their way (some with rejected entries)."""
    kind = rng.choices(["meets", "almost", "on_the_way"], weights=[35, 20, 45])[0]
    credits = []
    if kind in {"meets", "almost"}:
        first, second = rng.choice([(0, 1), (2, 3), (0, 3), (2, 1)])
        for index, status in [(first, CreditStatus.VERIFIED), (second, CreditStatus.VERIFIED)]:
            course, areas = CORE_PROGRAMMES[index]
            credits.append(_planned_credit(rng, course=course, areas=areas, status=status))
        if kind == "almost":
            credits[-1]["status"] = CreditStatus.PENDING
            credits[-1]["days_ago"] = rng.randint(10, 120)
        credits += [_planned_credit(rng) for _c in range(rng.choice([0, 0, 1, 2]))]
        cpd = _planned_cpd_hours(rng, at_least=Decimal(25))
    else:
        credits = [_planned_credit(rng) for _c in range(rng.choice([0, 1, 1, 2, 2, 3, 4]))]
        cpd = [_planned_cpd(rng) for _c in range(rng.choice([0, 1, 2, 3, 4]))]
    return {"credits": credits, "cpd": cpd}


def _planned_credit(rng, *, course=None, areas=None, status=None):
    if status is None:
        status = rng.choices(
            [CreditStatus.VERIFIED, CreditStatus.PENDING, CreditStatus.REJECTED], weights=[55, 25, 20]
        )[0]
    if areas is None:
        areas = sorted(set(rng.sample(range(1, 8), rng.choice([1, 2, 2, 3]))) | ({1} if rng.random() < 0.5 else set()))
    return {
        "course": course or rng.choice(COURSES),
        "status": status,
        "areas": areas,
        "days_ago": rng.randint(30, 12 * 365) if status != CreditStatus.PENDING else rng.randint(10, 200),
        "reason": rng.choice(REJECTION_REASONS),
    }


def _planned_cpd(rng, *, within_days=540):
    title, kind = rng.choice(CPD_TITLES)
    return {
        "title": title,
        "kind": kind,
        "hours": rng.choice(["1.5", "2", "3", "4", "6", "7.5", "7.5", "12"]),
        "days_ago": rng.randint(1, within_days),
        "areas": rng.sample(range(1, 8), rng.choice([0, 1, 1, 2])),
        "reflection": rng.choice(CPD_REFLECTIONS),
    }


def _planned_cpd_hours(rng, *, at_least):
    """Activities within the last 11 months adding up to ``at_least`` hours, plus an older one or two."""
    activities = []
    while sum(Decimal(a["hours"]) for a in activities) < at_least:
        activities.append(_planned_cpd(rng, within_days=330))
    return activities + [_planned_cpd(rng) for _c in range(rng.choice([0, 1, 2]))]


def seed_network(main_centres, verifiers, areas, size=NETWORK_SIZE, progress=print):
    """Create the other demo counsellors that do not exist yet; return how many were created.

    This is filler for the demo, so it is inserted with bulk_create instead of one service call
    per row: hundreds of people with their entries in a couple of seconds. The rows are the same
    the services would write (an evidence PDF in private storage, audit rows for each entry and
    decision); only the notices are skipped.
    """
    User = get_user_model()
    counties = {c.number: c for c in County.objects.all()}
    plan = network_plan(size, counties)
    existing = set(User.objects.filter(email__in=[p["email"] for p in plan]).values_list("email", flat=True))
    plan = [person for person in plan if person["email"] not in existing]
    if not plan:
        return 0
    now, today = timezone.now(), timezone.localdate()

    users = [User(email=p["email"], full_name=p["full_name"], password=demo_password_hash()) for p in plan]
    User.objects.give_handles(users)
    insert_all(users)
    insert_all([EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users])
    insert_all(
        [
            CounsellorProfile(
                user=user,
                workplace_type=p["workplace_type"],
                workplace_name=p["workplace_name"],
                county=counties[p["county"]],
                job_title=p["job_title"],
                position_percentage=p["position_percentage"],
                home_centre=main_centres[p["county"]],
            )
            for user, p in zip(users, plan, strict=True)
        ]
    )

    entries, entry_areas, decisions = [], [], []
    activities, activity_areas = [], []
    for user, p in zip(users, plan, strict=True):
        centre = main_centres[p["county"]]
        for planned in p["credits"]:
            entry = _credit_entry(user.pk, planned, verifiers[centre.pk], today)
            entry.evidence = private_storage.save(
                evidence_upload_to(entry, entry.evidence_name), ContentFile(demo_pdf(entry.title))
            )
            entries.append(entry)
            entry_areas.append(planned["areas"])
            decisions.append(centre.pk)
        for planned in p["cpd"]:
            activities.append(
                CPDActivity(
                    owner=user,
                    title=planned["title"],
                    date=today - datetime.timedelta(days=planned["days_ago"]),
                    hours=Decimal(planned["hours"]),
                    kind=planned["kind"],
                    reflection=planned["reflection"],
                )
            )
            activity_areas.append(planned["areas"])

    progress(f"Register: {len(users):,} counsellors with {len(entries):,} credit entries ...")
    _insert_credits(entries, entry_areas, decisions, areas, now)
    insert_all(activities)
    insert_all(
        [
            CPDActivity.areas.through(cpdactivity_id=activity.pk, competencearea_id=areas[n].pk)
            for activity, numbers in zip(activities, activity_areas, strict=True)
            for n in numbers
        ]
    )
    return len(users)


def seed_more_credits(target, main_centres, verifiers, areas, progress=print):
    """Top the credit entries up to ``target`` (national scale) with more entries of the demo network's
    people, at random; return how many were added.

    The same rows as ``seed_network``'s (entries, their areas, audit rows), except that the entries of one
    course share one demo certificate: a file per entry would take longer than the whole rest of the seed.
    """
    have = CreditEntry.objects.count()
    if have >= target:
        return 0
    rng = random.Random(NETWORK_SEED + have)  # noqa: S311 - repeatable demo data, not a secret
    people = list(
        CounsellorProfile.objects.filter(user__email__contains=".demo")
        .order_by("user_id")
        .values_list("user_id", "county__number")
    )
    if not people:
        return 0
    certificates = {}
    for title, _institution, code, _studiepoeng in COURSES:
        certificates[code] = private_storage.save(
            f"evidence/demo/{code.lower() or 'kursbevis'}.pdf", ContentFile(demo_pdf(title))
        )
    now, today = timezone.now(), timezone.localdate()
    added = 0
    while added < target - have:
        entries, entry_areas, decisions = [], [], []
        for _ in range(min(CREDITS_PER_BATCH, target - have - added)):
            user_id, county = rng.choice(people)
            centre = main_centres[county]
            planned = _planned_credit(rng)
            entry = _credit_entry(user_id, planned, verifiers[centre.pk], today)
            entry.evidence = certificates[entry.course_code]
            entries.append(entry)
            entry_areas.append(planned["areas"])
            decisions.append(centre.pk)
        _insert_credits(entries, entry_areas, decisions, areas, now)
        added += len(entries)
        progress(f"Register: {have + added:,} of {target:,} credit entries ...")
    return added


def _credit_entry(owner_id, planned, verifier, today):
    """An unsaved entry of ``owner_id`` as planned (see ``_planned_credit``), decided by ``verifier`` unless pending."""
    title, institution, code, studiepoeng = planned["course"]
    entry = CreditEntry(
        owner_id=owner_id,
        title=title,
        institution=institution,
        course_code=code,
        credits=Decimal(studiepoeng),
        completed_on=today - datetime.timedelta(days=planned["days_ago"]),
        evidence_name=f"{code.lower() or 'kursbevis'}-vitnemal.pdf",
        evidence_type="application/pdf",
        status=planned["status"],
    )
    if planned["status"] != CreditStatus.PENDING:
        entry.decided_by = verifier
        if planned["status"] == CreditStatus.REJECTED:
            entry.decision_reason = planned["reason"]
    return entry


def _insert_credits(entries, entry_areas, centre_ids, areas, now):
    """Insert the entries (spread in time), their competence areas (numbers) and the audit rows the services
    would have written: created, and the decision at the centre in ``centre_ids``."""
    _spread_in_time(entries, now)
    insert_all(entries)
    insert_all(
        [
            CreditEntry.areas.through(creditentry_id=entry.pk, competencearea_id=areas[n].pk)
            for entry, numbers in zip(entries, entry_areas, strict=True)
            for n in numbers
        ]
    )
    audit = []
    for entry, centre_id in zip(entries, centre_ids, strict=True):
        audit.append(
            AuditEntry(
                actor_id=entry.owner_id,
                action="credit.created",
                object_type="register.creditentry",
                object_id=str(entry.pk),
                subject_user_id=entry.owner_id,
                details={"to": CreditStatus.PENDING},
                created_at=entry.created_at,
            )
        )
        if entry.status != CreditStatus.PENDING:
            audit.append(
                AuditEntry(
                    actor_id=entry.decided_by_id,
                    action=f"credit.{entry.status}",
                    object_type="register.creditentry",
                    object_id=str(entry.pk),
                    subject_user_id=entry.owner_id,
                    centre_id=centre_id,
                    details={
                        "from": CreditStatus.PENDING,
                        "to": entry.status,
                        "reason": entry.decision_reason,
                        "title": entry.title,
                    },
                    created_at=entry.decided_at,
                )
            )
    insert_all(audit)


def _spread_in_time(entries, now):
    """Log the entries over the past months and give decisions a lead time of 1 to 20 days, so the overview's
    queue ages and lead times vary (``insert_all`` keeps the times given)."""
    for i, entry in enumerate(entries):
        if entry.status != CreditStatus.PENDING:
            entry.decided_at = now - datetime.timedelta(days=(i * 11) % 300, hours=i % 7)
            entry.created_at = entry.decided_at - datetime.timedelta(days=1 + (i * 7) % 20, hours=(i * 5) % 24)
        else:
            entry.created_at = now - datetime.timedelta(days=(i * 3) % 25, hours=i % 9)
