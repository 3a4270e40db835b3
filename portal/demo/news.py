"""Demo news: a few national articles under /nyheter/ and local ones under some county pages, dated in the
recent past from the day of seeding. They tell about the platform and the centres' offer, with no invented figures.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from portal.content import CREATED, ensure_page, link, paragraph
from portal.models import CountyIndexPage, CountyPage, NewsIndexPage, NewsPage, StandardPage


@dataclass(frozen=True)
class News:
    slug: str
    title: str
    days_ago: int
    intro: str
    text: str  # rich text HTML
    link_text: str = ""
    link_to: str = ""  # the slug of a portal page, or an address starting with https://

    def body(self, pages):
        blocks = [paragraph(self.text)]
        if self.link_to.startswith("https://"):
            blocks.append(link(self.link_text, url=self.link_to))
        elif pages.get(self.link_to) is not None:
            blocks.append(link(self.link_text, page=pages[self.link_to]))
        return blocks


NATIONAL = (
    News(
        slug="karrierenorge-samler-karrieresentrene",
        title="KarriereNorge samler karrieresentrene i hele landet",
        days_ago=3,
        intro="Den nye portalen er én inngang til de offentlige karrieresentrene i alle de 15 fylkene, med lokal "
        "informasjon, kurs og arrangementer.",
        text="<p>Karrieresentrene i fylkene har fått en felles portal. På KarriereNorge velger du fylket ditt og "
        "finner sentrene der, med adresse, åpningstider og tjenester, og kursene og arrangementene sentrene holder.</p>"
        "<p>Opplysningene om sentrene hentes fra det samme registeret som sentrene selv holder oppdatert, så de er "
        "like overalt.</p>",
        link_text="Finn karrieresenteret i fylket ditt",
        link_to="fylker",
    ),
    News(
        slug="den-nasjonale-standarden-pa-ett-sted",
        title="Den nasjonale standarden for karriereveiledning er samlet på ett sted",
        days_ago=10,
        intro="Kvalitetsrammeverket, de etiske retningslinjene, felles metodikk og kompetansekravet har nå fått "
        "egne sider.",
        text="<p>Sentrene har samlet det de er enige om, på ett sted: hva som kjennetegner god karriereveiledning, "
        "hvilke etiske retningslinjer veilederne følger, hvordan veiledningen legges opp, og hvilken kompetanse "
        "veilederne bør ha.</p><p>Sidene er skrevet for veiledere, ledere og samarbeidspartnere som NAV, skoler og "
        "arbeidsgivere.</p>",
        link_text="Les den nasjonale standarden",
        link_to="standarden",
    ),
    News(
        slug="registrer-studiepoeng-og-etterutdanning",
        title="Registrer studiepoeng og etterutdanning i kompetanseregisteret",
        days_ago=17,
        intro="Karriereveiledere kan nå registrere studiepoeng og timer med etterutdanning og se hvor de står mot "
        "kompetansekravet.",
        text="<p>I kompetanseregisteret legger du inn studiepoengene dine med dokumentasjon, og en godkjenner ved "
        "hjemmesenteret ditt går dem gjennom. Timer med etterutdanning registrerer du selv, og kurs du deltar på "
        "gjennom sentrene, kommer med automatisk.</p><p>Du ser hele tiden hva som mangler for å oppfylle kravet, og "
        "du kan lage en kompetanseerklæring som arbeidsgiveren din kan kontrollere.</p>",
        link_text="Les om kompetansekravet",
        link_to="kompetansekravet",
    ),
    News(
        slug="still-sporsmal-til-en-karriereveileder",
        title="Still spørsmål til en karriereveileder på nett",
        days_ago=26,
        intro="Den nasjonale e-veiledningen er gratis og anonym, på chat og telefon.",
        text="<p>Siden 2020 har alle kunnet få karriereveiledning på nett gjennom karriereveiledning.no. Tjenesten "
        "er gratis, og du trenger ikke si hvem du er. Vil du heller møte en veileder, finner du karrieresenteret i "
        "fylket ditt her på KarriereNorge.</p>",
        link_text="Gå til karriereveiledning.no",
        link_to="https://karriereveiledning.no/",
    ),
)

# county number: its local news
LOCAL = {
    "03": (
        News(
            slug="kveldsapent-pa-torsdager",
            title="Kveldsåpent på torsdager",
            days_ago=5,
            intro="Karrieresenteret har åpent til klokken 18 på torsdager, for deg som ikke har anledning på dagtid.",
            text="<p>Mange har ikke mulighet til å komme på dagtid. Derfor holder vi åpent til klokken 18 hver "
            "torsdag. Du kan komme innom eller avtale en samtale på forhånd.</p>",
        ),
        News(
            slug="kurs-for-radgivere-i-skolen",
            title="Nytt semester med kurs for rådgivere i skolen",
            days_ago=14,
            intro="Som ressurssenter tilbyr karrieresenteret kurs og nettverkssamlinger for rådgivere i skolen og "
            "veiledere i NAV.",
            text="<p>Kursene gir påfyll i veiledningsmetodikk og kunnskap om utdanning og arbeidsliv, og timene kan "
            "registreres som etterutdanning i kompetanseregisteret. Nye datoer legges ut fortløpende blant "
            "arrangementene i fylket.</p>",
        ),
    ),
    "46": (
        News(
            slug="veiledning-pa-video",
            title="Veiledning på video for deg som bor langt fra et senter",
            days_ago=7,
            intro="Du kan få karriereveiledning på video eller telefon, uansett hvor i Vestland du bor.",
            text="<p>Vestland er et langstrakt fylke, og ikke alle har kort vei til Bergen eller Førde. Derfor kan du "
            "også få veiledning på video eller telefon. Ta kontakt med et av sentrene, så avtaler vi et tidspunkt "
            "som passer.</p>",
        ),
    ),
    "50": (
        News(
            slug="kurs-i-jobbsoking",
            title="Kurs i jobbsøking for voksne",
            days_ago=12,
            intro="Karrieresenteret holder jevnlig gratis kurs i CV, søknad og intervju for alle over 19 år.",
            text="<p>På kurset lærer du å beskrive kompetansen din, skrive en søknad som passer stillingen, og "
            "forberede deg til intervju. Kursene er gratis, og du finner dem blant arrangementene i fylket.</p>",
        ),
    ),
}


def _ensure_news(parent, items, pages, today):
    created = 0
    for item in items:
        _page, status = ensure_page(
            parent,
            NewsPage,
            slug=item.slug,
            title=item.title,
            date=today - timedelta(days=item.days_ago),
            intro=item.intro,
            search_description=item.intro,
            body=item.body(pages),
        )
        created += status == CREATED
    return created


def seed_news():
    """National and local demo news, created where missing. Returns the number of articles created."""
    news_index = NewsIndexPage.objects.first()
    if news_index is None:
        return 0
    pages = {
        "fylker": CountyIndexPage.objects.first(),
        **{page.slug: page for page in StandardPage.objects.filter(slug__in=["standarden", "kompetansekravet"])},
    }
    today = timezone.localdate()
    created = _ensure_news(news_index, NATIONAL, pages, today)
    for county_page in CountyPage.objects.filter(county__number__in=LOCAL).select_related("county"):
        created += _ensure_news(county_page, LOCAL[county_page.county.number], pages, today)
    return created
