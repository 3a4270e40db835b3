"""The demo seeders of every app, for ``manage.py seed_demo``.

Each app keeps its demo behind a management command of its own and registers it here in its
``AppConfig.ready``, with its place in the order (an app's demo builds on the demos of the apps
below it) and the part of ``seed_demo``'s options it takes. So no app names the apps above it,
and ``core`` names none of them.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.management.base import CommandParser

Options = Mapping[str, Any]


SCALES = ["demo", "national"]


def add_scale_argument(parser: CommandParser, national: str) -> None:
    """``--scale demo|national`` on a seed command; ``national`` says what the national scale adds."""
    parser.add_argument("--scale", choices=SCALES, default="demo", help=f"national: {national}")


def _no_arguments(parser: CommandParser) -> None:
    return None


def _no_options(options: Options) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class DemoSeeder:
    command: str
    order: int
    add_arguments: Callable[[CommandParser], None]
    options: Callable[[Options], dict[str, Any]]


_seeders: dict[str, DemoSeeder] = {}


def register_demo_seeder(
    command: str,
    *,
    order: int,
    add_arguments: Callable[[CommandParser], None] = _no_arguments,
    options: Callable[[Options], dict[str, Any]] = _no_options,
) -> None:
    """Have ``seed_demo`` run ``command``, lower ``order`` first.

    ``add_arguments(parser)`` adds the app's own options to ``seed_demo``; ``options(seed_demo_options)``
    gives the keyword arguments its command is called with.
    """
    _seeders[command] = DemoSeeder(command, order, add_arguments, options)


def demo_seeders() -> list[DemoSeeder]:
    return sorted(_seeders.values(), key=lambda seeder: seeder.order)
