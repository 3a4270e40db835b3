"""Pages the portal needs in production as well as in the demo, the two helpers that create and fill pages
without touching what editors wrote, and shorthands for the StreamField blocks of ``portal.blocks``.

The helpers publish through a revision, so every page has a history in /cms/ like any page an editor made.
Nothing here imports ``portal.services``, so the services may call ``ensure_plain_pages``.
"""

from dataclasses import dataclass

from django.db import transaction
from wagtail.blocks import StreamValue

from portal.models import HomePage, PlainPage

CREATED = "created"
FILLED = "filled"
UNCHANGED = "unchanged"


def _is_empty(value):
    """Empty text or an empty stream; False and 0 are values an editor chose."""
    return value is None or value == "" or (isinstance(value, StreamValue) and not len(value))


def publish(page):
    """Save ``page`` as a new revision and publish it, as an editor's "Publish" does."""
    page.save_revision().publish()
    # Publishing saves a copy made from the revision; reload so the caller's page is what is now live.
    page.refresh_from_db()


def fill_empty(page, **fields):
    """Set those of ``fields`` that are still empty on ``page`` and publish; returns FILLED or UNCHANGED.

    A page with an editor's unpublished draft is left alone: publishing over it would bury their work.
    """
    if page.has_unpublished_changes:
        return UNCHANGED
    empty = {name: value for name, value in fields.items() if _is_empty(getattr(page, name))}
    if not empty:
        return UNCHANGED
    for name, value in empty.items():
        setattr(page, name, value)
    publish(page)
    return FILLED


def ensure_page(parent, model, *, slug, **fields):
    """The child of ``parent`` with ``slug``: created and published as ``model`` if missing, else its empty
    fields filled. A page of another type at that slug is an editor's choice and is left as it is.
    Returns (page, CREATED | FILLED | UNCHANGED).
    """
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, fill_empty(existing, **fields)
    other = parent.get_children().filter(slug=slug).first()
    if other is not None:
        return other.specific, UNCHANGED
    page = model(slug=slug, live=False, **fields)
    parent.add_child(instance=page)
    publish(page)
    return page, CREATED


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def callout(title, html, tone="info"):
    return {"type": "callout", "value": {"tone": tone, "title": title, "text": html}}


def quote(text, source=""):
    return {"type": "quote", "value": {"text": text, "source": source}}


def link(text, *, page=None, url=""):
    return {"type": "link", "value": {"text": text, "page": page.pk if page else None, "url": url}}


def table(rows, caption):
    """A table whose first row is its header (Wagtail's TableBlock data)."""
    return {
        "type": "table",
        "value": {
            "data": [list(row) for row in rows],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_header_choice": "row",
            "table_caption": caption,
        },
    }


def requirements():
    return {"type": "requirements", "value": None}


@dataclass(frozen=True)
class PlainPageText:
    slug: str
    title: str
    search_description: str
    sections: tuple  # (heading or "", rich text HTML)

    def body(self):
        """Fresh stream data each time: Wagtail writes block ids into the dicts it is given."""
        blocks = []
        for title, html in self.sections:
            if title:
                blocks.append(heading(title))
            blocks.append(paragraph(html))
        return blocks


# Both are linked in the footer of every page; they used to be fixed templates.
PLAIN_PAGES = (
    PlainPageText(
        slug="tilgjengelighet",
        title="Tilgjengelighetserklæring",
        search_description="Slik sørger KarriereNorge for at nettstedet kan brukes av alle, og hvor du melder fra "
        "om noe som ikke fungerer.",
        sections=(
            (
                "",
                "<p>KarriereNorge er en offentlig nettjeneste og skal oppfylle kravene i WCAG 2.1 på nivå AA etter "
                "forskrift om universell utforming av IKT-løsninger.</p>",
            ),
            (
                "Slik tester vi",
                "<p>Alle sider testes automatisk med axe-core i en ekte nettleser hver gang koden endres, og vi tester "
                "med bare tastatur. Nettstedet er bygget på Designsystemet, designsystemet for offentlig sektor i "
                "Norge.</p>",
            ),
            (
                "Meld fra om et problem",
                "<p>Hvis noe ikke fungerer for deg, kan du si fra til karrieresenteret i fylket ditt eller melde fra "
                'til Tilsynet for universell utforming av ikt (<a href="https://www.uutilsynet.no/">Uutilsynet</a>).'
                "</p>",
            ),
        ),
    ),
    PlainPageText(
        slug="personvern",
        title="Personvernerklæring",
        search_description="Hva KarriereNorge lagrer om deg, hvorfor og hvor lenge, hvilke informasjonskapsler vi "
        "bruker og hvilke rettigheter du har.",
        sections=(
            (
                "",
                "<p>KarriereNorge drives av fylkenes karrieresentre i fellesskap. Denne erklæringen forteller hva vi "
                "lagrer om deg, hvorfor og hvor lenge.</p>",
            ),
            (
                "Profesjonelle brukere",
                "<p>For veiledere og ansatte ved sentrene lagrer vi navn, e-postadresse, arbeidssted, roller og "
                "kompetansen du registrerer. Dokumentasjon du laster opp, er bare synlig for deg og godkjennerne ved "
                "senteret ditt.</p>",
            ),
            (
                "Informasjonskapsler",
                "<p>Vi bruker bare informasjonskapslene som trengs for å logge deg inn, beskytte skjemaer og huske "
                "språket ditt. Vi bruker ingen informasjonskapsler til sporing eller analyse.</p>",
            ),
            (
                "Rettighetene dine",
                "<p>Du kan be om innsyn i, retting av og sletting av personopplysningene dine. Ta kontakt med "
                "karrieresenteret du hører til.</p>",
            ),
        ),
    ),
)


@transaction.atomic
def ensure_plain_pages():
    """The accessibility and privacy statements under the home page, created if missing (never overwritten).
    Does nothing before the home page exists. Returns the number of pages created."""
    home = HomePage.objects.first()
    if home is None:
        return 0
    created = 0
    for text in PLAIN_PAGES:
        _page, status = ensure_page(
            home,
            PlainPage,
            slug=text.slug,
            title=text.title,
            search_description=text.search_description,
            show_in_menus=False,
            body=text.body(),
        )
        created += status == CREATED
    return created
