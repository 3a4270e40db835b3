from django.db.models import QuerySet

from accounts.models import User
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
    """Every registered kind with the user's choice (or the kind's default)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return [(kind, chosen.get(kind.key, kind.default_delivery)) for kind in all_kinds()]
