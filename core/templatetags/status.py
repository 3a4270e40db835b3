from django import template
from django.utils.html import format_html

from core.status import tone_of

register = template.Library()


@register.simple_tag
def status_tag(kind: str, state: str, label: str) -> str:
    """``{% status_tag "credit" entry.status entry.get_status_display %}``: a tag in the state's one colour."""
    return format_html('<span class="ds-tag" data-color="{}">{}</span>', tone_of(kind, str(state)), label)
