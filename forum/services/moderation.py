"""Moderation writes: flagging a post, hiding and showing posts, redacting a text from a post's edit
history, and locking, pinning, hiding and moving threads. Every moderator action is logged with who, when
and why.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.phrases import Phrase, nphrase, phrase
from forum.models import Category, Flag, FlagReason, ModerationAction, Post, PostRevision, Thread
from forum.permissions import can_moderate, can_read_thread, category_moderators
from forum.services import counters
from notifications.services import notice_send, notice_send_grouped

HIDE_AFTER_FLAGS = 3


@transaction.atomic
def flag_create(*, post: Post, user: User, reason: str, note: str | None = "") -> Post:
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
    if "is_hidden" in fields:
        counters.recount(post.thread)
    words = {"thread": post.thread.title, "reason": FlagReason(reason).label}

    def title(count: int) -> Phrase:
        if count == 1:
            return phrase("A post in “%(thread)s” is flagged: %(reason)s", **words)
        return nphrase(
            "A post in “%(thread)s” is flagged %(count)s times, last: %(reason)s",
            "A post in “%(thread)s” is flagged %(count)s times, last: %(reason)s",
            count,
            **words,
        )

    # One notice per post for each moderator, counting its flags while unread.
    for moderator in category_moderators(post.thread.category).exclude(pk=user.pk):
        notice_send_grouped(
            recipient=moderator,
            kind="forum.flag",
            group=f"forum.post:{post.pk}",
            title=title,
            link=f"{reverse('forum:moderation')}#flagged-{post.pk}",
        )
    return post


def _log(*, moderator: User, action: str, thread: Thread, post: Post | None = None, reason: str = "") -> None:
    ModerationAction.objects.create(moderator=moderator, action=action, thread=thread, post=post, reason=reason)


def _require_moderator(user: User, category: Category) -> None:
    if not can_moderate(user, category):
        raise PermissionDenied(_("Only the category's moderators can do this."))


@transaction.atomic
def post_set_hidden(*, post: Post, moderator: User, hidden: bool, reason: str = "") -> Post:
    """Hide or unhide a post; either way the open flags on it are decided."""
    post = Post.objects.select_for_update().select_related("thread__category").get(pk=post.pk)
    _require_moderator(moderator, post.thread.category)
    post.is_hidden = hidden
    post.flag_count = 0
    post.save(update_fields=["is_hidden", "flag_count"])
    counters.recount(post.thread)
    open_flags = Flag.objects.filter(post=post, resolved_at__isnull=True)
    flaggers = list(User.objects.filter(pk__in=open_flags.values("user"), is_active=True).exclude(pk=moderator.pk))
    open_flags.update(resolved_at=timezone.now(), resolved_by=moderator)
    _tell_the_flaggers(flaggers, post=post, hidden=hidden)
    _log(
        moderator=moderator,
        action="post.hidden" if hidden else "post.shown",
        thread=post.thread,
        post=post,
        reason=reason,
    )
    return post


def _tell_the_flaggers(flaggers: list[User], *, post: Post, hidden: bool) -> None:
    """Everyone whose flag a moderator just decided learns the outcome."""
    values = {"thread": post.thread.title, "number": post.number}
    if hidden:
        title = phrase("A moderator hid post #%(number)s in “%(thread)s”, which you flagged.", **values)
    else:
        title = phrase(
            "A moderator looked at post #%(number)s in “%(thread)s”, which you flagged, and kept it.", **values
        )
    link = post.get_absolute_url()
    for flagger in flaggers:
        notice_send(recipient=flagger, kind="forum.flag_outcome", title=title, link=link)


@transaction.atomic
def revision_redact(*, revision: PostRevision, moderator: User, reason: str) -> PostRevision:
    """Empty an earlier text of a post for good (personal data an author edited out, say); the reason is logged."""
    revision = PostRevision.objects.select_for_update().select_related("post__thread__category").get(pk=revision.pk)
    post = revision.post
    _require_moderator(moderator, post.thread.category)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason: it is kept in the moderation log.")})
    if revision.redacted_at is not None:
        raise ValidationError(_("This text is already removed."))
    revision.body = ""
    revision.redacted_at = timezone.now()
    revision.redacted_by = moderator
    revision.save(update_fields=["body", "redacted_at", "redacted_by"])
    _log(moderator=moderator, action="revision.redacted", thread=post.thread, post=post, reason=reason)
    return revision


@transaction.atomic
def thread_moderate(
    *, thread: Thread, moderator: User, action: str, reason: str = "", category: Category | None = None
) -> Thread:
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
        if field == "is_hidden":
            counters.recount(thread)
    elif action == "move":
        if category is None or category.pk == thread.category_id:
            raise ValidationError({"category": _("Choose another category.")})
        _require_moderator(moderator, category)
        old = thread.category
        thread.category = category
        thread.save(update_fields=["category"])
        counters.recount(thread, old.pk)
        reason = reason or _("Moved from %(old)s") % {"old": old.name}
    else:
        raise ValidationError(_("Unknown moderation action."))
    _log(moderator=moderator, action=f"thread.{action}", thread=thread, reason=reason)
    return thread
