"""Sections of the counsellor's home-centre page (/hjemmesenter/) that apps above the register add.

The page is the register's, but some of what a counsellor should find there lives in apps that build on
the register (the agreements between their workplace and a centre). The register must not name them, so each
app registers a provider in its ``AppConfig.ready``, the way staff-page sections are registered
(``register.staff_sections``). The page includes each section's template with the section as ``section``.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from accounts.models import User
from register.models import CounsellorProfile


@dataclass(frozen=True)
class HomeCentreSection:
    key: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)


SectionProvider = Callable[[User, CounsellorProfile | None], HomeCentreSection | None]

_providers: dict[str, SectionProvider] = {}


def register_home_centre_section(key: str, provider: SectionProvider) -> None:
    """``provider(user, profile)`` gives the section for that counsellor, or None. Registering a key again
    replaces it."""
    _providers[key] = provider


def home_centre_sections(user: User, profile: CounsellorProfile | None) -> list[HomeCentreSection]:
    """The sections this counsellor sees, in the order the apps registered them."""
    sections = (provider(user, profile) for provider in _providers.values())
    return [section for section in sections if section is not None]
