"""Moderation forms for the thread page: rendered only for the category's moderators."""

from django import template

from forum.forms import PostModerateForm, ThreadModerateForm
from forum.permissions import can_moderate

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None)


@register.simple_tag(takes_context=True)
def thread_moderation_form(context, thread):
    """The thread's moderation form, or None when the viewer does not moderate its category."""
    user = _user(context)
    if user is None or not can_moderate(user, thread.category):
        return None
    return ThreadModerateForm(user=user, thread=thread)


@register.simple_tag(takes_context=True)
def post_moderation_form(context, post, thread=None):
    """The post's hide/unhide form, or None. Pass ``thread`` so no post loads its thread again."""
    user = _user(context)
    category = (thread or post.thread).category
    if user is None or not can_moderate(user, category):
        return None
    return PostModerateForm(post=post)
