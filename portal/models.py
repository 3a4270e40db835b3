"""The public portal's page types. Centres, counties and events come live from their apps; the
pages hold only what editors write, so there is one source of truth for every fact.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import RICH_TEXT_FEATURES, StandardBody
from register.models import Centre, County


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


class CountyIndexPage(Page):
    """/fylker/: all 15 counties."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.CountyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("county overview")


class CountyPage(Page):
    """One county: an editable introduction; its centres, events and news come live."""

    county = models.OneToOneField(
        County, on_delete=models.PROTECT, related_name="portal_page", verbose_name=_("county")
    )
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("county"), FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["portal.CountyIndexPage"]
    subpage_types = ["portal.CentrePage", "portal.NewsPage"]

    class Meta:
        verbose_name = _("county page")


class CentrePage(Page):
    """One career centre: contact details and services from the register, plus an editable text."""

    centre = models.OneToOneField(
        Centre, on_delete=models.PROTECT, related_name="portal_page", verbose_name=_("career centre")
    )
    body = RichTextField(_("text"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("centre"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["portal.CountyPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("centre page")


class StandardPage(Page):
    """A page of the national standard ("Blueprint"): quality framework, ethics, methods, requirements."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(StandardBody(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class NewsIndexPage(Page):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news overview")


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


class PlainPage(Page):
    """A plain page, such as the accessibility statement or the privacy statement."""

    body = StreamField(StandardBody(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("plain page")
