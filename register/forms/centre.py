"""Forms on the centre staff pages. They only shape input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CreditVerifyForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the counsellor"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. The counsellor sees it with the decision."),
    )


class CreditRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say what is wrong, so the counsellor can put it right."),
        error_messages={"required": _("Say why the entry is rejected, so the counsellor can put it right.")},
    )


class CreditInfoRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Question to the counsellor"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What is missing or unclear. The entry goes back to the counsellor, who answers and sends it again."
        ),
        error_messages={"required": _("Write what the counsellor must add or explain.")},
    )


class CreditReverseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the decision is reversed"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The counsellor sees it. The entry waits in the queue for a new decision."),
        error_messages={"required": _("Say why the decision is reversed.")},
    )


class HomeCentreDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])
