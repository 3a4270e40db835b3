"""Tags for the site's templates: the editable main menu, page titles and descriptions for the <head>,
the names in the breadcrumbs, and the register's requirement sets for the requirements block.

The register never loads these; base.html and the header do, so every page shares one head and menu.
"""

import html

from django import template
from django.conf import settings
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from portal import selectors

register = template.Library()

DESCRIPTION_LENGTH = 300


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # The output is rendered template text, escaped already: safe to print again.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    """``{% capture as name %}...{% endcapture %}``: render the contents once, use them several times.

    base.html uses it to print a page's title block in <title> and in Open Graph's og:title.
    """
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's public address (settings.SITE_URL) without its query string."""
    request = context.get("request")
    return f"{settings.SITE_URL}{request.path}" if request is not None else ""


@register.simple_tag
def page_description(page):
    """The page's search description, else its introduction as plain text: for meta and Open Graph tags."""
    text = page.search_description or getattr(page, "intro", "") or ""
    plain = " ".join(html.unescape(strip_tags(text)).split())
    return Truncator(plain).chars(DESCRIPTION_LENGTH)


@register.simple_tag(takes_context=True)
def crumb_title(context, page):
    """A page's name in the breadcrumbs. Under English a page of the main menu is named as the menu names it
    ("Counties", not "Fylker"); the menu is read for the header already, so this costs no query."""
    request = context.get("request")
    if request is not None:
        for item in selectors.menu_pages(request):
            if item.get("id") == page.pk:
                return selectors.menu_title(item)
    return page.title


@register.simple_tag
def requirement_sets_in_force():
    return selectors.requirement_sets_in_force()
