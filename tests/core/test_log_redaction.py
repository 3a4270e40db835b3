import logging
import smtplib
import sys

from core.logging import RedactSecretsFilter


def _format(message, *args):
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, message, args, None)
    RedactSecretsFilter().filter(record)
    return record.getMessage()


def test_tokens_in_request_paths_are_redacted_from_log_lines():
    token = "eyJ1IjoyLCJrIjoicmVnaXN0ZXIubWVtYmVyc2hpcCJ9:1xWDQ2:DraKrFzo9gNMcyKAr0aIWyYgWUh57N1kZeXNhTk1-rU"
    line = _format("Bad Request: %s", f"/notifications/unsubscribe/{token}/")
    assert token not in line
    assert line == "Bad Request: /notifications/unsubscribe/[redacted]/"


def test_ordinary_paths_are_logged_unchanged():
    assert _format("Not Found: %s", "/sentre/karriere-oslo/") == "Not Found: /sentre/karriere-oslo/"


def test_the_failing_task_is_named_in_the_task_log_line_and_its_id_is_not():
    """django_tasks logs every finished task as ``Task id=... path=... state=...``; a task id is opaque."""
    line = _format(
        "Task id=%s path=%s state=%s", "0b7e5a4c-3f1d-4e8a-9c2b-5d6f7a8b9c0d", "accounts.tasks.send_email", "FAILED"
    )
    assert line == "Task id=[redacted] path=accounts.tasks.send_email state=FAILED"


def test_module_paths_exception_classes_and_domains_are_readable():
    line = _format(
        "task=%s error=%s domain=%s",
        "notifications.tasks.send_daily_digests",
        "smtplib.SMTPServerDisconnected",
        "mail.karrierenorge.example",
    )
    assert line == (
        "task=notifications.tasks.send_daily_digests error=smtplib.SMTPServerDisconnected "
        "domain=mail.karrierenorge.example"
    )


def test_e_mail_addresses_are_redacted_wherever_they_appear():
    line = _format("Refused: %s, %s", "ola.nordmann@example.org", "Kari Nordmann <kari.nordmann+kn@skole.example.no>")
    assert line == "Refused: [address], Kari Nordmann <[address]>"
    assert _format("to=%s", "ola.nordmann.fra.bergen.kommune@example.org") == "to=[address]"


def test_reset_keys_signed_tokens_and_private_links_are_still_redacted():
    assert (
        _format("GET %s", "/accounts/password/reset/key/2-cdxlwh-8f3a1b2c9d4e5f6a7b8c9d0e1f2a/")
        == "GET /accounts/password/reset/key/[redacted]/"
    )
    assert _format("GET %s", "/sporsmal/Xq3_vT9kLm2Pw8Rz-Nb4Hs6Jd1Fg5Yc7/") == "GET /sporsmal/[redacted]/"
    assert _format("GET %s", "/confirm/?key=MQ:1uAbCd:x7Yz9KqLmNoPqRsTuVwXyZ01234") == "GET /confirm/?key=[redacted]"
    # Dotted, but not a lowercase name: a JSON web token stays secret.
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert _format("token=%s", jwt) == "token=[redacted]"


def test_an_exceptions_text_is_redacted_too():
    """An SMTP error may quote the refused address; the traceback goes through the same filter as the message."""
    try:
        raise smtplib.SMTPRecipientsRefused({"ola.nordmann@example.org": (550, b"No such user")})
    except smtplib.SMTPRecipientsRefused:
        record = logging.LogRecord("django_tasks", logging.ERROR, __file__, 1, "Task failed", (), sys.exc_info())
    RedactSecretsFilter().filter(record)

    written = logging.Formatter("%(message)s").format(record)

    assert "smtplib.SMTPRecipientsRefused: {'[address]': (550, b'No such user')}" in written
    assert "ola.nordmann" not in written
