"""Forum pages for reading and writing: the index, categories, threads, replies and search.

Every view first checks that the user is a signed-in professional, then fetches through the
access functions in ``forum.permissions`` (404 for what the user may not read), and writes
only through ``forum.services``.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core import markdown
from core.forms import attach_service_errors
from forum import selectors, services
from forum.forms import PostEditForm, ReplyForm, SearchForm, ThreadForm, WatchForm
from forum.models import CategoryKind, Post, Watch
from forum.permissions import (
    access_category,
    access_thread,
    can_edit_post,
    can_moderate,
    can_read_post_history,
    can_start_thread,
    is_professional,
    reach_of,
    reply_refusal,
)

THREADS_PER_PAGE = 25
RESULTS_PER_PAGE = 20
SECTIONS = [
    (CategoryKind.NATIONAL, gettext_lazy("National")),
    (CategoryKind.COUNTY, gettext_lazy("Counties")),
    (CategoryKind.CENTRE, gettext_lazy("Centre networks")),
    (CategoryKind.GROUP, gettext_lazy("Groups")),
]


def professional_required(view):
    """Anonymous users go to the login page; signed-in users who are not professionals get a 403 that explains."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_professional(request.user):
            return render(request, "forum/not_professional.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def post_url(thread, number):
    """The address of post ``number``: its page and its anchor."""
    page = selectors.page_of_post(number)
    return f"{reverse('forum:thread', kwargs={'pk': thread.pk})}?{urlencode({'page': page})}#post-{number}"


def _positive_int(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _message(exc):
    """The text of a PermissionDenied or non-field ValidationError raised by a service."""
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc.args[0]) if exc.args else _("You are not allowed to do this.")


def _tell_about_mentions(request, post):
    """The writer learns which of their @mentions reached no one: a handle no one has, or someone who cannot read
    the thread (and so was not told)."""
    missed = selectors.mentions_not_told(post)
    for handle in missed.unknown:
        messages.warning(
            request, _("No one in the forum has the handle @%(handle)s, so no one was told.") % {"handle": handle}
        )
    for person in missed.cannot_read:
        messages.warning(
            request,
            _("%(name)s (@%(handle)s) cannot read this thread and was not told.")
            % {"name": person.full_name or person.handle, "handle": person.handle},
        )


def _is_moderator_anywhere(reach):
    return reach.national_moderator or bool(
        reach.moderated_centre_ids or reach.moderated_county_ids or reach.moderated_group_ids
    )


def _watch_form(user, **target):
    level = Watch.objects.filter(user=user, **target).values_list("level", flat=True).first()
    return WatchForm(initial={"level": level}), level


# the index and the category pages


@professional_required
def index(request):
    user = request.user
    groups = {kind: [] for kind, _label in SECTIONS}
    for category in selectors.category_list(user):
        groups[category.kind].append(category)
    sections = [{"kind": kind, "label": label, "categories": groups[kind]} for kind, label in SECTIONS if groups[kind]]
    context = {
        "sections": sections,
        "search_form": SearchForm(),
        "is_moderator": _is_moderator_anywhere(reach_of(user)),
    }
    return render(request, "forum/index.html", context)


@professional_required
def category(request, slug):
    user = request.user
    category = access_category(user, slug)
    unsolved = request.GET.get("unsolved") == "1"
    is_moderator = can_moderate(user, category)
    threads = selectors.thread_list(user, category=category, unsolved=unsolved)
    paginator = Paginator(threads, THREADS_PER_PAGE)
    if not unsolved and not is_moderator:
        # This reader sees the threads that are not hidden, which the category's counter counts: no COUNT over
        # its threads (3 ms of the page for the national seed's largest category, 2,528 threads).
        paginator.count = category.thread_count
    page = paginator.get_page(request.GET.get("page"))
    watch_form, watch_level = _watch_form(user, category=category)
    context = {
        "category": category,
        "page_obj": page,
        "unsolved": unsolved,
        "query": urlencode({"unsolved": 1}) if unsolved else "",
        "can_start": can_start_thread(user, category),
        "is_moderator": is_moderator,
        "watch_form": watch_form,
        "watch_level": watch_level,
    }
    return render(request, "forum/category.html", context)


@professional_required
@require_POST
def category_watch(request, slug):
    category = access_category(request.user, slug)
    _watch_set(request, category=category)
    return redirect(category.get_absolute_url())


@professional_required
def thread_create(request, slug):
    user = request.user
    category = access_category(user, slug)
    if not can_start_thread(user, category):
        context = {"category": category, "refusal": _("Only moderators can start threads in this category.")}
        return render(request, "forum/thread_form.html", context, status=403)
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_create(
                category=category,
                author=user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                is_question=form.cleaned_data["is_question"],
            )
        except PermissionDenied as exc:
            form.add_error(None, _message(exc))
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Your thread is published."))
            _tell_about_mentions(request, thread.posts.select_related("thread__category").get(number=1))
            return redirect(thread.get_absolute_url())
    return render(request, "forum/thread_form.html", {"category": category, "form": form})


# the thread page and what is done on it


@professional_required
def thread(request, pk):
    user = request.user
    thread = access_thread(user, pk)
    number = _positive_int(request.GET.get("post"))
    if number is not None:
        return redirect(post_url(thread, min(number, max(thread.post_count, 1))))
    if "page" not in request.GET:
        first_unread = selectors.first_unread_number(user, thread)
        if first_unread > 1:
            return redirect(post_url(thread, first_unread))
    reply_form = None
    quoted = _quoted_post(request, thread)
    if quoted is not None:
        author = quoted.author.get_full_name() if quoted.author else _("Unknown")
        reply_form = ReplyForm(initial={"body": markdown.quote(quoted.body, author), "quote": quoted.pk})
    return _render_thread(request, thread, request.GET.get("page"), reply_form)


def _quoted_post(request, thread):
    pk = _positive_int(request.GET.get("quote"))
    if pk is None:
        return None
    post = Post.objects.filter(thread=thread, pk=pk, is_deleted=False).select_related("author").first()
    if post is None or (post.is_hidden and not can_moderate(request.user, thread.category)):
        return None
    return post


def _render_thread(request, thread, page_number, reply_form=None, status=200):
    user = request.user
    moderator = can_moderate(user, thread.category)
    paginator = Paginator(selectors.thread_posts(thread), selectors.POSTS_PER_PAGE)
    # Posts are numbered 1..post_count without gaps (deleting is soft), so the thread's own counter
    # is the paginator's count and no COUNT query is needed, and the page's posts are a range of numbers.
    paginator.count = thread.post_count
    page = paginator.get_page(page_number)
    posts = selectors.posts_numbered(thread, page.start_index(), page.end_index())
    page.object_list = posts
    can_accept = thread.is_question and (thread.author_id == user.pk or moderator)
    locked_for_user = thread.is_locked and not moderator
    author_lines = selectors.author_lines(posts)
    for post in posts:
        post.author_line = author_lines.get(post.author_id, "")
        post.can_edit = can_edit_post(user, post) and not locked_for_user
        post.can_accept = (
            can_accept
            and post.number > 1
            and not post.is_deleted
            and not post.is_hidden
            and post.pk != thread.accepted_post_id
        )
        post.text_visible = not post.is_deleted and (moderator or not post.is_hidden)
    # access_thread() has fetched the accepted post with the thread: showing it costs no query.
    answer = thread.accepted_post
    if answer is not None and (answer.is_deleted or (answer.is_hidden and not moderator)):
        answer = None
    refusal = reply_refusal(user, thread)
    if refusal is None and reply_form is None:
        reply_form = ReplyForm()
    watch_form, watch_level = _watch_form(user, thread=thread)
    if posts:
        services.read_state_mark(user=user, thread=thread, number=posts[-1].number)
    context = {
        "thread": thread,
        "category": thread.category,
        "page_obj": page,
        "posts": posts,
        "answer": answer,
        "answer_url": post_url(thread, answer.number) if answer else "",
        "is_moderator": moderator,
        "refusal": refusal,
        "reply_form": reply_form if refusal is None else None,
        "watch_form": watch_form,
        "watch_level": watch_level,
    }
    return render(request, "forum/thread.html", context, status=status)


@professional_required
@require_POST
def reply(request, pk):
    user = request.user
    thread = access_thread(user, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        quote_pk = form.cleaned_data["quote"]
        quote_of = (
            Post.objects.filter(thread=thread, pk=quote_pk).select_related("author").first() if quote_pk else None
        )
        try:
            post = services.post_create(thread=thread, author=user, body=form.cleaned_data["body"], quote_of=quote_of)
        except PermissionDenied as exc:
            form.add_error(None, _message(exc))
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            _tell_about_mentions(request, post)
            return redirect(post_url(thread, post.number))
    # Nothing was posted: show the last page again, with the text and the reason under the form.
    last_page = selectors.page_of_post(thread.post_count)
    return _render_thread(request, thread, last_page, form)


@professional_required
@require_POST
def thread_watch(request, pk):
    thread = access_thread(request.user, pk)
    _watch_set(request, thread=thread)
    return redirect(thread.get_absolute_url() + "?" + urlencode({"page": request.POST.get("page") or 1}))


def _watch_set(request, **target):
    form = WatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a notification level from the list."))
        return
    services.watch_set(user=request.user, level=form.cleaned_data["level"], **target)
    messages.success(request, _("Your notification level is saved."))


@professional_required
@require_POST
def accept(request, pk, post_pk):
    user = request.user
    thread = access_thread(user, pk)
    post = get_object_or_404(Post, pk=post_pk, thread=thread)
    try:
        services.answer_accept(thread=thread, post=post, actor=user)
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, _("The reply is marked as the answer."))
    return redirect(post_url(thread, post.number))


def _access_post(user, pk):
    """The post and its thread, or 404 if the user may not read the thread."""
    post = get_object_or_404(Post.objects.select_related("author"), pk=pk)
    post.thread = access_thread(user, post.thread_id)
    return post


@professional_required
def post_edit(request, pk):
    user = request.user
    post = _access_post(user, pk)
    if not can_edit_post(user, post):
        raise PermissionDenied
    form = PostEditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_edit(post=post, editor=user, body=form.cleaned_data["body"])
        except PermissionDenied as exc:
            form.add_error(None, _message(exc))
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Your post is saved."))
            _tell_about_mentions(request, post)
            return redirect(post_url(post.thread, post.number))
    return render(
        request,
        "forum/post_form.html",
        {"post": post, "thread": post.thread, "form": form, "post_url": post_url(post.thread, post.number)},
    )


@professional_required
def post_history(request, pk):
    user = request.user
    post = _access_post(user, pk)
    if not can_read_post_history(user, post):
        raise Http404
    revisions = list(post.revisions.select_related("edited_by").order_by("-created_at", "-id"))
    for revision in revisions:
        revision.body_html = markdown.render(revision.body)
    context = {
        "post": post,
        "thread": post.thread,
        "revisions": revisions,
        "post_url": post_url(post.thread, post.number),
        "moderator": can_moderate(user, post.thread.category),
    }
    return render(request, "forum/post_history.html", context)


@professional_required
@require_POST
def post_delete(request, pk):
    user = request.user
    post = _access_post(user, pk)
    try:
        services.post_delete(post=post, actor=user)
    except PermissionDenied as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, _("Your post is deleted."))
    return redirect(post_url(post.thread, post.number))


# search


@professional_required
def search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = None
    if query:
        results = selectors.search(request.user, query)
        page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        for post in page.object_list:
            post.snippet_html = selectors.snippet_html(post, query)
            post.url = post_url(post.thread, post.number)
    context = {
        "form": form,
        "q": query,
        "page_obj": page,
        "query": urlencode({"q": query}) if query else "",
    }
    return render(request, "forum/search.html", context)
