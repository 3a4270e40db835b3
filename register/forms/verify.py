"""The form on the public /verify/ page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from register.services.statements import format_code, normalise_code

# Codes the platform issues have 16 characters; anything outside these bounds cannot be one, so it is
# refused at the field without a lookup (the statement model keeps codes of up to 40).
MIN_CODE_LENGTH = 10
MAX_CODE_LENGTH = 40


class VerifyCodeForm(forms.Form):
    """One code, typed or pasted as printed. Case, spaces and dashes do not matter."""

    code = forms.CharField(
        label=_("Code"),
        max_length=64,
        help_text=_(
            "The code is on the competence statement or the certificate of attendance, in the form "
            "XXXX-XXXX-XXXX-XXXX. Upper or lower case both work."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )

    organisation = forms.CharField(
        label=_("Your organisation (optional)"),
        required=False,
        max_length=200,
        help_text=_(
            "The holder sees when the code was checked, and by which organisation if you give it. "
            "Other people who check the code never see it."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        # Only the length and alphabet are checked here; whether the code exists is the lookup's answer.
        if not (MIN_CODE_LENGTH <= len(code) <= MAX_CODE_LENGTH) or not code.isascii():
            raise forms.ValidationError(
                _("A code has 16 letters and digits, in the form XXXX-XXXX-XXXX-XXXX. Check it and try again."),
                code="bad_format",
            )
        return code

    @property
    def formatted_code(self):
        code = self.cleaned_data.get("code", "") if hasattr(self, "cleaned_data") else ""
        return format_code(code)
