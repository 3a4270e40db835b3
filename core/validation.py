"""Every error at once: services check all fields before they raise, so a form shows all its problems in one go."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

T = TypeVar("T")


class FieldErrors:
    """Collect the ValidationErrors of several checks; ``raise_if_any`` raises them as one, keyed by field.

    For example ``credits = errors.check("credits", parse_amount, text, maximum=..., label=...)`` gives None when
    the text is no amount, and the message waits in ``errors`` until ``errors.raise_if_any()``.
    """

    def __init__(self) -> None:
        self.errors: dict[str, list[ValidationError]] = {}

    def add(self, error: ValidationError | str, *, field: str | None = None) -> None:
        """Keep ``error``: under ``field`` unless it is already keyed (a model's full_clean)."""
        error = error if isinstance(error, ValidationError) else ValidationError(error)
        if field is not None and not hasattr(error, "error_dict"):
            error = ValidationError({field: error.error_list})
        error.update_error_dict(self.errors)

    def check(self, field: str | None, func: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """``func(*args, **kwargs)``, or None with its error kept for ``field``."""
        try:
            return func(*args, **kwargs)
        except ValidationError as exc:
            self.add(exc, field=field)
            return None

    def set(self, obj: object, field: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """``obj.<field> = func(*args, **kwargs)``, or the error kept for ``field`` and ``obj`` left as it was."""
        value = self.check(field, func, *args, **kwargs)
        if value is not None:
            setattr(obj, field, value)

    def __contains__(self, field: str) -> bool:
        return field in self.errors

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


ORGANISATION_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def validate_organisation_number(value: str) -> None:
    """Raise ValidationError unless ``value`` is a Norwegian organisation number: nine digits, the last a mod-11
    check digit of the first eight (weights 3 2 7 6 5 4 3 2), as the Brønnøysund Register Centre issues them."""
    if not (len(value) == 9 and value.isascii() and value.isdigit()):
        raise ValidationError(_("An organisation number has nine digits."), code="orgnr_length")
    remainder = sum(int(digit) * weight for digit, weight in zip(value, ORGANISATION_NUMBER_WEIGHTS, strict=False)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    if check == 10 or check != int(value[8]):
        raise ValidationError(
            _("%(number)s is not a valid organisation number: the check digit does not match. Check it for typos.")
            % {"number": value},
            code="orgnr_check",
        )
