"""Who sees and does what in the forum. Pages, the API, search and the services all ask these.

Only signed-in professionals (a counsellor profile, a centre role or a national role) see the
forum at all. A user's forum reach is read once per request and kept on the user object.

Topic modules: ``reach`` (who the user is to the forum), ``moderation`` (who moderates what),
``content`` (reading, starting threads, replying, editing) and ``groups`` (private groups).
"""

from forum.permissions.content import (
    access_category,
    access_thread,
    can_edit_post,
    can_read_category,
    can_read_post_history,
    can_read_thread,
    can_start_thread,
    categories_visible_to,
    is_member,
    reply_refusal,
    threads_visible_to,
)
from forum.permissions.groups import (
    access_group,
    can_manage_group,
    can_see_group,
    can_see_group_members,
    is_group_member,
)
from forum.permissions.moderation import (
    can_moderate,
    can_moderate_anything,
    category_moderators,
    is_moderator_reach,
    moderator_q,
    require_moderator,
)
from forum.permissions.reach import (
    NOBODY,
    Reach,
    RequestUser,
    forget_reach,
    is_professional,
    reach_of,
    require_professional,
)

__all__ = [
    "NOBODY",
    "Reach",
    "RequestUser",
    "access_category",
    "access_group",
    "access_thread",
    "can_edit_post",
    "can_manage_group",
    "can_moderate",
    "can_moderate_anything",
    "can_read_category",
    "can_read_post_history",
    "can_read_thread",
    "can_see_group",
    "can_see_group_members",
    "can_start_thread",
    "categories_visible_to",
    "category_moderators",
    "forget_reach",
    "is_group_member",
    "is_member",
    "is_moderator_reach",
    "is_professional",
    "moderator_q",
    "reach_of",
    "reply_refusal",
    "require_moderator",
    "require_professional",
    "threads_visible_to",
]
