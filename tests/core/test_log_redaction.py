import logging

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
