"""The national guideline clauses, and how one agreement stands against them."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from partnerships import services
from partnerships.api.errors import service_errors
from partnerships.api.permissions import IsProfessional
from partnerships.api.schema import AGREEMENT_ID, NOT_FOUND, TAGS
from partnerships.api.serializers import ClauseCheckSerializer, ClauseFulfilSerializer, GuidelineClauseSerializer
from partnerships.models import Agreement, GuidelineClause
from partnerships.selectors import agreements_with_clauses, clause_check

CLAUSE_ID = OpenApiParameter(
    "clause_id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The guideline clause's id."
)
CLAUSE_NOT_FOUND = f"No such guideline clause, or: {NOT_FOUND}"


class AgreementClausesMixin:
    """An agreement's routes for the guideline clauses (``AgreementViewSet``)."""

    @extend_schema(
        summary="How the agreement stands against the national guidelines",
        description="The active guideline clauses it meets (and where), the ones required for one of its "
        f"partners' types that it lacks, and the rest. 404: {NOT_FOUND}",
        tags=TAGS,
        parameters=[AGREEMENT_ID],
        responses=ClauseCheckSerializer,
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def clauses(self, request, pk=None):
        return self._clause_check(self.get_object())

    @extend_schema(
        methods=["POST"],
        summary="Mark a guideline clause met",
        description="Say that the agreement meets the clause, and where (``note``, at most 300 characters); "
        "again to change where. The history says so. Refused (400) for a clause no longer in use. Answers how "
        f"the agreement now stands against the guidelines. 404: {CLAUSE_NOT_FOUND}",
        tags=TAGS,
        parameters=[AGREEMENT_ID, CLAUSE_ID],
        request=ClauseFulfilSerializer,
        responses=ClauseCheckSerializer,
    )
    @extend_schema(
        methods=["DELETE"],
        summary="Mark a guideline clause no longer met",
        description=f"The history says so, when it was marked met. 404: {CLAUSE_NOT_FOUND}",
        tags=TAGS,
        parameters=[AGREEMENT_ID, CLAUSE_ID],
        responses={204: None},
    )
    @action(
        detail=True,
        methods=["post", "delete"],
        url_path=r"clauses/(?P<clause_id>[0-9]+)",
        filter_backends=[],
        pagination_class=None,
    )
    def clause(self, request, pk=None, clause_id=None):
        agreement = self.get_object()
        clause = get_object_or_404(GuidelineClause, pk=clause_id)
        if request.method == "DELETE":
            services.clause_unfulfil(agreement=agreement, clause=clause, actor=request.user)
            return Response(status=status.HTTP_204_NO_CONTENT)
        incoming = ClauseFulfilSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        with service_errors():
            services.clause_fulfil(
                agreement=agreement, clause=clause, actor=request.user, note=incoming.validated_data["note"]
            )
        return self._clause_check(agreement)

    def _clause_check(self, agreement):
        loaded = agreements_with_clauses(Agreement.objects.filter(pk=agreement.pk)).get()
        check = clause_check(loaded, self.guideline_clauses)
        result = {
            "meets_guidelines": check.meets_guidelines,
            "met": [{"clause": clause, "note": note} for clause, note in check.met],
            "missing_required": check.missing_required,
            "missing_optional": check.missing_optional,
        }
        return Response(ClauseCheckSerializer(result).data)


@extend_schema_view(
    list=extend_schema(
        summary="The national guideline clauses in use",
        description="What agreements should contain, and for which partner types each clause is required. For "
        "counsellors and centre staff; 403 for others.",
        tags=TAGS,
    ),
)
class GuidelineClauseViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = GuidelineClause.objects.none()  # the schema's model; requests use get_queryset()
    serializer_class = GuidelineClauseSerializer
    permission_classes = [IsProfessional]
    pagination_class = None
    filter_backends = []

    def get_queryset(self):
        return GuidelineClause.objects.filter(is_active=True)
