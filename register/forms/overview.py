from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from register.funding import Weights, incentive_measures
from register.models import CoverageStandard, FundingScenario

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


class FundingScenarioForm(forms.ModelForm):
    incentive_measure = forms.ChoiceField(label=_("Incentive by"), required=False)

    class Meta:
        model = FundingScenario
        fields = [
            "name",
            "total",
            "base_per_county",
            "population_weight",
            "shortfall_weight",
            "incentive_weight",
            "incentive_measure",
            "floor",
            "cap",
            "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["incentive_measure"].choices = [("", _("None"))] + [
            (measure.key, str(measure.label)) for measure in incentive_measures()
        ]
        for name in ("population_weight", "shortfall_weight", "incentive_weight"):
            self.fields[name].widget.attrs.update({"min": 0, "max": 100})
        self.fields["note"].widget.attrs["rows"] = 2

    def weights(self) -> Weights:
        data = self.cleaned_data
        return Weights(
            total=data["total"],
            base=data["base_per_county"] or 0,
            population=data["population_weight"] or 0,
            shortfall=data["shortfall_weight"] or 0,
            incentive=data["incentive_weight"] or 0,
            floor=data["floor"],
            cap=data["cap"],
        )
