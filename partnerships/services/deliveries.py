"""Deliveries reported by other apps: events marks an event delivered under an agreement (``register.deliveries``)."""

import datetime
from typing import Any

from django.db import transaction

from accounts.models import User
from partnerships.models import (
    Agreement,
    DeliveredActivity,
)
from partnerships.services.changes import record_change


@transaction.atomic
def activity_report(
    *,
    agreement: Agreement | None,
    source: str,
    reference: str,
    title: str,
    date: datetime.date,
    url: str = "",
    hours: Any = None,
    participants: int | None = None,
    actor: User | None = None,
) -> DeliveredActivity | None:
    """Count ``source``'s row ``reference`` as delivered under ``agreement``, keep its details up to date, or,
    with ``agreement`` None, no longer count it under any agreement."""
    current = DeliveredActivity.objects.filter(source=source, reference=reference).select_related("agreement").first()
    if current is not None and (agreement is None or current.agreement_id != agreement.pk):
        current.delete()
        record_change(current.agreement, actor, "activity.removed", [{"item": current.title}])
        current = None
    if agreement is None:
        return None
    values = {"title": title, "date": date, "url": url, "hours": hours, "participants": participants}
    if current is None:
        activity = DeliveredActivity.objects.create(agreement=agreement, source=source, reference=reference, **values)
        record_change(agreement, actor, "activity.added", [{"item": title}])
        return activity
    for field, value in values.items():
        setattr(current, field, value)
    current.save()
    return current
