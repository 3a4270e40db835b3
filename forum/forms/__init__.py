"""Forms of the forum pages. They shape input; the rules live in ``forum.services``.

Topic modules: ``posting`` (threads, replies, edits, watching, search), ``moderation`` (flags and
moderator actions) and ``groups`` (private groups).
"""

from forum.forms.groups import GroupAddForm
from forum.forms.moderation import FlagForm, PostModerateForm, ReasonForm, RedactForm, ThreadModerateForm
from forum.forms.posting import PostEditForm, ReplyForm, SearchForm, ThreadForm, WatchForm

__all__ = [
    "FlagForm",
    "GroupAddForm",
    "PostEditForm",
    "PostModerateForm",
    "ReasonForm",
    "RedactForm",
    "ReplyForm",
    "SearchForm",
    "ThreadForm",
    "ThreadModerateForm",
    "WatchForm",
]
