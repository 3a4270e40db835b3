"""The registry through which apps add tables and key figures to the overview.

The overview is the register's page, but events and e-guidance live in apps above it, which the
register must not name. Each such app registers a provider in its ``AppConfig.ready`` (as with
``register.staff_sections``); the register's own figures register the same way. A provider gets the
scope and the period and gives its tables and its key figures; the key figures are what the monthly
snapshot stores and the trend shows.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from register.overview.scope import Scope
from register.overview.tables import Kind, Table, format_cell


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included (Oslo dates). Flows (events held, questions asked,
    decisions made) count inside it; states (who meets the requirement) are measured on ``end``."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def last_months(cls, months: int, end: datetime.date) -> "Period":
        year, month = divmod(end.year * 12 + end.month - 1 - months + 1, 12)
        return cls(start=datetime.date(year, month + 1, 1), end=end)

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The period as moments: from midnight starting ``start`` to midnight ending ``end``, local time."""
        zone = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.start, datetime.time(0, 0), zone)
        return start, datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time(0, 0), zone)

    @classmethod
    def month_of(cls, day: datetime.date) -> "Period":
        first = day.replace(day=1)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        return cls(start=first, end=following - datetime.timedelta(days=1))


@dataclass(frozen=True)
class Headline:
    key: str
    label: str
    kind: Kind
    value: Any

    @property
    def formatted(self) -> str:
        return format_cell(self.value, self.kind)


@dataclass
class Contribution:
    tables: list[Table] = field(default_factory=list)
    headlines: list[Headline] = field(default_factory=list)
    # Counts kept in the snapshots beside the key figures but not shown: the people a published share rests on.
    counts: dict[str, int] = field(default_factory=dict)


Provider = Callable[[Scope, Period], Contribution]

_providers: dict[str, Provider] = {}


def register_overview(key: str, provider: Provider) -> None:
    """Add ``provider(scope, period)`` to the overview. Registering a key again replaces it."""
    _providers[key] = provider


def contributions(scope: Scope, period: Period) -> list[Contribution]:
    return [provider(scope, period) for provider in _providers.values()]
