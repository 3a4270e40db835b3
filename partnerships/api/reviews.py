"""One agreement's yearly reviews and its history, under ``agreements/{agreement_pk}/``."""

from functools import cached_property

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from partnerships import services
from partnerships.api.errors import service_errors, validation_errors
from partnerships.api.schema import AGREEMENT_PK, NOT_FOUND, TAGS
from partnerships.api.serializers import AgreementChangeSerializer, ReviewSerializer, ReviewWriteSerializer
from partnerships.models import AgreementChange, Review
from partnerships.permissions import access_agreement


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
