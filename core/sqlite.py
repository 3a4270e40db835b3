"""SQLite, the development and demo database, matches text regardless of case in every language.

SQLite's own LIKE folds only A-Z, so a search for "øst" missed "Østfold" and "ærlig" missed "Ærlig" there, while
PostgreSQL (production) found them. Django's contains, icontains, startswith and friends are all LIKE on SQLite,
so each new SQLite connection gets a like() of its own that folds case the way Python does for any letter.
"""

import re
from functools import lru_cache

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created


@lru_cache(maxsize=512)
def _pattern(pattern: str, escape: str | None) -> re.Pattern[str]:
    parts = []
    characters = iter(pattern)
    for character in characters:
        if escape and character == escape:
            parts.append(re.escape(next(characters, "")))
        elif character == "%":
            parts.append(".*")
        elif character == "_":
            parts.append(".")
        else:
            parts.append(re.escape(character))
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def like(pattern: str | None, value: object, escape: str | None = None) -> bool | None:
    """SQL's ``value LIKE pattern [ESCAPE escape]``, folding the case of every letter."""
    if pattern is None or value is None:
        return None
    return _pattern(pattern, escape).fullmatch(str(value)) is not None


def _add_like(sender: object, connection: BaseDatabaseWrapper, **kwargs: object) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("like", 2, like, deterministic=True)
        connection.connection.create_function("like", 3, like, deterministic=True)


def fold_case_in_like() -> None:
    connection_created.connect(_add_like, dispatch_uid="core.sqlite.fold_case_in_like")
