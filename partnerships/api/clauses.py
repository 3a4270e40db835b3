"""The national guideline clauses, and how one agreement stands against them."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from partnerships.api.permissions import IsProfessional
from partnerships.api.schema import AGREEMENT_ID, NOT_FOUND, TAGS
from partnerships.api.serializers import ClauseCheckSerializer, GuidelineClauseSerializer
from partnerships.models import Agreement, GuidelineClause
from partnerships.selectors import agreements_with_clauses, clause_check


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
        agreement = self.get_object()
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
