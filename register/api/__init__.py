"""The register's API (``/api/v1/``): serializers, viewsets and filters, split by topic."""

from register.api.competence import (
    CompetenceAreaViewSet,
    CPDViewSet,
    CreditViewSet,
    MeViewSet,
    RequirementSetViewSet,
    StatusViewSet,
)
from register.api.network import CounsellorViewSet
from register.api.organisation import CentreSerializer, CentreViewSet, CountySerializer, CountyViewSet
from register.api.statements import StatementViewSet, VerifyViewSet

__all__ = [
    "CPDViewSet",
    "CentreSerializer",
    "CentreViewSet",
    "CompetenceAreaViewSet",
    "CountySerializer",
    "CountyViewSet",
    "CounsellorViewSet",
    "CreditViewSet",
    "MeViewSet",
    "RequirementSetViewSet",
    "StatementViewSet",
    "StatusViewSet",
    "VerifyViewSet",
]
