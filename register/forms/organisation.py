"""The profile and staff-role forms (register/views/organisation.py)."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from register.models import Centre, CounsellorProfile, Role


class CounsellorProfileForm(forms.ModelForm):
    class Meta:
        model = CounsellorProfile
        fields = ["workplace_type", "workplace_name", "county", "job_title", "position_percentage", "home_centre"]
        widgets = {"position_percentage": forms.NumberInput(attrs={"min": 1, "max": 100})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The database constraint alone would answer with its name; say what is wrong, at the field.
        self.fields["position_percentage"].validators += [MinValueValidator(1), MaxValueValidator(100)]
        self.fields["home_centre"].queryset = Centre.objects.active().select_related("county").order_by("name")
        self.fields["home_centre"].empty_label = _("No home centre")
        self.fields["county"].empty_label = _("Choose county")
        self.fields["workplace_type"].choices = [
            ("", _("Choose workplace type")),
            *self.fields["workplace_type"].choices[1:],
        ]


class MembershipGrantForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("No active account uses this address. Ask the person to sign up first."), code="unknown_user"
            )
        self.user = user
        return email
