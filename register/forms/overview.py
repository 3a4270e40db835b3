from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from register.models import CoverageStandard

AT_LEAST_ONE = _("Enter at least 1.")


class CoverageStandardForm(forms.ModelForm):
    class Meta:
        model = CoverageStandard
        fields = ["max_adults_per_centre", "min_centres_per_county", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("max_adults_per_centre", "min_centres_per_county"):
            field = self.fields[name]
            field.min_value = 1
            field.validators = [MinValueValidator(1, AT_LEAST_ONE)]
            field.widget.attrs["min"] = 1


class PopulationUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Population file from Statistics Norway (CSV)"),
        help_text=_(
            "Table 07459 at ssb.no/statbank: every county, single years of age (or groups starting at 19), one or "
            "more years, saved as CSV (semicolon-separated). The latest year in the file is used."
        ),
    )
