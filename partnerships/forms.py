"""The agreement form (the agreement and, as formsets, its partners, obligations and contacts), the review form,
the clause form and the national guideline clause form. The services check every rule again."""

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partnerships.models import (
    Agreement,
    AgreementStatus,
    Contact,
    DeliveryStatus,
    Frequency,
    GuidelineClause,
    Obligation,
    PartnerType,
    Party,
    Renewal,
    Side,
    Unit,
)
from partnerships.services import CHOSEN_STATUSES
from register.models import Centre, County

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Digits with spaces (including no-break spaces) between thousands, and a decimal comma or point.
_AMOUNT = re.compile(r"[0-9][0-9 \u00a0\u202f]*([.,][0-9]{1,2})?")
MAX_AMOUNT = Decimal("9999999999")


class AmountPerYearField(forms.CharField):
    """Kroner or hours as people write them: ``50 000``, ``50000``, ``12,5``. Never negative."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return f"{value.normalize():f}"
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = str(value or "").strip()
        if not text:
            return None
        if text.startswith("-"):
            raise ValidationError(_("The amount cannot be negative."), code="negative")
        if not _AMOUNT.fullmatch(text):
            raise ValidationError(_("Enter a number, for example 50 000 or 12,5."), code="invalid")
        try:
            number = Decimal(re.sub(r"[ \u00a0\u202f]", "", text).replace(",", "."))
        except InvalidOperation:
            raise ValidationError(_("Enter a number, for example 50 000 or 12,5."), code="invalid") from None
        if number > MAX_AMOUNT:
            raise ValidationError(_("The amount is too large."), code="too_large")
        return number


def _blank_first(choices: list[tuple[str, Any]], label: Any = "–") -> list[tuple[str, Any]]:
    return [("", label), *[choice for choice in choices if choice[0] != ""]]


class AgreementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    owner = forms.ChoiceField(
        label=_("Whose agreement"),
        help_text=_("A centre's own agreement, or one that binds all the centres in a county."),
    )
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 4}))
    start_date = forms.DateField(label=_("Start date"), widget=DATE_WIDGET)
    end_date = forms.DateField(
        label=_("End date"), required=False, widget=DATE_WIDGET, help_text=_("Leave empty if it runs until terminated.")
    )
    notice_months = forms.IntegerField(
        label=_("Notice period in months"),
        min_value=0,
        max_value=36,
        initial=3,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    renewal = forms.ChoiceField(label=_("Renewal"), choices=Renewal.choices, initial=Renewal.BY_DECISION)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(value, label) for value, label in AgreementStatus.choices if value in CHOSEN_STATUSES],
        help_text=_("Active once it is signed. It shows as expiring 90 days before the end date, and expired after."),
    )
    document = forms.FileField(
        label=_("Signed document"),
        required=False,
        help_text=_("PDF, PNG or JPEG, at most 10 MB. Only the centre's admins and national administrators see it."),
    )

    def __init__(self, *args: Any, owners: list[tuple[str, str]], agreement: Agreement | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owners
        if agreement is not None:
            # The owner of a recorded agreement is fixed: who may see it follows from it.
            del self.fields["owner"]
            if agreement.document:
                self.fields["document"].help_text = _(
                    "Choose a file only to replace %(name)s. PDF, PNG or JPEG, at most 10 MB."
                ) % {"name": agreement.document_name}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data


def owner_choices(*, centres: list[Centre], counties: list[County]) -> list[tuple[str, str]]:
    choices = [(f"centre:{centre.pk}", centre.name) for centre in centres]
    choices += [
        (f"county:{county.pk}", str(_("All centres in %(county)s") % {"county": county})) for county in counties
    ]
    return choices


class RowForm(forms.Form):
    """One row of a formset, kept (with its id), added or, when ticked, removed.

    A row left empty is ignored, so no field is marked required; a row with anything in it needs its
    ``required_fields``."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    required_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.required_fields:
            self.fields[name].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        filled = any(value not in (None, "") for name, value in data.items() if name not in ("id", "DELETE"))
        if filled and not data.get("DELETE"):
            for name in self.required_fields:
                if data.get(name) in (None, "") and name not in self.errors:
                    self.add_error(name, ValidationError(self.fields[name].error_messages["required"], "required"))
        return data

    def row(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "DELETE"}


class PartyForm(RowForm):
    required_fields = ("name", "partner_type")
    name = forms.CharField(label=_("Organisation name"), max_length=200)
    partner_type = forms.ChoiceField(label=_("Partner type"), choices=_blank_first(PartnerType.choices))
    organisation_number = forms.CharField(
        label=_("Organisation number"),
        required=False,
        max_length=11,
        help_text=_("Nine digits, from the Brønnøysund Register Centre."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_organisation_number(self) -> str:
        value = re.sub(r"\s", "", self.cleaned_data["organisation_number"])
        if value:
            Party._meta.get_field("organisation_number").run_validators(value)
        return value


class ObligationForm(RowForm):
    required_fields = ("side", "description", "frequency")
    side = forms.ChoiceField(label=_("Who commits"), choices=_blank_first(Side.choices))
    description = forms.CharField(label=_("Obligation"), max_length=300)
    unit = forms.ChoiceField(label=_("Amount in"), choices=Unit.choices, required=False)
    amount = AmountPerYearField(label=_("Amount per year"), required=False)
    frequency = forms.ChoiceField(label=_("How often"), choices=_blank_first(Frequency.choices))
    due_date = forms.DateField(label=_("Next due"), required=False, widget=DATE_WIDGET)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("DELETE"):
            return data
        if data.get("unit") and data.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", _("Give the amount per year, or choose “No amount”."))
        if not data.get("unit") and data.get("amount") is not None:
            self.add_error("unit", _("Choose what the amount is in: NOK or staff hours."))
        return data


class ContactForm(RowForm):
    required_fields = ("side", "name")
    side = forms.ChoiceField(label=_("Side"), choices=_blank_first(Side.choices))
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)


class BaseRowFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this row")

    @property
    def has_row_errors(self) -> bool:
        return bool(self.non_form_errors()) or any(form.errors for form in self.forms)

    def rows(self) -> list[dict[str, Any]]:
        """The rows to keep: filled in and not ticked for removal."""
        kept = []
        # The form each kept row came from: the services number rows as they get them.
        self.kept_forms: list[forms.Form] = []
        for index, form in enumerate(self.forms):
            recorded = index < self.initial_form_count()
            if (recorded or form.has_changed()) and form.cleaned_data and not form.cleaned_data.get("DELETE"):
                kept.append(form.row())
                self.kept_forms.append(form)
        return kept


def row_formset(form: type[RowForm], *, extra: int) -> type[forms.BaseFormSet]:
    return forms.formset_factory(form, formset=BaseRowFormSet, extra=extra, can_delete=True, max_num=30)


FORMSETS = {"parties": PartyForm, "obligations": ObligationForm, "contacts": ContactForm}


def row_initial(agreement: Agreement) -> dict[str, list[dict[str, Any]]]:
    fields = {
        "parties": ("id", "name", "partner_type", "organisation_number"),
        "obligations": ("id", "side", "description", "unit", "amount", "frequency", "due_date"),
        "contacts": ("id", "side", "name", "role", "email", "phone"),
    }
    rows: dict[str, list[Party | Obligation | Contact]] = {
        "parties": list(agreement.parties.all()),
        "obligations": list(agreement.obligations.all()),
        "contacts": list(agreement.contacts.all()),
    }
    return {
        prefix: [{name: getattr(row, name) for name in fields[prefix]} for row in rows[prefix]] for prefix in FORMSETS
    }


class ReviewForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the meeting"), widget=DATE_WIDGET)
    participants = forms.CharField(
        label=_("Participants"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Names and organisations of those who took part."),
    )
    changes = forms.CharField(
        label=_("What changes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the parties agreed to change or follow up before the next review."),
    )

    def __init__(self, *args: Any, obligations: list[Obligation], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.obligations = obligations
        for obligation in obligations:
            self.fields[f"delivery-{obligation.pk}"] = forms.ChoiceField(
                label=obligation.description,
                choices=DeliveryStatus.choices,
                widget=forms.RadioSelect,
            )
            self.fields[f"comment-{obligation.pk}"] = forms.CharField(
                label=_("Comment on “%(obligation)s”") % {"obligation": obligation.description},
                max_length=500,
                required=False,
            )

    def deliveries(self) -> dict[int, tuple[str, str]]:
        return {
            obligation.pk: (
                self.cleaned_data[f"delivery-{obligation.pk}"],
                self.cleaned_data[f"comment-{obligation.pk}"],
            )
            for obligation in self.obligations
        }


class FulfilmentForm(forms.Form):
    note = forms.CharField(
        label=_("Where the agreement meets it"),
        max_length=300,
        required=False,
        help_text=_("For example: section 4."),
    )


class GuidelineClauseForm(forms.ModelForm):
    required_for = forms.MultipleChoiceField(
        label=_("Required for"),
        choices=PartnerType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Agreements with partners of these types must meet the clause."),
    )

    class Meta:
        model = GuidelineClause
        fields = ["title", "description", "required_for", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
