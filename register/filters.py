import django_filters
from django.utils.translation import gettext_lazy as _

from register.models import Centre, County


class CentreFilter(django_filters.FilterSet):
    county = django_filters.ModelChoiceFilter(
        label=_("County"),
        queryset=County.objects.all(),
        to_field_name="number",
        empty_label=_("All counties"),
        help_text=_("County number, for example 46 for Vestland."),
    )

    class Meta:
        model = Centre
        fields = ["county"]
