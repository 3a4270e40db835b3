"""Writes in the forum: threads, posts, answers, watching, flags and moderation.

Counters on threads and categories are kept here, in the same transaction as the post,
so lists never count rows per item.
"""

import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import markdown
from forum.models import (
    Category,
    Flag,
    FlagReason,
    ModerationAction,
    Post,
    PostRevision,
    ReadState,
    Thread,
    Watch,
    WatchLevel,
)
from forum.permissions import (
    can_edit_post,
    can_moderate,
    can_read_thread,
    can_start_thread,
    category_moderators,
    reply_refusal,
)
from notifications.services import notice_send

MAX_BODY = 20000
MAX_TITLE = 200
POSTS_PER_MINUTE = 10
HIDE_AFTER_FLAGS = 3
MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9._%+-]+(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?)")


def _clean_body(body):
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write something before you post.")})
    if len(body) > MAX_BODY:
        raise ValidationError({"body": _("A post can be at most 20,000 characters.")})
    return body


def _check_rate(author):
    since = timezone.now() - timedelta(minutes=1)
    if Post.objects.filter(author=author, created_at__gte=since).count() >= POSTS_PER_MINUTE:
        raise ValidationError(_("You can post at most 10 posts a minute. Wait a moment and try again."))


def mentioned_users(body):
    """Users named as @local-part or @full-address in ``body``."""
    User = get_user_model()
    handles = {m.lower() for m in MENTION.findall(body)}
    if not handles:
        return []
    addresses = {h for h in handles if "@" in h}
    locals_ = {h for h in handles if "@" not in h}
    users = list(User.objects.filter(email__in=addresses, is_active=True)) if addresses else []
    for local in locals_:
        users.extend(User.objects.filter(email__istartswith=f"{local}@", is_active=True))
    return users


def _watch_default(user, thread):
    Watch.objects.get_or_create(user=user, thread=thread, defaults={"level": WatchLevel.WATCHING})


def _notify(post, *, quoted_author=None):
    """Tell watchers, tracked repliers and mentioned users, once each, only if they can read."""
    thread = post.thread
    told = {post.author_id}
    link = f"{thread.get_absolute_url()}?post={post.number}#post-{post.number}"
    mentioned = mentioned_users(post.body)
    for user in mentioned:
        if user.pk not in told and can_read_thread(user, thread):
            told.add(user.pk)
            notice_send(
                recipient=user,
                kind="forum.mention",
                title=_("%(name)s mentioned you in “%(thread)s”") % {"name": post.author, "thread": thread.title},
                link=link,
            )
    levels = {}
    for watch in Watch.objects.filter(category=thread.category_id).select_related("user"):
        levels[watch.user] = watch.level
    for watch in Watch.objects.filter(thread=thread).select_related("user"):
        levels[watch.user] = watch.level  # the thread's own level wins over the category's
    for user, level in levels.items():
        if user.pk in told or level == WatchLevel.MUTED:
            continue
        replied_to_them = quoted_author is not None and quoted_author.pk == user.pk
        if (level == WatchLevel.WATCHING or replied_to_them) and can_read_thread(user, thread):
            told.add(user.pk)
            notice_send(
                recipient=user,
                kind="forum.reply",
                title=_("New post in “%(thread)s” by %(name)s") % {"thread": thread.title, "name": post.author},
                link=link,
            )


def _add_post(*, thread, author, body):
    """Append a post. Caller holds the thread row lock."""
    now = timezone.now()
    post = Post.objects.create(
        thread=thread, number=thread.post_count + 1, author=author, body=body, body_html=markdown.render(body)
    )
    Thread.objects.filter(pk=thread.pk).update(
        post_count=F("post_count") + 1, last_post_at=now, last_post_author=author
    )
    Category.objects.filter(pk=thread.category_id).update(
        post_count=F("post_count") + 1, last_post_at=now, last_thread=thread
    )
    thread.post_count += 1
    thread.last_post_at = now
    ReadState.objects.update_or_create(user=author, thread=thread, defaults={"last_read_number": post.number})
    return post


@transaction.atomic
def thread_create(*, category, author, title, body, is_question=False):
    if not can_start_thread(author, category):
        raise PermissionDenied(_("You cannot start threads in this category."))
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the thread a title.")})
    if len(title) > MAX_TITLE:
        raise ValidationError({"title": _("The title can be at most 200 characters.")})
    body = _clean_body(body)
    _check_rate(author)
    thread = Thread.objects.create(category=category, title=title, author=author, is_question=bool(is_question))
    Category.objects.filter(pk=category.pk).update(thread_count=F("thread_count") + 1)
    post = _add_post(thread=thread, author=author, body=body)
    _watch_default(author, thread)
    _notify(post)
    return thread


@transaction.atomic
def post_create(*, thread, author, body, quote_of=None):
    thread = Thread.objects.select_for_update().select_related("category").get(pk=thread.pk)
    refusal = reply_refusal(author, thread)
    if refusal:
        raise PermissionDenied(refusal)
    body = _clean_body(body)
    _check_rate(author)
    post = _add_post(thread=thread, author=author, body=body)
    _watch_default(author, thread)
    quoted_author = quote_of.author if quote_of is not None and quote_of.thread_id == thread.pk else None
    _notify(post, quoted_author=quoted_author)
    return post


@transaction.atomic
def post_edit(*, post, editor, body):
    post = Post.objects.select_for_update().select_related("thread__category").get(pk=post.pk)
    if not can_edit_post(editor, post):
        raise PermissionDenied(_("You can only edit your own posts."))
    if post.thread.is_locked and not can_moderate(editor, post.thread.category):
        raise PermissionDenied(_("This thread is locked: no new replies."))
    body = _clean_body(body)
    if body == post.body:
        return post
    PostRevision.objects.create(post=post, body=post.body, edited_by=editor)
    post.body = body
    post.body_html = markdown.render(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    return post


@transaction.atomic
def post_delete(*, post, actor):
    """Soft delete: the post stays in place and shows as deleted."""
    if not can_edit_post(actor, post):
        raise PermissionDenied(_("You can only delete your own posts."))
    post.is_deleted = True
    post.save(update_fields=["is_deleted"])
    return post


@transaction.atomic
def answer_accept(*, thread, post, actor):
    thread = Thread.objects.select_for_update().select_related("category").get(pk=thread.pk)
    if not (thread.author_id == actor.pk or can_moderate(actor, thread.category)):
        raise PermissionDenied(_("Only the person who asked or a moderator can mark the answer."))
    if not thread.is_question:
        raise ValidationError(_("Only questions have an accepted answer."))
    if post.thread_id != thread.pk or post.number == 1 or post.is_deleted or post.is_hidden:
        raise ValidationError(_("Choose a visible reply in this thread."))
    thread.accepted_post = post
    thread.save(update_fields=["accepted_post"])
    if post.author_id and post.author_id != actor.pk:
        notice_send(
            recipient=post.author,
            kind="forum.answer",
            title=_("Your reply was marked as the answer in “%(thread)s”") % {"thread": thread.title},
            link=f"{thread.get_absolute_url()}?post={post.number}#post-{post.number}",
        )
    return thread


@transaction.atomic
def watch_set(*, user, level, thread=None, category=None):
    if level not in WatchLevel.values:
        raise ValidationError({"level": _("Choose a watching level from the list.")})
    target = {"thread": thread} if thread is not None else {"category": category}
    Watch.objects.update_or_create(user=user, **target, defaults={"level": level})


def read_state_mark(*, user, thread, number):
    state, created = ReadState.objects.get_or_create(user=user, thread=thread, defaults={"last_read_number": number})
    if not created and number > state.last_read_number:
        ReadState.objects.filter(pk=state.pk, last_read_number__lt=number).update(last_read_number=number)


@transaction.atomic
def flag_create(*, post, user, reason, note=""):
    """Any reader flags a post; the third distinct flag hides it until a moderator decides."""
    post = Post.objects.select_for_update().select_related("thread__category").get(pk=post.pk)
    if not can_read_thread(user, post.thread):
        raise PermissionDenied
    if reason not in FlagReason.values:
        raise ValidationError({"reason": _("Choose a reason from the list.")})
    if Flag.objects.filter(post=post, user=user).exists():
        raise ValidationError(_("You have already flagged this post."))
    Flag.objects.create(post=post, user=user, reason=reason, note=(note or "").strip()[:1000])
    post.flag_count = Flag.objects.filter(post=post, resolved_at__isnull=True).count()
    fields = ["flag_count"]
    if post.flag_count >= HIDE_AFTER_FLAGS and not post.is_hidden:
        post.is_hidden = True
        fields.append("is_hidden")
    post.save(update_fields=fields)
    for moderator in category_moderators(post.thread.category).exclude(pk=user.pk):
        notice_send(
            recipient=moderator,
            kind="forum.flag",
            title=_("A post in “%(thread)s” is flagged: %(reason)s")
            % {"thread": post.thread.title, "reason": FlagReason(reason).label},
            link=reverse("forum:moderation"),
        )
    return post


def _log(*, moderator, action, thread, post=None, reason=""):
    ModerationAction.objects.create(moderator=moderator, action=action, thread=thread, post=post, reason=reason)


def _require_moderator(user, category):
    if not can_moderate(user, category):
        raise PermissionDenied(_("Only the category's moderators can do this."))


@transaction.atomic
def post_set_hidden(*, post, moderator, hidden, reason=""):
    """Hide or unhide a post; either way the open flags on it are decided."""
    post = Post.objects.select_for_update().select_related("thread__category").get(pk=post.pk)
    _require_moderator(moderator, post.thread.category)
    post.is_hidden = hidden
    post.flag_count = 0
    post.save(update_fields=["is_hidden", "flag_count"])
    Flag.objects.filter(post=post, resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=moderator)
    _log(
        moderator=moderator,
        action="post.hidden" if hidden else "post.shown",
        thread=post.thread,
        post=post,
        reason=reason,
    )
    return post


@transaction.atomic
def thread_moderate(*, thread, moderator, action, reason="", category=None):
    """lock / unlock / pin / unpin / hide / unhide / move (to ``category``)."""
    thread = Thread.objects.select_for_update().select_related("category").get(pk=thread.pk)
    _require_moderator(moderator, thread.category)
    flags = {
        "lock": ("is_locked", True),
        "unlock": ("is_locked", False),
        "pin": ("is_pinned", True),
        "unpin": ("is_pinned", False),
        "hide": ("is_hidden", True),
        "unhide": ("is_hidden", False),
    }
    if action in flags:
        field, value = flags[action]
        setattr(thread, field, value)
        thread.save(update_fields=[field])
    elif action == "move":
        if category is None or category.pk == thread.category_id:
            raise ValidationError({"category": _("Choose another category.")})
        _require_moderator(moderator, category)
        old = thread.category
        Category.objects.filter(pk=old.pk).update(
            thread_count=F("thread_count") - 1, post_count=F("post_count") - thread.post_count
        )
        Category.objects.filter(pk=category.pk).update(
            thread_count=F("thread_count") + 1, post_count=F("post_count") + thread.post_count
        )
        thread.category = category
        thread.save(update_fields=["category"])
        reason = reason or _("Moved from %(old)s") % {"old": old.name}
    else:
        raise ValidationError(_("Unknown moderation action."))
    _log(moderator=moderator, action=f"thread.{action}", thread=thread, reason=reason)
    return thread
