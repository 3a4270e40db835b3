from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets

from register.filters import CentreFilter
from register.models import Centre, County
from register.selectors import centres_public, counties_with_centre_counts


class CountySerializer(serializers.ModelSerializer):
    active_centre_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = County
        fields = [
            "number",
            "name",
            "slug",
            "population",
            "population_year",
            "population_is_demo",
            "adult_population",
            "population_source",
            "active_centre_count",
        ]


class CentreSerializer(serializers.ModelSerializer):
    county = serializers.SlugRelatedField(slug_field="number", read_only=True)
    county_name = serializers.CharField(source="county.name", read_only=True)

    class Meta:
        model = Centre
        fields = [
            "slug",
            "name",
            "county",
            "county_name",
            "address",
            "postcode",
            "place",
            "phone",
            "email",
            "website",
            "opening_hours",
            "services",
            "is_resource_centre",
            "is_demo",
        ]


@extend_schema_view(
    list=extend_schema(summary="List the 15 counties", tags=["register"]),
    retrieve=extend_schema(summary="One county by number", tags=["register"]),
)
class CountyViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CountySerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "number"
    pagination_class = None

    def get_queryset(self):
        return counties_with_centre_counts().order_by("number")


@extend_schema_view(
    list=extend_schema(summary="List active career centres", tags=["register"]),
    retrieve=extend_schema(summary="One active career centre by slug", tags=["register"]),
)
class CentreViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CentreSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "slug"
    filterset_class = CentreFilter

    def get_queryset(self):
        return centres_public()
