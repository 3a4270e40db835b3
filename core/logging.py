import logging
import re

# Long opaque path segments and query values are secrets (unsubscribe links, private links,
# reset keys): they never reach the logs.
SECRET_SEGMENT = re.compile(r"(?<=[/=])[A-Za-z0-9_:\-.]{24,}")


class RedactSecretsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = SECRET_SEGMENT.sub("[redacted]", message)
        if redacted != message:
            record.msg = redacted
            record.args = None
        return True
