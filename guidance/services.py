"""Writes for e-guidance: asking, claiming, answering, following up, retention, the leads' warnings and their moving
of claimed questions.

Claiming locks the question row (``select_for_update``; on SQLite the transaction's write lock does the
same), so of two counsellors claiming at once exactly one wins. The asker's private token is never
logged; it is compared in constant time (``selectors.question_for_token``).
"""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.tasks import send_email
from core import ratelimit
from core.phrases import phrase, verbatim
from guidance import selectors
from guidance.clock import due_at
from guidance.models import (
    AccessLog,
    ClaimChange,
    FaqEntry,
    InternalNote,
    Message,
    MessageKind,
    Question,
    QuestionRecord,
    QuestionStatus,
    Topic,
)
from guidance.permissions import (
    can_follow_up,
    can_rate,
    can_reassign,
    can_see_queue,
    has_claimed,
    reassign_candidates,
)
from guidance.selectors import TOKEN_KEY_LENGTH, lead_recipients
from notifications.emails import absolute_url
from notifications.services import notice_send
from register.models import Centre, County, Role
from register.permissions import roles_of

QUESTION_MIN_LENGTH = 20
QUESTION_MAX_LENGTH = 5000
REASON_MAX_LENGTH = 1000
ANSWER_MAX_LENGTH = 20000
# One budget for asking on the page and through the API: GUIDANCE_QUESTIONS_PER_HOUR per address and hour.
ASK_RATE_SCOPE = "guidance-ask"
ASK_RATE_PERIOD = 60 * 60


class ClaimConflict(ValidationError):
    """Someone else claimed the question first."""


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _clean_text(text: str | None, *, field: str, min_length: int = 1, max_length: int = QUESTION_MAX_LENGTH) -> str:
    text = (text or "").strip()
    if len(text) < min_length:
        raise ValidationError(
            {field: _("Write at least %(count)d characters.") % {"count": min_length}}, code="too_short"
        )
    if len(text) > max_length:
        raise ValidationError(
            {field: _("Write at most %(count)d characters.") % {"count": max_length}}, code="too_long"
        )
    return text


def question_url(question: Question) -> str:
    """The asker's private link (a path); it carries the token, so it is shown only to the asker."""
    return reverse("guidance:conversation", kwargs={"token": question.token})


def ask_rate_limit_hit(request: HttpRequest) -> bool:
    """Count one question from the request's address; False once it is over the hourly limit.

    The page and the API call it once the input is valid, so a typo costs nothing and nothing is stored
    beyond the limit. Refused askers are told to wait ``ASK_RATE_PERIOD`` seconds.
    """
    return ratelimit.hit(
        request, scope=ASK_RATE_SCOPE, limit=settings.GUIDANCE_QUESTIONS_PER_HOUR, period=ASK_RATE_PERIOD
    )


@transaction.atomic
def question_ask(
    *,
    text: str,
    topic: Topic | str,
    county: County | None = None,
    age_group: str = "",
    email: str = "",
    now: datetime | None = None,
) -> Question:
    """Store a new question and start the promise clock. Returns the question; its token is the private link."""
    now = _now(now)
    text = _clean_text(text, field="text", min_length=QUESTION_MIN_LENGTH)
    due = due_at(now)
    record = QuestionRecord.objects.create(topic=topic, county=county, asked_at=now, due_at=due)
    token = secrets.token_urlsafe(32)
    question = Question.objects.create(
        token_key=token[:TOKEN_KEY_LENGTH],
        token=token,
        record=record,
        topic=topic,
        county=county,
        age_group=age_group or "",
        email=(email or "").strip(),
        created_at=now,
        due_at=due,
        last_activity_at=now,
    )
    Message.objects.create(question=question, kind=MessageKind.QUESTION, body=text, created_at=now)
    return question


def question_open(*, question: Question, user: User, now: datetime | None = None) -> None:
    """A counsellor opens a question: logged (who and when)."""
    if not can_see_queue(user):
        raise PermissionDenied(_("Only e-guidance counsellors see the questions."))
    AccessLog.objects.create(question=question, question_number=question.pk, user=user, opened_at=_now(now))


def _locked(question: Question) -> Question:
    return Question.objects.select_for_update().get(pk=question.pk)


@transaction.atomic
def question_claim(*, question: Question, counsellor: User, now: datetime | None = None) -> Question:
    """Take a waiting question. Raises ClaimConflict if another counsellor has it."""
    if not can_see_queue(counsellor):
        raise PermissionDenied(_("Only e-guidance counsellors claim questions."))
    locked = _locked(question)
    if locked.status == QuestionStatus.ANSWERED:
        raise ClaimConflict(_("This question has been answered."), code="answered")
    if locked.claimed_by_id not in (None, counsellor.pk):
        raise ClaimConflict(_("Another counsellor claimed this question first."), code="claimed")
    locked.status = QuestionStatus.CLAIMED
    locked.claimed_by = counsellor
    locked.claimed_at = _now(now)
    locked.save(update_fields=["status", "claimed_by", "claimed_at"])
    return locked


def _require_claim(question: Question, counsellor: User) -> None:
    if not has_claimed(counsellor, question):
        raise PermissionDenied(_("Only the counsellor who claimed the question may do this."))


@transaction.atomic
def question_release(*, question: Question, counsellor: User) -> Question:
    """Put a claimed question back in the queue for someone else. An answered one stays answered."""
    locked = _locked(question)
    _require_claim(locked, counsellor)
    if locked.status != QuestionStatus.CLAIMED:
        raise ValidationError(_("This question has already been answered."), code="answered")
    locked.status = QuestionStatus.OPEN
    locked.claimed_by = None
    locked.claimed_at = None
    locked.save(update_fields=["status", "claimed_by", "claimed_at"])
    return locked


@transaction.atomic
def question_reassign(
    *,
    question: Question,
    lead: User,
    to: User | None,
    reason: str,
    holder_id: int | None = None,
    now: datetime | None = None,
) -> ClaimChange:
    """A lead moves a claimed question to counsellor ``to``, or back to the queue (``to=None``), and says why.

    ``holder_id``, when given, is who the lead saw holding it: if someone else holds it now, nothing is moved.
    Logged (``ClaimChange``); the counsellor who held it is told, and so is the one who gets it. The promise clock
    runs on.
    """
    now = _now(now)
    locked = _locked(question)
    if locked.status != QuestionStatus.CLAIMED:
        raise ValidationError(_("Nobody holds this question now, so there is nothing to move."), code="not_claimed")
    if holder_id is not None and locked.claimed_by_id != holder_id:
        raise ValidationError(
            _("Another counsellor holds this question now. Look again before you move it."), code="holder_changed"
        )
    if not can_reassign(lead, locked):
        raise PermissionDenied(_("Only a lead of the counsellor's centre can move this question."))
    if to is not None and to.pk == locked.claimed_by_id:
        raise ValidationError({"to": _("This counsellor already holds the question.")}, code="same")
    if to is not None and not reassign_candidates(lead).filter(pk=to.pk).exists():
        raise ValidationError({"to": _("Choose an e-guidance counsellor at your centre.")}, code="not_candidate")
    reason = _clean_text(reason, field="reason", max_length=REASON_MAX_LENGTH)
    previous = locked.claimed_by
    change = ClaimChange.objects.create(
        question=locked, lead=lead, from_counsellor=previous, to_counsellor=to, reason=reason, changed_at=now
    )
    locked.status = QuestionStatus.CLAIMED if to is not None else QuestionStatus.OPEN
    locked.claimed_by = to
    locked.claimed_at = now if to is not None else None
    locked.save(update_fields=["status", "claimed_by", "claimed_at"])
    link = reverse("guidance:question", kwargs={"pk": locked.pk})
    if previous is not None:
        if to is None:
            title = phrase("%(lead)s put question #%(number)d back in the queue", lead=str(lead), number=locked.pk)
        else:
            title = phrase(
                "%(lead)s gave question #%(number)d to %(counsellor)s",
                lead=str(lead),
                number=locked.pk,
                counsellor=str(to),
            )
        notice_send(recipient=previous, kind="guidance.claim", title=title, body=verbatim(reason), link=link)
    if to is not None:
        notice_send(
            recipient=to,
            kind="guidance.claim",
            title=phrase("%(lead)s gave you question #%(number)d", lead=str(lead), number=locked.pk),
            body=verbatim(reason),
            link=link,
        )
    return change


def _answer_ready_email(question: Question) -> None:
    """Tell the asker the answer is ready: the private link only, never the question or the answer.

    Queued (``accounts.tasks.send_email``), never sent here: the counsellor's answer does not wait for or fail on the
    mail server, and the task tries again while it is down.
    """
    if not question.email:
        return
    link = absolute_url(question_url(question))
    body = _(
        "A career counsellor has answered your question to KarriereNorge.\n\n"
        "Read the answer here: %(link)s\n\n"
        "Anyone with this link can read the conversation, so do not share it."
    ) % {"link": link}
    send_email.enqueue(to=[question.email], subject=_("Your answer from KarriereNorge is ready"), body=body)


@transaction.atomic
def question_answer(
    *, question: Question, counsellor: User, body: str, refer_to: Centre | None = None, now: datetime | None = None
) -> Question:
    """Answer the question (Markdown). With ``refer_to`` (a centre) the answer shows that centre's contact details."""
    now = _now(now)
    locked = _locked(question)
    _require_claim(locked, counsellor)
    # Holding the claim is not enough once it is answered (``permissions.can_answer``): say why.
    if locked.status != QuestionStatus.CLAIMED:
        raise ValidationError(_("This question has already been answered."), code="answered")
    body = _clean_text(body, field="body", max_length=ANSWER_MAX_LENGTH)
    if refer_to is not None and not refer_to.is_active:
        raise ValidationError({"refer_to": _("That centre is closed.")}, code="closed")
    Message.objects.create(question=locked, kind=MessageKind.ANSWER, body=body, author=counsellor, created_at=now)
    locked.status = QuestionStatus.ANSWERED
    locked.last_activity_at = now
    if refer_to is not None:
        locked.referred_to = refer_to
    locked.save(update_fields=["status", "last_activity_at", "referred_to"])
    record = locked.record
    if record.first_answered_at is None:
        record.first_answered_at = now
        record.answer_seconds = int((now - record.asked_at).total_seconds())
        record.answered_in_time = now <= record.due_at
        record.answered_by_centre_id = min(roles_of(counsellor).centre_ids(Role.E_GUIDANCE), default=None)
        record.save(update_fields=["first_answered_at", "answer_seconds", "answered_in_time", "answered_by_centre"])
    # Robust: once the answer is committed, not even a failure to queue its e-mail turns it into an error page.
    transaction.on_commit(lambda: _answer_ready_email(locked), robust=True)
    return locked


@transaction.atomic
def question_follow_up(*, question: Question, text: str, now: datetime | None = None) -> Question:
    """The asker's one follow-up: back to the counsellor who answered, with a new promise."""
    now = _now(now)
    locked = _locked(question)
    if not can_follow_up(locked):
        raise ValidationError(_("You can ask one follow-up question, after the answer."), code="no_follow_up")
    text = _clean_text(text, field="text", min_length=QUESTION_MIN_LENGTH)
    Message.objects.create(question=locked, kind=MessageKind.FOLLOW_UP, body=text, created_at=now)
    answerer = locked.claimed_by
    still_counsellor = answerer is not None and can_see_queue(answerer)
    locked.status = QuestionStatus.CLAIMED if still_counsellor else QuestionStatus.OPEN
    locked.claimed_by = answerer if still_counsellor else None
    locked.due_at = due_at(now)
    locked.last_activity_at = now
    locked.save(update_fields=["status", "claimed_by", "due_at", "last_activity_at"])
    QuestionRecord.objects.filter(pk=locked.record_id).update(followed_up=True)
    return locked


def question_rate(*, question: Question, helpful: bool, now: datetime | None = None) -> None:
    """The asker says whether the answer helped (may change their mind)."""
    if not can_rate(question):
        raise ValidationError(_("You can rate the answer once you have it."), code="not_answered")
    QuestionRecord.objects.filter(pk=question.record_id).update(helpful=bool(helpful))
    Question.objects.filter(pk=question.pk).update(last_activity_at=_now(now))


@transaction.atomic
def question_delete(*, question: Question) -> None:
    """Delete the conversation at once (the asker's choice). The anonymous record stays."""
    Question.objects.filter(pk=question.pk).delete()


def note_add(*, question: Question, author: User, body: str, now: datetime | None = None) -> InternalNote:
    if not can_see_queue(author):
        raise PermissionDenied(_("Only e-guidance counsellors write notes."))
    body = _clean_text(body, field="body", max_length=ANSWER_MAX_LENGTH)
    return InternalNote.objects.create(question=question, author=author, body=body, created_at=_now(now))


def questions_purge(*, now: datetime | None = None, days: int | None = None) -> int:
    """Delete questions (text, answers, notes, e-mail) with no activity for ``days`` days. Returns how many."""
    days = settings.GUIDANCE_RETENTION_DAYS if days is None else days
    cutoff = _now(now) - timedelta(days=days)
    _deleted, by_model = Question.objects.filter(last_activity_at__lt=cutoff).delete()
    return by_model.get(Question._meta.label, 0)


def leads_warn(*, now: datetime | None = None) -> int:
    """Warn the leads, once per question and promise, about waiting questions due within the warning window."""
    now = _now(now)
    warned = 0
    recipients: list[User] | None = None
    for question in selectors.due_soon(now=now).select_related("record"):
        if question.leads_warned_for == question.due_at:
            continue
        recipients = list(lead_recipients()) if recipients is None else recipients
        link = reverse("guidance:due_soon")  # a lead who does not answer may not open the question itself
        for recipient in recipients:
            notice_send(
                recipient=recipient,
                kind="guidance.deadline",
                title=phrase("E-guidance question #%(number)d is due %(due)s", number=question.pk, due=question.due_at),
                link=link,
            )
        Question.objects.filter(pk=question.pk).update(leads_warned_for=question.due_at)
        warned += 1
    return warned


def faq_publish(
    *, author: User, title: str, question: str, answer: str, topic: Topic | str, now: datetime | None = None
) -> FaqEntry:
    """A public, anonymised FAQ entry written by a counsellor; it is not linked to any question."""
    if not can_see_queue(author):
        raise PermissionDenied(_("Only e-guidance counsellors publish FAQ entries."))
    return FaqEntry.objects.create(
        title=_clean_text(title, field="title", max_length=200),
        question=_clean_text(question, field="question", min_length=QUESTION_MIN_LENGTH),
        answer=_clean_text(answer, field="answer", max_length=ANSWER_MAX_LENGTH),
        topic=topic,
        author=author,
        published_at=_now(now),
    )
