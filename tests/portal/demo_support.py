"""What the portal demo tests share: running the command, finding pages, what they show."""

from io import StringIO

from django.core.management import call_command
from wagtail.models import Page

from portal.models import HomePage

STANDARD_PARTS = [
    ("kvalitetsrammeverket", "Kvalitetsrammeverket"),
    ("etiske-retningslinjer", "Etiske retningslinjer"),
    ("felles-metodikk", "Felles metodikk"),
    ("kompetansekravet", "Kompetansekravet"),
    ("hva-er-et-karrieresenter", "Hva skal til for å være et karrieresenter"),
]


def seed():
    out = StringIO()
    call_command("seed_portal_demo", stdout=out)
    return out.getvalue()


def page_at(path):
    """The page at ``path`` on the site (relative to the home page)."""
    home = HomePage.objects.get()
    return Page.objects.get(url_path=f"{home.url_path}{path.strip('/')}/").specific


def stream_text(page):
    """Everything a reader sees in the page's StreamField, as one string."""
    return " ".join(page.body.stream_block.get_searchable_content(page.body))
