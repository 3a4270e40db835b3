"""Error reporting to Sentry (or a Sentry-compatible service such as GlitchTip) when ``SENTRY_DSN`` is set.

Only what helps fix the error leaves the server: the stack without local variables, the request's method,
path and headers (no cookies, no body, no query string), the request id and the release. Secrets in paths
and e-mail addresses are redacted as in the logs (``core.logging.redact``); users are not identified.
"""

from typing import TYPE_CHECKING, Any, cast

import sentry_sdk
from django_guid import get_guid
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.transport import Transport

from core.logging import redact

if TYPE_CHECKING:
    from sentry_sdk._types import Event


def init_sentry(
    dsn: str,
    *,
    environment: str,
    release: str | None = None,
    traces_sample_rate: float = 0.0,
    transport: Transport | None = None,
) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration()],
        # No user identity, no request bodies, no local variables of the stack's frames.
        data_collection={"user_info": False, "http_bodies": [], "stack_frame_variables": False},
        traces_sample_rate=traces_sample_rate,
        before_send=scrub_event,
        transport=transport,
    )


def reporting_errors() -> bool:
    """Whether errors are reported somewhere a person reads them (the 500 page says so only then)."""
    return sentry_sdk.is_initialized()


def scrub_event(event: "Event", hint: dict[str, Any]) -> "Event":
    """Redact an event before it is sent, and tag it with the request id the user sees on the 500 page."""
    data = cast(dict[str, Any], event)
    request_id = get_guid()
    if request_id:
        data.setdefault("tags", {})["request_id"] = request_id
    for exception in _values(data.get("exception")):
        _redact_key(exception, "value")
    logentry = data.get("logentry")
    if isinstance(logentry, dict):
        _redact_key(logentry, "message")
        _redact_key(logentry, "formatted")
        logentry["params"] = []
    for breadcrumb in _values(data.get("breadcrumbs")):
        _redact_key(breadcrumb, "message")
    request = data.get("request")
    if isinstance(request, dict):
        _redact_key(request, "url")
        request.pop("query_string", None)
        request.pop("data", None)
    return event


def _values(container: object) -> list[dict[str, Any]]:
    values = container.get("values") if isinstance(container, dict) else None
    return [value for value in values if isinstance(value, dict)] if isinstance(values, list) else []


def _redact_key(mapping: dict[str, Any], key: str) -> None:
    if isinstance(mapping.get(key), str):
        mapping[key] = redact(mapping[key])
