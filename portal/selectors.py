"""Reads the portal's pages share: each list is one query (plus Wagtail's one for private sections),
so a page costs the same whether a county has one centre or fifty.

Page URLs come from ``Page.get_url(request)``, which reads the site root paths from the cache once per
request; no page in a list costs a query of its own.
"""

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import Substr
from wagtail.models import Page

from portal.models import MENU_CACHE_KEY, CountyPage, HomePage, NewsIndexPage, NewsPage, StandardPage
from register.models import Centre, RequirementSet, WorkplaceType

# Changes to pages clear the menu at once; the time limit only covers changes made outside Django.
MENU_CACHE_SECONDS = 60 * 60


def with_urls(pages, request):
    """The pages as a list, each with ``href``: its URL for this request."""
    pages = list(pages)
    for page in pages:
        page.href = page.get_url(request)
    return pages


def menu_pages(request):
    """The home page's live public children with "show in menus" ticked, in tree order, as title and href.

    The header of every page shows them, Wagtail's or not, so they are read in one query, kept in the cache
    for all requests until a page changes (``portal.models._forget_the_menu``), and once per request.
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
        request._portal_menu_pages = items
    return request._portal_menu_pages


def breadcrumb_pages(page, request):
    """The page's ancestors from the home page down (the tree's root left out), then the page itself."""
    ancestors = page.get_ancestors().filter(depth__gte=2).only("id", "title", "slug", "url_path", "path", "depth")
    return [*with_urls(ancestors, request), *with_urls([page], request)]


def county_pages(request):
    """The live county pages in county-number order, with the number of active centres in each."""
    pages = (
        CountyPage.objects.live()
        .public()
        .select_related("county")
        .annotate(active_centre_count=Count("county__centres", filter=Q(county__centres__is_active=True)))
        .order_by("county__number")
    )
    return with_urls(pages, request)


def county_centres(county, request):
    """The county's active centres with their portal pages (``portal_url`` None when the page is not live)."""
    centres = list(
        Centre.objects.active().filter(county=county).select_related("county", "portal_page").order_by("name")
    )
    for centre in centres:
        centre.portal_url = _live_page_url(centre, request)
    return centres


def _live_page_url(centre, request):
    try:
        page = centre.portal_page
    except Centre.portal_page.RelatedObjectDoesNotExist:
        return None
    return page.get_url(request) if page.live else None


def latest_news(request, *, parent=None, limit=None):
    """Live news, newest first: the children of ``parent``, or from everywhere.

    News from everywhere says which county a local item is from (``county_name``).
    """
    news = NewsPage.objects.live().public().order_by("-date", "-first_published_at", "-pk")
    if parent is not None:
        return with_urls(news.child_of(parent)[:limit], request)
    return with_county_names(with_urls(news[:limit], request))


def with_county_names(news):
    """Set ``county_name`` on each news item that sits under a county page (one query for the lot)."""
    parent_paths = {item.path[: -Page.steplen] for item in news}
    counties = dict(CountyPage.objects.filter(path__in=parent_paths).values_list("path", "county__name"))
    for item in news:
        item.county_name = counties.get(item.path[: -Page.steplen])
    return news


def news_index(request):
    """The live news overview (with ``href``), or None."""
    page = NewsIndexPage.objects.live().public().only("id", "title", "url_path", "path", "depth").first()
    return with_urls([page], request)[0] if page is not None else None


def news_listing():
    """Every live news item, newest first, for the paginated news overview."""
    return NewsPage.objects.live().public().order_by("-date", "-first_published_at", "-pk")


def child_standard_pages(page, request):
    return with_urls(StandardPage.objects.child_of(page).live().public().order_by("path"), request)


def requirement_sets_in_force():
    """The requirement set in force today for each workplace type, in the order the types are listed."""
    order = {value: index for index, value in enumerate(WorkplaceType.values)}
    sets = RequirementSet.objects.in_force().prefetch_related("required_areas")
    return sorted(sets, key=lambda requirement: order.get(requirement.workplace_type, len(order)))


def search_pages(query):
    """Live public pages matching ``query``, best match first (Wagtail's search backend)."""
    return Page.objects.live().public().specific().search(query)
