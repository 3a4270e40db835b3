"""The asker's pages, no account needed: ask a question, the receipt with the private link, the conversation
(follow-up, "was it helpful?", delete now) and the public FAQ.

The private link's token is the only key to a conversation. Every token page looks it up again through
``selectors.question_for_token`` (constant time); a wrong, expired or deleted token gets the same plain 404.
Token pages are sent with ``Cache-Control: no-store`` and ``Referrer-Policy: same-origin`` so the link stays
out of shared caches and out of other sites' logs, and with ``X-Robots-Tag: noindex``. (Not ``no-referrer``:
browsers then send ``Origin: null`` with the page's own forms, and Django's CSRF check refuses them.)
"""

from datetime import timedelta
from functools import wraps
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import markdown
from core.forms import attach_service_errors
from guidance import selectors, services
from guidance.clock import service_hours
from guidance.forms import PRIVACY_STATEMENT_ID, AskForm, DeleteForm, FaqSearchForm, FollowUpForm
from guidance.models import ClosurePeriod, FaqEntry, MessageKind
from guidance.permissions import can_follow_up, can_rate
from notifications.emails import absolute_url

FAQ_PER_PAGE = 20
# The ask page names the closure days this far ahead, so an asker knows before sending.
CLOSURES_AHEAD_DAYS = 60
WORKING_WEEK = frozenset(range(5))
NOT_FOUND_TEMPLATE = "guidance/not_found.html"


# The private token pages


def _private(view):
    """Keep the private link out of caches, Referer headers and search engines, whatever the response."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)  # includes no-store
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


def _with_question(view):
    """Call ``view(request, question)``; the same plain 404 for every token that does not lead to a question."""

    @wraps(view)
    def wrapped(request, token):
        question = selectors.question_for_token(token)
        if question is None:
            return render(request, NOT_FOUND_TEMPLATE, {"retention_days": settings.GUIDANCE_RETENTION_DAYS}, status=404)
        return view(request, question)

    return wrapped


def _to_conversation(question):
    return redirect("guidance:conversation", token=question.token)


def _due(question):
    """The promised answer time in Oslo time, in words with the weekday, as a <time> element for the sentence."""
    due = timezone.localtime(question.due_at, ZoneInfo("Europe/Oslo"))
    # Translators: a date format (Django's ``date`` codes) for "Thursday 28 December 2023 at 15:00".
    in_words = date_format(due, pgettext("due time in words", r"l j F Y \a\t H:i"))
    return format_html('<time datetime="{}">{}</time>', due.isoformat(), in_words)


# Asking


def _opening_hours():
    """The e-guidance service's opening hours in words: "weekdays 08:00–16:00"."""
    hours = service_hours()
    days = hours.open_weekdays
    named = _("weekdays") if days == WORKING_WEEK else ", ".join(str(WEEKDAYS[day]) for day in sorted(days))
    return f"{named} {hours.opens:%H:%M}–{hours.closes:%H:%M}"


def _ask_page(request, form, *, status=200, rate_limited=False):
    today = timezone.localdate()
    context = {
        "opening_hours": _opening_hours(),
        "closures": ClosurePeriod.objects.filter(
            last_day__gte=today, first_day__lte=today + timedelta(days=CLOSURES_AHEAD_DAYS)
        ),
        "form": form,
        "rate_limited": rate_limited,
        "privacy_statement_id": PRIVACY_STATEMENT_ID,
        "retention_days": settings.GUIDANCE_RETENTION_DAYS,
        "working_days": settings.GUIDANCE_ANSWER_WORKING_DAYS,
    }
    return render(request, "guidance/ask.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def ask(request):
    if request.method != "POST":
        return _ask_page(request, AskForm())
    form = AskForm(request.POST)
    valid = form.is_valid()
    if form.is_spam:
        # Neutral on purpose: a robot learns nothing about why. Nothing is stored and nothing counted.
        form.add_error(None, _("Your question could not be sent. Please try again."))
        return _ask_page(request, form)
    if not valid:
        return _ask_page(request, form)
    # Only questions that would be stored count towards the limit, so fixing a typo costs nothing.
    if not services.ask_rate_limit_hit(request):
        response = _ask_page(request, form, status=429, rate_limited=True)
        response["Retry-After"] = str(services.ASK_RATE_PERIOD)
        return response
    data = form.cleaned_data
    try:
        question = services.question_ask(
            text=data["text"],
            topic=data["topic"],
            county=data["county"],
            age_group=data["age_group"],
            email=data["email"],
        )
    except ValidationError as exc:
        attach_service_errors(form, exc)
        return _ask_page(request, form)
    return redirect("guidance:receipt", token=question.token)


@_private
@require_safe
@_with_question
def receipt(request, question):
    context = {
        "question": question,
        "link": absolute_url(services.question_url(question)),
        "due": _due(question),
        "retention_days": settings.GUIDANCE_RETENTION_DAYS,
    }
    return render(request, "guidance/receipt.html", context)


# The conversation


def _conversation_page(request, question, *, follow_up_form=None, delete_form=None):
    thread = [
        {
            "message": message,
            "is_answer": message.kind == MessageKind.ANSWER,
            # Only the counsellors' answers are Markdown; the asker's words are shown as plain text.
            "html": markdown.render(message.body) if message.kind == MessageKind.ANSWER else "",
        }
        for message in question.messages.all()
    ]
    may_follow_up = can_follow_up(question)
    context = {
        "question": question,
        "thread": thread,
        "can_rate": can_rate(question),
        "helpful": question.record.helpful,
        "can_follow_up": may_follow_up,
        "follow_up_form": follow_up_form or (FollowUpForm() if may_follow_up else None),
        "delete_form": delete_form or DeleteForm(),
        "due": _due(question),
        "centre": question.referred_to,
        "retention_days": settings.GUIDANCE_RETENTION_DAYS,
    }
    return render(request, "guidance/conversation.html", context)


@_private
@require_safe
@_with_question
def conversation(request, question):
    return _conversation_page(request, question)


@_private
@require_POST
@_with_question
def follow_up(request, question):
    if not can_follow_up(question):
        messages.error(request, _("You can ask one follow-up question, after the answer."))
        return _to_conversation(question)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.question_follow_up(question=question, text=form.cleaned_data["text"])
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                # Someone else (another tab) was quicker: the rule, not the text, refused it.
                messages.error(request, " ".join(exc.messages))
                return _to_conversation(question)
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Your follow-up question is sent."))
            return _to_conversation(question)
    return _conversation_page(request, question, follow_up_form=form)


@_private
@require_POST
@_with_question
def rate(request, question):
    choice = request.POST.get("helpful")
    if choice not in ("yes", "no"):
        messages.error(request, _("Choose Yes or No."))
        return _to_conversation(question)
    try:
        services.question_rate(question=question, helpful=choice == "yes")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Thank you for telling us."))
    return _to_conversation(question)


@_private
@require_POST
@_with_question
def delete(request, question):
    form = DeleteForm(request.POST)
    if not form.is_valid():
        return _conversation_page(request, question, delete_form=form)
    services.question_delete(question=question)
    messages.success(
        request,
        _(
            "Your conversation is deleted: the question, the answers and your e-mail address. "
            "The private link no longer works."
        ),
    )
    return redirect("guidance:ask")


# The FAQ


@require_safe
def faq_list(request):
    form = FaqSearchForm(request.GET or None)
    entries = FaqEntry.objects.filter(published_at__lte=timezone.now())
    # Fields with errors are left out of the filtering; the form shows what was wrong with them.
    filters = {}
    if form.is_bound:
        form.is_valid()
        filters = form.cleaned_data
    words = (filters.get("q") or "").strip()
    if words:
        entries = entries.filter(Q(title__icontains=words) | Q(question__icontains=words) | Q(answer__icontains=words))
    if filters.get("topic"):
        entries = entries.filter(topic=filters["topic"])
    page = Paginator(entries, FAQ_PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "entries": [{"entry": entry, "answer_html": markdown.render(entry.answer)} for entry in page],
        "query": params.urlencode(),
        "is_filtered": bool(words or filters.get("topic")),
    }
    return render(request, "guidance/faq_list.html", context)
