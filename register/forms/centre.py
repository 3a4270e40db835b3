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


class EvidenceDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say what the file lacks. The hours stay self-declared; the counsellor can send another file."),
        error_messages={"required": _("Say why the evidence is not accepted, so the counsellor can fix it.")},
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


class AuditDrawForm(forms.Form):
    share = forms.IntegerField(
        label=_("Share to draw, per cent"),
        min_value=1,
        max_value=100,
        initial=10,
        help_text=_("At least one entry is drawn. Entries audited before are never drawn again."),
        error_messages={
            "required": _("Give a share between 1 and 100 per cent."),
            "invalid": _("Give a share between 1 and 100 per cent."),
            "min_value": _("Give a share between 1 and 100 per cent."),
            "max_value": _("Give a share between 1 and 100 per cent."),
        },
    )


class AuditDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("confirmed", _("Confirmed: the evidence backs the entry")), ("not_confirmed", _("Not confirmed"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the evidence confirms the entry.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when not confirmed: the counsellor is told, and the entry stops counting."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "not_confirmed" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why the evidence does not confirm the entry."))
        return cleaned
