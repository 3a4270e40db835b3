"""Writes in the forum. Views, the API, commands and the demo call these; each checks its own rule.

Topic modules: ``posts`` (threads, replies, edits, answers, watching, read state),
``moderation`` (flags, hiding, redacting edit history, locking, pinning, moving) and ``groups`` (private groups).
"""

from forum.services.groups import (
    group_add,
    group_decide,
    group_join,
    group_leave,
    group_remove,
    group_request,
    group_role_set,
)
from forum.services.moderation import (
    HIDE_AFTER_FLAGS,
    flag_create,
    post_set_hidden,
    revision_redact,
    thread_moderate,
)
from forum.services.posts import (
    MAX_BODY,
    MAX_TITLE,
    POSTS_PER_MINUTE,
    answer_accept,
    post_create,
    post_delete,
    post_edit,
    read_state_mark,
    thread_create,
    watch_set,
)

__all__ = [
    "HIDE_AFTER_FLAGS",
    "MAX_BODY",
    "MAX_TITLE",
    "POSTS_PER_MINUTE",
    "answer_accept",
    "flag_create",
    "group_add",
    "group_decide",
    "group_join",
    "group_leave",
    "group_remove",
    "group_request",
    "group_role_set",
    "post_create",
    "post_delete",
    "post_edit",
    "post_set_hidden",
    "read_state_mark",
    "revision_redact",
    "thread_create",
    "thread_moderate",
    "watch_set",
]
