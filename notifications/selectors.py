from notifications.kinds import all_kinds
from notifications.models import Notice, NotificationPreference


def notices_for(*, user):
    return Notice.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(*, user):
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


def preferences_for(*, user):
    """Every registered kind with the user's choice (or the kind's default)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return [(kind, chosen.get(kind.key, kind.default_delivery)) for kind in all_kinds()]
