from django.urls import include, path
from rest_framework.routers import DefaultRouter, SimpleRouter

from events.api import EventViewSet, MyRegistrationViewSet
from forum.api import (
    CategoryViewSet,
    FlagViewSet,
    NotificationViewSet,
    PostViewSet,
    ThreadPostViewSet,
    ThreadViewSet,
    WatchingViewSet,
)
from guidance.api import ConversationViewSet, QuestionAskViewSet, QueueViewSet
from register.api import (
    CentreViewSet,
    CompetenceAreaViewSet,
    CounsellorViewSet,
    CountyViewSet,
    CPDViewSet,
    CreditViewSet,
    MeViewSet,
    RequirementSetViewSet,
    StatementViewSet,
    StatusViewSet,
    VerifyViewSet,
)

router = DefaultRouter()
router.register("counties", CountyViewSet, basename="county")
router.register("centres", CentreViewSet, basename="centre")
router.register("competence-areas", CompetenceAreaViewSet, basename="competence-area")
router.register("requirements", RequirementSetViewSet, basename="requirement")
router.register("credits", CreditViewSet, basename="credit")
router.register("cpd", CPDViewSet, basename="cpd")
router.register("counsellors", CounsellorViewSet, basename="counsellor")
router.register("statements", StatementViewSet, basename="statement")
router.register("verify", VerifyViewSet, basename="verify")
router.register("events", EventViewSet, basename="event")

# The forum, under /api/v1/forum/ (a simple router: the API root above stays the only one).
forum_router = SimpleRouter()
forum_router.register("categories", CategoryViewSet, basename="forum-category")
forum_router.register("threads", ThreadViewSet, basename="forum-thread")
forum_router.register(r"threads/(?P<thread_pk>[0-9]+)/posts", ThreadPostViewSet, basename="forum-thread-post")
forum_router.register("posts", PostViewSet, basename="forum-post")
forum_router.register("flags", FlagViewSet, basename="forum-flag")
forum_router.register("notifications", NotificationViewSet, basename="forum-notification")

# E-guidance, under /api/v1/guidance/: asking, the asker's conversation by its private token, the queue.
guidance_router = SimpleRouter()
guidance_router.register("questions/by-token", ConversationViewSet, basename="guidance-conversation")
guidance_router.register("questions", QuestionAskViewSet, basename="guidance-question")
guidance_router.register("queue", QueueViewSet, basename="guidance-queue")

# One object each, for the signed-in user: no list, no id in the path.
urlpatterns = [
    path("me/", MeViewSet.as_view({"get": "retrieve", "patch": "partial_update"}), name="me"),
    path("status/", StatusViewSet.as_view({"get": "retrieve"}), name="status"),
    path("my-registrations/", MyRegistrationViewSet.as_view({"get": "list"}), name="my-registrations"),
    path("forum/watching/", WatchingViewSet.as_view({"put": "update"}), name="forum-watching"),
    path("forum/", include(forum_router.urls)),
    path("guidance/", include(guidance_router.urls)),
    *router.urls,
]
