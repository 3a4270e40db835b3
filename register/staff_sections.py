"""Sections of the staff page (/staff/) that apps above the register add.

The staff page is the register's, but much of the work it links to lives in apps that build on
the register (events to run, questions to answer). The register must not name them, so each app
registers a section in its ``AppConfig.ready``, the way notice kinds are registered with
``notifications.kinds``. A section with no links for the user is not shown.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from register.models import Membership


@dataclass(frozen=True)
class StaffLink:
    label: str
    url: str


@dataclass(frozen=True)
class StaffSection:
    key: str
    title: str
    links: Sequence[StaffLink]


SectionProvider = Callable[[AbstractBaseUser, Sequence[Membership]], StaffSection | None]

_providers: dict[str, SectionProvider] = {}


def register_staff_section(key: str, provider: SectionProvider) -> None:
    """``provider(user, memberships)`` gives the section for that user, or None. Registering a key again replaces it."""
    _providers[key] = provider


def staff_sections(user: AbstractBaseUser, memberships: Sequence[Membership]) -> list[StaffSection]:
    """The sections this user sees, in the order the apps registered them."""
    sections = (provider(user, memberships) for provider in _providers.values())
    return [section for section in sections if section is not None and section.links]
