"""API-wide pieces: the exception handler, the 429 answer, the schema hook and named enum fields."""

import math
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import TextChoices
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from drf_spectacular import openapi
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
    answer.

    A ``Http404`` becomes the translated "Not found." alone: ``get_object_or_404``'s message ("No CreditEntry matches
    the given query.") is English and names our models.
    """
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoValidationError):
        if hasattr(exc, "message_dict"):
            exc = exceptions.ValidationError(exc.message_dict)
        else:
            exc = exceptions.ValidationError({"detail": exc.messages})
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, exceptions.Throttled) and not isinstance(exc, RateLimited):
        exc = RateLimited(wait=exc.wait)
    response = drf_exception_handler(exc, context)
    # ``{"detail": message}`` says also which refusal it is, for programs: "not_authenticated", "mfa_required"...
    if (
        response is not None
        and isinstance(exc, exceptions.APIException)
        and isinstance(response.data, dict)
        and set(response.data) == {"detail"}
        and isinstance(code := exc.get_codes(), str)
    ):
        response.data["code"] = code
    return response


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
        # A field that may be blank ("" for "not given") has its own component, with "" among the values: the
        # response schema must take what the field answers (schemathesis found "" refused by the enum).
        if self.target.allow_blank:
            return self.target.component.removesuffix("Enum") + "OrBlankEnum"
        return self.target.component

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        choices = self.target.choices_class
        blank = [""] if self.target.allow_blank and "" not in choices.values else []
        return {
            "type": "string",
            "enum": [*choices.values, *blank],
            "description": "\n".join(f"* `{value}` - {label}" for value, label in choices.choices),
        }


# The error answers every operation can give, documented once for all of them (``document_errors``).

ERROR_SCHEMA = {
    "type": "object",
    "description": "Why the request was refused, in the user's language (bokmål unless Accept-Language asks "
    "for English).",
    "properties": {
        "detail": {"type": "string"},
        "code": {
            "type": "string",
            "description": "Which refusal it is, for programs, where the API names one: `not_authenticated`, "
            "`authentication_failed`, `permission_denied`, `mfa_required`, `not_found`, `throttled`, "
            "`unsupported_media_type`...",
        },
    },
    "required": ["detail"],
}
# Field name -> messages; ``non_field_errors`` for the request as a whole, ``detail`` where a service refused it.
# A nested serializer's errors come as an object under its field.
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "description": "What is wrong with the input, per field, in the user's language. `non_field_errors` (or "
    "`detail`) holds what concerns the request as a whole. Nothing was changed.",
    "properties": {
        "non_field_errors": {"type": "array", "items": {"type": "string"}},
        "detail": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": {"oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "object"}]},
}
ERROR_REF = {"$ref": "#/components/schemas/Error"}
VALIDATION_ERROR_REF = {"$ref": "#/components/schemas/ValidationError"}

ERROR_RESPONSES: dict[str, dict[str, Any]] = {
    "400": {"description": "The input was refused; nothing was changed.", "schema": VALIDATION_ERROR_REF},
    "401": {
        "description": "No valid credentials: a missing, wrong, expired or revoked token, or no session.",
        "schema": ERROR_REF,
        "headers": {
            "WWW-Authenticate": {
                "description": "How to authenticate: `Token`.",
                "required": True,
                "schema": {"type": "string"},
            }
        },
    },
    "403": {
        "description": "Not allowed for this user, or staff who must set up two-factor authentication first.",
        "schema": ERROR_REF,
    },
    "404": {"description": "No such object, or not one this user may see.", "schema": ERROR_REF},
    "415": {"description": "The request body's content type is not one this operation reads.", "schema": ERROR_REF},
    "429": {
        "description": "Too many requests in a short time.",
        "schema": ERROR_REF,
        "headers": {
            "Retry-After": {
                "description": "Seconds to wait before trying again.",
                "schema": {"type": "integer", "minimum": 0},
            }
        },
    },
    "503": {
        "description": "The database did not answer (a restart or a fail-over): try again after Retry-After seconds.",
        "schema": ERROR_REF,
        "headers": {
            "Retry-After": {
                "description": "Seconds to wait before trying again.",
                "required": True,
                "schema": {"type": "integer", "minimum": 0},
            }
        },
    },
}
METHODS = ("get", "put", "post", "patch", "delete")


def error_codes(method: str, operation: dict[str, Any]) -> list[str]:
    """The error statuses ``operation`` can answer.

    Any request can carry a bad token (401), and any signed-in staff member without MFA is refused (403), so
    every operation, public ones included, documents 401, 403, 429 (throttling is on everywhere) and 503 (the
    database did not answer, ``core.views.server_error``). Input
    (a body, a query filter) can be refused with 400, and so can any write, by the service's rules (registering
    for a closed event); a path parameter or a page number can miss (404).
    """
    parameters = operation.get("parameters", [])
    codes = ["401", "403", "429", "503"]
    writes = method != "get"
    if writes or "requestBody" in operation or any(p["in"] == "query" for p in parameters):
        codes.append("400")
    if "requestBody" in operation:
        codes.append("415")
    if any(p["in"] == "path" or p["name"] == "page" for p in parameters):
        codes.append("404")
    return sorted(codes)


def document_errors(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: the ``Error`` and ``ValidationError`` components and, on every
    operation, each error status it can answer (``core.api.exception_handler`` shapes them all).

    A status an operation documents itself keeps its schema and description; one documented without a body
    gets the shared one.
    """
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR_SCHEMA
    schemas["ValidationError"] = VALIDATION_ERROR_SCHEMA
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for code in error_codes(method, operation):
                shared = ERROR_RESPONSES[code]
                response = responses.setdefault(code, {"description": shared["description"]})
                response.setdefault("content", {"application/json": {"schema": shared["schema"]}})
                if "headers" in shared:
                    response.setdefault("headers", shared["headers"])
    return result


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, with what DRF's text fields refuse written into the request schema.

    DRF trims a text field's whitespace and then refuses it blank unless ``allow_blank``: "   " is refused, so
    the schema says the text must hold a non-space character.

    A PATCH body is documented with every field optional, as DRF's ``partial=True`` reads it; a request
    serializer with ``whole_on_patch = True`` is read whole by its view (a PATCH that replaces a post's text
    needs the text) and is documented with its required fields.
    """

    def _get_request_for_media_type(self, serializer: Any, direction: str = "request") -> Any:
        if self.method == "PATCH" and getattr(serializer, "whole_on_patch", False):
            self.method = "PUT"
            try:
                return super()._get_request_for_media_type(serializer, direction)
            finally:
                self.method = "PATCH"
        return super()._get_request_for_media_type(serializer, direction)

    def _map_serializer_field(self, field: Any, direction: str, bypass_extensions: bool = False) -> Any:
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if (
            direction == "request"
            and type(field) in (serializers.CharField, serializers.SlugField)
            and not field.allow_blank
            and not field.read_only
            and isinstance(schema, dict)
            and schema.get("type") == "string"
            and "pattern" not in schema
        ):
            schema = {**schema, "pattern": r"\S", "minLength": max(schema.get("minLength", 0), 1)}
        return schema
