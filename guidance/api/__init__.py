from guidance.api.views import ConversationViewSet, QuestionAskViewSet, QueueViewSet

__all__ = ["ConversationViewSet", "QuestionAskViewSet", "QueueViewSet"]
