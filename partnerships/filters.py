"""Filters on agreements for the API and the overview's list, and on the workplaces an overview covers.

The API's and the overview's filters of agreements filter the same way (``centre_filter`` ... ``partner_type_filter``);
each says it in its own words: the API for a client, the overview's form for a person choosing.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from partnerships.models import Agreement, AgreementStatus, PartnerType, Party
from partnerships.overview import COVERED_TYPES, Workplace
from register.models import Centre, County, WorkplaceType

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def with_partner_type(queryset, name, value):
    """Agreements with at least one partner of the type ``value``."""
    return queryset.filter(Exists(Party.objects.filter(agreement=OuterRef("pk"), partner_type=value)))


def centre_filter(*, queryset=None, **kwargs):
    queryset = Centre.objects.all() if queryset is None else queryset
    return django_filters.ModelChoiceFilter(queryset=queryset, to_field_name="slug", **kwargs)


def county_filter(*, queryset=None, **kwargs):
    """By the agreement's county: its centres' agreements and the county-wide ones."""
    queryset = County.objects.all() if queryset is None else queryset
    return django_filters.ModelChoiceFilter(queryset=queryset, to_field_name="number", **kwargs)


def status_filter(**kwargs):
    return django_filters.ChoiceFilter(choices=AgreementStatus.choices, **kwargs)


def partner_type_filter(**kwargs):
    return django_filters.ChoiceFilter(choices=PartnerType.choices, method=with_partner_type, **kwargs)


class AgreementFilter(django_filters.FilterSet):
    """The API's list of agreements."""

    centre = centre_filter(help_text=_("The centre's slug."))
    county = county_filter(
        help_text=_("County number, for example 03 for Oslo: its centres' and county-wide agreements.")
    )
    status = status_filter()
    partner_type = partner_type_filter(help_text=_("Agreements with at least one partner of this type."))

    class Meta:
        model = Agreement
        fields = ["centre", "county", "status", "partner_type"]


class AgreementOverviewFilter(django_filters.FilterSet):
    """Filters for the overview's list of agreements. Expects the queryset from ``overview.agreements_for_list``
    (its ``meets_guidelines`` and ``overdue`` annotations), and the counties and centres the user may choose."""

    county = county_filter(label=_("County"), queryset=County.objects.none(), empty_label=_("All counties"))
    centre = centre_filter(label=_("Centre"), queryset=Centre.objects.none(), empty_label=_("All centres"))
    status = status_filter(label=_("Status"), empty_label=_("All statuses"))
    partner_type = partner_type_filter(label=_("Partner type"), empty_label=_("All partner types"))
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
