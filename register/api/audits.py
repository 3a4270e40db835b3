"""Evidence audits in the API, with the pages' rules: rounds for a centre's admins and verifiers (and national
admins), audited entries for their owners and the verifiers who decide them."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from register import services
from register.api.competence import UPLOAD_PARSERS
from register.api.serializers import (
    AuditDecisionSerializer,
    AuditDrawSerializer,
    AuditEvidenceSerializer,
    AuditItemSerializer,
    AuditRoundSerializer,
)
from register.models import AuditItem, AuditOutcome, AuditRound
from register.selectors.api import audit_items_visible_to, audit_rounds_visible_to

TAGS = ["audits"]


@extend_schema_view(
    list=extend_schema(summary="Evidence audits of the centres where I am admin or verifier", tags=TAGS),
    retrieve=extend_schema(summary="One evidence audit, with its seed and population to repeat the draw", tags=TAGS),
    create=extend_schema(
        summary="Draw an evidence audit now (the centre's admins)",
        tags=TAGS,
        request=AuditDrawSerializer,
        responses={201: AuditRoundSerializer},
    ),
)
class AuditRoundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = AuditRound.objects.none()  # the schema's model; requests use get_queryset()
    serializer_class = AuditRoundSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return audit_rounds_visible_to(self.request.user)

    def create(self, request):
        incoming = AuditDrawSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        round_ = services.audit_draw(
            centre=incoming.validated_data["centre"], actor=request.user, share=incoming.validated_data.get("share")
        )
        return Response(AuditRoundSerializer(round_).data, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="My audited entries, and those I may decide as a verifier", tags=TAGS),
    retrieve=extend_schema(summary="One audited entry", tags=TAGS),
    submit=extend_schema(
        summary="Send the evidence asked for (the owner; multipart)",
        tags=TAGS,
        request={"multipart/form-data": AuditEvidenceSerializer},
        responses=AuditItemSerializer,
    ),
    decide=extend_schema(
        summary="Record the outcome (verifiers at the audit's centre); not confirmed needs a reason",
        tags=TAGS,
        request=AuditDecisionSerializer,
        responses=AuditItemSerializer,
    ),
)
class AuditItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = AuditItem.objects.none()  # the schema's model; requests use get_queryset()
    serializer_class = AuditItemSerializer
    permission_classes = [permissions.IsAuthenticated]
    parser_classes = UPLOAD_PARSERS

    def get_queryset(self):
        return audit_items_visible_to(self.request.user)

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        item = self.get_object()
        if item.owner_id != request.user.pk:
            raise PermissionDenied
        incoming = AuditEvidenceSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.audit_submit(item=item, actor=request.user, **incoming.validated_data)
        return Response(AuditItemSerializer(self.get_queryset().get(pk=item.pk)).data)

    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        item = self.get_object()
        incoming = AuditDecisionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.audit_decide(
            item=item,
            verifier=request.user,
            confirmed=incoming.validated_data["outcome"] == AuditOutcome.CONFIRMED,
            reason=incoming.validated_data["reason"],
        )
        return Response(AuditItemSerializer(self.get_queryset().get(pk=item.pk)).data)
