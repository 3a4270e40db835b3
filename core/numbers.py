"""Credits and hours: one parser for what people type, one way to write them back.

Norwegians write ``7,5``; English speakers ``7.5``. Both are read everywhere, and nothing else is (no
thousands separators, no exponents). Amounts are written with at most one decimal place, in the active
language's way: ``67,5`` and ``30`` in bokmål, ``67.5`` and ``30`` in English.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import get_format
from django.utils.translation import gettext as _

_AMOUNT = re.compile(r"-?\d+(?:[.,]\d+)?")
EXAMPLE = Decimal("7.5")
ONE_PLACE = Decimal("0.1")


def format_amount(value: Decimal | int | float | str | None) -> str:
    """``Decimal("67.50")`` -> "67,5" (bokmål) or "67.5" (English); whole numbers without decimals; None -> "".

    As Django's ``floatformat:"-1"`` writes them (half up), without its cost: CSV exports write thousands.
    """
    if value is None or value == "":
        return ""
    rounded = Decimal(value if isinstance(value, (Decimal, int)) else str(value)).quantize(ONE_PLACE, ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        return f"{rounded.copy_abs() if rounded == 0 else rounded:.0f}"
    return f"{rounded:.1f}".replace(".", get_format("DECIMAL_SEPARATOR"))


def parse_amount(value: Decimal | int | float | str | None, *, maximum: Decimal, label: str) -> Decimal:
    """What was typed (``"7,5"``, ``"7.5"``, ``7.5``) as a Decimal with one decimal place, more than 0 and at
    most ``maximum``; otherwise a ValidationError that says what is wrong, in the active language."""
    text = str(value if value is not None else "").strip()
    if not _AMOUNT.fullmatch(text):
        raise ValidationError(
            _("Enter a number, for example %(example)s.") % {"example": format_amount(EXAMPLE)}, code="invalid"
        )
    number = Decimal(text.replace(",", "."))  # the pattern admits only what Decimal reads
    if number <= 0 or number > maximum:
        raise ValidationError(
            _("%(label)s must be more than 0 and at most %(max)s.") % {"label": label, "max": format_amount(maximum)},
            code="out_of_range",
        )
    if number != number.quantize(Decimal("0.1")):
        raise ValidationError(_("Use at most one decimal place."), code="too_many_decimals")
    return number.quantize(Decimal("0.1"))
