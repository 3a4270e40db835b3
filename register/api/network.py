"""A centre's network through the API: the counsellors and staff tied to the caller's centres."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from register.api.permissions import SeesNetwork
from register.api.serializers import CounsellorSerializer
from register.models import CounsellorProfile, County, WorkplaceType
from register.selectors.api import counsellors_visible_to
from register.status import requirement_sets_in_force, with_status


class CounsellorFilter(django_filters.FilterSet):
    """Filters over ``counsellors_visible_to`` (its status annotations)."""

    workplace_type = django_filters.ChoiceFilter(label=_("Workplace type"), choices=WorkplaceType.choices)
    county = django_filters.ModelChoiceFilter(
        label=_("County"),
        queryset=County.objects.all(),
        to_field_name="number",
        help_text=_("County number, for example 46 for Vestland."),
    )
    meets_requirement = django_filters.BooleanFilter(label=_("Meets the requirement"))
    has_pending = django_filters.BooleanFilter(label=_("Has pending entries"), method="filter_has_pending")

    class Meta:
        model = CounsellorProfile
        fields = ["workplace_type", "county", "meets_requirement", "has_pending"]

    # The status alias each filter reads: only those are built (see ``annotate_status(names=...)``).
    STATUS_ALIASES = {"meets_requirement": "meets_requirement", "has_pending": "pending_credits"}

    @classmethod
    def status_names(cls, params):
        return sorted(alias for key, alias in cls.STATUS_ALIASES.items() if params.get(key))

    def filter_has_pending(self, queryset, name, value):
        return queryset.filter(pending_credits__gt=0) if value else queryset.filter(pending_credits=0)


@extend_schema_view(
    list=extend_schema(
        summary="Counsellors and staff tied to my centres, with their status",
        description="For admins and verifiers of a centre: the counsellors whose home centre it is and the "
        "centre's own staff (those with a counsellor profile). HR staff see the centre's own staff only; "
        "anyone else's competence they check through a statement code (/verify/). "
        "Status against the set in force today.",
        tags=["network"],
    )
)
class CounsellorViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = CounsellorProfile.objects.none()  # the schema's model; requests use get_queryset()
    serializer_class = CounsellorSerializer
    permission_classes = [SeesNetwork]
    filterset_class = CounsellorFilter

    def get_queryset(self):
        self.requirement_sets = requirement_sets_in_force()
        return counsellors_visible_to(
            self.request.user,
            requirement_sets=self.requirement_sets,
            status_names=CounsellorFilter.status_names(self.request.query_params),
        )

    def paginate_queryset(self, queryset):
        """The page's rows with their status figures (one query over the page; the list pages always)."""
        return with_status(super().paginate_queryset(queryset), sets=self.requirement_sets)
