"""Handles: the stable name people are mentioned by in the forum (``@kari-nordmann``).

Chosen at sign-up or made from the name (never from the e-mail address, which others must not learn), lower
case, unique, and kept when the name changes, so an old mention still points at the same person. Only letters
a-z, digits, and ``.``, ``_`` or ``-`` inside, so ``@kari-nordmann.`` at the end of a sentence is the handle
without its full stop, and an e-mail address (``ola@example.org``) never reads as a mention.
"""

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 30
PATTERN = r"[a-z0-9][a-z0-9._-]{0,28}[a-z0-9]"
_WHOLE = re.compile(rf"{PATTERN}\Z")
# "@handle" not glued to a word, an address or a path before it: "ola@example.org" and "/@x" are not mentions.
MENTION = re.compile(rf"(?<![\w@./])@({PATTERN})(?![\w@])", re.IGNORECASE)
_NORWEGIAN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})


class HandleConverter:
    """``<handle:handle>`` in a URL: anything else is no page (a 404), never a query."""

    regex = PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def validate_handle(value: str) -> None:
    if not _WHOLE.match(value):
        raise ValidationError(
            _(
                "Use 2 to 30 small letters a-z, digits, and . _ or - between them, such as kari-nordmann. "
                "Leave it empty to get one made from your name."
            ),
            code="invalid",
        )


def base_for(full_name: str) -> str:
    """``"Kari Nordmann"`` -> ``"kari-nordmann"``, ``"Bjørn Ås"`` -> ``"bjorn-as"``; no name: ``"person"``."""
    source = full_name.translate(_NORWEGIAN) or "person"
    base = re.sub(r"[^a-z0-9._-]+", "-", slugify(source.replace(".", "-")) or "person").strip("._-")
    base = base[:MAX_LENGTH].strip("._-")
    return base if len(base) >= 2 else f"{base or 'p'}1"


def unique_handles(wanted: Iterable[str], taken: set[str]) -> list[str]:
    """Each wanted base as it is if free, else with the smallest number after it that is: ``kari-nordmann2``.

    ``taken`` grows with what is given out, so one call hands out distinct handles for a whole batch.
    """
    handles = []
    for base in wanted:
        handle, number = base, 1
        while handle in taken:
            number += 1
            suffix = str(number)
            handle = f"{base[: MAX_LENGTH - len(suffix)].rstrip('._-')}{suffix}"
        taken.add(handle)
        handles.append(handle)
    return handles
