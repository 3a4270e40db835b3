"""The counsellors' pages under /e-veiledning/: the queue, one question (claim, answer, release, notes), making an
FAQ entry from an answer, the leads' list of questions about to break the promise, and a lead moving a claimed
question to another counsellor or back to the queue.

The queue and the questions are for ``can_see_queue`` (e-guidance counsellors and national administrators), the
deadlines for ``is_guidance_lead``: anonymous visitors are sent to log in, anyone else gets a 403. Every opening of
a question is logged (``services.question_open``); every write goes through ``guidance.services``. These pages
hold personal data, so they are never cached.
"""

from functools import wraps
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import markdown
from core.forms import attach_service_errors
from guidance import selectors, services
from guidance.filters import QueueFilter
from guidance.forms import AnswerForm, FaqForm, NoteForm, ReassignForm
from guidance.models import MessageKind, QuestionStatus
from guidance.permissions import (
    access_question,
    can_answer,
    can_reassign,
    can_see_queue,
    has_claimed,
    holders_led_by,
    is_guidance_lead,
)
from register.permissions import is_national_admin

QUESTIONS_PER_PAGE = 50
OSLO = ZoneInfo("Europe/Oslo")


def _counsellors_only(view):
    """Log in first; then the queue's people only (403 for everyone else)."""

    @login_required
    @never_cache
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_see_queue(request.user):
            raise PermissionDenied(_("The e-guidance questions are for the e-guidance counsellors."))
        return view(request, *args, **kwargs)

    return wrapped


def _leads_only(view):
    @login_required
    @never_cache
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_guidance_lead(request.user):
            raise PermissionDenied(_("The e-guidance deadlines are for the e-guidance leads."))
        return view(request, *args, **kwargs)

    return wrapped


def _due(moment):
    """A due time in Oslo time, as a <time> element."""
    local = timezone.localtime(moment, OSLO)
    return format_html('<time datetime="{}">{}</time>', local.isoformat(), date_format(local, "DATETIME_FORMAT"))


def _rows(questions, now):
    return [
        {"question": question, "urgency": selectors.urgency(question.due_at, now=now), "due": _due(question.due_at)}
        for question in questions
    ]


def _page(request, queryset):
    page = Paginator(queryset, QUESTIONS_PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()


def _back(question):
    return redirect("guidance:question", pk=question.pk)


def _error_messages(request, exc):
    for text in exc.messages:
        messages.error(request, text)


# The queue


@_counsellors_only
@require_safe
def queue(request):
    queue_filter = QueueFilter(request.GET or None, queryset=selectors.waiting_questions(), request=request)
    # Fields with errors are left out of the filtering; the form shows what was wrong with them.
    page, query = _page(request, queue_filter.qs)
    context = {
        "filter": queue_filter,
        "page_obj": page,
        "rows": _rows(page, timezone.now()),
        "query": query,
        "is_filtered": any(value for key, value in request.GET.items() if key != "page"),
        "is_lead": is_guidance_lead(request.user),
    }
    return render(request, "guidance/queue.html", context)


@_leads_only
@require_safe
def due_soon(request):
    now = timezone.now()
    page, query = _page(request, selectors.due_soon(now=now))
    rows = _rows(page, now)
    # Which claimed questions this lead may move: one query for the counsellors they lead, not one per row.
    claimed = {row["question"].claimed_by_id for row in rows if row["question"].status == QuestionStatus.CLAIMED}
    movable = holders_led_by(request.user, claimed)
    for row in rows:
        row["can_move"] = row["question"].status == QuestionStatus.CLAIMED and row["question"].claimed_by_id in movable
    context = {
        "page_obj": page,
        "rows": rows,
        "query": query,
        "warning_hours": settings.GUIDANCE_LEAD_WARNING_HOURS,
        # A centre's admin leads its e-guidance without answering: they see the list, not the questions.
        "can_open": can_see_queue(request.user),
    }
    return render(request, "guidance/due_soon.html", context)


# One question


def _question(request, pk):
    return access_question(request.user, pk, selectors.question_detail())


def _question_page(request, question, *, answer_form=None, note_form=None):
    """The question with its conversation and notes. Showing it to a counsellor is an opening: it is logged."""
    services.question_open(question=question, user=request.user)
    user = request.user
    thread = [
        {
            "message": message,
            "is_answer": message.kind == MessageKind.ANSWER,
            # Only the counsellors' answers are Markdown; the asker's words are shown as plain text.
            "html": markdown.render(message.body) if message.kind == MessageKind.ANSWER else "",
        }
        for message in question.messages.all()
    ]
    mine = question.claimed_by_id == user.pk
    may_answer = can_answer(user, question)
    context = {
        "question": question,
        "thread": thread,
        "notes": question.notes.all(),
        "has_answer": any(item["is_answer"] for item in thread),
        "due": _due(question.due_at),
        "urgency": selectors.urgency(question.due_at) if question.is_waiting else None,
        "mine": mine,
        # permissions.can_answer: claimed by this counsellor and still claimed (release, answer).
        "can_answer": may_answer,
        "can_claim": question.status == QuestionStatus.OPEN,
        "can_reassign": can_reassign(user, question),
        "answer_form": (answer_form or AnswerForm(question=question)) if may_answer else None,
        "note_form": note_form or NoteForm(),
    }
    return render(request, "guidance/question.html", context)


@_counsellors_only
@require_safe
def question(request, pk):
    return _question_page(request, _question(request, pk))


@_counsellors_only
@require_POST
def claim(request, pk):
    question = access_question(request.user, pk)
    try:
        services.question_claim(question=question, counsellor=request.user)
    except ValidationError as exc:  # ClaimConflict: someone was quicker, or it has been answered
        _error_messages(request, exc)
    else:
        messages.success(request, _("You have claimed the question. Nobody else can answer it until you release it."))
    return _back(question)


@_counsellors_only
@require_POST
def release(request, pk):
    question = access_question(request.user, pk)
    try:
        services.question_release(question=question, counsellor=request.user)
    except PermissionDenied:
        messages.error(request, _("Only the counsellor who claimed the question can release it."))
    else:
        messages.success(request, _("The question is back in the queue for another counsellor."))
    return _back(question)


@_counsellors_only
@require_POST
def answer(request, pk):
    question = _question(request, pk)
    # Who, before the input; an answer already sent (another tab) is the service's to say.
    if not has_claimed(request.user, question):
        messages.error(request, _("Only the counsellor who claimed the question can answer it. Nothing was sent."))
        return _back(question)
    form = AnswerForm(request.POST, question=question)
    if form.is_valid():
        try:
            services.question_answer(
                question=question,
                counsellor=request.user,
                body=form.cleaned_data["body"],
                refer_to=form.cleaned_data["refer_to"],
            )
        except PermissionDenied:
            messages.error(request, _("Only the counsellor who claimed the question can answer it. Nothing was sent."))
            return _back(question)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                # The rule, not the text, refused it (already answered in another tab).
                _error_messages(request, exc)
                return _back(question)
            attach_service_errors(form, exc)
        else:
            if question.email:
                text = _("Your answer is sent. The asker gets an e-mail with the link to it.")
            else:
                text = _("Your answer is sent. The asker reads it through their private link.")
            messages.success(request, text)
            return _back(question)
    return _question_page(request, question, answer_form=form)


@_counsellors_only
@require_POST
def note(request, pk):
    question = _question(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_add(question=question, author=request.user, body=form.cleaned_data["body"])
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("The note is saved. Only counsellors see it."))
            return _back(question)
    return _question_page(request, question, note_form=form)


# A lead moves a claimed question


@_leads_only
@require_http_methods(["GET", "HEAD", "POST"])
def reassign(request, pk):
    """What the question is and who holds it (not what it says: a centre's lead may not read questions), who held
    it before, and the form. A question nobody holds has nothing to move: the page says so, and shows its details
    and earlier moves to national administrators only (a centre's lead has no business with it any more)."""
    user = request.user
    question = get_object_or_404(selectors.question_for_move(), pk=pk)
    may_move = can_reassign(user, question)
    if question.status == QuestionStatus.CLAIMED and not may_move:
        raise PermissionDenied(_("Only a lead of the counsellor's centre can move this question."))
    form = None
    if may_move:
        form = ReassignForm(request.POST if request.method == "POST" else None, lead=user, question=question)
    if form is not None and form.is_bound and form.is_valid():
        to = form.cleaned_data["to"]
        try:
            change = services.question_reassign(
                question=question,
                lead=user,
                to=to,
                reason=form.cleaned_data["reason"],
                holder_id=form.cleaned_data["holder"],
            )
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                _error_messages(request, exc)
                return redirect("guidance:reassign", pk=question.pk)
            attach_service_errors(form, exc)
        else:
            if to is None:
                text = _("The question is back in the queue. %(counsellor)s is told why.")
            else:
                text = _("The question is now %(to)s's. %(counsellor)s is told why.")
            messages.success(request, text % {"counsellor": change.from_counsellor, "to": to})
            # A centre's lead who does not answer questions goes back to their list; a counsellor to the question.
            return _back(question) if can_see_queue(user) else redirect("guidance:due_soon")
    context = {
        "question": question,
        "form": form,
        "details": may_move or is_national_admin(user),
        "due": _due(question.due_at),
        "changes": question.claim_changes.all(),
    }
    return render(request, "guidance/reassign.html", context)


# An FAQ entry from an answer


def _faq_initial(question):
    asked = [message.body for message in question.messages.all() if message.kind == MessageKind.QUESTION]
    answers = [message.body for message in question.messages.all() if message.kind == MessageKind.ANSWER]
    return {
        "question": asked[0] if asked else "",
        "answer": answers[-1] if answers else "",
        "topic": question.topic,
    }


@_counsellors_only
@require_http_methods(["GET", "HEAD", "POST"])
def faq_new(request, pk):
    question = _question(request, pk)
    if request.method != "POST":
        form = FaqForm(initial=_faq_initial(question))
    else:
        form = FaqForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.faq_publish(
                    author=request.user,
                    title=data["title"],
                    question=data["question"],
                    answer=data["answer"],
                    topic=data["topic"],
                )
            except ValidationError as exc:
                attach_service_errors(form, exc)
            else:
                messages.success(request, _("The FAQ entry is published."))
                return redirect("guidance:faq")
    return render(request, "guidance/faq_new.html", {"question": question, "form": form})
