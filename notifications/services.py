"""Writes for notices: sending one, marking them read, and each person's choice of e-mail per kind.

Every app tells people things through ``notice_send``. The e-mail itself is composed and sent in
``notifications.emails``, which the background tasks call: services -> tasks -> emails, no circle.
"""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.phrases import Phrase
from notifications import tasks
from notifications.kinds import Delivery, get_kind
from notifications.models import Notice, NotificationPreference
from notifications.selectors import delivery_for


def _message(title: Phrase, body: Phrase | None) -> dict:
    return {"title": title.as_json(), **({"body": body.as_json()} if body is not None else {})}


def notice_send(
    *, recipient: User, kind: str, title: Phrase, body: Phrase | None = None, link: str = "", group: str = ""
) -> Notice:
    """Tell one person something: an in-app notice, e-mailed at once if that is their choice.

    ``title`` and ``body`` are phrases (``core.phrases``), worded when read in the reader's language.
    ``link`` is a path on this site. The e-mail task is queued after the transaction commits,
    so a rolled-back change sends nothing.
    """
    notice = Notice.objects.create(
        recipient=recipient,
        kind=kind,
        message=_message(title, body),
        link=link,
        group=group,
        delivery=delivery_for(user=recipient, kind=kind),
    )
    if notice.delivery == Delivery.IMMEDIATE and recipient.is_active:
        transaction.on_commit(lambda: tasks.send_notice_email.enqueue(notice_id=notice.pk))
    return notice


def notice_send_grouped(
    *,
    recipient: User,
    kind: str,
    group: str,
    title: Callable[[int], Phrase],
    body: Phrase | None = None,
    link: str = "",
) -> Notice:
    """Tell one person about one more event of the same thing: while their notice about ``group`` is unread, it
    counts the events, takes the newest text and moves to the top, and no second e-mail goes out; once read, the
    next event starts a new notice. ``title(count)`` words it: "3 new posts in ..."."""
    with transaction.atomic():
        notice = (
            Notice.objects.select_for_update()
            .filter(recipient=recipient, kind=kind, group=group, read_at__isnull=True)
            .order_by("-created_at")
            .first()
        )
        if notice is None:
            return notice_send(recipient=recipient, kind=kind, title=title(1), body=body, link=link, group=group)
        notice.count += 1
        notice.message = _message(title(notice.count), body)
        notice.link = link
        notice.created_at = timezone.now()
        notice.save(update_fields=["count", "message", "link", "created_at"])
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
