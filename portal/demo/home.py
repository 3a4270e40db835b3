"""Demo texts for the home page, the 15 county pages and the centre pages.

The county and centre pages hold only what an editor would write: addresses, opening hours and services come live
from the register, so nothing here repeats them.
"""

from portal.content import FILLED, fill_empty
from portal.models import CentrePage, CountyIndexPage, CountyPage, HomePage, NewsIndexPage

HOME = {
    "seo_title": "KarriereNorge – gratis karriereveiledning i hele landet",
    "search_description": (
        "Gratis karriereveiledning for alle over 19 år. Finn karrieresenteret i fylket ditt, kurs og arrangementer, "
        "og still spørsmål til en karriereveileder."
    ),
    "intro": (
        "<p>KarriereNorge er den felles inngangen til de offentlige karrieresentrene i alle landets 15 fylker. Her "
        "finner du karrieresenteret der du bor, kurs og arrangementer, og måter å snakke med en karriereveileder på: "
        "på senteret, på telefon eller på nett.</p>"
    ),
    "what_is_guidance": (
        "<p>Karriereveiledning er hjelp til å ta valg om utdanning og arbeid, når som helst i livet. Sammen med en "
        "karriereveileder ser du på hva du kan, hva du ønsker og hvilke muligheter som finnes, og du får hjelp til å "
        "legge en plan for veien videre.</p>"
        "<p>Veiledningen tar utgangspunkt i din situasjon, enten du vil bytte jobb, ta mer utdanning, har mistet "
        "jobben, skal tilbake i arbeid etter sykdom eller har utdanning fra et annet land. Du bestemmer selv; "
        "veilederen hjelper deg å se alternativene og hva som skal til.</p>"
        "<ul><li>samtaler med en karriereveileder, alene eller i gruppe</li>"
        "<li>kurs i jobbsøking, CV og intervju</li>"
        "<li>informasjon om utdanning, godkjenning av utdanning og arbeidsmarkedet</li>"
        "<li>kartlegging av kompetansen du allerede har</li></ul>"
    ),
    "who_can_get_it": (
        "<p>Alle over 19 år kan få gratis karriereveiledning ved karrieresenteret i fylket der de bor. Du kan ta "
        "kontakt direkte.</p>"
        "<p>Fylkeskommunene skal etter opplæringslova tilby gratis karriereveiledning til innbyggerne sine og "
        "samarbeide med NAV om tilbudet. Derfor har alle fylker minst ett karrieresenter.</p>"
        "<p>Vil du heller være anonym, kan du chatte med eller ringe en karriereveileder i den nasjonale "
        'e-veiledningen på <a href="https://karriereveiledning.no/">karriereveiledning.no</a>.</p>'
    ),
    "professionals_text": (
        "<p>Er du karriereveileder, rådgiver i skolen eller veileder i NAV? I fagområdet registrerer du studiepoeng "
        "og etterutdanning i kompetanseregisteret og ser hvor du står mot kompetansekravet, drøfter faglige "
        "spørsmål med kolleger i forumet og melder deg på kurs og nettverkssamlinger fra karrieresentrene.</p>"
    ),
}

COUNTY_INDEX = {
    "search_description": "Velg fylket ditt og finn karrieresentrene der, med adresse, åpningstider, tjenester og "
    "kurs.",
    "intro": "<p>Alle de 15 fylkene har gratis karriereveiledning for voksne. Velg fylket der du bor, så finner du "
    "karrieresentrene der, med adresse, åpningstider og tjenester, og kurs og arrangementer i fylket.</p>",
}
NEWS_INDEX = {
    "search_description": "Nyheter fra karrieresentrene og KarriereNorge.",
    "intro": "<p>Nytt fra karrieresentrene og KarriereNorge. Nyheter fra ett fylke finner du også på fylkets side.</p>",
}

# county number: a sentence of its own for each county, between the common opening and closing lines
COUNTY_LINES = {
    "03": "I hovedstaden møter veilederne mennesker i alle livsfaser, fra unge voksne som vil fullføre videregående "
    "opplæring, til erfarne arbeidstakere som vil bytte retning.",
    "11": "Fra Haugalandet til Dalane hjelper veilederne deg å se hvordan kompetansen din kan brukes i et arbeidsliv "
    "i endring.",
    "15": "Enten du bor på Sunnmøre, i Romsdal eller på Nordmøre, kan du få veiledning på senteret, på telefon eller "
    "digitalt.",
    "18": "Avstandene er store i Nordland, og du kan derfor også få veiledning på telefon eller video.",
    "31": "Veilederne kjenner arbeidslivet i regionen og samarbeider med NAV og skolene i fylket.",
    "32": "Mange i Akershus har arbeidsmarkedet i hele Oslo-regionen innen rekkevidde, og veiledningen tar "
    "utgangspunkt i mulighetene du faktisk har.",
    "33": "Fra Drammen til Hallingdal og Numedal kan du få hjelp til å finne neste steg i utdanning og arbeid.",
    "34": "Innlandet er et stort fylke, og du kan møte en veileder på senteret eller få veiledning på telefon eller "
    "digitalt.",
    "39": "Veilederne i Vestfold hjelper deg å kartlegge kompetansen din og finne veien videre, enten du vil ta mer "
    "utdanning eller bytte jobb.",
    "40": "Fra kysten til Vest-Telemark kan du få veiledning om utdanning, jobbskifte og godkjenning av utdanning fra "
    "utlandet.",
    "42": "Veilederne i Agder hjelper både unge voksne og erfarne arbeidstakere med valg om utdanning og arbeid.",
    "46": "Vestland strekker seg fra Sunnhordland til Nordfjord. Du kan møte en veileder på et av sentrene eller få "
    "veiledning på telefon eller video.",
    "50": "Fra Trondheim til Namdalen hjelper veilederne deg å planlegge utdanning og arbeid, også når du står midt i "
    "et jobbskifte.",
    "55": "I Troms kan du få veiledning på senteret eller digitalt, slik at avstand ikke hindrer deg i å få hjelp.",
    "56": "Uansett hvor i Finnmark du bor, kan du få veiledning på senteret, på telefon eller på video.",
}


def county_intro(county):
    return (
        f"<p>Karrieresentrene i {county.name} gir gratis karriereveiledning til alle over 19 år som bor i fylket. "
        f"{COUNTY_LINES.get(county.number, '')}</p>"
        "<p>Her finner du sentrene med adresse, åpningstider og tjenester, og kurs og arrangementer i fylket.</p>"
    )


def centre_body(centre):
    body = (
        f"<p>{centre.name} er et offentlig karrieresenter i {centre.county.name}. Her kan alle over 19 år få gratis "
        "karriereveiledning: samtaler om utdanning og arbeid, hjelp med CV og jobbsøknad, og kartlegging av "
        "kompetansen du har.</p>"
    )
    if centre.is_resource_centre:
        body += (
            "<p>Senteret er også ressurssenter for rådgivere i skolen og veiledere i NAV i fylket, med kurs og "
            "nettverkssamlinger.</p>"
        )
    return body + "<p>Ta kontakt på telefon eller e-post for å avtale en samtale, eller kom innom i åpningstiden.</p>"


def seed_home_texts():
    """The texts and search settings of the home page and the two overviews, where still empty.
    Returns the number of pages filled."""
    filled = 0
    for model, texts in ((HomePage, HOME), (CountyIndexPage, COUNTY_INDEX), (NewsIndexPage, NEWS_INDEX)):
        page = model.objects.first()
        filled += page is not None and fill_empty(page, **texts) == FILLED
    return filled


def seed_county_intros():
    filled = 0
    for page in CountyPage.objects.filter(intro="").select_related("county"):
        filled += fill_empty(page, intro=county_intro(page.county)) == FILLED
    return filled


def seed_centre_texts():
    """A short text for each demo centre's page; real centres' pages are left to their editors."""
    filled = 0
    for page in CentrePage.objects.filter(body="", centre__is_demo=True).select_related("centre__county"):
        filled += fill_empty(page, body=centre_body(page.centre)) == FILLED
    return filled
