from typing import Any

from django.db.models import QuerySet

from accounts.models import User
from accounts.selectors import iso
from notifications.kinds import NoticeKind, all_kinds, get_kind
from notifications.models import Notice, NotificationPreference


def delivery_for(*, user: User, kind: str) -> str:
    """How ``user`` wants notices of ``kind``: their own choice, or the kind's default."""
    preference = NotificationPreference.objects.filter(user=user, kind=kind).values_list("delivery", flat=True).first()
    return preference or get_kind(kind).default_delivery


def notices_for(*, user: User) -> QuerySet[Notice]:
    return Notice.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(*, user: User) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


def preferences_for(*, user: User) -> list[tuple[NoticeKind, str]]:
    """The kinds the user can get (each kind's ``applies_to``), with their choice or the kind's default."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    kinds = [kind for kind in all_kinds() if kind.applies_to is None or kind.applies_to(user)]
    return [(kind, chosen.get(kind.key, kind.default_delivery)) for kind in kinds]


def personal_data(user: User) -> dict[str, Any]:
    """The person's notices and the e-mail choices they made (kinds they never chose for follow the default)."""
    return {
        "notices": [
            {
                "kind": n.kind,
                "title": n.title,
                "text": n.body,
                "link": n.link,
                "created": iso(n.created_at),
                "read": iso(n.read_at),
                "emailed": iso(n.emailed_at),
            }
            for n in notices_for(user=user)
        ],
        "email_choices": [
            {"kind": p.kind, "delivery": p.delivery}
            for p in NotificationPreference.objects.filter(user=user).order_by("kind")
        ],
    }
