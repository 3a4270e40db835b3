"""The named demo events: realistic courses and meetings for career counsellors, in Norwegian.

Dates are relative to the day the demo is seeded (``days`` from today, negative for past events),
so a fresh demo always has events to sign up for and events that are over.
"""

from dataclasses import dataclass

from events.models import Audience, EventKind, EventStatus


@dataclass(frozen=True)
class DemoEvent:
    county: str  # number of the county whose main demo centre organises it
    title: str
    kind: str
    description: str  # Markdown
    days: int  # first day, counted from today; negative for events that are over
    starts: str  # local time, "HH:MM"
    ends: str  # local time on the last day
    cpd_hours: str
    capacity: int | None = None
    length_days: int = 1
    audience: str = Audience.EVERYONE
    who_should_come: str = ""
    online: bool = False  # online only: a link and no address
    areas: tuple = (1,)
    status: str = EventStatus.PUBLISHED
    cancel_reason: str = ""
    participants: int = 0  # other demo counsellors who register
    named: tuple = ()  # named demo counsellors ("senter", "skole", "nav"), registered after the others
    no_shows: int = 0  # of a past event's other participants, how many did not come


UPCOMING = [
    DemoEvent(
        "03",
        "Kurs: Veiledning av voksne med innvandrerbakgrunn",
        EventKind.COURSE,
        "Mange voksne med innvandrerbakgrunn har utdanning og arbeidserfaring som ikke blir sett i det norske "
        "arbeidsmarkedet. På dette kurset ser vi på hvordan karriereveilederen kan hjelpe dem å sette ord på "
        "kompetansen sin og finne veien videre.\n\n"
        "## Innhold\n\n"
        "- godkjenning av utenlandsk utdanning og fagbrev\n"
        "- veiledning med tolk: planlegging, roller og taushetsplikt\n"
        "- kultursensitiv veiledning og våre egne antakelser\n"
        "- samarbeid med NAV, voksenopplæringen og flyktningtjenesten\n\n"
        "Kurset veksler mellom korte innlegg, casearbeid i grupper og erfaringsdeling. Ta gjerne med en "
        "anonymisert problemstilling fra egen praksis.\n\n"
        "Lunsj er inkludert.",
        days=12,
        starts="09:00",
        ends="15:30",
        cpd_hours="6",
        capacity=12,
        who_should_come="Karriereveiledere, veiledere i NAV og ansatte i voksenopplæringen som veileder voksne "
        "med innvandrerbakgrunn.",
        areas=(1, 5),
        participants=14,
        named=("skole",),
    ),
    DemoEvent(
        "03",
        "Fagdag: Etikk i karriereveiledning",
        EventKind.PROFESSIONAL_DAY,
        "Hva gjør du når veisøkerens ønsker og arbeidsmarkedets behov trekker i hver sin retning? Eller når "
        "foreldrene vil noe annet enn eleven? Fagdagen tar utgangspunkt i de etiske retningslinjene for "
        "karriereveiledning og i dilemmaer fra hverdagen.\n\n"
        "## Program\n\n"
        "| Tid | Tema |\n"
        "|---|---|\n"
        "| 09.00 | Velkommen og kaffe |\n"
        "| 09.30 | Etiske retningslinjer for karriereveiledning – hva betyr de i praksis? |\n"
        "| 11.00 | Dilemmaverksted i grupper |\n"
        "| 12.00 | Lunsj |\n"
        "| 12.45 | Makt og påvirkning i veiledningssamtalen |\n"
        "| 14.00 | Taushetsplikt, samtykke og dokumentasjon |\n"
        "| 14.45 | Oppsummering |\n\n"
        "Fagdagen er gratis for veiledere i nettverket til Karriere Oslo.",
        days=1,
        starts="09:00",
        ends="15:00",
        cpd_hours="6",
        capacity=60,
        who_should_come="Alle som driver karriereveiledning: i skolen, i NAV, ved karrieresentrene og i høyere "
        "utdanning.",
        areas=(1, 7),
        participants=18,
        named=("senter", "skole"),
    ),
    DemoEvent(
        "03",
        "Karrierelæring i skolen",
        EventKind.COURSE,
        "Karrierelæring er hele skolens ansvar, ikke bare rådgiverens. Kurset gir konkrete opplegg for hvordan "
        "rådgivere og faglærere kan arbeide med karrierekompetanse i fagene, fra ungdomstrinnet til Vg3.\n\n"
        "Vi ser blant annet på\n\n"
        "1. karrierekompetanse i læreplanverket\n"
        "2. utdanningsvalg som fag og tverrfaglige opplegg\n"
        "3. hvordan rådgiveren får med seg faglærerne\n"
        "4. samarbeid med karrieresenteret om elever som trenger mer veiledning\n\n"
        "Du får med deg et idéhefte med opplegg som kan brukes direkte i klasserommet.",
        days=21,
        starts="12:00",
        ends="15:30",
        cpd_hours="3.5",
        capacity=25,
        audience=Audience.SCHOOL,
        who_should_come="Rådgivere og faglærere i grunnskolen og i videregående skole.",
        areas=(2, 3),
        participants=9,
        named=("skole",),
    ),
    DemoEvent(
        "46",
        "Nettverkssamling for rådgivere i Vestland",
        EventKind.NETWORK_MEETING,
        "Nettverkssamlingen er møteplassen for rådgivere, karriereveiledere og NAV-veiledere i Vestland. Denne "
        "gangen handler den om overgangen fra videregående opplæring til arbeid og høyere utdanning.\n\n"
        "- nytt fra Karriere Vestland\n"
        "- arbeidsmarkedet i Vestland: hvor går det?\n"
        "- erfaringsdeling i grupper etter region\n"
        "- samarbeid på tvers: hvordan følger vi opp ungdom som faller ut?\n\n"
        "Samlingen er gratis, og lunsj er inkludert.",
        days=9,
        starts="10:00",
        ends="15:00",
        cpd_hours="5",
        capacity=40,
        areas=(1, 4),
        participants=12,
        named=("nav",),
    ),
    DemoEvent(
        "46",
        "Kurs: Karriereveiledning på video og telefon",
        EventKind.COURSE,
        "Mange i Vestland bor langt fra et karrieresenter. På dette kurset lærer du å gi god karriereveiledning "
        "på video og telefon, slik at avstand ikke står i veien for en god samtale.\n\n"
        "## Innhold\n\n"
        "- å bygge tillit uten å møtes\n"
        "- verktøy og personvern: hva kan vi bruke, og hva må vi passe på?\n"
        "- øvelser i små grupper med tilbakemelding\n\n"
        "Kurset holdes hos Karriere Vestland i Bergen.",
        days=16,
        starts="12:00",
        ends="15:30",
        cpd_hours="3",
        capacity=20,
        who_should_come="Karriereveiledere, rådgivere i skolen og veiledere i NAV i Vestland.",
        areas=(1, 3),
        participants=6,
    ),
    DemoEvent(
        "50",
        "Webinar: Realkompetansevurdering",
        EventKind.WEBINAR,
        "Realkompetansevurdering gir voksne mulighet til å få dokumentert det de kan, uten å ta hele utdanningen "
        "på nytt. I webinaret forklarer vi hvordan ordningene fungerer i videregående opplæring, fagskolen og "
        "høyere utdanning, og hva veilederen bør vite før en veisøker søker.\n\n"
        "- Hvem har rett til realkompetansevurdering?\n"
        "- Dokumentasjon: hva trengs, og hvordan hjelper vi veisøkeren å samle den?\n"
        "- Fra vurdering til fagbrev: praksiskandidatordningen\n\n"
        "Lenken til webinaret får du når plassen er bekreftet.",
        days=5,
        starts="13:00",
        ends="14:30",
        cpd_hours="1.5",
        online=True,
        areas=(4,),
        participants=20,
        named=("senter",),
    ),
    DemoEvent(
        "18",
        "Nettverksmøte for NAV-veiledere i Nordland",
        EventKind.NETWORK_MEETING,
        "Et møte for veiledere i NAV i Nordland som arbeider med karriereveiledning og oppfølging av unge. Vi "
        "deler erfaringer fra samarbeidet med karrieresenteret og ser på hvordan karriereveiledning kan brukes i "
        "den arbeidsrettede oppfølgingen.\n\n"
        "**Tema:** unge utenfor arbeid og utdanning, og nye ordninger for kvalifisering.",
        days=30,
        starts="09:30",
        ends="14:00",
        cpd_hours="4",
        capacity=30,
        audience=Audience.NAV,
        areas=(1, 4),
        participants=6,
    ),
    DemoEvent(
        "42",
        "Kurs: Gruppeveiledning i praksis",
        EventKind.COURSE,
        "Gruppeveiledning lar deltakerne lære av hverandre, men stiller andre krav til veilederen enn en samtale "
        "på tomannshånd. Over to dager prøver vi ut metoder for gruppeveiledning med ungdom og voksne.\n\n"
        "## Du lærer\n\n"
        "- å planlegge og lede en gruppeveiledning\n"
        "- å bruke gruppedynamikken i veiledningen\n"
        "- å møte ulike behov og forventninger i samme gruppe\n\n"
        "Kurset er praktisk: deltakerne veileder hverandre og får tilbakemelding.",
        days=40,
        length_days=2,
        starts="09:00",
        ends="15:30",
        cpd_hours="12",
        capacity=20,
        areas=(1, 2),
        participants=8,
    ),
    DemoEvent(
        "39",
        "Webinar: Arbeidsmarkedet fram mot 2030 – hva bør veiledere vite?",
        EventKind.WEBINAR,
        "Hvilke yrker blir det behov for, og hvor blir det færre jobber? Vi går gjennom framskrivingene for "
        "arbeidsmarkedet og hva de betyr for veiledning av ungdom og voksne. Det blir god tid til spørsmål.\n\n"
        "- kompetansebehov i privat og offentlig sektor\n"
        "- det grønne skiftet og nye yrker\n"
        "- hvordan vi snakker om arbeidsmarkedet uten å styre valget",
        days=14,
        starts="14:00",
        ends="15:30",
        cpd_hours="1.5",
        online=True,
        areas=(4,),
        participants=15,
    ),
    DemoEvent(
        "34",
        "Konferanse: Livslang karriereveiledning",
        EventKind.CONFERENCE,
        "Den regionale konferansen samler karriereveiledere fra skolen, NAV, høyere utdanning og "
        "karrieresentrene. Temaet er karriereveiledning gjennom hele livet: fra de første valgene på "
        "ungdomsskolen til omstilling midt i arbeidslivet og overgangen til pensjon.\n\n"
        "Programmet har innlegg fra forskere og praktikere, parallelle verksteder og god tid til "
        "nettverksbygging. Konferansemiddag første kveld.",
        days=55,
        length_days=2,
        starts="10:00",
        ends="16:00",
        cpd_hours="12",
        capacity=150,
        areas=(1, 3, 6),
        participants=10,
    ),
    DemoEvent(
        "03",
        "Webinar: Motiverende intervju i karrieresamtalen",
        EventKind.WEBINAR,
        "Motiverende intervju (MI) er en samtalemetode som hjelper veisøkeren å finne sin egen motivasjon for "
        "endring. Webinaret viser hvordan MI kan brukes i karrieresamtaler med ungdom og voksne.",
        days=18,
        starts="13:00",
        ends="15:00",
        cpd_hours="2",
        capacity=50,
        online=True,
        areas=(1,),
        status=EventStatus.CANCELLED,
        cancel_reason="Foredragsholderen er dessverre syk. Vi setter opp webinaret på nytt og sier fra til alle "
        "som var påmeldt.",
        participants=4,
    ),
    DemoEvent(
        "03",
        "Fagdag: Karriereveiledning for seniorer",
        EventKind.PROFESSIONAL_DAY,
        "Flere står lenger i arbeid, og mange vil bytte retning etter fylte 55. Hvordan veileder vi seniorer som "
        "vil videre, eller som må omstille seg?\n\n*Programmet er under arbeid.*",
        days=70,
        starts="09:00",
        ends="15:00",
        cpd_hours="6",
        capacity=40,
        areas=(1, 4),
        status=EventStatus.DRAFT,
    ),
]

PAST = [
    DemoEvent(
        "03",
        "Kurs: Samtalemetodikk for karriereveiledere",
        EventKind.COURSE,
        "Et praktisk kurs om den gode veiledningssamtalen: aktiv lytting, åpne spørsmål og hvordan vi hjelper "
        "veisøkeren å sortere egne tanker før vi kommer med informasjon.\n\n"
        "- samtalens faser\n"
        "- løsningsfokuserte spørsmål\n"
        "- å avslutte samtalen med en plan",
        days=-20,
        starts="09:00",
        ends="15:30",
        cpd_hours="6",
        capacity=20,
        areas=(1,),
        participants=10,
        named=("senter", "skole"),
        no_shows=1,
    ),
    DemoEvent(
        "03",
        "Nettverksmøte for rådgivere i Oslo-skolen",
        EventKind.NETWORK_MEETING,
        "Fast nettverksmøte for rådgivere i grunnskolen og i videregående skole i Oslo. Tema: hospitering og "
        "overgangen fra ungdomsskolen til videregående opplæring.",
        days=-45,
        starts="12:30",
        ends="15:30",
        cpd_hours="3",
        capacity=40,
        audience=Audience.SCHOOL,
        areas=(2, 3),
        participants=8,
        named=("skole",),
        no_shows=1,
    ),
    DemoEvent(
        "46",
        "Fagdag: Unge utenfor arbeid og utdanning",
        EventKind.PROFESSIONAL_DAY,
        "Hvordan når vi unge som verken er i arbeid eller utdanning? Fagdagen samlet NAV, oppfølgingstjenesten "
        "og karrieresenteret om samarbeid, kartlegging og veiledning.",
        days=-30,
        starts="09:00",
        ends="15:00",
        cpd_hours="6",
        capacity=60,
        areas=(1, 4),
        participants=12,
        named=("nav",),
        no_shows=2,
    ),
    DemoEvent(
        "50",
        "Webinar: Ny forskning på karrierelæring",
        EventKind.WEBINAR,
        "Forskere presenterte nye studier av karrierelæring i skolen og av hva som virker for elever som er "
        "usikre på valgene sine.",
        days=-60,
        starts="14:00",
        ends="15:30",
        cpd_hours="1.5",
        online=True,
        areas=(3,),
        participants=15,
        named=("senter", "nav"),
        no_shows=2,
    ),
    DemoEvent(
        "11",
        "Nettverkssamling for karriereveiledere i Rogaland",
        EventKind.NETWORK_MEETING,
        "Samling for karriereveiledere i Rogaland om veiledning i omstilling, med vekt på energinæringen og "
        "overgangen til nye bransjer.",
        days=-75,
        starts="10:00",
        ends="15:00",
        cpd_hours="5",
        capacity=40,
        areas=(1, 4),
        participants=10,
        no_shows=1,
    ),
]
