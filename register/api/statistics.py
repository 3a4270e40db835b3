"""Open statistics by county and month (``register.overview.open_data``): for anyone, small numbers suppressed."""

import datetime

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.exceptions import ValidationError

from register.models import County
from register.overview.open_data import MIN_PEOPLE, PUBLISHED, county_months, county_snapshots


class CountyMonthSerializer(serializers.Serializer):
    county = serializers.CharField(source="county.number", help_text="The county's number.")
    county_name = serializers.CharField(source="county.name")
    month = serializers.SerializerMethodField(help_text="YYYY-MM")
    counsellors = serializers.IntegerField(source="figures.counsellors", allow_null=True)
    meets = serializers.FloatField(
        source="figures.meets", allow_null=True, help_text="Share (0-1) meeting the requirement."
    )
    lapsed = serializers.FloatField(source="figures.lapsed", allow_null=True)
    would_meet = serializers.FloatField(source="figures.would_meet", allow_null=True)
    events = serializers.IntegerField(source="figures.events", allow_null=True)
    questions = serializers.IntegerField(source="figures.questions", allow_null=True)
    in_time = serializers.FloatField(source="figures.in_time", allow_null=True)
    suppressed = serializers.ListField(
        child=serializers.ChoiceField(choices=list(PUBLISHED)),
        help_text=(
            f"Figures left out so that no group of fewer than {MIN_PEOPLE} people can be singled out: a count of "
            f"1 to {MIN_PEOPLE - 1} people, or a share whose people, or whose people left out, number 1 to "
            f"{MIN_PEOPLE - 1}."
        ),
    )
    demo = serializers.BooleanField(help_text="Demo figures, not measured.")

    def get_month(self, row) -> str:
        return f"{row.month:%Y-%m}"


@extend_schema(
    summary="Open statistics by county and month",
    description=(
        "Each county's figures at the end of each month: counsellors and the shares meeting the requirement, "
        "events held, e-guidance questions and the share answered within the promise. A figure that would single "
        f"out fewer than {MIN_PEOPLE} people is null and listed in `suppressed`. Newest first."
    ),
    tags=["statistics"],
    parameters=[
        OpenApiParameter("county", OpenApiTypes.STR, description="A county number, e.g. 03."),
        OpenApiParameter("since", OpenApiTypes.STR, description="The first month, YYYY-MM."),
    ],
)
class StatisticsViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = CountyMonthSerializer
    permission_classes = [permissions.AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        params = self.request.query_params
        county = None
        if params.get("county"):
            county = County.objects.filter(number=params["county"]).first()
            if county is None:
                raise ValidationError({"county": [_("No county has that number.")]})
        since = None
        if params.get("since"):
            try:
                since = datetime.datetime.strptime(params["since"], "%Y-%m").date()
            except ValueError:
                raise ValidationError({"since": [_("Give a month as YYYY-MM.")]}) from None
        return county_snapshots(county, since)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        counties = {county.pk: county for county in County.objects.all()}
        serializer = self.get_serializer(county_months(page, counties), many=True)
        return self.get_paginated_response(serializer.data)
