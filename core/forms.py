"""Form plumbing: the Designsystemet renderer and putting a service's errors on a form."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting


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
