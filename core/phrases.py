"""Words kept as their source text and parameters, and put into a language only when someone reads them.

A notice is read later, by someone else, maybe in another language than the request that caused it:
"Du har fått plass: Fagdag" for a reader in bokmål, "You have a place: Fagdag" in English, and its e-mail
in the language the recipient chose. So services word it as a ``Phrase``, which is stored as JSON
(``as_json``/``from_json``) and rendered with ``str()`` in whatever language is active then.

``phrase`` and ``nphrase`` are translation keywords (``core/management/commands/makemessages.py``), so
their first arguments go into the message catalogue like ``gettext``'s. Parameters are kept as what they
are, not as text: a date is written "3. desember 2026" or "3 December 2026" when read, a number "67,5" or
"67.5", and a lazy translation (a choice's label) in the reader's language. ``verbatim`` is text someone
typed (an organiser's message, a reviewer's note): never translated.
"""

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext

from core.numbers import format_amount

logger = logging.getLogger(__name__)

# The language the source texts are written in: a lazy translation read in it gives back its msgid.
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Phrase:
    text: str
    params: Mapping[str, Any] = field(default_factory=dict)
    plural: str = ""
    number: int = 0
    translate: bool = True

    def __str__(self) -> str:
        if not self.translate or not self.text:  # gettext("") would give the catalogue's header
            return self.text
        if self.plural:
            template = ngettext(self.text, self.plural, self.number)
            values = {"count": self.number, **{key: _render(value) for key, value in self.params.items()}}
        else:
            template = gettext(self.text)
            values = {key: _render(value) for key, value in self.params.items()}
        if not values:
            return template
        try:
            return template % values
        except (KeyError, ValueError, TypeError):
            # A stored notice outlives its wording: a translation or a later text may want a parameter it lacks.
            # Then the source text, and failing that the bare words, rather than a page that cannot be shown.
            logger.warning("A phrase could not be put into words: %r", self.text)
            try:
                return self.text % values
            except (KeyError, ValueError, TypeError):
                return self.text

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text}
        if self.params:
            data["params"] = {key: _encode(value) for key, value in self.params.items()}
        if self.plural:
            data["plural"] = self.plural
            data["number"] = self.number
        if not self.translate:
            data["verbatim"] = True
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Phrase":
        return cls(
            text=data.get("text", ""),
            params={key: _decode(value) for key, value in data.get("params", {}).items()},
            plural=data.get("plural", ""),
            number=data.get("number", 0),
            translate=not data.get("verbatim", False),
        )


def phrase(text: str, /, **params: Any) -> Phrase:
    """``phrase("You have a place: %(title)s", title=event.title)``: translated when it is read."""
    return Phrase(text=text, params=params)


def nphrase(singular: str, plural: str, number: int, /, **params: Any) -> Phrase:
    """As ``ngettext``: the form for ``number``, which the texts can use as ``%(count)d``."""
    return Phrase(text=singular, plural=plural, number=number, params=params)


def verbatim(text: str) -> Phrase:
    """Someone's own words, shown as they wrote them in every language."""
    return Phrase(text=text, translate=False)


def _render(value: Any) -> Any:
    if isinstance(value, Phrase):
        return str(value)
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, Decimal):
        return format_amount(value)
    return value


def _encode(value: Any) -> Any:
    if isinstance(value, Promise):
        with translation.override(SOURCE_LANGUAGE):
            return {"phrase": {"text": str(value)}}
    if isinstance(value, Phrase):
        return {"phrase": value.as_json()}
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"amount": str(value)}
    if isinstance(value, (int, float, str)):
        return value
    return str(value)


def _decode(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    if "phrase" in value:
        return Phrase.from_json(value["phrase"])
    if "datetime" in value:
        return parse_datetime(value["datetime"])
    if "date" in value:
        return parse_date(value["date"])
    if "amount" in value:
        return Decimal(value["amount"])
    return value
