import logging
import re

# Long opaque path segments and query values are secrets (unsubscribe links, private links,
# reset keys): they never reach the logs.
SECRET_SEGMENT = re.compile(r"(?<=[/=])[A-Za-z0-9_:\-.]{24,}")
# ...unless the segment is a dotted name: a module or task path (``accounts.tasks.send_email``, ending perhaps in a
# class, ``smtplib.SMTPServerDisconnected``) or a domain. Our secrets are never that: signed values hold ``:``,
# random ones (``secrets.token_urlsafe``, allauth's keys, hex) hold no dot, and lowercase letters alone are no key.
DOTTED_NAME = re.compile(r"(?:[a-z_][a-z0-9_-]*\.)+(?:[a-z_][a-z0-9_-]*|[A-Z][A-Za-z0-9_]*)")
# E-mail addresses are personal data, wherever they turn up (a refused recipient in a mail server's error).
EMAIL_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def redact(text: str) -> str:
    text = EMAIL_ADDRESS.sub("[address]", text)
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
        return True
