"""Every e-mail the platform sends goes through ``send_email``, so no request waits for or fails on the mail server.

A send the mail server or the network refuses (an ``SMTPException`` or an ``OSError``: refused, reset, timed out
after ``EMAIL_TIMEOUT``) is tried again later, three tries in all: the task enqueues itself with the next attempt
number to run after a back-off (``RETRY_DELAYS``). The third failure raises, so the task's result is FAILED and the
national admin sees it in the admin's list of failed e-mails (``accounts.admin.FailedEmailAdmin``). Only a send
that raised is tried again; once the server has taken the message, nothing after it (closing the connection) can
cause a second copy. Any other error is a bug, not an outage, and fails at once.

Retries need a task backend that can defer a task (``run_after``): the database queue of production can. The
immediate backend of development and tests cannot, and it runs the task inside the request, where waiting minutes
is no option: there the first failure is final (logged and FAILED, never raised into the request).

Log lines name the task, the attempt and the recipients' domains, never an address, subject or body.
"""

import logging
import smtplib
from datetime import datetime, timedelta
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.utils import timezone
from django_tasks import TaskContext, task

logger = logging.getLogger(__name__)

# The waits before the second and the third try; the third failure is final.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# What a mail server that is down, refusing, hanging up or hanging raises (TimeoutError is an OSError).
MAIL_SERVER_ERRORS = (smtplib.SMTPException, OSError)


@task(takes_context=True)
def send_email(
    context: TaskContext,
    *,
    to: list[str],
    subject: str,
    body: str,
    html: str | None = None,
    headers: dict[str, str] | None = None,
    attempt: int = 1,
) -> str:
    """Send one e-mail. ``attempt`` is set by the task's own retries; callers leave it out."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to, headers=headers or {}
    )
    if html:
        message.attach_alternative(html, "text/html")
    try:
        _send(message)
    except MAIL_SERVER_ERRORS as exc:
        retry_at = _retry_later(
            context, exc, attempt=attempt, to=to, subject=subject, body=body, html=html, headers=headers
        )
        if retry_at is None:
            raise
        return f"not sent; attempt {attempt + 1} after {retry_at.isoformat()}"
    return "sent"


def _send(message: EmailMessage) -> None:
    """Hand the message to the mail server; raises only if the server has not taken it."""
    connection = get_connection()
    try:
        connection.open()
        connection.send_messages([message])
    finally:
        try:
            connection.close()
        except Exception as exc:
            # The message is out (or the send's own error is on its way): a failed goodbye is no reason to retry.
            logger.warning("E-mail connection not closed cleanly: task=%s error=%s", send_email.module_path, _name(exc))


def _retry_later(
    context: TaskContext, exc: BaseException, *, attempt: int, to: list[str], **message: Any
) -> datetime | None:
    """Enqueue the next attempt to run after its back-off and return when; or log the failure as final (None)."""
    running = context.task_result.task
    where = (running.module_path, attempt, MAX_ATTEMPTS, _domains(to), _name(exc))
    if attempt < MAX_ATTEMPTS and running.get_backend().supports_defer:
        delay = RETRY_DELAYS[attempt - 1]
        retry_at = timezone.now() + delay
        running.using(run_after=retry_at).enqueue(to=to, attempt=attempt + 1, **message)
        logger.warning(
            "E-mail not sent, trying again in %d s: task=%s attempt=%d/%d domain=%s error=%s",
            delay.total_seconds(),
            *where,
        )
        return retry_at
    reason = "no tries left" if attempt >= MAX_ATTEMPTS else "the task backend cannot delay a retry"
    logger.error("E-mail not sent, giving up (%s): task=%s attempt=%d/%d domain=%s error=%s", reason, *where)
    return None


def _domains(addresses: list[str]) -> str:
    """The recipients' domains: enough to see which provider refuses, without personal data."""
    return ",".join(sorted({parseaddr(address)[1].rpartition("@")[2].lower() or "?" for address in addresses}))


def _name(exc: BaseException) -> str:
    kind = type(exc)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
