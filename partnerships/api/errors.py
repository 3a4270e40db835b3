"""The API's errors for a write with lists of rows, and their shape in the schema.

Errors of a service keyed by a row (``parties-0-organisation_number``, as a page's formset) come back under the
list and the row's position, as DRF gives a nested list's own errors: ``{"parties": {"0": {"organisation_number":
["..."]}}}``, only for the rows with errors, and a list's own message as ``{"parties": {"non_field_errors":
["..."]}}``; the agreement's own fields are keyed by their names. So a row refused for its form (a date that is
no date) and one refused by the rules (a check digit) read the same.
"""

from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


def nested_errors(message_dict, lists):
    """A service's errors in the shape DRF gives a nested list's: ``<list>-<n>-<field>`` under the list, by the
    row's position, and the list's own message under the list's ``non_field_errors``."""
    errors = {}
    for key, messages in message_dict.items():
        name, _dash, rest = key.partition("-")
        index, _dash, field = rest.partition("-")
        if name in lists and index.isdigit() and field:
            errors.setdefault(name, {}).setdefault(int(index), {})[field] = messages
        elif key in lists:
            errors.setdefault(key, {})["non_field_errors"] = messages
        elif key == NON_FIELD_ERRORS:
            errors["non_field_errors"] = messages
        else:
            errors[key] = messages
    return errors


@contextmanager
def service_errors(*lists):
    """Turn the service's field errors into the API's, the rows' errors nested under ``lists``."""
    try:
        yield
    except DjangoValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise serializers.ValidationError(nested_errors(exc.message_dict, lists)) from None


MESSAGES = {"type": "array", "items": {"type": "string"}}
LIST_ERRORS = {
    "type": "object",
    "description": "Per row, by its position in the list sent (from 0): the messages per field. "
    "``non_field_errors``: the list's own.",
    "properties": {"non_field_errors": MESSAGES},
    "additionalProperties": {"type": "object", "additionalProperties": MESSAGES},
}


def validation_errors(*lists):
    """The 400 of a write with lists of rows: the messages per field, and per row of each list."""
    return OpenApiResponse(
        {
            "type": "object",
            "properties": {
                "non_field_errors": MESSAGES,
                "detail": MESSAGES,
                **dict.fromkeys(lists, LIST_ERRORS),
            },
            "additionalProperties": MESSAGES,
        },
        description="The input was refused, per field, and for a list per row by its position: "
        '``{"parties": {"0": {"organisation_number": ["..."]}}}``. Nothing was changed.',
    )
