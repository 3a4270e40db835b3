"""API-wide pieces: the exception handler and the schema hook."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """Map Django's own errors raised by services to API errors, then let DRF answer."""
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "message_dict"):
            exc = exceptions.ValidationError(exc.message_dict)
        else:
            exc = exceptions.ValidationError({"detail": exc.messages})
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)


def only_api_paths(endpoints):
    """Keep the schema to our own API (Wagtail's admin API is not ours to document)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
