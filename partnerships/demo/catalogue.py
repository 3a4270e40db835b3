"""The demo's national guidelines and a dozen named agreements in four counties, in Norwegian.

Partners are named as the register's demo counsellors name their workplaces (``skole@`` works at "Demo
videregående skole" in Oslo, ``nav@`` at "NAV Bergenhus (demo)" in Vestland, the network at "NAV <town>" and
"<town> videregående skole"), so the overview's coverage and the home-centre page have something to show.
"""

import hashlib
from dataclasses import dataclass, field
from typing import Any

from core.validation import ORGANISATION_NUMBER_WEIGHTS
from partnerships.models import AgreementStatus, Frequency, PartnerType, Renewal, Side, Unit

NAV_TYPES = [PartnerType.NAV_OFFICE, PartnerType.NAV_COUNTY]
RESOURCES = "NAV setter av ressurser i timer per år"
CONTACTS = "Navngitt kontaktperson hos begge parter"
REVIEW = "Årlig evalueringsmøte"
PRIVACY = "Taushetsplikt og personvern"
NOTICE = "Oppsigelse og reforhandling"

# title, description, required for
CLAUSES = [
    (
        RESOURCES,
        "Avtalen sier hvor mange veiledertimer NAV setter av til samarbeidet hvert år, og hvordan timene brukes.",
        NAV_TYPES,
    ),
    (
        CONTACTS,
        "Begge parter har en navngitt kontaktperson med e-post eller telefon, og sier fra når kontaktpersonen byttes.",
        list(PartnerType.values),
    ),
    (
        REVIEW,
        "Partene møtes minst én gang i året og går gjennom hva som er levert mot hver forpliktelse, og hva som "
        "skal endres.",
        [*NAV_TYPES, PartnerType.UPPER_SECONDARY],
    ),
    (
        PRIVACY,
        "Avtalen sier hvordan personopplysninger om brukere deles mellom partene, og at taushetsplikten gjelder.",
        [],
    ),
    (
        NOTICE,
        "Avtalen har en oppsigelsestid og sier hvordan den kan reforhandles i avtaleperioden.",
        [],
    ),
]


def organisation_number(name: str) -> str:
    """A made-up organisation number for ``name`` that passes the mod-11 check, the same on every run."""
    base = 80_000_000 + int(hashlib.sha256(name.encode()).hexdigest(), 16) % 20_000_000
    while True:
        digits = str(base)
        remainder = sum(int(digit) * weight for digit, weight in zip(digits, ORGANISATION_NUMBER_WEIGHTS, strict=True))
        check = (11 - remainder % 11) % 11
        if check != 10:  # no check digit fits: Brønnøysund never issues these
            return f"{digits}{check}"
        base += 1


@dataclass(frozen=True)
class DemoObligation:
    side: str
    description: str
    unit: str = Unit.NONE
    amount: int | None = None
    frequency: str = Frequency.YEARLY
    due_in_days: int | None = None  # from the day of seeding; negative when overdue


@dataclass(frozen=True)
class DemoReview:
    days_ago: int
    participants: str
    changes: str
    # One (delivery, comment) per obligation, in the order of the agreement's obligations; None: not reviewed.
    deliveries: list[tuple[str, str] | None]


@dataclass(frozen=True)
class DemoAgreement:
    title: str
    county: str  # county number
    centre: str | None  # "main", "second", or None for a county-wide agreement
    purpose: str
    parties: list[tuple[str, str]]  # (name, partner type); organisation numbers are made up, valid ones
    obligations: list[DemoObligation]
    contacts: list[tuple[str, str, str, str]]  # (side, name, role, e-mail)
    started_days_ago: int
    ends_in_days: int | None
    notice_months: int = 3
    renewal: str = Renewal.BY_DECISION
    status: str = AgreementStatus.ACTIVE
    missing: tuple[str, ...] = ()  # clauses the agreement does not meet, required or not
    reviews: list[DemoReview] = field(default_factory=list)
    # Changed after it was recorded, through the service so the history shows it: "ends_in_days" moves the end
    # date, "amounts" gives obligations (by their place in the list) a new amount.
    later: dict[str, Any] = field(default_factory=dict)
    ended: bool = False  # ended by decision after it was recorded


def _contacts(centre_name, centre_email, partner_name, partner_role, partner_email):
    return [
        (Side.CENTRE, centre_name, "Avdelingsleder", centre_email),
        (Side.PARTNER, partner_name, partner_role, partner_email),
    ]


DELIVERED = "met"
PARTLY = "partly"
NOT_DELIVERED = "not_met"

AGREEMENTS = [
    DemoAgreement(
        "Samarbeidsavtale mellom Karriere Oslo og NAV Oslo",
        "03",
        "main",
        "Karriere Oslo og NAV Oslo gir voksne arbeidssøkere et samordnet tilbud om karriereveiledning. NAV "
        "henviser brukere som trenger hjelp til å velge utdanning eller yrke, og karrieresenteret styrker "
        "veiledningskompetansen til NAVs veiledere.",
        [("NAV Oslo", PartnerType.NAV_OFFICE)],
        [
            DemoObligation(
                Side.PARTNER,
                "NAV setter av veiledertimer til felles gruppeveiledning",
                Unit.HOURS,
                250,
                Frequency.YEARLY,
                200,
            ),
            DemoObligation(
                Side.CENTRE,
                "Fagdag i karriereveiledning for NAVs veiledere",
                Unit.NOK,
                60000,
                Frequency.QUARTERLY,
                -6,
            ),
            DemoObligation(Side.PARTNER, "Statistikk over henviste brukere til karrieresenteret", due_in_days=120),
        ],
        _contacts(
            "Lars Leder", "lars.leder@karriere-oslo.example", "Tone Berg", "Avdelingsleder", "tone.berg@nav.example"
        ),
        started_days_ago=3 * 365 - 25,
        ends_in_days=25,
        reviews=[
            DemoReview(
                340,
                "Lars Leder (Karriere Oslo), Tone Berg og Ali Hassan (NAV Oslo)",
                "NAV øker veiledertimene fra 250 til 300 neste år. Fagdagene flyttes til tirsdager.",
                [
                    (DELIVERED, "250 timer levert, godt oppmøte på gruppene."),
                    (PARTLY, "Tre av fire fagdager gjennomført; én avlyst ved sykdom."),
                    (DELIVERED, ""),
                ],
            )
        ],
        later={"amounts": {0: 300}},
    ),
    DemoAgreement(
        "Karriereveiledning ved Demo videregående skole",
        "03",
        "main",
        "Karrieresenteret er på skolen én dag i måneden og veileder elever på Vg3 som står i fare for å ikke "
        "fullføre. Skolens rådgivere deltar i karrieresenterets nettverk for rådgivere.",
        [("Demo videregående skole", PartnerType.UPPER_SECONDARY)],
        [
            DemoObligation(
                Side.CENTRE,
                "Karriereveileder på skolen én dag i måneden",
                Unit.HOURS,
                75,
                Frequency.MONTHLY,
                12,
            ),
            DemoObligation(
                Side.PARTNER,
                "Rådgiverne deltar på nettverksmøtene for rådgivere",
                frequency=Frequency.QUARTERLY,
                due_in_days=40,
            ),
        ],
        _contacts(
            "Lars Leder", "lars.leder@karriere-oslo.example", "Sander Skole", "Rådgiver", "sander.skole@skole.example"
        ),
        started_days_ago=400,
        ends_in_days=2 * 365 - 35,
        renewal=Renewal.AUTOMATIC,
        reviews=[
            DemoReview(
                35,
                "Lars Leder (Karriere Oslo), Sander Skole og rektor Ingrid Dahl (Demo videregående skole)",
                "Veiledningsdagene legges til onsdager. Vg2 tas med fra høsten.",
                [(DELIVERED, "Alle dager gjennomført."), (DELIVERED, "")],
            )
        ],
        later={"ends_in_days": 3 * 365 - 35},
    ),
    DemoAgreement(
        "Samarbeid om voksenopplæring i Oslo",
        "03",
        "main",
        "Deltakere i voksenopplæringen får karriereveiledning før de velger videre utdanning eller arbeid, "
        "og lærerne får opplæring i karrierelæring.",
        [("Oslo kommune, voksenopplæringen", PartnerType.ADULT_EDUCATION)],
        [
            DemoObligation(
                Side.CENTRE, "Gruppeveiledning for deltakere i norskopplæringen", Unit.HOURS, 120, Frequency.YEARLY, 90
            ),
            DemoObligation(Side.PARTNER, "Lokaler og tolk ved behov", Unit.NOK, 40000, Frequency.YEARLY, 90),
        ],
        # The partner has named no contact yet: the agreement lacks a required clause.
        [(Side.CENTRE, "Siri Senter", "Karriereveileder", "siri.senter@karriere-oslo.example")],
        started_days_ago=150,
        ends_in_days=2 * 365 - 150,
        missing=(CONTACTS,),
    ),
    DemoAgreement(
        "Trepartssamarbeid om karriereveiledning i arbeidslivet",
        "03",
        "main",
        "Arbeidstakere i omstilling får karriereveiledning før de sies opp eller skal bytte fag. Partene i "
        "arbeidslivet sprer informasjon om tilbudet og melder inn behov fra bransjene.",
        [
            ("LO i Oslo", PartnerType.TRADE_UNION),
            ("NHO Oslo og Akershus", PartnerType.EMPLOYER_ORGANISATION),
        ],
        [
            DemoObligation(Side.CENTRE, "Karrieresamtaler for ansatte i omstilling", Unit.HOURS, 200),
            DemoObligation(Side.PARTNER, "To informasjonsmøter i året for tillitsvalgte og ledere", due_in_days=75),
        ],
        _contacts(
            "Lars Leder",
            "lars.leder@karriere-oslo.example",
            "Kari Nordmann",
            "Organisasjonssekretær",
            "kari.nordmann@lo.example",
        ),
        started_days_ago=500,
        ends_in_days=230,
        renewal=Renewal.AUTOMATIC,
        notice_months=6,
    ),
    DemoAgreement(
        "Rammeavtale med de videregående skolene i Oslo",
        "03",
        None,
        "Alle karrieresentrene i Oslo samarbeider med de videregående skolene om veiledning av elever som "
        "bytter programområde, og om kompetanseheving for rådgiverne.",
        [
            ("Oslo videregående skole", PartnerType.UPPER_SECONDARY),
            ("Furuset videregående skole", PartnerType.UPPER_SECONDARY),
        ],
        [
            DemoObligation(
                Side.CENTRE, "Kurs i karriereveiledning for rådgivere", Unit.NOK, 150000, Frequency.YEARLY, 160
            ),
            DemoObligation(Side.PARTNER, "Skolene frigjør rådgivere til kurs", Unit.HOURS, 400, Frequency.YEARLY, 160),
        ],
        _contacts(
            "Lars Leder",
            "lars.leder@karriere-oslo.example",
            "Per Hansen",
            "Seksjonsleder, Utdanningsetaten",
            "per.hansen@osloskolen.example",
        ),
        started_days_ago=700,
        ends_in_days=400,
        notice_months=6,
    ),
    DemoAgreement(
        "Samarbeid med NAV Furuset om ungdomsteamet",
        "03",
        "second",
        "Unge under 30 som følges opp av NAV Furuset, får karriereveiledning i NAVs lokaler to dager i uken.",
        [("NAV Furuset", PartnerType.NAV_OFFICE)],
        [DemoObligation(Side.PARTNER, "Veiledertimer i ungdomsteamet", Unit.HOURS, 160)],
        _contacts("Farid Ali", "farid.ali@karriere-oslo.example", "Hege Lunde", "Teamleder", "hege.lunde@nav.example"),
        started_days_ago=-30,
        ends_in_days=365 + 30,
        status=AgreementStatus.DRAFT,
    ),
    DemoAgreement(
        "Samarbeidsavtale mellom Karriere Vestland og NAV Bergenhus",
        "46",
        "main",
        "NAV Bergenhus og Karriere Vestland gir arbeidssøkere med behov for omstilling et felles tilbud: NAV "
        "kartlegger, karrieresenteret veileder om utdanning og yrkesvalg.",
        [("NAV Bergenhus (demo)", PartnerType.NAV_OFFICE)],
        [
            DemoObligation(
                Side.PARTNER, "Veiledertimer til felles kurs i jobbsøking", Unit.HOURS, 250, due_in_days=180
            ),
            DemoObligation(
                Side.CENTRE,
                "Hospitering for NAV-veiledere ved karrieresenteret",
                frequency=Frequency.QUARTERLY,
                due_in_days=30,
            ),
        ],
        _contacts(
            "Eva E-veileder",
            "eva@karriere-vestland.example",
            "Nina NAV",
            "Veileder",
            "nina.nav@nav.example",
        ),
        started_days_ago=260,
        ends_in_days=470,
        reviews=[
            DemoReview(
                20,
                "Eva E-veileder (Karriere Vestland), Nina NAV og Knut Vik (NAV Bergenhus)",
                "Kursene i jobbsøking får en egen modul om realkompetanse.",
                [(PARTLY, "Om lag 180 av 250 timer brukt så langt."), (DELIVERED, "")],
            )
        ],
    ),
    DemoAgreement(
        "Karriereveiledning i de videregående skolene i Bergen og Førde",
        "46",
        "main",
        "Elever på yrkesfag får veiledning før de søker læreplass, og rådgiverne får faglig påfyll.",
        [
            ("Bergen videregående skole", PartnerType.UPPER_SECONDARY),
            ("Førde videregående skole", PartnerType.UPPER_SECONDARY),
        ],
        [
            DemoObligation(Side.CENTRE, "Veiledning av elever på Vg2 yrkesfag", Unit.HOURS, 180, due_in_days=140),
            DemoObligation(Side.PARTNER, "Rom og timeplan for veiledningen", due_in_days=140),
        ],
        _contacts(
            "Eva E-veileder",
            "eva@karriere-vestland.example",
            "Marte Solheim",
            "Rådgiver",
            "marte.solheim@vlfk.example",
        ),
        started_days_ago=900,
        ends_in_days=190,
        renewal=Renewal.AUTOMATIC,
    ),
    DemoAgreement(
        "Avtale med Høgskulen på Vestlandet om praksis",
        "46",
        "main",
        "Studenter i karriereveiledning har praksis ved karrieresenteret, og senterets veiledere underviser "
        "i emnet om veiledning av voksne.",
        [("Høgskulen på Vestlandet", PartnerType.HIGHER_EDUCATION)],
        [
            DemoObligation(
                Side.CENTRE, "Praksisplasser for fire studenter", frequency=Frequency.YEARLY, due_in_days=50
            ),
            DemoObligation(Side.PARTNER, "Praksisveilederhonorar", Unit.NOK, 32000, Frequency.YEARLY, 50),
        ],
        _contacts(
            "Eva E-veileder", "eva@karriere-vestland.example", "Jon Haug", "Førsteamanuensis", "jon.haug@hvl.example"
        ),
        started_days_ago=680,
        ends_in_days=55,
    ),
    DemoAgreement(
        "Samarbeidsavtale mellom Karriere Trøndelag og NAV Trondheim",
        "50",
        "main",
        "Felles veiledning for langtidsledige og for unge som står utenfor arbeid og utdanning.",
        [("NAV Trondheim", PartnerType.NAV_OFFICE)],
        [DemoObligation(Side.PARTNER, "Veiledertimer til samarbeidet", Unit.HOURS, 200, due_in_days=-40)],
        _contacts(
            "Ola Moe", "ola.moe@karriere-trondelag.example", "Siv Aune", "Avdelingsleder", "siv.aune@nav.example"
        ),
        started_days_ago=3 * 365 + 20,
        ends_in_days=-20,
    ),
    DemoAgreement(
        "Karriereveiledning for ansatte i bedrifter i omstilling",
        "50",
        "main",
        "Bedrifter som nedbemanner, kan gi de ansatte karriereveiledning før oppsigelse. NHO Trøndelag formidler "
        "kontakt med bedriftene.",
        [("NHO Trøndelag", PartnerType.EMPLOYER_ORGANISATION)],
        [
            DemoObligation(Side.CENTRE, "Karrieresamtaler på arbeidsplassen", Unit.HOURS, 150, due_in_days=210),
            DemoObligation(Side.PARTNER, "Medfinansiering", Unit.NOK, 100000, due_in_days=210),
        ],
        _contacts(
            "Ola Moe",
            "ola.moe@karriere-trondelag.example",
            "Ragnhild Strand",
            "Regiondirektør",
            "ragnhild.strand@nho.example",
        ),
        started_days_ago=160,
        ends_in_days=2 * 365 - 160,
        renewal=Renewal.AUTOMATIC,
    ),
    DemoAgreement(
        "Karriereveiledning for ansatte ved Nordlandssykehuset",
        "18",
        "main",
        "Ansatte som må bytte arbeidsoppgaver etter sykdom eller omorganisering, får karriereveiledning.",
        [("Nordlandssykehuset HF", PartnerType.HEALTH_SERVICE)],
        [
            DemoObligation(Side.CENTRE, "Individuelle karrieresamtaler", Unit.HOURS, 100, due_in_days=95),
            DemoObligation(Side.PARTNER, "Betaling for samtalene", Unit.NOK, 85000, due_in_days=95),
        ],
        _contacts(
            "Mari Johansen",
            "mari.johansen@karriere-nordland.example",
            "Eirik Olsen",
            "HR-rådgiver",
            "eirik.olsen@nlsh.example",
        ),
        started_days_ago=270,
        ends_in_days=460,
    ),
    DemoAgreement(
        "Samarbeid med Bodø videregående skole",
        "18",
        "main",
        "Karriereveiledning for elever som har avbrutt videregående opplæring.",
        [("Bodø videregående skole", PartnerType.UPPER_SECONDARY)],
        [DemoObligation(Side.CENTRE, "Veiledning av elever som har avbrutt", Unit.HOURS, 60, due_in_days=100)],
        _contacts(
            "Mari Johansen",
            "mari.johansen@karriere-nordland.example",
            "Lene Karlsen",
            "Rådgiver",
            "lene.karlsen@nfk.example",
        ),
        started_days_ago=600,
        ends_in_days=130,
        ended=True,
    ),
    DemoAgreement(
        "Samarbeidsavtale med NAV Bodø",
        "18",
        "main",
        "NAV Bodø og Karriere Nordland samarbeider om veiledning av arbeidssøkere som vil ta fagbrev.",
        [("NAV Bodø", PartnerType.NAV_OFFICE)],
        [
            DemoObligation(Side.PARTNER, "Veiledertimer til fagbrevløpet", Unit.HOURS, 120, due_in_days=250),
            DemoObligation(Side.CENTRE, "Realkompetansevurdering for deltakerne", Unit.NOK, 50000, due_in_days=250),
        ],
        _contacts(
            "Mari Johansen",
            "mari.johansen@karriere-nordland.example",
            "Tor Nilsen",
            "Avdelingsleder",
            "tor.nilsen@nav.example",
        ),
        started_days_ago=110,
        ends_in_days=2 * 365 - 110,
    ),
]
