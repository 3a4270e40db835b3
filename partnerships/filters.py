import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from partnerships.models import AgreementStatus, PartnerType, Party
from partnerships.overview import COVERED_TYPES, Workplace
from register.models import Centre, County, WorkplaceType

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class AgreementOverviewFilter(django_filters.FilterSet):
    """Filters for the overview's list of agreements. Expects the queryset from ``overview.agreements_for_list``
    (its ``meets_guidelines`` and ``overdue`` annotations), and the counties and centres the user may choose."""

    county = django_filters.ModelChoiceFilter(
        label=_("County"), queryset=County.objects.none(), to_field_name="number", empty_label=_("All counties")
    )
    centre = django_filters.ModelChoiceFilter(
        label=_("Centre"), queryset=Centre.objects.none(), to_field_name="slug", empty_label=_("All centres")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=AgreementStatus.choices, empty_label=_("All statuses")
    )
    partner_type = django_filters.ChoiceFilter(
        label=_("Partner type"), choices=PartnerType.choices, empty_label=_("All partner types"), method="filter_type"
    )
    meets = django_filters.ChoiceFilter(
        label=_("Meets the guidelines"), choices=YES_NO, empty_label=_("All"), method="filter_meets"
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Obligation overdue"), choices=YES_NO, empty_label=_("All"), method="filter_overdue"
    )

    def __init__(self, *args, counties, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["county"].queryset = counties
        self.filters["centre"].queryset = centres

    def filter_type(self, queryset, name, value):
        return queryset.filter(Exists(Party.objects.filter(agreement=OuterRef("pk"), partner_type=value)))

    def filter_meets(self, queryset, name, value):
        return queryset.filter(meets_guidelines=(value == "yes"))

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue__gt=0) if value == "yes" else queryset.filter(overdue=0)


class CoverageFilter(forms.Form):
    """Filters for a county's list of NAV offices and schools (``overview.Workplace`` rows, not a queryset)."""

    workplace_type = forms.ChoiceField(
        label=_("Workplace type"),
        required=False,
        choices=[("", _("All workplace types"))]
        + [(value, label) for value, label in WorkplaceType.choices if value in COVERED_TYPES],
    )
    covered = forms.ChoiceField(label=_("Has an agreement"), required=False, choices=[("", _("All")), *YES_NO])

    def apply(self, places: list[Workplace]) -> list[Workplace]:
        kind = self.cleaned_data.get("workplace_type")
        covered = self.cleaned_data.get("covered")
        return [
            place
            for place in places
            if (not kind or place.workplace_type == kind) and (not covered or place.covered == (covered == "yes"))
        ]
