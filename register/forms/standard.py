"""Forms for the national standard: competence areas and requirement sets (the admin and /staff/standard/)."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from register.models import CompetenceArea, RequirementSet

CYCLE_MONTHS = _("Enter a cycle of 1 to 120 months.")


class CompetenceAreaForm(forms.ModelForm):
    class Meta:
        model = CompetenceArea
        fields = [
            "number",
            "name_nb",
            "name_en",
            "description_nb",
            "description_en",
            "competent_nb",
            "competent_en",
            "specialised_nb",
            "specialised_en",
            "is_demo",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("description_nb", "description_en", "competent_nb", "competent_en")
            + ("specialised_nb", "specialised_en")
        }


class RequirementSetForm(forms.ModelForm):
    class Meta:
        model = RequirementSet
        fields = [
            "workplace_type",
            "name",
            "effective_from",
            "min_credits",
            "min_core_credits",
            "required_areas",
            "cpd_hours",
            "cpd_min_evidenced_hours",
            "cpd_cycle",
            "cpd_cycle_months",
            "notes",
        ]
        widgets = {
            "effective_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "required_areas": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "required_areas" in self.fields:  # the admin leaves it out of a set in force
            self.fields["required_areas"].queryset = CompetenceArea.objects.order_by("number")
        if "cpd_cycle_months" in self.fields:
            months = self.fields["cpd_cycle_months"]
            months.validators = [MinValueValidator(1, CYCLE_MONTHS), MaxValueValidator(120, CYCLE_MONTHS)]
            months.widget.attrs.update({"min": 1, "max": 120})

    def clean(self):
        cleaned = super().clean()
        hours, evidenced = cleaned.get("cpd_hours"), cleaned.get("cpd_min_evidenced_hours")
        if hours is not None and evidenced is not None and evidenced > hours:
            self.add_error(
                "cpd_min_evidenced_hours",
                _("The evidenced or attended hours are part of the hours per cycle, so they cannot be more."),
            )
        return cleaned

    def clean_effective_from(self):
        effective_from = self.cleaned_data["effective_from"]
        # Statuses already measured against the past must keep meaning what they meant.
        if effective_from and effective_from < timezone.localdate():
            raise forms.ValidationError(
                _("A requirement set can only take effect today or later. Sets in force are never rewritten."),
                code="past",
            )
        return effective_from
