"""The kinds of notice. Each feature app registers its kinds in its AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("E-mail at once")
    DIGEST = "digest", _("Daily digest")
    OFF = "off", _("No e-mail")


@dataclass(frozen=True)
class NoticeKind:
    key: str
    label: str | Promise  # usually a lazy translation, read in the language of the page or e-mail
    default_delivery: str = Delivery.IMMEDIATE
    # Who can get this kind (the settings page lists only those); None: anyone.
    applies_to: Callable[[Any], bool] | None = None


_kinds: dict[str, NoticeKind] = {}


def register_kind(
    key: str,
    label: str | Promise,
    default_delivery: str = Delivery.IMMEDIATE,
    *,
    applies_to: Callable[[Any], bool] | None = None,
) -> None:
    """``applies_to(user)`` says whether the person can get notices of this kind at all, for their settings page."""
    _kinds[key] = NoticeKind(key=key, label=label, default_delivery=default_delivery, applies_to=applies_to)


def get_kind(key: str) -> NoticeKind:
    try:
        return _kinds[key]
    except KeyError:
        raise LookupError(f"Unknown notice kind {key!r}; register it in the app's ready().") from None


def all_kinds() -> list[NoticeKind]:
    return sorted(_kinds.values(), key=lambda kind: kind.key)
