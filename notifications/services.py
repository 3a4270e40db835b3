"""Writes for notices: sending one, marking them read, and each person's choice of e-mail per kind.

Every app tells people things through ``notice_send``. The e-mail itself is composed and sent in
``notifications.emails``, which the background tasks call: services -> tasks -> emails, no circle.
"""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from notifications import tasks
from notifications.kinds import Delivery, get_kind
from notifications.models import Notice, NotificationPreference
from notifications.selectors import delivery_for


def notice_send(*, recipient: User, kind: str, title: str, body: str = "", link: str = "") -> Notice:
    """Tell one person something: an in-app notice, e-mailed at once if that is their choice.

    ``link`` is a path on this site. The e-mail task is queued after the transaction commits,
    so a rolled-back change sends nothing.
    """
    notice = Notice.objects.create(
        recipient=recipient,
        kind=kind,
        title=title,
        body=body,
        link=link,
        delivery=delivery_for(user=recipient, kind=kind),
    )
    if notice.delivery == Delivery.IMMEDIATE and recipient.is_active:
        transaction.on_commit(lambda: tasks.send_notice_email.enqueue(notice_id=notice.pk))
    return notice


def notice_mark_read(*, notice: Notice) -> None:
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])


def notices_mark_all_read(*, user: User) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def preference_set(*, user: User, kind: str, delivery: str) -> None:
    get_kind(kind)
    if delivery not in Delivery.values:
        raise ValueError(f"Unknown delivery {delivery!r}")
    NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})
