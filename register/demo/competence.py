"""Demo competence areas, requirement sets and the named demo counsellors' entries (through the services)."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from register import services
from register.demo.organisation import DEMO_DOMAIN
from register.models import (
    ActivityKind,
    CompetenceArea,
    RequirementSet,
    WorkplaceType,
)

# Competence areas and requirement sets ---------------------------------------------------------

AREA_1 = (
    "Veiledningsprosesser og relasjoner",
    "Guidance processes and relationships",
    "Område 1 i den nasjonale kompetansestandarden for karriereveiledere (HK-dir, 2020).",
    "Area 1 of the national competence standard for career counsellors (HK-dir, 2020).",
)
DEMO_AREA_DESCRIPTION_NB = (
    "Demodata: plassholder for et av de sju områdene i den nasjonale kompetansestandarden, "
    "til en administrator legger inn det offisielle navnet og beskrivelsen."
)
DEMO_AREA_DESCRIPTION_EN = (
    "Demo data: a placeholder for one of the seven areas of the national competence standard, "
    "until an administrator enters the official name and description."
)

REQUIREMENTS_FROM = datetime.date(2024, 1, 1)
# workplace type: (name, minimum studiepoeng in the core areas, area numbers that must be covered)
REQUIREMENTS = {
    WorkplaceType.CAREER_CENTRE: ("Minstekrav for karriereveiledere ved karrieresentre", 0, [1, 2, 3]),
    WorkplaceType.UPPER_SECONDARY: ("Minstekrav for rådgivere i videregående skole", 30, [1]),
    WorkplaceType.LOWER_SECONDARY: ("Minstekrav for rådgivere i grunnskolen", 30, [1]),
    WorkplaceType.NAV: ("Minstekrav for veiledere i NAV", 0, [1]),
    WorkplaceType.HIGHER_EDUCATION: ("Minstekrav for karriereveiledere i høyere utdanning", 0, [1]),
    WorkplaceType.OTHER: ("Minstekrav for andre karriereveiledere", 0, [1]),
}
REQUIREMENT_NOTES = (
    "Demodata: Det finnes ennå ikke et nasjonalt minstekrav. Tallene bygger på Utdanningsdirektoratets "
    "anbefaling (2009) om minst 60 studiepoeng, for rådgivere i skolen 30 av dem i kjerneoppgavene, "
    "og 25 timer etterutdanning per 12 måneder som i det britiske registeret. "
    "Erstatt dem med vedtatte krav ved å legge inn et nytt sett med ny dato."
)


def seed_competence_areas():
    """The seven areas: area 1 by its name, six placeholders marked as demo (never overwritten)."""
    areas = {}
    for number in range(1, 8):
        if number == 1:
            name_nb, name_en, description_nb, description_en = AREA_1
            is_demo = False
        else:
            name_nb, name_en = f"Kompetanseområde {number} (demo)", f"Competence area {number} (demo)"
            description_nb, description_en = DEMO_AREA_DESCRIPTION_NB, DEMO_AREA_DESCRIPTION_EN
            is_demo = True
        areas[number], _created = CompetenceArea.objects.get_or_create(
            number=number,
            defaults={
                "name_nb": name_nb,
                "name_en": name_en,
                "description_nb": description_nb,
                "description_en": description_en,
                "is_demo": is_demo,
            },
        )
    return areas


def seed_requirement_sets(areas):
    for workplace_type, (name, min_core, area_numbers) in REQUIREMENTS.items():
        requirement, created = RequirementSet.objects.get_or_create(
            workplace_type=workplace_type,
            effective_from=REQUIREMENTS_FROM,
            defaults={
                "name": f"{name} (demo)",
                "min_credits": Decimal("60.0"),
                "min_core_credits": Decimal(min_core),
                "cpd_hours": Decimal("25.0"),
                "notes": REQUIREMENT_NOTES,
            },
        )
        if created:
            requirement.required_areas.set([areas[n] for n in area_numbers])
            services.audit_record(
                actor=None,
                action="requirement_set.created",
                obj=requirement,
                details={"name": requirement.name, "workplace_type": workplace_type, "source": "seed_demo"},
            )


# Evidence --------------------------------------------------------------------------------------


def demo_pdf(title):
    """A tiny valid one-page PDF that says it is demo evidence (offsets computed, so readers accept it)."""
    text = f"Demo: kursbevis for {title}".encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def demo_upload(title, name="kursbevis.pdf"):
    return SimpleUploadedFile(name, demo_pdf(title), content_type="application/pdf")


# The named demo counsellors --------------------------------------------------------------------

# (title, institution, course code, studiepoeng, completed, area numbers, decision)
# decision: "verified", "pending" or a rejection reason.
NAMED_CREDITS = {
    "senter": [
        (
            "Karriereveiledning 1: teori og praksis",
            "Høgskolen i Innlandet",
            "KARV1001",
            "30",
            (2019, 6, 14),
            [1, 2],
            "verified",
        ),
        (
            "Karriereveiledning 2: veiledning i organisasjoner",
            "Høgskolen i Innlandet",
            "KARV2001",
            "30",
            (2020, 12, 11),
            [3, 4],
            "verified",
        ),
        (
            "Etikk og kvalitet i karriereveiledning",
            "OsloMet – storbyuniversitetet",
            "KVE4100",
            "7.5",
            (2022, 5, 20),
            [1, 5],
            "verified",
        ),
    ],
    "skole": [
        ("Rådgivning i skolen 1", "Universitetet i Sørøst-Norge", "RAD1000", "30", (2021, 6, 18), [1, 2], "verified"),
        (
            "Karriereveiledning – videreutdanning for rådgivere",
            "Høgskulen på Vestlandet",
            "KRV301",
            "15",
            (2025, 1, 24),
            [3, 6],
            "pending",
        ),
        ("Utdannings- og yrkesveiledning", "Nord universitet", "UYV200", "15", (2025, 5, 30), [1, 4], "pending"),
    ],
    "nav": [
        ("Veiledning i NAV – grunnmodul", "Universitetet i Bergen", "VEIL110", "15", (2022, 11, 25), [1], "verified"),
        (
            "Karriereveiledning for voksne",
            "Folkeuniversitetet (demo)",
            "",
            "10",
            (2023, 4, 14),
            [2],
            "Kursbeviset viser ikke studiepoeng. Last opp vitnemål eller karakterutskrift fra en godkjent institusjon.",
        ),
    ],
}
# (title, days ago, hours, kind, area numbers, reflection)
NAMED_CPD = {
    "senter": [
        (
            "Nettverkssamling for karriereveiledere i Oslo",
            35,
            "6",
            ActivityKind.NETWORK_MEETING,
            [1],
            "Delte erfaringer med gruppeveiledning.",
        ),
        (
            "Nasjonal konferanse om karriereveiledning",
            120,
            "12",
            ActivityKind.CONFERENCE,
            [2, 3],
            "Nye verktøy for digital veiledning.",
        ),
        ("Kollegaveiledning", 200, "8", ActivityKind.SUPERVISION, [1], "Drøftet vanskelige samtaler."),
        ("Fagdag om arbeidsmarkedet", 480, "6", ActivityKind.COURSE, [4], ""),
    ],
    "skole": [
        (
            "Rådgiversamling i Oslo",
            60,
            "14",
            ActivityKind.NETWORK_MEETING,
            [1, 2],
            "Samarbeid med karrieresenteret om elever som slutter.",
        ),
        ("Kurs i karrierelæring", 150, "12", ActivityKind.COURSE, [3], ""),
    ],
    "nav": [
        ("Regional samling for NAV-veiledere", 90, "7.5", ActivityKind.NETWORK_MEETING, [1], ""),
        (
            "Selvstudium: arbeidsmarkedet i Vestland",
            30,
            "3",
            ActivityKind.SELF_STUDY,
            [4],
            "Leste rapporter om regionalt arbeidsliv.",
        ),
    ],
}


def seed_named_counsellors(areas, verifiers):
    """Entries, decisions and CPD for senter@, skole@ and nav@, through the services (audited)."""
    User = get_user_model()
    today = timezone.localdate()
    for local, credits in NAMED_CREDITS.items():
        owner = User.objects.select_related("counsellor_profile").get(email=f"{local}@{DEMO_DOMAIN}")
        if owner.credit_entries.exists():
            continue
        verifier = verifiers[owner.counsellor_profile.home_centre_id]
        for title, institution, code, studiepoeng, completed, area_numbers, decision in credits:
            entry = services.credit_create(
                owner=owner,
                title=title,
                institution=institution,
                course_code=code,
                credits=studiepoeng,
                completed_on=datetime.date(*completed),
                areas=[areas[n] for n in area_numbers],
                evidence=demo_upload(title),
            )
            if decision == "verified":
                services.credit_verify(credit=entry, verifier=verifier)
            elif decision != "pending":
                services.credit_reject(credit=entry, verifier=verifier, reason=decision)
    for local, activities in NAMED_CPD.items():
        owner = User.objects.get(email=f"{local}@{DEMO_DOMAIN}")
        if owner.cpd_activities.exists():
            continue
        for title, days_ago, hours, kind, area_numbers, reflection in activities:
            services.cpd_create(
                owner=owner,
                title=title,
                date=today - datetime.timedelta(days=days_ago),
                hours=hours,
                kind=kind,
                areas=[areas[n] for n in area_numbers],
                reflection=reflection,
            )


def seed_demo_statement():
    """One valid competence statement for senter@, so /verify/ has a code to try."""
    owner = get_user_model().objects.get(email=f"senter@{DEMO_DOMAIN}")
    statement = owner.statements.filter(revoked_at__isnull=True, expires_on__gte=timezone.localdate()).first()
    if statement is None and not owner.statements.exists():
        statement = services.statement_issue(owner=owner)
    return statement
