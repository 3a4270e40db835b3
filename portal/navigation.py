"""The portal's entries in the header's public menu (registered in ``PortalConfig.ready``)."""

from core.navigation import NavItem
from portal.selectors import menu_pages, menu_title


def public_items(request):
    """The pages editors put in the main menu, first. Their titles are bokmål, as the portal's pages are; under
    English a page type with an English menu label shows that instead."""
    for position, page in enumerate(menu_pages(request)):
        yield NavItem(menu_title(page), page["href"] or "/", order=position - 100)
