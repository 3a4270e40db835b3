"""Page URLs for one request. Knows Wagtail's Page and no portal page type, so both the page types'
own context (``portal.models``) and the shared reads (``portal.selectors``) use it.

``Page.get_url(request)`` reads the site root paths from the cache once per request; no page in a
list costs a query of its own.
"""

from collections.abc import Iterable
from typing import TypeVar

from django.http import HttpRequest
from wagtail.models import Page

P = TypeVar("P", bound=Page)


def with_urls(pages: Iterable[P], request: HttpRequest | None) -> list[P]:
    """The pages as a list, each with ``href``: its URL for this request."""
    pages = list(pages)
    for page in pages:
        page.href = page.get_url(request)  # read by the templates
    return pages


def breadcrumb_pages(page: Page, request: HttpRequest) -> list[Page]:
    """The page's ancestors from the home page down (the tree's root left out), then the page itself."""
    ancestors = page.get_ancestors().filter(depth__gte=2).only("id", "title", "slug", "url_path", "path", "depth")
    return [*with_urls(ancestors, request), *with_urls([page], request)]
