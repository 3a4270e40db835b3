"""Demo content for the portal, in Norwegian: the home page's texts, an introduction for each county, a text for
each demo centre, the national standard's pages, news and the two plain pages.

Run by ``manage.py seed_portal_demo`` (and by ``seed_demo``, which calls that command by name so the register
never imports the portal). It first builds the page tree from the register (``sync_portal_pages``), then only
creates pages that are missing and fills fields that are still empty, so a second run changes nothing and an
editor's work is never overwritten. Every page is published through a revision.
"""

from dataclasses import dataclass

from django.db import transaction

from portal.demo.home import seed_centre_texts, seed_county_intros, seed_home_texts
from portal.demo.news import seed_news
from portal.demo.standard import seed_standard_pages
from portal.services import sync_portal_pages

__all__ = ["PortalDemoResult", "seed_portal_demo"]


@dataclass
class PortalDemoResult:
    tree_created: int  # the tree: home, overviews, counties, centres, plain pages
    pages_created: int  # standard pages and news created by this run
    pages_filled: int  # existing pages whose empty texts this run filled in


@transaction.atomic
def seed_portal_demo():
    """See the module docstring."""
    tree_created = sync_portal_pages()
    pages_filled = seed_home_texts() + seed_county_intros() + seed_centre_texts()
    standard_created, standard_filled = seed_standard_pages()
    pages_created = standard_created + seed_news()
    return PortalDemoResult(
        tree_created=tree_created, pages_created=pages_created, pages_filled=pages_filled + standard_filled
    )
