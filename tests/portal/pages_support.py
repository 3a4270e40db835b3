"""What the portal page tests share: the page tree as editors build it, adding pages, reading pages."""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from portal.models import CentrePage, CountyPage, HomePage, NewsIndexPage, NewsPage, StandardPage
from portal.services import sync_portal_pages

ETHICS_BODY = [
    {"type": "heading", "value": {"text": "Fortrolighet", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Veilederen bevarer taushetsplikten og respekterer etikk i alt arbeid.</p>"},
    {"type": "quote", "value": {"text": "Veiledning gjør den enkelte i stand til å velge.", "source": "Rammeverket"}},
    {"type": "callout", "value": {"tone": "warning", "title": "Husk samtykke", "text": "<p>Spør alltid først.</p>"}},
    {"type": "link", "value": {"text": "Les mer hos Kompetanse Norge", "page": None, "url": "https://example.org/mer"}},
    {
        "type": "table",
        "value": {
            "data": [["Prinsipp", "Betyr"], ["Frivillighet", "Du velger selv"]],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Prinsipper for veiledning",
        },
    },
]


def html(response):
    return response.content.decode()


def english(client):
    """The client asks for English pages, so the tests can read the interface's own words."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def build_tree(centre):
    """The portal's page tree, with the Oslo centre (phone, hours, services) and an empty Vestland."""
    centre.phone = "22 33 44 55"
    centre.opening_hours = "Mandag–fredag 9–15"
    centre.services = "Karrieresamtaler og CV-hjelp"
    centre.website = "https://karriere-oslo.example"
    centre.save()
    sync_portal_pages()
    return {
        "home": HomePage.objects.get(),
        "oslo": CountyPage.objects.get(county__number="03"),
        "vestland": CountyPage.objects.get(county__number="46"),
        "centre": CentrePage.objects.get(centre=centre),
        "news_index": NewsIndexPage.objects.get(),
    }


def add_news(parent, title, *, days_ago=0, intro="Kort om saken.", **fields):
    page = NewsPage(
        title=title,
        slug=slugify(title),
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        intro=intro,
        **fields,
    )
    return parent.add_child(instance=page)


def add_standard(parent, title, slug, body=(), **fields):
    return parent.add_child(instance=StandardPage(title=title, slug=slug, body=list(body), **fields))
