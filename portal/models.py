"""The public portal's page types. Centres, counties and events come live from their apps; the
pages hold only what editors write, so there is one source of truth for every fact.

Each page type reads what its own page shows (``get_context`` and the class methods below), each
list in one query. Reads shared beyond one page type live in ``portal.selectors``, which imports
these models; nothing here imports the selectors, so the dependency runs one way.
"""

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.query import PageQuerySet
from wagtail.search import index

from events.selectors import upcoming_public_events
from portal.blocks import RICH_TEXT_FEATURES, StandardBody
from portal.links import breadcrumb_pages, with_urls
from register.models import Centre, County

HOME_EVENT_COUNT = 6
HOME_NEWS_COUNT = 3
# County and centre pages show the next events; the events list (linked) has them all.
LOCAL_EVENT_COUNT = 10
COUNTY_NEWS_COUNT = 5
NEWS_PER_PAGE = 10
# The main menu is in the header of every page of the site, so it is cached for all requests (see
# portal.selectors.menu_pages) and forgotten whenever a page changes (portal.services.menu_forget).
MENU_CACHE_KEY = "portal:main-menu"


def english_menu_title():
    """The page's title in the main menu under English (the portal's pages are written in bokmål)."""
    return models.CharField(
        _("title in English menus"),
        max_length=60,
        blank=True,
        help_text=_("Shown in the main menu to readers who chose English, when the page is in the menu."),
    )


class HomePage(Page):
    """The KarriereNorge front page: what career guidance is, who gets it, and the way in per county."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    what_is_guidance = RichTextField(_("what career guidance is"), features=RICH_TEXT_FEATURES, blank=True)
    who_can_get_it = RichTextField(_("who can get it"), features=RICH_TEXT_FEATURES, blank=True)
    professionals_text = RichTextField(_("for counsellors"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("what_is_guidance"),
        FieldPanel("who_can_get_it"),
        FieldPanel("professionals_text"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("what_is_guidance"),
        index.SearchField("who_can_get_it"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["county_pages"] = CountyPage.overview(request)
        context["events"] = list(upcoming_public_events(limit=HOME_EVENT_COUNT))
        context["news"] = NewsPage.latest(request, limit=HOME_NEWS_COUNT)
        context["news_index"] = NewsIndexPage.public_page(request)
        return context


class CountyIndexPage(Page):
    """/fylker/: all 15 counties."""

    # The header's menu says this under English (the portal's pages are written in bokmål).
    menu_title_en = "Counties"

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.CountyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("county overview")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = breadcrumb_pages(self, request)
        context["county_pages"] = CountyPage.overview(request)
        return context


# County and centre pages follow the register: their county or centre and their address (the slug)
# are set by sync_portal_pages and shown, not edited, in the CMS.
REGISTER_PAGE_PROMOTE_PANELS = [
    MultiFieldPanel(
        [FieldPanel("slug", read_only=True), FieldPanel("seo_title"), FieldPanel("search_description")],
        heading=_("For search engines"),
    ),
    MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("For site menus")),
]


class CountyPage(Page):
    """One county: an editable introduction; its centres, events and news come live."""

    county = models.OneToOneField(
        County, on_delete=models.PROTECT, related_name="portal_page", verbose_name=_("county")
    )
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("county", read_only=True), FieldPanel("intro")]
    promote_panels = REGISTER_PAGE_PROMOTE_PANELS
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    is_creatable = False  # made by sync_portal_pages, one per county
    parent_page_types = ["portal.CountyIndexPage"]
    subpage_types = ["portal.CentrePage", "portal.NewsPage"]

    class Meta:
        verbose_name = _("county page")

    @classmethod
    def overview(cls, request: HttpRequest) -> list["CountyPage"]:
        """The live county pages in county-number order (with ``href``), each with ``active_centre_count``."""
        pages = (
            cls.objects.live()
            .public()
            .select_related("county")
            .annotate(active_centre_count=Count("county__centres", filter=Q(county__centres__is_active=True)))
            .order_by("county__number")
        )
        return with_urls(pages, request)

    def active_centres(self, request: HttpRequest) -> list[Centre]:
        """The county's active centres, each with ``portal_url`` (None when its page is not live)."""
        centres = list(
            Centre.objects.active().filter(county=self.county).select_related("county", "portal_page").order_by("name")
        )
        for centre in centres:
            centre.portal_url = _live_page_url(centre, request)
        return centres

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = breadcrumb_pages(self, request)
        context["centres"] = self.active_centres(request)
        context["events"] = list(upcoming_public_events(county=self.county, limit=LOCAL_EVENT_COUNT))
        context["news"] = NewsPage.latest(request, parent=self, limit=COUNTY_NEWS_COUNT)
        return context


def _live_page_url(centre: Centre, request: HttpRequest) -> str | None:
    try:
        page = centre.portal_page
    except Centre.portal_page.RelatedObjectDoesNotExist:
        return None
    return page.get_url(request) if page.live else None


class CentrePage(Page):
    """One career centre: contact details and services from the register, plus an editable text."""

    centre = models.OneToOneField(
        Centre, on_delete=models.PROTECT, related_name="portal_page", verbose_name=_("career centre")
    )
    body = RichTextField(_("text"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("centre", read_only=True), FieldPanel("body")]
    promote_panels = REGISTER_PAGE_PROMOTE_PANELS
    search_fields = [*Page.search_fields, index.SearchField("body")]
    is_creatable = False  # made by sync_portal_pages, one per active centre
    parent_page_types = ["portal.CountyPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("centre page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = breadcrumb_pages(self, request)
        context["centre"] = self.centre
        context["events"] = list(upcoming_public_events(centre=self.centre, limit=LOCAL_EVENT_COUNT))
        return context

    def serve(self, request, *args, **kwargs):
        # A centre that has closed keeps its page for the editors (and their preview), but not for visitors.
        centre = Centre.objects.select_related("county").filter(pk=self.centre_id).first()
        if centre is None or not (centre.is_active or getattr(request, "is_preview", False)):
            raise Http404
        self.centre = centre
        return super().serve(request, *args, **kwargs)


class StandardPage(Page):
    """A page of the national standard ("Blueprint"): quality framework, ethics, methods, requirements."""

    menu_title_en = english_menu_title()

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(StandardBody(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    promote_panels = [*Page.promote_panels, FieldPanel("menu_title_en")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = breadcrumb_pages(self, request)
        context["child_pages"] = with_urls(
            StandardPage.objects.child_of(self).live().public().order_by("path"), request
        )
        return context


class NewsIndexPage(Page):
    menu_title_en = "News"

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news overview")

    @classmethod
    def public_page(cls, request: HttpRequest) -> "NewsIndexPage | None":
        """The live news overview (with ``href``), or None."""
        page = cls.objects.live().public().only("id", "title", "url_path", "path", "depth").first()
        return with_urls([page], request)[0] if page is not None else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page_obj = Paginator(NewsPage.listing(), NEWS_PER_PAGE).get_page(request.GET.get("page"))
        page_obj.object_list = NewsPage.with_county_names(with_urls(page_obj.object_list, request))
        context["page_obj"] = page_obj
        return context


class NewsPage(Page):
    """A news article: national under the news overview, or local under a county page."""

    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("summary"), max_length=600)
    body = StreamField(StandardBody(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("date"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["portal.NewsIndexPage", "portal.CountyPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        ordering = ["-date"]

    @classmethod
    def listing(cls) -> PageQuerySet:
        """Every live news item, newest first, for the paginated news overview."""
        return cls.objects.live().public().order_by("-date", "-first_published_at", "-pk")

    @classmethod
    def latest(cls, request: HttpRequest, *, parent: Page | None = None, limit: int | None = None) -> list["NewsPage"]:
        """Live news (with ``href``), newest first: the children of ``parent``, or from everywhere.

        News from everywhere says which county a local item is from (``county_name``).
        """
        news = cls.listing()
        if parent is not None:
            return with_urls(news.child_of(parent)[:limit], request)
        return cls.with_county_names(with_urls(news[:limit], request))

    @staticmethod
    def with_county_names(news: list["NewsPage"]) -> list["NewsPage"]:
        """Set ``county_name`` on each news item that sits under a county page (one query for the lot)."""
        parent_paths = {item.path[: -Page.steplen] for item in news}
        counties = dict(CountyPage.objects.filter(path__in=parent_paths).values_list("path", "county__name"))
        for item in news:
            item.county_name = counties.get(item.path[: -Page.steplen])
        return news

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = breadcrumb_pages(self, request)
        return context


class PlainPage(Page):
    """A plain page, such as the accessibility statement or the privacy statement."""

    body = StreamField(StandardBody(), verbose_name=_("content"), blank=True)
    menu_title_en = english_menu_title()

    content_panels = [*Page.content_panels, FieldPanel("body")]
    promote_panels = [*Page.promote_panels, FieldPanel("menu_title_en")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("plain page")
