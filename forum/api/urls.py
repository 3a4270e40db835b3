"""The forum's API under ``/api/v1/forum/`` (a simple router: the API root stays the only one)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from forum.api.notifications import ForumNotificationAliasViewSet
from forum.api.threads import (
    CategoryViewSet,
    FlagViewSet,
    PostRevisionViewSet,
    PostViewSet,
    ThreadPostViewSet,
    ThreadViewSet,
    WatchingViewSet,
)

router = SimpleRouter()
router.register("categories", CategoryViewSet, basename="forum-category")
router.register("threads", ThreadViewSet, basename="forum-thread")
router.register(r"threads/(?P<thread_pk>[0-9]+)/posts", ThreadPostViewSet, basename="forum-thread-post")
router.register("posts", PostViewSet, basename="forum-post")
router.register(r"posts/(?P<post_pk>[0-9]+)/revisions", PostRevisionViewSet, basename="forum-post-revision")
router.register("flags", FlagViewSet, basename="forum-flag")
# The notices moved to /api/v1/notifications/; this alias stays until a later API version.
router.register("notifications", ForumNotificationAliasViewSet, basename="forum-notification")

urlpatterns = [
    path("watching/", WatchingViewSet.as_view({"put": "update"}), name="forum-watching"),
    *router.urls,
]
