"""Forms for the counsellor's own competence pages.

The forms parse input and label it; the rules (ranges, dates, file types) live in ``register.services``.
The forms ask the same rules field by field, so a page shows every problem at once; what a service still
refuses comes back as field-keyed ValidationErrors, attached with ``core.forms.attach_service_errors``.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import AmountField
from register.evidence import EXTENSIONS, validate_evidence
from register.models import ActivityKind, Centre, CompetenceArea, Level
from register.services.credits import MAX_CREDITS, MAX_HOURS, past_date
from register.services.statements import DEFAULT_VALID_DAYS

EVIDENCE_ACCEPT = ",".join([*EXTENSIONS.keys(), ".pdf", ".png", ".jpg", ".jpeg"])


def _areas_field(*, required, help_text):
    return forms.ModelMultipleChoiceField(
        label=_("Competence areas"),
        queryset=CompetenceArea.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=required,
        help_text=help_text,
        error_messages={
            "required": _("Choose at least one competence area."),
            "invalid_choice": _("Choose competence areas from the list."),
            "invalid_pk_value": _("Choose competence areas from the list."),
        },
    )


def _evidence_field(*, required, help_text):
    return forms.FileField(
        label=_("Evidence"),
        required=required,
        help_text=help_text,
        widget=forms.FileInput(attrs={"accept": EVIDENCE_ACCEPT}),
        error_messages={"required": _("Upload the evidence: a PDF, PNG or JPEG file.")},
    )


class _EvidenceAndDateChecks:
    """The service's rules for the date and the file, asked while the form is cleaned."""

    date_field = "date"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(self.date_field) is not None:
            try:
                past_date(cleaned[self.date_field])
            except ValidationError as exc:
                self.add_error(self.date_field, exc)
        if cleaned.get("evidence"):
            try:
                validate_evidence(cleaned["evidence"])
            except ValidationError as exc:
                self.add_error("evidence", exc)
        return cleaned


class CreditEntryForm(_EvidenceAndDateChecks, forms.Form):
    date_field = "completed_on"

    title = forms.CharField(label=_("Course title"), max_length=300)
    institution = forms.CharField(label=_("Institution"), max_length=300)
    course_code = forms.CharField(label=_("Course code"), max_length=50, required=False)
    credits = AmountField(
        label=_("Studiepoeng"),
        maximum=MAX_CREDITS,
        help_text=_("More than 0 and at most 60, with at most one decimal place, for example 7.5."),
    )
    completed_on = forms.DateField(
        label=_("Completed"),
        help_text=_("The date you passed the course. It cannot be in the future."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    areas = _areas_field(required=True, help_text=_("The areas of the competence standard the course covers."))
    evidence = _evidence_field(
        required=True, help_text=_("A diploma or transcript as PDF, PNG or JPEG, at most 10 MB.")
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["evidence"].required = False
            self.fields["evidence"].help_text = _("Upload a new file only if you want to replace the current one.")

    def service_fields(self):
        data = dict(self.cleaned_data)
        if not data.get("evidence"):
            data.pop("evidence", None)
        return data


class CreditResubmitForm(CreditEntryForm):
    """A rejected entry corrected, or an entry the verifier asked about answered, to be sent again."""

    message = forms.CharField(
        label=_("Message to the verifier"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Answer the verifier: write what you add or change.")},
    )

    def __init__(self, *args, needs_answer, **kwargs):
        super().__init__(*args, editing=True, **kwargs)
        self.fields["message"].required = needs_answer
        self.fields["message"].help_text = (
            _("Answer the verifier's question: what you add or change.")
            if needs_answer
            else _("Optional: what you have corrected.")
        )


class CPDActivityForm(_EvidenceAndDateChecks, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    date = forms.DateField(
        label=_("Date"),
        help_text=_("It cannot be in the future."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    hours = AmountField(
        label=_("Hours"), maximum=MAX_HOURS, help_text=_("More than 0 and at most 100, for example 3.5.")
    )
    kind = forms.ChoiceField(label=_("Kind of activity"), choices=[("", _("Choose kind")), *ActivityKind.choices])
    areas = _areas_field(required=False, help_text=_("Optional: the areas the activity strengthened."))
    reflection = forms.CharField(
        label=_("Reflection"),
        required=False,
        max_length=2000,
        help_text=_("A few sentences on what you learned (at most 2000 characters)."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    evidence = _evidence_field(required=False, help_text=_("Optional: PDF, PNG or JPEG, at most 10 MB."))


class SelfAssessmentForm(forms.Form):
    """One level and one note per competence area; fields are named ``level_<id>`` and ``note_<id>``."""

    def __init__(self, *args, areas, assessments, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        for area in self.areas:
            current = assessments.get(area.pk)
            self.fields[f"level_{area.pk}"] = forms.ChoiceField(
                label=_("Level"), choices=Level.choices, initial=current.level if current else Level.NOT_YET
            )
            self.fields[f"note_{area.pk}"] = forms.CharField(
                label=_("Note (optional)"),
                required=False,
                max_length=1000,
                initial=current.note if current else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        """(area, level field, note field) for the template, one fieldset per area."""
        return [(area, self[f"level_{area.pk}"], self[f"note_{area.pk}"]) for area in self.areas]

    def choices_by_area(self):
        return [
            (area, self.cleaned_data[f"level_{area.pk}"], self.cleaned_data[f"note_{area.pk}"]) for area in self.areas
        ]


class StatementIssueForm(forms.Form):
    valid_days = forms.IntegerField(
        label=_("Valid for (days)"),
        initial=DEFAULT_VALID_DAYS,
        min_value=1,
        max_value=365,
        help_text=_("From 1 to 365 days. After that the code shows as expired."),
    )


class HomeCentreRequestForm(forms.Form):
    centre = forms.ModelChoiceField(
        label=_("Career centre"),
        queryset=Centre.objects.active().order_by("name"),
        empty_label=_("Choose centre"),
        error_messages={"invalid_choice": _("Choose an active centre from the list.")},
    )
    message = forms.CharField(
        label=_("Message to the centre (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        help_text=_("Enter your password to confirm that you want to delete your account."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("The password is not correct."), code="wrong_password")
        return password


class AuditEvidenceForm(forms.Form):
    evidence = _evidence_field(
        required=True,
        help_text=_("A diploma, transcript, course certificate or agenda as PDF, PNG or JPEG, at most 10 MB."),
    )
    message = forms.CharField(
        label=_("Message to the verifier"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: anything the verifier should know about the file."),
    )

    def clean_evidence(self):
        evidence = self.cleaned_data["evidence"]
        validate_evidence(evidence)
        return evidence
