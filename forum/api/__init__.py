"""The forum's API (``/api/v1/forum/``): serializers, filters and viewsets, split by topic."""

from forum.api.notifications import NotificationViewSet
from forum.api.threads import (
    CategoryViewSet,
    FlagViewSet,
    PostViewSet,
    ThreadPostViewSet,
    ThreadViewSet,
    WatchingViewSet,
)

__all__ = [
    "CategoryViewSet",
    "FlagViewSet",
    "NotificationViewSet",
    "PostViewSet",
    "ThreadPostViewSet",
    "ThreadViewSet",
    "WatchingViewSet",
]
