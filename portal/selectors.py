"""Reads the portal shares beyond one page type: the main menu in every page's header, the search and
the requirement sets in force. Each is one query, so a page costs the same whether a county has one
centre or fifty.

A page type's own lists (the counties, a county's centres, the news) are read by the page type in
``portal.models``; this module imports the models, never the other way round.
"""

from django.core.cache import cache
from django.db.models.functions import Substr
from django.http import HttpRequest
from wagtail.models import Page
from wagtail.search.backends.base import BaseSearchResults

from portal.models import MENU_CACHE_KEY, HomePage
from register.models import RequirementSet, WorkplaceType

# Changes to pages clear the menu at once; the time limit only covers changes made outside Django.
MENU_CACHE_SECONDS = 60 * 60


def menu_pages(request: HttpRequest) -> list[dict[str, str | None]]:
    """The home page's live public children with "show in menus" ticked, in tree order, as title and href.

    The header of every page shows them, Wagtail's or not, so they are read in one query, kept in the cache
    for all requests until a page changes (``portal.services.menu_forget``), and once per request.
    The home page is found by a subquery, with no need to look up the request's site first.
    """
    if not hasattr(request, "_portal_menu_pages"):
        items = cache.get(MENU_CACHE_KEY)
        if items is None:
            parent_paths = HomePage.objects.values("path")
            pages = (
                Page.objects.annotate(parent_path=Substr("path", 1, Page.steplen * 2))
                .filter(depth=3, live=True, show_in_menus=True, parent_path__in=parent_paths)
                # A page behind a view restriction of its own stays out of the public menu.
                .filter(view_restrictions__isnull=True)
                .only("id", "title", "url_path", "path", "depth")
                .order_by("path")
            )
            # Without a request the URL does not depend on who asks: relative on a single site.
            items = [{"title": page.title, "href": page.get_url()} for page in pages]
            cache.set(MENU_CACHE_KEY, items, MENU_CACHE_SECONDS)
        request._portal_menu_pages = items  # type: ignore[attr-defined]  # kept for the rest of the request
    menu: list[dict[str, str | None]] = request._portal_menu_pages  # type: ignore[attr-defined]
    return menu


def requirement_sets_in_force() -> list[RequirementSet]:
    """The requirement set in force today for each workplace type, in the order the types are listed."""
    order = {value: index for index, value in enumerate(WorkplaceType.values)}
    sets = RequirementSet.objects.in_force().prefetch_related("required_areas")
    return sorted(sets, key=lambda requirement: order.get(requirement.workplace_type, len(order)))


def search_pages(query: str) -> BaseSearchResults:
    """Live public pages matching ``query``, best match first (Wagtail's search backend)."""
    return Page.objects.live().public().specific().search(query)
