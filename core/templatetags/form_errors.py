"""Template tags about the forms of a page."""

from django import template
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet

register = template.Library()


@register.simple_tag(takes_context=True)
def page_has_form_errors(context: template.Context) -> bool:
    """Whether a form or formset on the page was sent back with errors (the title then starts with "Error:")."""
    for value in context.flatten().values():
        if isinstance(value, BaseForm) and value.is_bound and value.errors:
            return True
        if isinstance(value, BaseFormSet) and value.is_bound and value.total_error_count():
            return True
    return False
