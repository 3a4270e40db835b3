"""Writes for notices and their e-mail. Every app tells people things through ``notice_send``.

Two modules, so that the background tasks sit between them instead of in a circle:
``notices`` (sending, reading, preferences) queues ``notifications.tasks``, and the tasks call
``email`` (composing and sending the e-mails), which imports neither.
"""

from notifications.selectors import delivery_for
from notifications.services.email import (
    absolute_url,
    digest_send,
    digests_send_all,
    notice_email,
    unsubscribe_url,
)
from notifications.services.notices import notice_mark_read, notice_send, notices_mark_all_read, preference_set

__all__ = [
    "absolute_url",
    "delivery_for",
    "digest_send",
    "digests_send_all",
    "notice_email",
    "notice_mark_read",
    "notice_send",
    "notices_mark_all_read",
    "preference_set",
    "unsubscribe_url",
]
