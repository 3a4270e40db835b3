"""Form plumbing: the Designsystemet renderer, putting a service's errors on a form, and amount fields."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

from core.numbers import format_amount, parse_amount


class FormRenderer(TemplatesSetting):
    """Render every form with Designsystemet's field, label and validation-message markup."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"


def attach_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: keyed messages at their field, the rest on top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class AmountField(forms.Field):
    """Credits or hours as people type them, ``7,5`` or ``7.5``, read by ``core.numbers.parse_amount``.

    A text field with a decimal keyboard on phones, not ``<input type="number">``: a Norwegian browser's
    number field turned a typed ``2,5`` into 25. A stored amount is shown the way the pages write it.
    """

    def __init__(self, *, maximum: Decimal, **kwargs: Any) -> None:
        self.maximum = maximum
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return format_amount(value) if isinstance(value, Decimal) else value

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        return parse_amount(value, maximum=self.maximum, label=str(self.label or ""))
