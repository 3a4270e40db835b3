"""The national standard ("Blueprint") under /standarden/, in the platform's own words.

Built from the facts in the design notes (DOMAIN.md): the national quality framework for career guidance
(HK-dir, 2020), its ethical guidelines, and the reference points for a minimum credit requirement, which does not
exist in law yet. The requirement sets themselves are register data, shown live by the ``requirements`` block.
"""

from portal.content import (
    CREATED,
    FILLED,
    callout,
    ensure_page,
    fill_empty,
    heading,
    link,
    paragraph,
    quote,
    requirements,
    table,
)
from portal.models import HomePage, StandardPage

INDEX = {
    "slug": "standarden",
    "title": "Den nasjonale standarden",
    "menu_title_en": "National standard",
    "intro": "Et felles grunnlag for karriereveiledning i alle fylker: kvalitet, etikk, metodikk og kompetanse, slik "
    "at du får like god veiledning uansett hvor du bor.",
}


def index_body():
    return [
        paragraph(
            "<p>Karrieresentrene i fylkene har gått sammen om en nasjonal standard for karriereveiledning. Den "
            "beskriver hva som kjennetegner god veiledning, hvilke etiske prinsipper veilederne følger, hvordan "
            "veiledningen legges opp, hvilken kompetanse veilederne skal ha, og hva som skal til for å være et "
            "karrieresenter.</p>"
        ),
        quote("Samme kvalitet på veiledningen, uansett hvor i landet du bor.", "Målet med standarden"),
        paragraph(
            "<p>Standarden bygger på det nasjonale kvalitetsrammeverket for karriereveiledning, som Direktoratet for "
            "høyere utdanning og kompetanse (HK-dir) ga ut i 2020. Tekstene her er KarriereNorges egen sammenfatning, "
            "skrevet for veiledere, ledere og samarbeidspartnere. Delene av standarden finner du nedenfor.</p>"
        ),
        callout(
            "En faglig standard",
            "<p>Standarden er en faglig standard som sentrene har sluttet seg til. Den er ikke en lov eller forskrift, "
            "og kompetansekravet er fortsatt et forslag.</p>",
        ),
    ]


FRAMEWORK = {
    "slug": "kvalitetsrammeverket",
    "title": "Kvalitetsrammeverket",
    "intro": "Det nasjonale kvalitetsrammeverket for karriereveiledning har fire deler: kompetansestandarder, "
    "karrierekompetanse, etikk og kvalitetsutvikling.",
}


def framework_body(ethics):
    return [
        paragraph(
            "<p>Kvalitetsrammeverket for karriereveiledning kom fra HK-dir i 2020. Det gir veiledere og tjenester et "
            "felles språk for hva god karriereveiledning er, og et grunnlag for å utvikle tilbudet videre.</p>"
        ),
        table(
            [
                ("Del", "Spørsmålet den svarer på"),
                ("Kompetansestandarder", "Hva må en karriereveileder kunne?"),
                ("Karrierekompetanse", "Hva skal den som får veiledning, sitte igjen med?"),
                ("Etikk", "Hvordan skal veiledningen foregå, og hvilke verdier ligger til grunn?"),
                ("Kvalitetsutvikling", "Hvordan vet vi at tilbudet er godt, og hvordan gjør vi det bedre?"),
            ],
            "De fire delene av kvalitetsrammeverket",
        ),
        heading("Kompetansestandarder"),
        paragraph(
            "<p>Kompetansestandarden beskriver sju kompetanseområder for karriereveiledere. Hvert område er beskrevet "
            "som kunnskap, ferdigheter og generell kompetanse, slik som i det norske kvalifikasjonsrammeverket, og på "
            "to nivåer: <i>kompetent</i> og <i>spesialisert</i>. Område 1 er «Veiledningsprosesser og relasjoner».</p>"
            "<p>Områdene ligger i kompetanseregisteret, der nasjonale administratorer holder navn og beskrivelser "
            "oppdatert. Veiledere knytter studiepoeng og etterutdanning til områdene de gjelder.</p>"
        ),
        heading("Karrierekompetanse"),
        paragraph(
            "<p>Karrierekompetanse er det den som får veiledning, lærer: å kjenne sine egne interesser, verdier og "
            "ferdigheter, å finne og vurdere informasjon om utdanning og arbeid, og å ta valg og gjennomføre "
            "overganger i et arbeidsliv som endrer seg. Denne delen beskriver veiledningens læringsutbytte, og gir "
            "veilederne et mål å planlegge og vurdere arbeidet sitt etter.</p>"
        ),
        heading("Etikk"),
        paragraph(
            "<p>Etikkdelen består av et verdigrunnlag, tolv etiske retningslinjer, en modell for etisk refleksjon og "
            "et etisk løfte til den som får veiledning.</p>"
        ),
        link("Les de etiske retningslinjene", page=ethics),
        heading("Kvalitetsutvikling"),
        paragraph(
            "<p>Kvalitetsutvikling handler om å arbeide systematisk med tilbudet: spørre veisøkerne hva de fikk ut av "
            "veiledningen, dokumentere arbeidet, vurdere egen praksis i fagmiljøet og sørge for at veilederne holder "
            "kompetansen sin ved like.</p>"
        ),
        callout(
            "Ikke et lovkrav",
            "<p>Kompetansestandarden er en faglig standard, ikke et lovkrav. Den beskriver hva sentrene regner som "
            "god praksis.</p>",
        ),
    ]


ETHICS = {
    "slug": "etiske-retningslinjer",
    "title": "Etiske retningslinjer",
    "intro": "Etikk i karriereveiledning: verdigrunnlaget, de tolv retningslinjene, en modell for refleksjon og "
    "løftet vi gir til deg som får veiledning.",
}

# heading: guidelines (numbered 1–12 across the three headings)
GUIDELINES = (
    (
        "Kompetanse",
        (
            "Veilederen arbeider innenfor sin egen kompetanse og henviser videre når behovet går utover den.",
            "Veilederen holder kunnskapen sin om utdanning, arbeidsliv og veiledningsmetoder oppdatert og deltar i "
            "faglig utvikling.",
            "Veilederen kjenner lovene og rammene tjenesten arbeider under, som taushetsplikt og personvern, og "
            "følger dem.",
        ),
    ),
    (
        "Relasjon og samarbeid",
        (
            "Veilederen møter hver veisøker med respekt og som et likeverdig menneske, uten fordommer.",
            "Veilederen setter veisøkerens interesser først og respekterer retten til å ta egne valg.",
            "Veilederen er åpen om hva veiledningen kan og ikke kan gi, og om hensyn og bindinger som kan påvirke den.",
            "Veilederen behandler det veisøkeren forteller, fortrolig.",
            "Veilederen samarbeider med andre tjenester, som NAV, skole og helse, når det er til veisøkerens beste og "
            "veisøkeren har sagt ja.",
        ),
    ),
    (
        "Refleksjon",
        (
            "Veilederen reflekterer over egne verdier og holdninger og hvordan de kan farge veiledningen.",
            "Veilederen er bevisst at veiledning innebærer makt, og bruker den med varsomhet.",
            "Veilederen drøfter etiske dilemmaer med kolleger og i fagmiljøet.",
            "Veilederen sier fra når forhold i tjenesten eller samfunnet står i veien for god og rettferdig "
            "veiledning.",
        ),
    ),
)

REFLECTION_STEPS = (
    ("1. Beskriv", "Hva har skjedd, og hva er dilemmaet?"),
    ("2. Hvem berøres?", "Hvilke personer og interesser står på spill, og hva ønsker veisøkeren selv?"),
    ("3. Hva sier verdiene?", "Hvilke retningslinjer, verdier, lover og regler gjelder?"),
    ("4. Hvilke valg finnes?", "Hvilke handlinger er mulige, og hva kan følgene bli for hver av dem?"),
    ("5. Velg og begrunn", "Hva gjør du, og hvordan kan du forklare valget for veisøkeren og kollegene dine?"),
    ("6. Se tilbake", "Hva lærte du, og hva vil du gjøre likt eller annerledes neste gang?"),
)


def ethics_body():
    blocks = [
        paragraph(
            "<p>Etikk i karriereveiledning handler om hvordan veilederen møter mennesker som står foran viktige valg. "
            "Retningslinjene gjelder alle som gir karriereveiledning etter den nasjonale standarden, og de gir "
            "veisøkeren noe å holde oss oppe mot. Her er de gjengitt med KarriereNorges egne ord.</p>"
        ),
        heading("Verdigrunnlaget"),
        paragraph(
            "<p>Alle mennesker har samme verdi og rett til å forme sitt eget liv. Karriereveiledningen skal bidra til "
            "at hver enkelt kan ta informerte valg om utdanning og arbeid, og til et samfunn der mulighetene er "
            "rettferdig fordelt. Veilederen viser respekt for veisøkerens integritet, bakgrunn og mål.</p>"
        ),
        heading("De tolv retningslinjene"),
    ]
    number = 0
    for title, guidelines in GUIDELINES:
        first = number + 1
        number += len(guidelines)
        # Numbered in the text: the editor's rich text drops an <ol>'s start, and the numbering runs across headings.
        items = "".join(f"<p><b>{n}.</b> {text}</p>" for n, text in enumerate(guidelines, start=first))
        blocks.append(heading(f"{title} (retningslinje {first}–{number})", level="h3"))
        blocks.append(paragraph(items))
    blocks += [
        heading("Modell for etisk refleksjon"),
        paragraph(
            "<p>Når det ikke finnes et opplagt riktig svar, kan veilederen gå gjennom seks steg, alene eller sammen "
            "med kolleger.</p>"
        ),
        table([("Steg", "Spørsmål"), *REFLECTION_STEPS], "Seks steg for etisk refleksjon"),
        heading("Løftet til deg som får veiledning"),
        paragraph("<p>Dette lover veilederne den som får veiledning, og det kan du holde oss til.</p>"),
        callout(
            "Dette kan du regne med",
            "<ul><li>Vi lytter og tar utgangspunkt i din situasjon.</li>"
            "<li>Du bestemmer selv; vi hjelper deg å se alternativene.</li>"
            "<li>Det du forteller, blir hos oss, innenfor det loven tillater.</li>"
            "<li>Vi er ærlige om hva vi kan hjelpe med, og viser deg videre når andre kan hjelpe deg bedre.</li>"
            "<li>Informasjonen du får, er oppdatert og så nøytral vi kan gjøre den.</li></ul>",
            tone="success",
        ),
    ]
    return blocks


METHODS = {
    "slug": "felles-metodikk",
    "title": "Felles metodikk",
    "intro": "Hvordan karriereveiledningen legges opp ved sentrene: fra første kontakt til plan og oppfølging, "
    "alene, i gruppe eller digitalt.",
}

PHASES = (
    ("Fase", "Hva skjer"),
    (
        "Kontakt og avklaring",
        "Veisøker og veileder blir enige om hva veiledningen skal handle om og hvilke rammer som gjelder.",
    ),
    ("Kartlegging", "Interesser, verdier, erfaring og kompetanse, både formell og uformell."),
    ("Utforsking", "Utdanning, yrker, arbeidsmarkedet, godkjenning av utdanning og økonomi."),
    ("Valg og plan", "Veisøkeren velger retning, og sammen lager de en plan med konkrete neste steg."),
    ("Oppfølging", "En ny samtale ved behov, og en vurdering av hva veiledningen ga."),
)


def methods_body():
    return [
        paragraph(
            "<p>Sentrene arbeider etter en felles metodikk, slik at veisøkere møter den samme grunnstrukturen i alle "
            "fylker, og slik at veiledere kan lære av hverandre på tvers av sentre.</p>"
        ),
        heading("Veiledningsprosessen"),
        table(PHASES, "Fasene i en veiledningsprosess"),
        paragraph(
            "<p>Fasene er ikke en fast oppskrift. Noen trenger én samtale, andre et lengre forløp; veilederen "
            "tilpasser arbeidet til den som får veiledning.</p>"
        ),
        heading("Alene, i gruppe eller digitalt"),
        paragraph(
            "<ul><li><b>Individuell veiledning</b>: samtaler på senteret, på telefon eller på video.</li>"
            "<li><b>Gruppeveiledning og kurs</b>: for eksempel jobbsøking, CV og intervju, eller for grupper i samme "
            "situasjon.</li>"
            "<li><b>E-veiledning</b>: anonym veiledning på chat og telefon i den nasjonale tjenesten.</li></ul>"
        ),
        heading("Ressurssenter for andre veiledere"),
        paragraph(
            "<p>Karrieresentrene er også ressurssentre: de gir kurs og veiledning til rådgivere i skolen og veiledere "
            "i NAV, slik at metodikken brukes likt der veisøkerne møter tjenestene.</p>"
        ),
        callout(
            "Veiledning gir læring",
            "<p>Målet er ikke bare et valg her og nå, men at veisøkeren bygger karrierekompetanse: evnen til å ta "
            "gode valg også neste gang.</p>",
            tone="success",
        ),
    ]


REQUIREMENT = {
    "slug": "kompetansekravet",
    "title": "Kompetansekravet",
    "intro": "Hvilken formell kompetanse en karriereveileder bør ha: kravene som gjelder i registeret, og hva de "
    "bygger på.",
}

REFERENCE_POINTS = (
    ("Kilde", "Hva de sier"),
    (
        "Utdanningsdirektoratet (2009)",
        "Anbefalte minst 60 studiepoeng som er relevante for rådgivning for rådgivere i skolen, 30 av dem i "
        "kjerneoppgavene.",
    ),
    ("Utdanningsforbundet", "Mener 60 studiepoeng er realistisk for veiledere i alle sektorer."),
    (
        "Det britiske registeret for karriereveiledere",
        "Krever 60 studiepoeng (credits) på nivå 6, og 25 timer faglig utvikling hvert år.",
    ),
)


def requirement_body():
    return [
        paragraph(
            "<p>Det finnes ennå ikke et nasjonalt, lovfestet minstekrav til kompetanse for karriereveiledere. "
            "Karrieresentrene ønsker et slikt krav, slik at alle som får veiledning, kan stole på at veilederen har "
            "relevant utdanning.</p>"
        ),
        heading("Kravene som gjelder i registeret"),
        paragraph(
            "<p>Kravene ligger i kompetanseregisteret. De kan være ulike for ulike arbeidssteder, og hvert krav har en "
            "dato det gjelder fra. Når kravet endres, legges det inn et nytt sett med ny dato; tidligere vurderinger "
            "blir stående.</p>"
        ),
        requirements(),
        callout(
            "Forslag, ikke vedtatt",
            "<p>Standardkravet i KarriereNorge er et forslag og er lagt inn som demodata: <b>60 verifiserte "
            "studiepoeng i karriereveiledning</b> som dekker kjerneområdene, og <b>25 timer etterutdanning</b> per "
            "12 måneder. En nasjonal administrator erstatter det med vedtatte krav når de finnes.</p>",
            tone="warning",
        ),
        paragraph(
            "<p>Studiepoengene må være dokumentert og godkjent av en godkjenner ved et karrieresenter. Timene med "
            "etterutdanning knyttes til kompetanseområdene de gjelder, med en kort refleksjon over hva du lærte.</p>"
        ),
        heading("Hva forslaget bygger på"),
        table(REFERENCE_POINTS, "Holdepunkter for et minstekrav"),
        paragraph(
            "<p>Tallet 25 timer per år er det samme som i det britiske registeret. Andre land bruker lignende "
            "ordninger, for eksempel et antall timer over tre år og stikkprøver av dokumentasjonen.</p>"
        ),
    ]


CENTRE = {
    "slug": "hva-er-et-karrieresenter",
    "title": "Hva skal til for å være et karrieresenter",
    "intro": "Oppgavene og forpliktelsene et offentlig karrieresenter har: gratis veiledning for voksne, samarbeid "
    "med NAV, kompetente veiledere og et tilbud som er tilgjengelig for alle.",
}


def centre_body(requirement_page):
    return [
        heading("Et lovpålagt tilbud"),
        paragraph(
            "<p>Fylkeskommunen skal etter opplæringslova tilby gratis karriereveiledning til innbyggerne og "
            "samarbeide med NAV om tilbudet. Alle fylker har hatt minst ett karrieresenter siden om lag 2020.</p>"
        ),
        heading("Hvem senteret er for"),
        paragraph(
            "<p>Senteret gir veiledning til alle over 19 år. Det er også ressurssenter for rådgivere i skolen og "
            "veiledere i NAV i fylket, med kurs, nettverk og faglig støtte.</p>"
        ),
        heading("Sjekkliste"),
        paragraph(
            "<ul><li>Gratis karriereveiledning for alle over 19 år.</li>"
            "<li>En skriftlig samarbeidsavtale mellom fylkeskommunen og NAV.</li>"
            "<li>Veiledere som oppfyller kompetansekravet og holder kompetansen ved like.</li>"
            "<li>Veiledning etter de etiske retningslinjene og den felles metodikken.</li>"
            "<li>Systematisk kvalitetsutvikling med tilbakemeldinger fra veisøkerne.</li>"
            "<li>Lokaler, nettsider og digitale tjenester som er universelt utformet.</li>"
            "<li>Oppdatert adresse, åpningstider og tjenester i registeret, slik at KarriereNorge viser riktige "
            "opplysninger.</li></ul>"
        ),
        link("Les om kompetansekravet", page=requirement_page),
        heading("Finansiering"),
        paragraph(
            "<p>Før 2020 fikk fylkene et øremerket partnerskapstilskudd fra staten: et grunntilskudd og et "
            "stimuleringstilskudd, på vilkår av en skriftlig avtale mellom fylkeskommunen og NAV og minst ett "
            "karrieresenter. I 2019 var tilskuddet 34,5 millioner kroner. Fra 2020 er pengene en del av "
            "fylkeskommunenes rammetilskudd.</p>"
        ),
        callout(
            "Sentrenes ønske",
            "<p>Sentrene ønsker en fordelingsnøkkel som sikrer et likeverdig tilbud i alle fylker.</p>",
        ),
    ]


def seed_standard_pages():
    """The standard's pages, created where missing and filled where empty. Returns (created, filled)."""
    created = filled = 0

    def ensure(parent, text, **fields):
        nonlocal created, filled
        page, status = ensure_page(
            parent, StandardPage, search_description=text["intro"], show_in_menus=True, **text, **fields
        )
        created += status == CREATED
        filled += status == FILLED
        return page

    index = ensure(HomePage.objects.first(), INDEX, body=index_body())
    if not isinstance(index, StandardPage):
        return created, filled  # an editor has put another kind of page at /standarden/
    # Created in reading order; the framework links to the ethical guidelines, so it gets its body once they exist.
    framework = ensure(index, FRAMEWORK)
    ethics = ensure(index, ETHICS, body=ethics_body())
    ensure(index, METHODS, body=methods_body())
    requirement = ensure(index, REQUIREMENT, body=requirement_body())
    ensure(index, CENTRE, body=centre_body(requirement))
    if isinstance(framework, StandardPage):
        filled += fill_empty(framework, body=framework_body(ethics)) == FILLED
    return created, filled
