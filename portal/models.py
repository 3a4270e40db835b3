"""The public portal's page types. Centres, counties and events come live from their apps; the
pages hold only what editors write, so there is one source of truth for every fact.
"""

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.search import index

from events.selectors import upcoming_public_events
from portal.blocks import RICH_TEXT_FEATURES, StandardBody
from register.models import Centre, County

HOME_EVENT_COUNT = 6
HOME_NEWS_COUNT = 3
# County and centre pages show the next events; the events list (linked) has them all.
LOCAL_EVENT_COUNT = 10
COUNTY_NEWS_COUNT = 5
NEWS_PER_PAGE = 10
# The main menu is in the header of every page of the site, so it is cached for all requests (see
# portal.selectors.menu_pages) and forgotten whenever a page changes.
MENU_CACHE_KEY = "portal:main-menu"


def _selectors():
    # portal.selectors reads these models, so it is imported when a page is served, not at import time.
    from portal import selectors

    return selectors


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
        selectors = _selectors()
        context = super().get_context(request, *args, **kwargs)
        context["county_pages"] = selectors.county_pages(request)
        context["events"] = list(upcoming_public_events(limit=HOME_EVENT_COUNT))
        context["news"] = selectors.latest_news(request, limit=HOME_NEWS_COUNT)
        context["news_index"] = selectors.news_index(request)
        return context


class CountyIndexPage(Page):
    """/fylker/: all 15 counties."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.CountyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("county overview")

    def get_context(self, request, *args, **kwargs):
        selectors = _selectors()
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = selectors.breadcrumb_pages(self, request)
        context["county_pages"] = selectors.county_pages(request)
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

    def get_context(self, request, *args, **kwargs):
        selectors = _selectors()
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = selectors.breadcrumb_pages(self, request)
        context["centres"] = selectors.county_centres(self.county, request)
        context["events"] = list(upcoming_public_events(county=self.county, limit=LOCAL_EVENT_COUNT))
        context["news"] = selectors.latest_news(request, parent=self, limit=COUNTY_NEWS_COUNT)
        return context


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
        context["breadcrumbs"] = _selectors().breadcrumb_pages(self, request)
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

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(StandardBody(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        selectors = _selectors()
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = selectors.breadcrumb_pages(self, request)
        context["child_pages"] = selectors.child_standard_pages(self, request)
        return context


class NewsIndexPage(Page):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news overview")

    def get_context(self, request, *args, **kwargs):
        selectors = _selectors()
        context = super().get_context(request, *args, **kwargs)
        page_obj = Paginator(selectors.news_listing(), NEWS_PER_PAGE).get_page(request.GET.get("page"))
        page_obj.object_list = selectors.with_county_names(selectors.with_urls(page_obj.object_list, request))
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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = _selectors().breadcrumb_pages(self, request)
        return context


class PlainPage(Page):
    """A plain page, such as the accessibility statement or the privacy statement."""

    body = StreamField(StandardBody(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("plain page")


@receiver(post_save)
@receiver(post_delete)
def _forget_the_menu(sender, **kwargs):
    """A page saved, published, moved, deleted or made private (or a new site root) may change the main menu."""
    if issubclass(sender, (Page, PageViewRestriction, Site)):
        cache.delete(MENU_CACHE_KEY)
