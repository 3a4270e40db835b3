"""The history of an agreement: one ``AgreementChange`` row per change, written inside the change's transaction."""

import datetime
from typing import Any

from accounts.models import User
from partnerships.models import (
    Agreement,
    AgreementChange,
)


def record_change(
    agreement: Agreement, actor: User | None, action: str, details: list[dict[str, str]] | None = None
) -> None:
    AgreementChange.objects.create(agreement=agreement, actor=actor, action=action, details=details or [])


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
