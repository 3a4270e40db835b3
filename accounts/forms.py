from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.handles import MAX_LENGTH, validate_handle
from accounts.models import User


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form; ``AccountAdapter.save_user`` puts them on the new account."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    handle = forms.CharField(
        label=_("Handle in the forum"),
        required=False,
        max_length=MAX_LENGTH + 1,
        help_text=_(
            "Others mention you with @ and this, such as @kari-nordmann. It stays when your name changes. "
            "Leave it empty to get one made from your name."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname", "autocapitalize": "none", "spellcheck": "false"}),
    )

    def clean_handle(self):
        handle = self.cleaned_data["handle"].strip().removeprefix("@").lower()
        if handle:
            validate_handle(handle)
            if User.objects.filter(handle=handle).exists():
                raise ValidationError(
                    _("Someone already has the handle @%(handle)s. Choose another."), params={"handle": handle}
                )
        return handle

    def signup(self, request, user):
        """allauth's hook after the account is saved; the fields went on before (``AccountAdapter.save_user``)."""


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, such as the program that uses it. You see the name in the list below."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
