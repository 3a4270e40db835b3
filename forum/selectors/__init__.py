"""Reads shared by the forum's pages and API; each owns its joins so lists cost fixed queries.

Topic modules: ``threads`` (categories, threads, posts), ``people`` (mentions, profile cards, authors),
``search``, ``moderation`` (flag queue and log) and ``groups`` (private groups).
"""

from forum.selectors.groups import group_members, group_requests, group_state, groups_for
from forum.selectors.moderation import (
    FlaggedPost,
    flag_queue,
    flagged_posts,
    moderated_categories,
    moderation_log,
    moderation_log_for,
)
from forum.selectors.people import (
    MAX_MENTIONS,
    MentionsNotTold,
    author_lines,
    handle_suggestions,
    mentioned_handles,
    mentioned_users,
    mentions_not_told,
    people_lines,
    person_by_handle,
)
from forum.selectors.search import MARK_END, MARK_START, SEARCH_CONFIG, search, snippet_html
from forum.selectors.threads import (
    POSTS_PER_PAGE,
    category_list,
    first_unread_number,
    page_of_post,
    posts_numbered,
    thread_list,
    thread_posts,
)

__all__ = [
    "MARK_END",
    "MAX_MENTIONS",
    "MARK_START",
    "POSTS_PER_PAGE",
    "SEARCH_CONFIG",
    "FlaggedPost",
    "MentionsNotTold",
    "category_list",
    "first_unread_number",
    "flag_queue",
    "flagged_posts",
    "group_members",
    "group_requests",
    "group_state",
    "groups_for",
    "handle_suggestions",
    "mentioned_handles",
    "mentioned_users",
    "mentions_not_told",
    "moderated_categories",
    "moderation_log",
    "moderation_log_for",
    "page_of_post",
    "people_lines",
    "person_by_handle",
    "search",
    "snippet_html",
    "thread_list",
    "author_lines",
    "posts_numbered",
    "thread_posts",
]
