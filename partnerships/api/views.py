"""Partnership agreements through the API (``/api/v1/partnerships/``): the pages' rules.

An agreement is for its centre's admins (a county-wide one for the admins of the county's centres) and the
national administrators (``partnerships.permissions``). Anyone else gets a 403 for the list and for creating,
and a 404 for any agreement's id, so ids cannot be probed. The national guideline clauses are for every
professional. Every write goes through ``partnerships.services``.

Errors of a service keyed by a row (``parties-0-organisation_number``, as a page's formset) come back under the
list and the row's position, as DRF gives a nested list's own errors: ``{"parties": {"0": {"organisation_number":
["..."]}}}``, only for the rows with errors, and a list's own message as ``{"parties": {"non_field_errors":
["..."]}}``; the agreement's own fields are keyed by their names. So a row refused for its form (a date that is
no date) and one refused by the rules (a check digit) read the same.
"""

from contextlib import contextmanager
from functools import cached_property

import django_filters
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from partnerships import services
from partnerships.api.serializers import (
    TAGS,
    AgreementChangeSerializer,
    AgreementCreateSerializer,
    AgreementSerializer,
    AgreementSummarySerializer,
    AgreementWriteSerializer,
    ClauseCheckSerializer,
    DocumentUploadSerializer,
    GuidelineClauseSerializer,
    ReviewSerializer,
    ReviewWriteSerializer,
)
from partnerships.models import Agreement, AgreementChange, AgreementStatus, GuidelineClause, PartnerType, Party, Review
from partnerships.permissions import access_agreement, agreements_visible_to, can_create_for, works_with_agreements
from partnerships.selectors import active_clauses, agreement_for_page, agreements_with_clauses, clause_check
from register.models import Centre, County
from register.permissions import is_professional

ID = "[0-9]+"
ROW_FIELDS = {
    "parties": services.PARTY_FIELDS,
    "obligations": services.OBLIGATION_FIELDS,
    "contacts": services.CONTACT_FIELDS,
}


# Errors


def nested_errors(message_dict, lists):
    """A service's errors in the shape DRF gives a nested list's: ``<list>-<n>-<field>`` under the list, by the
    row's position, and the list's own message under the list's ``non_field_errors``."""
    errors = {}
    for key, messages in message_dict.items():
        name, _dash, rest = key.partition("-")
        index, _dash, field = rest.partition("-")
        if name in lists and index.isdigit() and field:
            errors.setdefault(name, {}).setdefault(int(index), {})[field] = messages
        elif key in lists:
            errors.setdefault(key, {})["non_field_errors"] = messages
        elif key == NON_FIELD_ERRORS:
            errors["non_field_errors"] = messages
        else:
            errors[key] = messages
    return errors


@contextmanager
def service_errors(*lists):
    """Turn the service's field errors into the API's, the rows' errors nested under ``lists``."""
    try:
        yield
    except DjangoValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise serializers.ValidationError(nested_errors(exc.message_dict, lists)) from None


MESSAGES = {"type": "array", "items": {"type": "string"}}
LIST_ERRORS = {
    "type": "object",
    "description": "Per row, by its position in the list sent (from 0): the messages per field. "
    "``non_field_errors``: the list's own.",
    "properties": {"non_field_errors": MESSAGES},
    "additionalProperties": {"type": "object", "additionalProperties": MESSAGES},
}


def validation_errors(*lists):
    """The 400 of a write with lists of rows: the messages per field, and per row of each list."""
    return OpenApiResponse(
        {
            "type": "object",
            "properties": {
                "non_field_errors": MESSAGES,
                "detail": MESSAGES,
                **dict.fromkeys(lists, LIST_ERRORS),
            },
            "additionalProperties": MESSAGES,
        },
        description="The input was refused, per field, and for a list per row by its position: "
        '``{"parties": {"0": {"organisation_number": ["..."]}}}``. Nothing was changed.',
    )


# Rows


def agreement_terms(data):
    return {field: data[field] for field in services.AGREEMENT_FIELDS if field in data}


def current_rows(agreement):
    """The agreement's parties, obligations and contacts as the service takes them, each with its id."""
    return {
        name: [
            {"id": row.pk, **{field: getattr(row, field) for field in fields}}
            for row in getattr(agreement, name).order_by("pk")
        ]
        for name, fields in ROW_FIELDS.items()
    }


def rows_for_update(agreement, data):
    """The lists for ``services.agreement_update``: a list left out stays as it is; in a list given, a row with
    the id of one of the agreement's rows keeps the values of the fields it leaves out."""
    current = current_rows(agreement)
    rows = {}
    for name in ROW_FIELDS:
        if name not in data:
            rows[name] = current[name]
            continue
        existing = {row["id"]: row for row in current[name]}
        rows[name] = [{**existing.get(row.get("id"), {}), **row} for row in data[name]]
    return rows


# Filters and permissions


class AgreementFilter(django_filters.FilterSet):
    centre = django_filters.ModelChoiceFilter(
        queryset=Centre.objects.all(), to_field_name="slug", help_text=gettext_lazy("The centre's slug.")
    )
    county = django_filters.ModelChoiceFilter(
        queryset=County.objects.all(),
        to_field_name="number",
        help_text=gettext_lazy("County number, for example 03 for Oslo: its centres' and county-wide agreements."),
    )
    status = django_filters.ChoiceFilter(choices=AgreementStatus.choices)
    partner_type = django_filters.ChoiceFilter(
        choices=PartnerType.choices,
        method="filter_partner_type",
        help_text=gettext_lazy("Agreements with at least one partner of this type."),
    )

    class Meta:
        model = Agreement
        fields = ["centre", "county", "status", "partner_type"]

    def filter_partner_type(self, queryset, name, value):
        return queryset.filter(pk__in=Party.objects.filter(partner_type=value).values("agreement_id"))


class WorksWithAgreements(permissions.IsAuthenticated):
    """The list and creating: centre admins and national administrators (``works_with_agreements``); 403 for
    others. One agreement's routes are open to the signed-in, and ``access_agreement`` answers 404."""

    message = gettext_lazy("Only the admins of a centre and the national administrators see its agreements.")

    def has_permission(self, request, view):
        return super().has_permission(request, view) and (view.detail or works_with_agreements(request.user))


class IsProfessional(permissions.IsAuthenticated):
    """Counsellors and staff (``register.permissions.is_professional``)."""

    message = gettext_lazy("The national guidelines are open to counsellors and centre staff.")

    def has_permission(self, request, view):
        return super().has_permission(request, view) and is_professional(request.user)


# Agreements

AGREEMENT_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The agreement's id.")
NOT_FOUND = "No such agreement, or not one I may manage."
ROWS_RULE = (
    "A list left out stays as it is. A list given is the whole list: rows with an ``id`` are kept and changed (a "
    "field left out of such a row keeps its value), rows without one are added, rows left out are removed. "
)
DOCUMENT_TYPES = {(200, media): OpenApiTypes.BINARY for media in ("application/pdf", "image/png", "image/jpeg")}


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
    clauses=extend_schema(
        summary="How the agreement stands against the national guidelines",
        description="The active guideline clauses it meets (and where), the ones required for one of its "
        f"partners' types that it lacks, and the rest. 404: {NOT_FOUND}",
        tags=TAGS,
        parameters=[AGREEMENT_ID],
        responses=ClauseCheckSerializer,
    ),
)
class AgreementViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = Agreement.objects.none()  # the schema's model; requests use get_queryset() and get_object()
    serializer_class = AgreementSummarySerializer
    filterset_class = AgreementFilter
    permission_classes = [WorksWithAgreements]
    # JSON, for the lists of rows; the signed document alone comes as multipart.
    parser_classes = [JSONParser]
    lookup_value_regex = ID

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

    @extend_schema(
        methods=["GET"],
        summary="Download the signed document",
        description="As an attachment, with the type found in its content. 404 when there is none, or: " + NOT_FOUND,
        tags=TAGS,
        parameters=[AGREEMENT_ID],
        responses=DOCUMENT_TYPES,
    )
    @extend_schema(
        methods=["POST"],
        summary="Upload the signed document (multipart)",
        description="PDF, PNG or JPEG, at most 10 MB, the type read from the content and matching the name's "
        f"extension, as for evidence. Replaces the one before; the history says so. 404: {NOT_FOUND}",
        tags=TAGS,
        parameters=[AGREEMENT_ID],
        request={"multipart/form-data": DocumentUploadSerializer},
        responses=AgreementSerializer,
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[], parser_classes=[MultiPartParser, FormParser])
    def document(self, request, pk=None):
        if request.method == "POST":
            return self._document_upload()
        agreement = self.get_object()
        if not agreement.document:
            raise Http404
        try:
            handle = agreement.document.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=agreement.document_name or "agreement",
            content_type=agreement.document_type or "application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response

    def _document_upload(self):
        request = self.request
        agreement = self.get_object()
        incoming = DocumentUploadSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        rows = current_rows(agreement)
        with service_errors(*ROW_FIELDS):
            services.agreement_update(
                agreement=agreement,
                actor=request.user,
                data={},
                document=incoming.validated_data["document"],
                **rows,
            )
        return self._detail(agreement)

    def perform_content_negotiation(self, request, force=False):
        # The download answers any Accept header (a client asking for application/pdf gets the file, and a
        # refusal comes as JSON all the same).
        download = self.action == "document" and request.method == "GET"
        return super().perform_content_negotiation(request, force=force or download)


# One agreement's reviews and history

AGREEMENT_PK = OpenApiParameter(
    "agreement_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="The agreement's id."
)


class AgreementRowsViewSet(viewsets.GenericViewSet):
    """Rows of one agreement: 404 for an agreement the user may not manage (``access_agreement``)."""

    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [JSONParser]
    filter_backends = []

    @cached_property
    def agreement(self):
        return access_agreement(self.request.user, self.kwargs["agreement_pk"])


@extend_schema_view(
    list=extend_schema(
        summary="The agreement's yearly reviews, earliest first",
        description=f"With what was delivered against each obligation. 404: {NOT_FOUND}",
        tags=TAGS,
        parameters=[AGREEMENT_PK],
    ),
    create=extend_schema(
        summary="Record a yearly review",
        description="The meeting's date (not in the future, not before the start), who took part, what changes, "
        "and what was delivered against each obligation; delivered obligations count as met on that date. "
        f"Refused with the reasons per field (400), nothing saved. 404: {NOT_FOUND}",
        tags=TAGS,
        parameters=[AGREEMENT_PK],
        request=ReviewWriteSerializer,
        responses={201: ReviewSerializer, 400: validation_errors("deliveries")},
    ),
)
class AgreementReviewViewSet(mixins.ListModelMixin, AgreementRowsViewSet):
    queryset = Review.objects.none()  # the schema's model; requests use get_queryset()
    serializer_class = ReviewSerializer

    def get_queryset(self):
        return self.agreement.reviews.select_related("recorded_by").prefetch_related("items").order_by("held_on", "pk")

    def create(self, request, agreement_pk=None):
        agreement = self.agreement
        incoming = ReviewWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        deliveries = data["deliveries"]
        obligations = set(agreement.obligations.values_list("pk", flat=True))
        not_ours = _("Not one of this agreement's obligations.")
        unknown = {
            index: {"obligation": [not_ours]}
            for index, row in enumerate(deliveries)
            if row["obligation"] not in obligations
        }
        if unknown:
            raise serializers.ValidationError({"deliveries": unknown})
        with service_errors("deliveries"):
            review = services.review_record(
                agreement=agreement,
                actor=request.user,
                held_on=data["held_on"],
                participants=data["participants"],
                changes=data["changes"],
                deliveries={row["obligation"]: (row["delivery"], row["comment"]) for row in deliveries},
            )
        return Response(ReviewSerializer(self.get_queryset().get(pk=review.pk)).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        summary="The agreement's history, newest first",
        description=f"Who changed what, and when, from the day it was recorded. 404: {NOT_FOUND}",
        tags=TAGS,
        parameters=[AGREEMENT_PK],
    ),
)
class AgreementHistoryViewSet(mixins.ListModelMixin, AgreementRowsViewSet):
    queryset = AgreementChange.objects.none()  # the schema's model; requests use get_queryset()
    serializer_class = AgreementChangeSerializer

    def get_queryset(self):
        return self.agreement.changes.select_related("actor")


# The national guidelines


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
