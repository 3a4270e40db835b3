"""Competence statements through the API: the holder's own list, issue and revoke; the public check."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle

from core.api import RateLimited
from register import services
from register.api.permissions import IsOwner
from register.api.serializers import StatementIssueSerializer, StatementSerializer, VerifyResultSerializer
from register.documents import statement_pdf_response
from register.models import CompetenceStatement
from register.selectors.api import statements_of
from register.services import statements
from register.status import status_for

OUTCOME_MESSAGES = {
    "valid": gettext_lazy("The statement is valid."),
    "expired": gettext_lazy(
        "The code is genuine, but the statement is no longer valid. Ask the holder for a new statement."
    ),
    "revoked": gettext_lazy(
        "The holder has withdrawn this statement. It is no longer valid. Ask the holder for a new statement."
    ),
    "unknown": gettext_lazy("No statement has this code. Check that it is typed correctly."),
}


@extend_schema_view(
    list=extend_schema(summary="My competence statements, with how often each was checked", tags=["statements"]),
    create=extend_schema(
        summary="Issue a statement: a snapshot of my verified competence under a new code",
        tags=["statements"],
        request=StatementIssueSerializer,
        responses={201: StatementSerializer},
    ),
    pdf=extend_schema(
        summary="One of my valid statements as a PDF (code, QR code, verification link, dates)",
        tags=["statements"],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 409: None},
    ),
    revoke=extend_schema(
        summary="Revoke one of my statements", tags=["statements"], request=None, responses=StatementSerializer
    ),
)
class StatementViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = CompetenceStatement.objects.none()  # the schema's model; requests use get_queryset()
    serializer_class = StatementSerializer
    permission_classes = [IsOwner]

    def get_queryset(self):
        return statements_of(self.request.user)

    def create(self, request):
        incoming = StatementIssueSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        statement = services.statement_issue(owner=request.user, **incoming.validated_data)
        return Response(StatementSerializer(self.get_queryset().get(pk=statement.pk)).data, status.HTTP_201_CREATED)

    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        statement = self.get_object()
        if not statement.is_valid:
            return Response(
                {"detail": _("A revoked or expired statement has no PDF. Issue a new statement.")},
                status=status.HTTP_409_CONFLICT,
            )
        return statement_pdf_response(
            statement, verify_url=statements.verification_link(request, statement.code)["verify_url"]
        )

    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        statement = self.get_object()
        services.statement_revoke(statement=statement, actor=request.user)
        return Response(StatementSerializer(self.get_queryset().get(pk=statement.pk)).data)


class VerifyRateThrottle(BaseThrottle):
    """The /verify/ page's budget of code checks per client address (``statements.verify_rate_limit_hit``).

    Far stricter than the anonymous rate, and one budget for the page and the API together, so switching
    between them buys nobody more guesses. Counted before anything is looked up.
    """

    def allow_request(self, request, view):
        if statements.verify_rate_limit_hit(request):
            return True
        # Raised rather than returning False, which DRF would answer with the general message.
        raise RateLimited(
            wait=statements.VERIFY_RATE_PERIOD,
            detail=_("You have checked many codes in a short time. For security, wait an hour and try again."),
        )


class VerifyViewSet(viewsets.ViewSet):
    """Anyone checks a statement code. Rate-limited per IP; every check is logged for the holder."""

    permission_classes = [permissions.AllowAny]
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_throttles(self):
        # Last, so that the general throttles still count a request this one refuses.
        return [*super().get_throttles(), VerifyRateThrottle()]

    @extend_schema(
        summary="Check a competence statement code",
        description="Dashes and case do not matter. The holder's name, entries and status are shown only while "
        "the statement is valid; an expired or revoked code shows its dates. Unknown codes answer 404.",
        tags=["statements"],
        parameters=[OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH)],
        responses={200: VerifyResultSerializer, 404: VerifyResultSerializer, 429: OpenApiTypes.OBJECT},
    )
    def retrieve(self, request, code=None):
        # The code-check budget was spent by VerifyRateThrottle before we got here.
        outcome, statement = services.statement_lookup(code=code, checker=request.user)
        body = {"outcome": outcome, "detail": str(OUTCOME_MESSAGES[outcome])}
        if statement is None:
            return Response(body, status=status.HTTP_404_NOT_FOUND)
        body.update(issued_at=statement.created_at, expires_on=statement.expires_on, revoked_at=statement.revoked_at)
        if outcome == "valid":
            snapshot = statement.snapshot or {}
            body.update(
                holder_name=statement.holder_name,
                entries=snapshot.get("entries", []),
                status_at_issue=snapshot.get("status"),
                status_today=status_for(statement.owner).as_dict(),
            )
        return Response(VerifyResultSerializer(body).data)
