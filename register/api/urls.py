"""The register's API at the top of ``/api/v1/``."""

from django.urls import path
from rest_framework.routers import SimpleRouter
from rest_framework.urlpatterns import format_suffix_patterns

from register.api.audits import AuditItemViewSet, AuditRoundViewSet
from register.api.competence import (
    CompetenceAreaViewSet,
    CPDViewSet,
    CreditViewSet,
    MeViewSet,
    RequirementSetViewSet,
    StatusViewSet,
)
from register.api.network import CounsellorViewSet
from register.api.organisation import CentreViewSet, CountyViewSet
from register.api.statements import StatementViewSet, VerifyViewSet
from register.api.statistics import StatisticsViewSet

router = SimpleRouter()
router.register("counties", CountyViewSet, basename="county")
router.register("centres", CentreViewSet, basename="centre")
router.register("competence-areas", CompetenceAreaViewSet, basename="competence-area")
router.register("requirements", RequirementSetViewSet, basename="requirement")
router.register("credits", CreditViewSet, basename="credit")
router.register("cpd", CPDViewSet, basename="cpd")
router.register("counsellors", CounsellorViewSet, basename="counsellor")
router.register("statements", StatementViewSet, basename="statement")
router.register("verify", VerifyViewSet, basename="verify")
router.register("audits", AuditRoundViewSet, basename="audit")
router.register("audit-items", AuditItemViewSet, basename="audit-item")
router.register("statistics", StatisticsViewSet, basename="statistics")

# One object each, for the signed-in user: no list, no id in the path.
urlpatterns = [
    path("me/", MeViewSet.as_view({"get": "retrieve", "patch": "partial_update"}), name="me"),
    path("status/", StatusViewSet.as_view({"get": "retrieve"}), name="status"),
    # As under DRF's DefaultRouter before: /api/v1/counties.json and the like keep working.
    *format_suffix_patterns(router.urls),
]
