"""Keeps the portal's page tree in step with the register: a page per county and per active centre.

The structure (home, /fylker/, the county and centre pages, /nyheter/, the accessibility and privacy
statements) is made here, idempotently;
editors write the texts. Run it after adding counties or centres (``manage.py sync_portal_pages``).

Two receivers live here, connected in ``PortalConfig.ready`` with an explicit ``sender``:
``centre_saved`` (the one signal across apps, see its docstring) and ``menu_forget`` (the portal's
own pages, sites and view restrictions).
"""

from typing import Any, TypeVar
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from portal.content import ensure_plain_pages
from portal.editors import ensure_editor_groups
from portal.models import MENU_CACHE_KEY, CentrePage, CountyIndexPage, CountyPage, HomePage, NewsIndexPage
from register.models import Centre, County

HOME_TITLE = "KarriereNorge"

P = TypeVar("P", bound=Page)


def _child(parent: Page, model: type[P], *, slug: str, **fields: Any) -> tuple[P, bool]:
    """The child of ``parent`` with ``slug`` (created as ``model`` if missing). Returns (page, created)."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return page, True


def _home() -> HomePage:
    home = HomePage.objects.first()
    if home is not None:
        return home
    # A database emptied by a test's flush has lost what Wagtail's migrations made: the default
    # locale and the root page.
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root")
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


def _site_address() -> None:
    """The default site answers at settings.SITE_URL, so the sitemap's addresses are the public ones."""
    address = urlsplit(settings.SITE_URL)
    https = address.scheme == "https"
    port = address.port or (443 if https else 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != (address.hostname, port):
        site.hostname, site.port = address.hostname, port
        site.save()  # save(), not update(): Wagtail's cached site root paths are cleared on save


@transaction.atomic
def sync_portal_pages() -> int:
    """Create the pages the register calls for; change nothing an editor wrote. Returns pages created."""
    created = 0
    home = _home()
    counties_index, new = _child(home, CountyIndexPage, slug="fylker", title="Fylker", show_in_menus=True)
    created += new
    _news, new = _child(home, NewsIndexPage, slug="nyheter", title="Nyheter", show_in_menus=True)
    created += new
    county_pages = {page.county_id: page for page in CountyPage.objects.all()}
    for county in County.objects.exclude(pk__in=county_pages).order_by("number"):
        page, new = _child(counties_index, CountyPage, slug=county.slug, title=county.name, county=county)
        created += new
        county_pages[county.pk] = page
    for centre in Centre.objects.active().exclude(portal_page__isnull=False).order_by("name"):
        _page, new = _child(
            county_pages[centre.county_id], CentrePage, slug=centre.slug, title=centre.name, centre=centre
        )
        created += new
    # The accessibility and privacy statements, linked from every page's footer.
    created += ensure_plain_pages()
    _site_address()
    ensure_editor_groups()
    return created


def centre_saved(
    sender: type[Centre], instance: Centre, created: bool = False, raw: bool = False, **kwargs: Any
) -> None:
    """A new or reopened active centre gets its page at once, once the page tree exists.

    The one signal the project allows across apps: the receiver of ``post_save`` with
    ``sender=Centre``, connected in ``PortalConfig.ready``. The register must not import the portal
    (the portal sits above it), so the register cannot call a portal service when it saves a centre;
    the portal listens instead. Everywhere else a higher app calls a lower app's service, and no
    other receiver in the project reacts to another app's models. Fixture loading (``raw``) is skipped.
    """
    if raw or not instance.is_active or CentrePage.objects.filter(centre=instance).exists():
        return
    county_page = CountyPage.objects.filter(county_id=instance.county_id).first()
    if county_page is not None:
        _child(county_page, CentrePage, slug=instance.slug, title=instance.name, centre=instance)


def menu_forget(sender: type[models.Model], **kwargs: Any) -> None:
    """A page saved, published, moved, deleted or made private (or a new site root) may change the main menu.

    Connected in ``PortalConfig.ready`` to ``post_save`` and ``post_delete`` of every page type, view
    restriction and site; ``portal.selectors.menu_pages`` reads the menu into the cache again.
    """
    cache.delete(MENU_CACHE_KEY)
