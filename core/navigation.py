"""The header's two menus, filled by the apps: the public portal's, and the workspace of signed-in professionals.

Each app registers a provider in its ``AppConfig.ready`` (the way notice kinds are registered), so no app
names another app's pages: ``provider(request)`` gives the entries that person may use, and the header
shows them in ``order``. A provider is asked once per request, and must stay cheap: the header is on
every page, so it reads what the request already holds (the user's roles are read once per request).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from django.http import HttpRequest


class Menu(StrEnum):
    PUBLIC = "public"
    WORKSPACE = "workspace"


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    order: int
    # A number shown beside the label (unread notices), with the words a screen reader says after it.
    count: int = 0
    count_label: str = ""
    # Pages that belong to this entry though their address does not start with its own (by URL name,
    # "namespace:name"): a centre's network page for a "Network" entry that redirects to it.
    url_names: frozenset[str] = frozenset()
    current: bool = False


Provider = Callable[[HttpRequest], Iterable[NavItem]]

_providers: dict[Menu, dict[str, Provider]] = {menu: {} for menu in Menu}


def register_nav(menu: Menu, key: str, provider: Provider) -> None:
    """Add an app's entries to a menu. Registering a key again replaces it."""
    _providers[menu][key] = provider


def menu_items(request: HttpRequest, menu: Menu) -> list[NavItem]:
    """The entries this person sees, in order, with the one for the current page marked.

    The current entry is the one named for the page, else the one whose address is the longest start of
    the page's path: a credit's page marks "Competence", not "My page"."""
    cache = request.__dict__.setdefault("_nav_menus", {})
    if menu not in cache:
        items = sorted((item for provider in _providers[menu].values() for item in provider(request)), key=_order)
        match = getattr(request, "resolver_match", None)
        cache[menu] = _mark_current(items, request.path, match.view_name if match else "")
    return cache[menu]


def _order(item: NavItem) -> tuple[int, str]:
    return item.order, item.label


def _mark_current(items: list[NavItem], path: str, view_name: str) -> list[NavItem]:
    def closeness(item: NavItem) -> int:
        """How well the entry fits the page: named for it beats any address; a longer address beats a shorter."""
        if view_name and view_name in item.url_names:
            return len(path) + 1
        address = item.url.split("?", 1)[0]
        if path == address or (address != "/" and address.endswith("/") and path.startswith(address)):
            return len(address)
        return 0

    best = max(items, key=closeness, default=None)
    return [replace(item, current=True) if item is best and closeness(item) else item for item in items]
