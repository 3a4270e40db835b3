from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Render every form with Designsystemet's field, label and validation-message markup."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"
