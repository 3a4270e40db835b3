"""E-guidance under ``/api/v1/guidance/``: asking, the asker's conversation by its private token, the queue."""

from rest_framework.routers import SimpleRouter

from guidance.api.views import ConversationViewSet, QuestionAskViewSet, QueueViewSet

router = SimpleRouter()
router.register("questions/by-token", ConversationViewSet, basename="guidance-conversation")
router.register("questions", QuestionAskViewSet, basename="guidance-question")
router.register("queue", QueueViewSet, basename="guidance-queue")

urlpatterns = router.urls
