"""Writes in the forum: threads, posts, answers, watching and read state.

Counters on threads and categories are kept here, in the same transaction as the post,
so lists never count rows per item (``forum.services.counters`` recounts after a delete).
"""

import re
from datetime import timedelta
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.handles import MENTION
from accounts.models import User
from core import markdown
from core.phrases import Phrase, nphrase, phrase, verbatim
from forum.models import Category, Post, PostRevision, ReadState, Thread, Watch, WatchLevel
from forum.permissions import can_edit_post, can_moderate, can_read_thread, can_start_thread, reply_refusal
from forum.selectors import MAX_MENTIONS, mentioned_handles, mentioned_users
from forum.services import counters
from notifications.services import notice_send, notice_send_grouped

MAX_BODY = 20000
MAX_TITLE = 200
POSTS_PER_MINUTE = 10
NOTICE_EXCERPT = 600  # characters of a post in the notice and e-mail about it
_TAG = re.compile(r"(<[^>]+>)")
_TAG_NAME = re.compile(r"</?([a-zA-Z0-9]+)")
_NO_LINKS_INSIDE = {"a", "code", "pre"}


def render_body(body: str) -> str:
    """A post's sanitised HTML, each @mention of a professional a link to their profile card.

    The links go in after sanitising, into the text between tags only: never inside a link, code or a code block.
    """
    html = markdown.render(body)
    handles = {user.handle for user in mentioned_users(body)}
    if not handles:
        return html

    def link(match: re.Match) -> str:
        handle = match.group(1).lower()
        if handle not in handles:
            return match.group(0)
        url = reverse("forum:person", kwargs={"handle": handle})
        return f'<a class="mention" href="{url}">@{handle}</a>'

    parts = _TAG.split(html)
    inside = 0
    for index, part in enumerate(parts):
        if index % 2:
            name = _TAG_NAME.match(part)
            if name and name.group(1).lower() in _NO_LINKS_INSIDE:
                inside = max(0, inside - 1) if part.startswith("</") else inside + 1
        elif not inside:
            parts[index] = MENTION.sub(link, part)
    return "".join(parts)


def _clean_body(body: str | None) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write something before you post.")})
    if len(body) > MAX_BODY:
        raise ValidationError({"body": _("A post can be at most 20,000 characters.")})
    if len(mentioned_handles(body)) > MAX_MENTIONS:
        raise ValidationError(
            {"body": _("You can mention at most %(count)d people in one post.") % {"count": MAX_MENTIONS}}
        )
    return body


def _check_rate(author: User) -> None:
    since = timezone.now() - timedelta(minutes=1)
    if Post.objects.filter(author=author, created_at__gte=since).count() >= POSTS_PER_MINUTE:
        raise ValidationError(_("You can post at most 10 posts a minute. Wait a moment and try again."))


def _watch_default(user: User, thread: Thread) -> None:
    Watch.objects.get_or_create(user=user, thread=thread, defaults={"level": WatchLevel.WATCHING})


def _excerpt(post: Post) -> Phrase:
    # The post's words (Markdown and any HTML taken out) go with the notice and its e-mail, so it can be read there.
    return verbatim(Truncator(markdown.plain_text(post.body)).chars(NOTICE_EXCERPT))


def _tell_mentioned(post: Post, *, told: set[int | None], before: str = "") -> None:
    """Tell each professional the post mentions who can read it; after an edit, only those newly mentioned."""
    already = mentioned_handles(before)
    to_tell = [
        user
        for user in mentioned_users(post.body)
        if user.pk not in told and user.handle not in already and can_read_thread(user, post.thread)
    ]
    if not to_tell:
        return
    title = phrase("%(name)s mentioned you in “%(thread)s”", name=str(post.author), thread=post.thread.title)
    excerpt, link = _excerpt(post), post.get_absolute_url()
    for user in to_tell:
        told.add(user.pk)
        notice_send(recipient=user, kind="forum.mention", title=title, body=excerpt, link=link)


def _notify(post: Post, *, quoted_author: User | None = None) -> None:
    """Tell watchers, tracked repliers and mentioned users, once each, only if they can read."""
    thread = post.thread
    told = {post.author_id}
    link = post.get_absolute_url()
    excerpt = _excerpt(post)
    _tell_mentioned(post, told=told)
    levels: dict[User, str] = {}
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
            notice_send_grouped(
                recipient=user,
                kind="forum.reply",
                group=f"forum.thread:{thread.pk}",
                title=partial(_reply_title, thread=thread, author=post.author),
                body=excerpt,
                link=link,
            )


def _reply_title(count: int, *, thread: Thread, author: User | None) -> Phrase:
    """One notice per thread while unread: "New post in …", then "3 new posts in …, the latest by …"."""
    words = {"thread": thread.title, "name": str(author)}
    if count == 1:
        return phrase("New post in “%(thread)s” by %(name)s", **words)
    return nphrase(
        "%(count)s new posts in “%(thread)s”, the latest by %(name)s",
        "%(count)s new posts in “%(thread)s”, the latest by %(name)s",
        count,
        **words,
    )


def _add_post(*, thread: Thread, author: User, body: str) -> Post:
    """Append a post. Caller holds the thread row lock."""
    post = Post.objects.create(
        thread=thread, number=thread.post_count + 1, author=author, body=body, body_html=render_body(body)
    )
    now = post.created_at  # the thread's and category's "last post" is this post's time, as a recount finds it
    Thread.objects.filter(pk=thread.pk).update(
        post_count=F("post_count") + 1,
        visible_post_count=F("visible_post_count") + 1,
        last_post_at=now,
        last_post_author=author,
    )
    Category.objects.filter(pk=thread.category_id).update(
        post_count=F("post_count") + 1, last_post_at=now, last_thread=thread
    )
    thread.post_count += 1
    thread.visible_post_count += 1
    thread.last_post_at = now
    ReadState.objects.update_or_create(user=author, thread=thread, defaults={"last_read_number": post.number})
    return post


@transaction.atomic
def thread_create(
    *, category: Category, author: User, title: str | None, body: str | None, is_question: bool = False
) -> Thread:
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
def post_create(*, thread: Thread, author: User, body: str | None, quote_of: Post | None = None) -> Post:
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
def post_edit(*, post: Post, editor: User, body: str | None) -> Post:
    post = Post.objects.select_for_update().select_related("thread__category").get(pk=post.pk)
    if not can_edit_post(editor, post):
        raise PermissionDenied(_("You can only edit your own posts."))
    if post.thread.is_locked and not can_moderate(editor, post.thread.category):
        raise PermissionDenied(_("This thread is locked: no new replies."))
    body = _clean_body(body)
    if body == post.body:
        return post
    before = post.body
    PostRevision.objects.create(post=post, body=before, edited_by=editor)
    post.body = body
    post.body_html = render_body(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    _tell_mentioned(post, told={post.author_id}, before=before)
    return post


@transaction.atomic
def post_delete(*, post: Post, actor: User) -> Post:
    """Soft delete: the post stays in place and shows as deleted."""
    if not can_edit_post(actor, post):
        raise PermissionDenied(_("You can only delete your own posts."))
    post.is_deleted = True
    post.save(update_fields=["is_deleted"])
    counters.recount(post.thread)
    return post


@transaction.atomic
def answer_accept(*, thread: Thread, post: Post, actor: User) -> Thread:
    thread = Thread.objects.select_for_update().select_related("category").get(pk=thread.pk)
    if not (thread.author_id == actor.pk or can_moderate(actor, thread.category)):
        raise PermissionDenied(_("Only the person who asked or a moderator can mark the answer."))
    if not thread.is_question:
        raise ValidationError(_("Only questions have an accepted answer."))
    if post.thread_id != thread.pk or post.number == 1 or post.is_deleted or post.is_hidden:
        raise ValidationError(_("Choose a visible reply in this thread."))
    thread.accepted_post = post
    thread.save(update_fields=["accepted_post"])
    if post.author is not None and post.author_id != actor.pk:
        notice_send(
            recipient=post.author,
            kind="forum.answer",
            title=phrase("Your reply was marked as the answer in “%(thread)s”", thread=thread.title),
            link=post.get_absolute_url(),
        )
    return thread


@transaction.atomic
def watch_set(*, user: User, level: str, thread: Thread | None = None, category: Category | None = None) -> None:
    if level not in WatchLevel.values:
        raise ValidationError({"level": _("Choose a watching level from the list.")})
    if thread is not None:
        Watch.objects.update_or_create(user=user, thread=thread, defaults={"level": level})
    else:
        Watch.objects.update_or_create(user=user, category=category, defaults={"level": level})


def read_state_mark(*, user: User, thread: Thread, number: int) -> None:
    state, created = ReadState.objects.get_or_create(user=user, thread=thread, defaults={"last_read_number": number})
    if not created and number > state.last_read_number:
        ReadState.objects.filter(pk=state.pk, last_read_number__lt=number).update(last_read_number=number)
