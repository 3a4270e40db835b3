"""The parts of "my data": what each app holds about one person, for the download on /min-side/mine-data/.

The download is the register's page, but every app holds something about a person (events their registrations,
the forum their posts, e-guidance the questions they answered). No lower app may name a higher one, so each app
registers its part here in its ``AppConfig.ready``, the way notice kinds are registered with
``notifications.kinds``; the download is the union of the parts, in the order the apps registered them.

Each part also says which links to the person it exports: the ``(model, field)`` pairs whose rows point at
the user and that the part reads. ``tests/accounts/test_personal_data.py`` walks every model and fails when a
field pointing at the user model is neither covered by a part nor left out on purpose, with a reason, so a new
model that stores something about people cannot be forgotten here.

A part returns JSON-ready data (strings, numbers, booleans, lists, dicts, dates) and never a secret: no
password hash, token key or digest, TOTP seed or recovery code.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.utils import timezone

from accounts.models import User

Export = Callable[[User], Any]


@dataclass(frozen=True)
class PersonalDataPart:
    key: str
    export: Export
    # ("app_label.ModelName", "field name") for each foreign key or one-to-one to the user the part exports.
    covers: frozenset[tuple[str, str]]


_parts: dict[str, PersonalDataPart] = {}


def _label(model: type[Model] | str) -> str:
    return model if isinstance(model, str) else model._meta.label


def register_personal_data(key: str, export: Export, *, covers: Iterable[tuple[type[Model] | str, str]]) -> None:
    """Add ``export(user)`` to the download under ``key``. Registering a key again replaces it.

    ``covers``: the ``(model, field)`` pairs linking rows to the person that ``export`` exports, the model as
    a class or ``"app_label.ModelName"``.
    """
    _parts[key] = PersonalDataPart(key, export, frozenset((_label(model), field) for model, field in covers))


def personal_data_parts() -> list[PersonalDataPart]:
    return list(_parts.values())


def personal_data_export(user: User) -> dict[str, Any]:
    """Everything the platform holds about ``user``: ``exported_at`` and one entry per registered part."""
    return {"exported_at": timezone.now().isoformat(), **{part.key: part.export(user) for part in _parts.values()}}
