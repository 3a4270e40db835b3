"""Reads for the counsellors' pages: the queue, one question, and the questions about to break the promise.

The querysets own their joins and annotations, so a page costs the same number of queries however many
questions wait. The statistics page reads ``guidance.statistics`` instead (anonymous records only).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guidance.models import WAITING, InternalNote, Message, MessageKind, Question

# Enough of the asker's words to recognise the question in a list; the template shortens it to a sentence or two.
EXCERPT_LENGTH = 300


def waiting_questions():
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


def due_soon(*, now=None):
    """Waiting questions due within ``GUIDANCE_LEAD_WARNING_HOURS`` or already overdue, soonest due first."""
    horizon = (now or timezone.now()) + timedelta(hours=settings.GUIDANCE_LEAD_WARNING_HOURS)
    return waiting_questions().filter(due_at__lte=horizon)


def question_detail():
    """Every question (waiting or answered) with what its page shows: the conversation, the notes, who holds it.

    Permission is the caller's: ``permissions.can_see_queue``.
    """
    return Question.objects.select_related("county", "claimed_by", "referred_to", "record").prefetch_related(
        Prefetch("messages", queryset=Message.objects.select_related("author")),
        Prefetch("notes", queryset=InternalNote.objects.select_related("author")),
    )


@dataclass(frozen=True)
class Urgency:
    """How soon a question must be answered: said in words (``label``), and shown in colour by the tag's
    ``tag_color`` and the row's ``css`` class (rules in site.css), so colour is never the only sign."""

    key: str
    label: str
    css: str
    tag_color: str


def urgency(due_at, *, now=None):
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
