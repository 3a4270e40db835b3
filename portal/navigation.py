"""The portal's entries in the header's public menu (registered in ``PortalConfig.ready``)."""

from django.utils.translation import get_language

from core.navigation import NavItem
from portal.selectors import menu_pages


def public_items(request):
    """The pages editors put in the main menu, first. Their titles are bokmål, as the portal's pages are; under
    English a page type with an English menu label shows that instead."""
    english = get_language() == "en"
    for position, page in enumerate(menu_pages(request)):
        title = (english and page["title_en"]) or page["title"]
        yield NavItem(title or "", page["href"] or "/", order=position - 100)
