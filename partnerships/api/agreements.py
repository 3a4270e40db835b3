"""Partnership agreements through the API (``/api/v1/partnerships/``): the pages' rules.

An agreement is for its centre's admins (a county-wide one for the admins of the county's centres) and the
national administrators (``partnerships.permissions``). Anyone else gets a 403 for the list and for creating,
and a 404 for any agreement's id, so ids cannot be probed. The national guideline clauses are for every
professional. Every write goes through ``partnerships.services``; a refusal is shaped by
``partnerships.api.errors``.
"""

from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from partnerships import services
from partnerships.api.clauses import AgreementClausesMixin
from partnerships.api.documents import AgreementDocumentMixin
from partnerships.api.errors import service_errors, validation_errors
from partnerships.api.permissions import WorksWithAgreements
from partnerships.api.rows import ROW_FIELDS, agreement_terms, rows_for_update
from partnerships.api.schema import AGREEMENT_ID, NOT_FOUND, TAGS
from partnerships.api.serializers import (
    AgreementCreateSerializer,
    AgreementSerializer,
    AgreementSummarySerializer,
    AgreementWriteSerializer,
)
from partnerships.filters import AgreementFilter
from partnerships.models import Agreement, AgreementStatus
from partnerships.permissions import access_agreement, agreements_visible_to, can_create_for
from partnerships.selectors import active_clauses, agreement_for_page, agreements_with_clauses

ROWS_RULE = (
    "A list left out stays as it is. A list given is the whole list: rows with an ``id`` are kept and changed (a "
    "field left out of such a row keeps its value), rows without one are added, rows left out are removed. "
)


@extend_schema_view(
    list=extend_schema(
        summary="The agreements I manage",
        description="A centre admin sees the agreements of the centres where they are an admin and the county-wide "
        "agreements of those centres' counties; a national administrator sees all. 403 for everyone else. Newest "
        "start first.",
        tags=TAGS,
    ),
    retrieve=extend_schema(
        summary="One agreement, with every term",
        description=f"Parties, obligations with their amounts, contacts, the signed document. 404: {NOT_FOUND}",
        tags=TAGS,
        parameters=[AGREEMENT_ID],
        responses=AgreementSerializer,
    ),
    create=extend_schema(
        summary="Record an agreement",
        description="For a centre where I am an admin (``centre``), or binding all the centres of a county where "
        "I am an admin of a centre (``county`` alone); national administrators for any. 403 for another "
        "centre or county. Refused with the reasons per field and per row (400), nothing saved.",
        tags=TAGS,
        request=AgreementCreateSerializer,
        responses={201: AgreementSerializer, 400: validation_errors("parties", "obligations", "contacts")},
    ),
    update=extend_schema(
        summary="Change an agreement",
        description=ROWS_RULE + "Every change goes into the history. Refused with the reasons per field and per "
        f"row (400), nothing changed. 404: {NOT_FOUND}",
        tags=TAGS,
        parameters=[AGREEMENT_ID],
        request=AgreementWriteSerializer,
        responses={200: AgreementSerializer, 400: validation_errors("parties", "obligations", "contacts")},
    ),
    partial_update=extend_schema(
        summary="Change some of an agreement's terms",
        description="Fields left out keep their values. " + ROWS_RULE + f"404: {NOT_FOUND}",
        tags=TAGS,
        parameters=[AGREEMENT_ID],
        request=AgreementWriteSerializer,
        responses={200: AgreementSerializer, 400: validation_errors("parties", "obligations", "contacts")},
    ),
    destroy=extend_schema(
        summary="Delete a draft",
        description="Only an agreement that was never in force, with its signed document; one in force is ended "
        f"instead (``status``), so its history is kept. Refused with the reason (400) for any other. 404: {NOT_FOUND}",
        tags=TAGS,
        parameters=[AGREEMENT_ID],
        responses={204: None},
    ),
)
class AgreementViewSet(AgreementClausesMixin, AgreementDocumentMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = Agreement.objects.none()  # the schema's model; requests use get_queryset() and get_object()
    serializer_class = AgreementSummarySerializer
    filterset_class = AgreementFilter
    permission_classes = [WorksWithAgreements]
    # JSON, for the lists of rows; the signed document alone comes as multipart.
    parser_classes = [JSONParser]
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        visible = agreements_visible_to(self.request.user).order_by("-start_date", "title", "pk")
        return agreements_with_clauses(visible)

    def get_object(self):
        return access_agreement(self.request.user, self.kwargs["pk"])

    @cached_property
    def guideline_clauses(self):
        return active_clauses()

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):
            return context
        return {**context, "clauses": self.guideline_clauses}

    def _detail(self, agreement, status_code=status.HTTP_200_OK):
        data = AgreementSerializer(agreement_for_page(agreement.pk), context=self.get_serializer_context()).data
        return Response(data, status=status_code)

    def retrieve(self, request, pk=None):
        return self._detail(self.get_object())

    def create(self, request):
        incoming = AgreementCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        centre, county = data.get("centre"), data.get("county")
        if centre is not None:
            county = centre.county
        if not can_create_for(request.user, centre=centre, county=county):
            raise PermissionDenied(_("You may only record agreements for centres where you are an admin."))
        rows = {name: data.get(name, []) for name in ROW_FIELDS}
        with service_errors(*ROW_FIELDS):
            agreement = services.agreement_create(
                actor=request.user,
                centre=centre,
                county=county,
                data=agreement_terms(data),
                status=data.get("status", AgreementStatus.DRAFT),
                **rows,
            )
        return self._detail(agreement, status.HTTP_201_CREATED)

    def _update(self, request, *, partial):
        agreement = self.get_object()
        incoming = AgreementWriteSerializer(data=request.data, partial=partial)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        rows = rows_for_update(agreement, data)
        with service_errors(*ROW_FIELDS):
            services.agreement_update(
                agreement=agreement,
                actor=request.user,
                data=agreement_terms(data),
                status=data.get("status"),
                **rows,
            )
        return self._detail(agreement)

    def update(self, request, pk=None):
        return self._update(request, partial=False)

    def partial_update(self, request, pk=None):
        return self._update(request, partial=True)

    def destroy(self, request, pk=None):
        services.agreement_delete(agreement=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
