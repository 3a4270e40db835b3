"""``{{ entry.credits|amount }}``: credits and hours written the one way (``core.numbers.format_amount``).

Loaded as a builtin (``TEMPLATES`` in the settings), so every template has it without ``{% load %}``.
"""

from decimal import Decimal

from django import template

from core.numbers import format_amount

register = template.Library()


@register.filter
def amount(value: Decimal | int | float | str | None) -> str:
    return format_amount(value)
