"""``/api/v1/forum/notifications/``, where the notices first lived, kept as a deprecated alias."""

from forum.api.permissions import IsProfessional
from notifications.api.views import NotificationViewSet, documented


@documented(tags=["forum"], deprecated=True)
class ForumNotificationAliasViewSet(NotificationViewSet):
    """The same answers as ``/api/v1/notifications/``, to the forum's audience as before the move.

    Deprecated in the schema; a later API version removes it.
    """

    permission_classes = [IsProfessional]
