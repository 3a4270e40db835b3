import logging
import re
import threading
import time
from collections.abc import Mapping
from typing import Any

from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

# Long opaque path segments and query values are secrets (unsubscribe links, private links,
# reset keys): they never reach the logs.
SECRET_SEGMENT = re.compile(r"(?<=[/=])[A-Za-z0-9_:\-.]{24,}")
# ...unless the segment is a dotted name: a module or task path (``accounts.tasks.send_email``, ending perhaps in a
# class, ``smtplib.SMTPServerDisconnected``) or a domain. Our secrets are never that: signed values hold ``:``,
# random ones (``secrets.token_urlsafe``, allauth's keys, hex) hold no dot, and lowercase letters alone are no key.
DOTTED_NAME = re.compile(r"(?:[a-z_][a-z0-9_-]*\.)+(?:[a-z_][a-z0-9_-]*|[A-Z][A-Za-z0-9_]*)")
# A code in a link to check it (``/verify/ABCD-EFGH-JKMN-PQRS/``) proves a person's competence to whoever holds it:
# the logs keep its first four characters, enough to tell two checks apart, and no more.
CODE_IN_LINK = re.compile(r"(?<=/verify/)([A-Za-z0-9]{4})[A-Za-z0-9-]+")
# E-mail addresses are personal data, wherever they turn up (a refused recipient in a mail server's error).
EMAIL_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


LOG_FORMATS = ("json", "plain")


def log_format(environ: Mapping[str, str]) -> str:
    """LOG_FORMAT from the environment: ``json`` in production (DJANGO_ENV), ``plain`` elsewhere, unless set.
    The same answer for Django's settings and for gunicorn's own lines."""
    default = "json" if environ.get("DJANGO_ENV") == "production" else "plain"
    chosen = environ.get("LOG_FORMAT") or default
    if chosen not in LOG_FORMATS:
        raise ValueError(f"LOG_FORMAT must be json or plain, not {chosen!r}")
    return chosen


def stdout_logging(log_format: str) -> dict[str, Any]:
    """The formatters, filters and the ``stdout`` handler every process logs through, for a ``dictConfig``:
    Django's LOGGING (config/settings.py) and gunicorn's own lines (gunicorn.conf.py). ``log_format`` is
    ``json`` (one object per line, in UTC) or ``plain``; both carry the request id and are redacted."""
    return {
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s [%(correlation_id)s] %(name)s %(message)s"},
            "json": {"()": "core.logging.JsonFormatter"},
        },
        "filters": {
            "request_id": {"()": "django_guid.log_filters.CorrelationId"},
            "redact_secrets": {"()": "core.logging.RedactSecretsFilter"},
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": log_format,
                "filters": ["request_id", "redact_secrets"],
            }
        },
    }


def redact(text: str) -> str:
    text = EMAIL_ADDRESS.sub("[address]", text)
    text = CODE_IN_LINK.sub(r"\1[redacted]", text)
    return SECRET_SEGMENT.sub(lambda m: m[0] if DOTTED_NAME.fullmatch(m[0]) else "[redacted]", text)


class RedactSecretsFilter(logging.Filter):
    """Redacts the message and the traceback of a record (an exception's text may quote an address or a link)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg = redacted
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
            # Formatters that render the exception themselves (the JSON formatter does) take the redacted
            # text instead. Error reporting (sentry-sdk) has seen the record before the handlers' filters.
            record.exc_info = None
        return True


class JsonFormatter(BaseJsonFormatter):
    """One JSON object per line: ``timestamp`` in UTC (ISO 8601), ``level``, ``logger``, ``message`` and
    ``request_id`` (django-guid's id of the request or task the line belongs to, null outside both), then
    any ``extra`` fields and ``exc_info``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("fmt", "%(levelname)s %(name)s %(message)s %(correlation_id)s")
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger", "correlation_id": "request_id"})
        kwargs.setdefault("timestamp", True)
        super().__init__(*args, **kwargs)

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        # Django's request lines pass the request object, whose text is the path: the message has it, redacted.
        log_data.pop("request", None)
        return {key: redact(value) if isinstance(value, str) else value for key, value in log_data.items()}


class CacheOutageFilter(logging.Filter):
    """One warning per ``interval`` seconds about a cache that does not answer, not one per cache call.

    Put on DJANGO_REDIS_LOGGER. With IGNORE_EXCEPTIONS, django-redis logs every cache call Redis did not
    answer, with its traceback: a dead Redis would write several of them per request. This lets the first
    through as one line saying what the outage means, drops the rest for ``interval`` seconds and then
    lets the next through with the count of those dropped. The count is per process: each gunicorn
    worker says it once per interval. Nothing is logged when the cache comes back (django-redis reports
    failures only); the warnings stop.
    """

    def __init__(self, interval: float = 300) -> None:
        super().__init__()
        self.interval = interval
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Forget earlier warnings: the next failure is logged at once."""
        with self._lock:
            self._quiet_until = float("-inf")
            self._dropped = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "cache_outage_warning", False):
            # Already let through and rewritten by another instance: logging is configured once more by
            # each django.setup() (runserver calls it twice), and dictConfig adds filters, never removes them.
            return True
        now = time.monotonic()
        with self._lock:
            if now < self._quiet_until:
                self._dropped += 1
                return False
            dropped, self._dropped = self._dropped, 0
            self._quiet_until = now + self.interval
        record.msg = (
            "The cache is unavailable (%s): pages are served without it and rate limits are not enforced "
            "until it answers again. Further cache errors are not logged for %d s (%d dropped since the last warning)."
        )
        record.args = (_cause(record), self.interval, dropped)
        record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        # One line, no traceback: the cause is in the message and the stack says nothing new.
        record.exc_info, record.exc_text = None, None
        record.cache_outage_warning = True
        return True


def _cause(record: logging.LogRecord) -> str:
    """The error behind a django-redis ``ConnectionInterrupted`` (or the record's own message)."""
    if not record.exc_info or record.exc_info[1] is None:
        return record.getMessage()
    error = record.exc_info[1]
    cause = error.__cause__ or error
    return f"{type(cause).__name__}: {cause}"


class QuietReadinessProbesFilter(logging.Filter):
    """Drop ``django.request``'s error line for each 503 of ``/readyz/``.

    A load balancer asks every few seconds; while a service is down each answer would log an error.
    ``core.readiness`` logs instead when a check starts failing and when it passes again.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        match = getattr(getattr(record, "request", None), "resolver_match", None)
        return not (getattr(record, "status_code", None) == 503 and match is not None and match.url_name == "readyz")
