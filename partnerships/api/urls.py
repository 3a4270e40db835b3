"""Partnership agreements under ``/api/v1/partnerships/``."""

from rest_framework.routers import SimpleRouter

from partnerships.api.agreements import AgreementViewSet
from partnerships.api.clauses import GuidelineClauseViewSet
from partnerships.api.reviews import AgreementHistoryViewSet, AgreementReviewViewSet

router = SimpleRouter()
router.register("agreements", AgreementViewSet, basename="partnership-agreement")
router.register(
    r"agreements/(?P<agreement_pk>[0-9]+)/reviews", AgreementReviewViewSet, basename="partnership-agreement-review"
)
router.register(
    r"agreements/(?P<agreement_pk>[0-9]+)/history", AgreementHistoryViewSet, basename="partnership-agreement-history"
)
router.register("clauses", GuidelineClauseViewSet, basename="partnership-clause")

urlpatterns = router.urls
