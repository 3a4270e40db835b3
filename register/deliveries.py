"""Counting an activity as delivered under a partnership agreement.

An event can be marked as delivered under one of its centre's agreements, and then counts as delivery against
that agreement. The agreements live in ``partnerships`` and the events in ``events``; both sit above the
register and must not import each other. So the app that holds agreements registers a ``DeliveryChannel``
here in its ``AppConfig.ready``, and the app that runs activities reaches it through the functions below.
Without a channel there is nothing to choose and reporting does nothing.

A choice is a (key, label) pair; the key is the channel's own (an agreement's id), opaque to the caller.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from accounts.models import User
from register.models import Centre

Choice = tuple[str, str]


@dataclass(frozen=True)
class DeliveryItem:
    """An activity as the agreement shows it; ``source`` is the reporting app, ``reference`` its row."""

    source: str
    reference: str
    title: str
    date: datetime.date
    url: str = ""
    hours: Decimal | None = None
    participants: int | None = None


@dataclass(frozen=True)
class DeliveryChannel:
    # What ``user`` may deliver a ``centre``'s activity under.
    choices: Callable[[User, Centre], list[Choice]]
    # What the activity (source, reference) is delivered under now, or None.
    current: Callable[[str, str], Choice | None]
    # Count the item under the choice ``key`` (None: under none); raises ValidationError keyed
    # ``delivered_under`` when ``actor`` may not choose ``key`` for ``centre``.
    report: Callable[[str | None, DeliveryItem, User, Centre], None]
    # Bring the details of an item already counted up to date (title, date, hours, participants).
    refresh: Callable[[DeliveryItem], None]


_channel: DeliveryChannel | None = None


def register_delivery_channel(channel: DeliveryChannel) -> None:
    """Registering again replaces the channel."""
    global _channel
    _channel = channel


def delivery_choices(user: User, centre: Centre) -> list[Choice]:
    return _channel.choices(user, centre) if _channel is not None else []


def delivered_under(source: str, reference: str) -> Choice | None:
    return _channel.current(source, reference) if _channel is not None else None


def delivery_report(key: str | None, item: DeliveryItem, *, actor: User, centre: Centre) -> None:
    if _channel is not None:
        _channel.report(key, item, actor, centre)


def delivery_refresh(item: DeliveryItem) -> None:
    if _channel is not None:
        _channel.refresh(item)
