"""The forum's part of "my data" (``accounts.personal_data``): groups, threads and posts written, edits, what was
read, watched and flagged; for moderators, how many moderation actions they took."""

from typing import Any

from accounts.models import User
from accounts.selectors import iso
from forum.models import Flag, GroupMembership, ModerationAction, Post, PostRevision, ReadState, Thread, Watch

# The links to the person this part exports. Left out on purpose (tests/accounts/test_personal_data.py):
# Thread.last_post_author, a copy of the author of the thread's last post, which is exported as a post.
COVERS = [
    (GroupMembership, "user"),
    (Thread, "author"),
    (Post, "author"),
    (PostRevision, "edited_by"),
    (ReadState, "user"),
    (Watch, "user"),
    (Flag, "user"),
    (Flag, "resolved_by"),
    (ModerationAction, "moderator"),
]


def personal_data(user: User) -> dict[str, Any]:
    """Everything the forum holds about ``user``. Other people's words are left out: edits a moderator made to
    someone else's post and moderation reasons are counted or listed without their text."""
    return {
        "groups": [
            {"group": m.category.name, "role": m.role, "approved": m.is_approved, "since": iso(m.created_at)}
            for m in GroupMembership.objects.filter(user=user).select_related("category").order_by("created_at")
        ],
        "threads_started": [
            {
                "title": t.title,
                "category": t.category.name,
                "started": iso(t.created_at),
                "question": t.is_question,
                "hidden": t.is_hidden,
            }
            for t in Thread.objects.filter(author=user).select_related("category").order_by("created_at", "id")
        ],
        "posts": [
            {
                "thread": p.thread.title,
                "number": p.number,
                "text": p.body,
                "posted": iso(p.created_at),
                "edited": iso(p.edited_at),
                "deleted": p.is_deleted,
                "hidden_by_moderation": p.is_hidden,
            }
            for p in Post.objects.filter(author=user).select_related("thread").order_by("created_at", "id")
        ],
        "edits": [
            {
                "thread": r.post.thread.title,
                "post_number": r.post.number,
                "own_post": r.post.author_id == user.pk,
                "edited": iso(r.created_at),
            }
            for r in PostRevision.objects.filter(edited_by=user)
            .select_related("post__thread")
            .order_by("created_at", "id")
        ],
        "threads_read": [
            {"thread": s.thread.title, "read_to_post": s.last_read_number}
            for s in ReadState.objects.filter(user=user).select_related("thread").order_by("thread_id")
        ],
        "watching": [
            {
                "thread": w.thread.title if w.thread else None,
                "category": w.category.name if w.category else None,
                "level": w.level,
            }
            for w in Watch.objects.filter(user=user).select_related("thread", "category").order_by("id")
        ],
        "flags_made": [
            {
                "thread": f.post.thread.title,
                "post_number": f.post.number,
                "reason": f.reason,
                "note": f.note,
                "flagged": iso(f.created_at),
                "resolved": iso(f.resolved_at),
            }
            for f in Flag.objects.filter(user=user).select_related("post__thread").order_by("created_at", "id")
        ],
        "moderation": {
            "actions_taken": ModerationAction.objects.filter(moderator=user).count(),
            "flags_resolved": Flag.objects.filter(resolved_by=user).count(),
        },
    }
