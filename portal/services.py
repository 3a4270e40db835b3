"""Keeps the portal's page tree in step with the register: a page per county and per active centre.

The structure (home, /fylker/, the county and centre pages, /nyheter/) is made here, idempotently;
editors write the texts. Run it after adding counties or centres (``manage.py sync_portal_pages``).
"""

from django.db import transaction
from wagtail.models import Page, Site

from portal.models import CentrePage, CountyIndexPage, CountyPage, HomePage, NewsIndexPage
from register.models import Centre, County

HOME_TITLE = "KarriereNorge"


def _child(parent, model, *, slug, **fields):
    """The child of ``parent`` with ``slug`` (created as ``model`` if missing). Returns (page, created)."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return page, True


def _home():
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = HomePage(title=HOME_TITLE, slug="karrierenorge")
    root.add_child(instance=home)
    # Wagtail's own "Welcome" page goes; the site's root becomes the portal's home.
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name=HOME_TITLE)
    else:
        old_root = site.root_page
        site.root_page = home
        site.site_name = HOME_TITLE
        site.save()
        if type(old_root.specific) is Page and not old_root.get_children().exists():
            old_root.delete()
    return home


@transaction.atomic
def sync_portal_pages():
    """Create the pages the register calls for; change nothing an editor wrote. Returns pages created."""
    created = 0
    home = _home()
    counties_index, new = _child(home, CountyIndexPage, slug="fylker", title="Fylker")
    created += new
    _news, new = _child(home, NewsIndexPage, slug="nyheter", title="Nyheter")
    created += new
    county_pages = {}
    for county in County.objects.order_by("number"):
        page = CountyPage.objects.filter(county=county).first()
        if page is None:
            page, new = _child(counties_index, CountyPage, slug=county.slug, title=county.name, county=county)
            created += new
        county_pages[county.pk] = page
    for centre in Centre.objects.active().exclude(portal_page__isnull=False).order_by("name"):
        _page, new = _child(
            county_pages[centre.county_id], CentrePage, slug=centre.slug, title=centre.name, centre=centre
        )
        created += new
    return created
