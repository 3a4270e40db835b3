"""API-wide pieces: the exception handler, the 429 answer, the schema hook and named enum fields."""

import math
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import TextChoices
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def wait_message(seconds: int | None) -> str:
    """Too many requests, in the user's language: how long to wait, in seconds or whole minutes."""
    if not seconds:
        return gettext("You have sent many requests in a short time. Wait a little and try again.")
    if seconds < 60:
        return ngettext(
            "You have sent many requests in a short time. Wait %(count)d second and try again.",
            "You have sent many requests in a short time. Wait %(count)d seconds and try again.",
            seconds,
        ) % {"count": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext(
        "You have sent many requests in a short time. Wait %(count)d minute and try again.",
        "You have sent many requests in a short time. Wait %(count)d minutes and try again.",
        minutes,
    ) % {"count": minutes}


class RateLimited(exceptions.Throttled):
    """429 ``{"detail": message}`` with ``Retry-After: wait``; the message is ours, translated and whole.

    DRF's own ``Throttled`` appends "Expected available in N seconds." from its catalogue to any message.
    Without ``detail`` the message says how long to wait (``wait_message``).
    """

    def __init__(self, *, wait: float | None, detail: str | Promise | None = None) -> None:
        seconds = None if wait is None else math.ceil(wait)
        super().__init__(detail=str(detail) if detail else wait_message(seconds))
        self.wait = seconds


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Map Django's own errors raised by services to API errors, and DRF's throttling to our 429, then let DRF
    answer."""
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "message_dict"):
            exc = exceptions.ValidationError(exc.message_dict)
        else:
            exc = exceptions.ValidationError({"detail": exc.messages})
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, exceptions.Throttled) and not isinstance(exc, RateLimited):
        exc = RateLimited(wait=exc.wait)
    return drf_exception_handler(exc, context)


def only_api_paths(endpoints: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Keep the schema to our own API (Wagtail's admin API is not ours to document)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


class EnumField(serializers.ChoiceField):
    """A choice of a ``TextChoices`` class, documented as the one schema component ``component``.

    Several apps have enums called "kind" and "status"; a named component keeps each app's enums apart
    without renaming any of them.
    """

    def __init__(self, choices_class: type[TextChoices], *, component: str, **kwargs: Any) -> None:
        self.choices_class = choices_class
        self.component = component
        super().__init__(choices=choices_class.choices, **kwargs)


class EnumFieldExtension(OpenApiSerializerFieldExtension):
    target_class = EnumField

    def get_name(self) -> str:
        return self.target.component

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        choices = self.target.choices_class
        return {
            "type": "string",
            "enum": list(choices.values),
            "description": "\n".join(f"* `{value}` - {label}" for value, label in choices.choices),
        }
