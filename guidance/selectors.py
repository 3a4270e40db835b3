"""Reads for e-guidance: the asker's conversation behind a private link, the queue, one question, the
questions about to break the promise, the centres to refer to and the people to warn.

The querysets own their joins and annotations, so a page costs the same number of queries however many
questions wait. The statistics page reads ``guidance.statistics`` instead (anonymous records only).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.selectors import iso
from guidance.clock import calendar
from guidance.models import WAITING, AccessLog, ClaimChange, FaqEntry, InternalNote, Message, MessageKind, Question
from register.models import Centre, Membership, NationalRole, NationalRoleKind, Role

# Enough of the asker's words to recognise the question in a list; the template shortens it to a sentence or two.
EXCERPT_LENGTH = 300


# The private token's first characters find the row; the whole token is then compared in constant time.
TOKEN_KEY_LENGTH = 12


def question_for_token(token: str | None, *, now: datetime | None = None) -> Question | None:
    """The question behind a private link, or None: wrong, deleted and expired look the same.

    Expired: quiet for longer than ``GUIDANCE_RETENTION_DAYS``. Such a conversation is gone for the asker
    (on the pages and in the API alike) even before the nightly purge deletes it. ``record`` and
    ``referred_to`` are joined.
    """
    token = token or ""
    if len(token) < TOKEN_KEY_LENGTH:
        return None
    candidates = Question.objects.select_related("record", "referred_to").filter(token_key=token[:TOKEN_KEY_LENGTH])
    question = candidates.first()
    if question is None or not constant_time_compare(question.token, token):
        return None
    cutoff = (now or timezone.now()) - timedelta(days=settings.GUIDANCE_RETENTION_DAYS)
    if question.last_activity_at < cutoff:
        return None
    return question


def waiting_questions() -> QuerySet[Question]:
    """Questions waiting for an answer (open or claimed), soonest due first.

    Each has its county and claimant joined, and ``excerpt`` (the start of the asker's latest words: the
    follow-up question if there is one) and ``excerpt_kind`` annotated. Filter with ``QueueFilter``.
    """
    latest_from_asker = Message.objects.filter(
        question=OuterRef("pk"), kind__in=(MessageKind.QUESTION, MessageKind.FOLLOW_UP)
    ).order_by("-created_at", "-pk")
    return (
        Question.objects.filter(status__in=WAITING)
        .select_related("county", "claimed_by")
        .annotate(
            excerpt=Subquery(latest_from_asker.annotate(start=Substr("body", 1, EXCERPT_LENGTH)).values("start")[:1]),
            excerpt_kind=Subquery(latest_from_asker.values("kind")[:1]),
        )
        .order_by("due_at", "pk")
    )


def due_soon(*, now: datetime | None = None) -> QuerySet[Question]:
    """Waiting questions due within ``GUIDANCE_LEAD_WARNING_HOURS`` of opening time or already overdue, soonest due
    first: on a Friday afternoon, the ones due on Monday morning."""
    horizon = calendar().after(now or timezone.now(), timedelta(hours=settings.GUIDANCE_LEAD_WARNING_HOURS))
    return waiting_questions().filter(due_at__lte=horizon)


def question_for_move() -> QuerySet[Question]:
    """Questions with what the leads' move page shows: who holds it, the county, and every earlier move."""
    moves = ClaimChange.objects.select_related("lead", "from_counsellor", "to_counsellor")
    return Question.objects.select_related("claimed_by", "county").prefetch_related(Prefetch("claim_changes", moves))


def question_detail() -> QuerySet[Question]:
    """Every question (waiting or answered) with what its page shows: the conversation, the notes, who holds it.

    Permission is the caller's: ``permissions.access_question``.
    """
    return Question.objects.select_related("county", "claimed_by", "referred_to", "record").prefetch_related(
        Prefetch("messages", queryset=Message.objects.select_related("author")),
        Prefetch("notes", queryset=InternalNote.objects.select_related("author")),
    )


def referral_centres(question: Question) -> QuerySet[Centre]:
    """The active centres a counsellor may refer the asker to: the asker's county's, else all."""
    centres = Centre.objects.active().select_related("county").order_by("name")
    return centres.filter(county=question.county) if question.county_id else centres


def lead_recipients() -> QuerySet[User]:
    """Who is warned about a question: national administrators and the admins of centres with e-guidance."""
    centres = Membership.objects.filter(role=Role.E_GUIDANCE).values("centre_id")
    admins = Membership.objects.filter(role=Role.ADMIN, centre_id__in=centres).values_list("user_id", flat=True)
    national = NationalRole.objects.filter(role=NationalRoleKind.ADMIN).values_list("user_id", flat=True)
    return User.objects.filter(is_active=True, pk__in=set(admins) | set(national))


@dataclass(frozen=True)
class Urgency:
    """How soon a question must be answered: said in words (``label``), and shown in colour by the tag's
    ``tag_color`` and the row's ``css`` class (rules in site.css), so colour is never the only sign."""

    key: str
    label: str
    css: str
    tag_color: str


def urgency(due_at: datetime, *, now: datetime | None = None) -> Urgency:
    """Overdue, due within the leads' warning window, due later today (Oslo time), or on time."""
    now = now or timezone.now()
    hours = settings.GUIDANCE_LEAD_WARNING_HOURS
    if due_at < now:
        key, label, color = "overdue", _("Overdue"), "danger"
    elif due_at <= now + timedelta(hours=hours):
        key = "soon"
        label = ngettext("Due within %(hours)d hour", "Due within %(hours)d hours", hours) % {"hours": hours}
        color = "warning"
    elif timezone.localdate(due_at) == timezone.localdate(now):
        key, label, color = "today", _("Due today"), "info"
    else:
        key, label, color = "on-time", _("On time"), "success"
    return Urgency(key=key, label=label, css=f"urgency--{key}", tag_color=color)


# The links to the person the e-guidance part of "my data" exports (askers have no account).
PERSONAL_DATA_COVERS = [
    (Question, "claimed_by"),
    (Message, "author"),
    (InternalNote, "author"),
    (AccessLog, "user"),
    (FaqEntry, "author"),
    (ClaimChange, "lead"),
    (ClaimChange, "from_counsellor"),
    (ClaimChange, "to_counsellor"),
]


def personal_data(user: User) -> dict[str, Any]:
    """What e-guidance holds about ``user`` as an e-guidance counsellor: the questions they hold, when they answered
    and wrote notes, which questions they opened, the FAQ entries they wrote, and the questions a lead moved to or
    from them (with the lead's reason) or they moved as a lead. The askers' words and the answers'
    text are about the asker, so they stay out: questions by number and topic, answers and notes by time."""
    return {
        "questions_held": [
            {"question": q.pk, "topic": q.topic, "status": q.status, "claimed": iso(q.claimed_at)}
            for q in Question.objects.filter(claimed_by=user).order_by("claimed_at", "pk")
        ],
        "messages_written": [
            {"question": m.question_id, "kind": m.kind, "written": iso(m.created_at)}
            for m in Message.objects.filter(author=user).order_by("created_at", "pk")
        ],
        "internal_notes_written": [
            {"question": n.question_id, "written": iso(n.created_at)}
            for n in InternalNote.objects.filter(author=user).order_by("created_at", "pk")
        ],
        "questions_opened": [
            {"question": a.question_number, "opened": iso(a.opened_at)}
            for a in AccessLog.objects.filter(user=user).order_by("opened_at", "pk")
        ],
        "faq_entries_written": [
            {"title": f.title, "published": iso(f.published_at)}
            for f in FaqEntry.objects.filter(author=user).order_by("published_at", "pk")
        ],
        "questions_moved": [
            {
                "question": c.question_id,
                "changed": iso(c.changed_at),
                "as_lead": c.lead_id == user.pk,
                "from_you": c.from_counsellor_id == user.pk,
                "to_you": c.to_counsellor_id == user.pk,
                "reason": c.reason,
            }
            for c in ClaimChange.objects.filter(
                Q(lead=user) | Q(from_counsellor=user) | Q(to_counsellor=user)
            ).order_by("changed_at", "pk")
        ],
    }
