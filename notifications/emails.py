"""E-mailing notices: one at once, or the day's digest. The background tasks call these.

Nothing here imports ``notifications.tasks`` or ``notifications.services``: they depend on this module,
never the reverse.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from accounts.models import User
from accounts.tasks import send_email
from notifications.kinds import Delivery, get_kind
from notifications.models import Notice
from notifications.tokens import make_unsubscribe_token


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def unsubscribe_url(*, user: User, kind: str) -> str:
    return absolute_url(reverse("notifications:unsubscribe", kwargs={"token": make_unsubscribe_token(user.pk, kind)}))


def _unsubscribe_headers(url: str) -> dict[str, str]:
    # RFC 8058: mail clients may unsubscribe with one POST, without opening a page.
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def notice_email(*, notice: Notice) -> bool:
    """E-mail one notice now (called by the task), in the recipient's language. Does nothing if it has been
    e-mailed."""
    with transaction.atomic():
        notice = Notice.objects.select_for_update().select_related("recipient").get(pk=notice.pk)
        if notice.emailed_at is not None:
            return False
        notice.emailed_at = timezone.now()
        notice.save(update_fields=["emailed_at"])
    recipient = notice.recipient
    url = unsubscribe_url(user=recipient, kind=notice.kind)
    with translation.override(recipient.language):
        context = {
            "notice": notice,
            "link": absolute_url(notice.link) if notice.link else "",
            "unsubscribe_url": url,
            "kind_label": get_kind(notice.kind).label,
            "settings_url": absolute_url(reverse("notifications:settings")),
        }
        body = render_to_string("notifications/email/notice.txt", context)
        subject = f"[KarriereNorge] {notice.title}"
    send_email.enqueue(to=[recipient.email], subject=subject, body=body, headers=_unsubscribe_headers(url))
    return True


def digest_send(*, user: User) -> int:
    """E-mail one person every digest notice not yet e-mailed, in one message in their language."""
    with transaction.atomic():
        notices = list(
            Notice.objects.select_for_update()
            .filter(recipient=user, delivery=Delivery.DIGEST, emailed_at__isnull=True)
            .order_by("created_at")
        )
        if not notices:
            return 0
        Notice.objects.filter(pk__in=[n.pk for n in notices]).update(emailed_at=timezone.now())
    kinds = sorted({n.kind for n in notices})
    with translation.override(user.language):
        items = [{"notice": n, "link": absolute_url(n.link) if n.link else ""} for n in notices]
        urls = {k: unsubscribe_url(user=user, kind=k) for k in kinds}
        unsubscribe = [{"label": get_kind(k).label, "url": urls[k]} for k in kinds]
        body = render_to_string(
            "notifications/email/digest.txt",
            {
                "items": items,
                "unsubscribe": unsubscribe,
                "settings_url": absolute_url(reverse("notifications:settings")),
            },
        )
        subject = "[KarriereNorge] " + ngettext(
            "Your daily summary: %(count)d new notice", "Your daily summary: %(count)d new notices", len(notices)
        ) % {"count": len(notices)}
    headers = _unsubscribe_headers(urls[kinds[0]]) if len(kinds) == 1 else {}
    send_email.enqueue(to=[user.email], subject=subject, body=body, headers=headers)
    return len(notices)


def digests_send_all() -> int:
    """Send every pending daily digest. Run once a day (``manage.py send_digests``)."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, notices__delivery=Delivery.DIGEST, notices__emailed_at__isnull=True)
        .distinct()
    )
    return sum(digest_send(user=user) for user in users)
