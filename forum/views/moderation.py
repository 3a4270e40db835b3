"""Forum pages for flagging, moderation (redacting an edit history's text included) and private groups.

Every write goes through ``forum.services``, which checks permission
again; the views decide what to show and answer 404 where even the existence of a thread or a
closed group must not be revealed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core import markdown
from forum import services
from forum.forms import FlagForm, GroupAddForm, PostModerateForm, ReasonForm, RedactForm, ThreadModerateForm
from forum.models import Flag, GroupMembership, GroupRole, JoinPolicy, Post, PostRevision, Thread
from forum.permissions import (
    access_group,
    can_manage_group,
    can_moderate,
    can_read_thread,
    forget_reach,
    reach_of,
    require_moderator,
    require_professional,
)
from forum.selectors import (
    flagged_posts,
    group_requests,
    group_state,
    groups_for,
    moderation_log_for,
)
from forum.selectors import (
    group_members as group_members_of,
)

QUEUE_PER_PAGE = 25
LOG_PER_PAGE = 50


def _next_or(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _message_of(exc):
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def _readable_post(user, pk):
    post = get_object_or_404(Post.objects.select_related("thread__category", "author"), pk=pk)
    if not can_read_thread(user, post.thread):
        raise Http404
    return post


@login_required
def flag(request, pk):
    post = _readable_post(request.user, pk)
    if post.is_deleted or (post.is_hidden and not can_moderate(request.user, post.thread.category)):
        raise Http404
    if Flag.objects.filter(post=post, user=request.user).exists():
        messages.info(request, _("You have already flagged this post. The moderators will look at it."))
        return redirect(post.get_absolute_url())
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_create(post=post, user=request.user, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            # Most likely a second submit of the same form: tell them it is already done.
            messages.info(request, _message_of(exc))
        else:
            messages.success(request, _("Thank you. The post is flagged and the moderators will look at it."))
        return redirect(post.get_absolute_url())
    return render(
        request, "forum/moderation/flag.html", {"post": post, "form": form, "post_url": post.get_absolute_url()}
    )


@login_required
def queue(request):
    require_moderator(request.user)
    page = Paginator(flagged_posts(request.user), QUEUE_PER_PAGE).get_page(request.GET.get("page"))
    for item in page.object_list:
        item.form = ReasonForm(post=item.post)
        item.url = item.post.get_absolute_url()
    return render(request, "forum/moderation/queue.html", {"page_obj": page})


@login_required
@require_POST
def post_moderate(request, pk):
    post = _readable_post(request.user, pk)
    if not can_moderate(request.user, post.thread.category):
        raise PermissionDenied
    form = PostModerateForm(request.POST, post=post)
    if form.is_valid():
        hidden = form.cleaned_data["action"] == "hide"
        services.post_set_hidden(post=post, moderator=request.user, hidden=hidden, reason=form.cleaned_data["reason"])
        messages.success(request, _("The post is hidden.") if hidden else _("The post is shown again."))
        return redirect(_next_or(request, post.get_absolute_url()))
    context = {"form": form, "thread": post.thread, "post": post, "next": _next_or(request, post.get_absolute_url())}
    return render(request, "forum/moderation/action_form.html", context)


@login_required
def revision_redact(request, pk, revision_pk):
    """A moderator removes an earlier text of a post from its edit history, giving a reason."""
    post = _readable_post(request.user, pk)
    if not can_moderate(request.user, post.thread.category):
        raise PermissionDenied
    revision = get_object_or_404(PostRevision, pk=revision_pk, post=post)
    history = reverse("forum:post_history", args=[post.pk])
    if revision.redacted_at is not None:
        messages.info(request, _("This text is already removed."))
        return redirect(history)
    form = RedactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.revision_redact(revision=revision, moderator=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:  # another moderator removed it a moment ago
            messages.info(request, _message_of(exc))
        else:
            messages.success(request, _("The text is removed from the edit history."))
        return redirect(history)
    revision.body_html = markdown.render(revision.body)
    context = {"form": form, "post": post, "thread": post.thread, "revision": revision, "history_url": history}
    return render(request, "forum/moderation/redact.html", context)


@login_required
@require_POST
def thread_moderate(request, pk):
    thread = get_object_or_404(Thread.objects.select_related("category"), pk=pk)
    if not can_read_thread(request.user, thread):
        raise Http404
    if not can_moderate(request.user, thread.category):
        raise PermissionDenied
    form = ThreadModerateForm(request.POST, user=request.user, thread=thread)
    if form.is_valid():
        action = form.cleaned_data["action"]
        try:
            services.thread_moderate(
                thread=thread,
                moderator=request.user,
                action=action,
                reason=form.cleaned_data["reason"],
                category=form.cleaned_data["category"] if action == "move" else None,
            )
        except ValidationError as exc:
            form.add_error("category" if action == "move" else None, exc.messages)
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": dict(form.ACTIONS)[action]})
            return redirect(_next_or(request, thread.get_absolute_url()))
    context = {"form": form, "thread": thread, "next": _next_or(request, thread.get_absolute_url())}
    return render(request, "forum/moderation/action_form.html", context)


@login_required
def log(request):
    require_moderator(request.user)
    page = Paginator(moderation_log_for(request.user), LOG_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "forum/moderation/log.html", {"page_obj": page})


GROUP_ACTIONS = {
    "join": (services.group_join, gettext_lazy("You are now a member of “%(group)s”.")),
    "request": (
        services.group_request,
        gettext_lazy("Your request to join “%(group)s” is sent to its moderators."),
    ),
    "leave": (services.group_leave, gettext_lazy("You have left “%(group)s”.")),
}


@login_required
def groups(request):
    require_professional(request.user)
    if request.method == "POST":
        category = access_group(request.user, request.POST.get("group", ""))
        service, done = GROUP_ACTIONS.get(request.POST.get("action"), (None, None))
        if service is None:
            raise Http404
        try:
            service(category=category, user=request.user)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _message_of(exc))
        else:
            forget_reach(request.user)
            messages.success(request, done % {"group": category.name})
        return redirect("forum:groups")
    national = reach_of(request.user).national_moderator
    mine, pending, joinable, others = [], [], [], []
    for group in groups_for(request.user):
        group.my_state = group_state(group)
        group.is_member = group.my_state in ("member", "moderator")
        group.can_open = group.is_member or national
        group.can_manage = group.my_state == "moderator" or national
        group.can_see_members = group.can_open or group.join_policy == JoinPolicy.OPEN
        if group.my_state in ("member", "moderator"):
            mine.append(group)
        elif group.my_state == "pending":
            pending.append(group)
        elif group.join_policy in (JoinPolicy.OPEN, JoinPolicy.REQUEST):
            joinable.append(group)
        else:
            others.append(group)
    context = {"mine": mine, "pending": pending, "joinable": joinable, "others": others}
    return render(request, "forum/moderation/groups.html", context)


def _membership(category, request):
    pk = request.POST.get("membership", "")
    if not pk.isdigit():
        raise Http404
    return get_object_or_404(GroupMembership.objects.select_related("user"), pk=pk, category=category)


def _members_post(request, category):
    """Run one manager action from the members page; returns the add form (bound when it was used)."""
    action = request.POST.get("action")
    add_form = GroupAddForm(request.POST if action == "add" else None)
    try:
        if action == "add":
            if not add_form.is_valid():
                return add_form
            services.group_add(
                category=category, user=add_form.user, moderator=request.user, role=add_form.cleaned_data["role"]
            )
            messages.success(request, _("%(person)s is added.") % {"person": add_form.user})
        elif action in ("approve", "decline"):
            membership = _membership(category, request)
            services.group_decide(membership=membership, moderator=request.user, approve=action == "approve")
            text = (
                _("%(person)s is now a member.")
                if action == "approve"
                else _("The request from %(person)s is declined.")
            )
            messages.success(request, text % {"person": membership.user})
        elif action == "remove":
            membership = _membership(category, request)
            services.group_remove(membership=membership, moderator=request.user)
            messages.success(request, _("%(person)s is removed from the group.") % {"person": membership.user})
        elif action in ("make_moderator", "make_member"):
            membership = _membership(category, request)
            role = GroupRole.MODERATOR if action == "make_moderator" else GroupRole.MEMBER
            services.group_role_set(membership=membership, moderator=request.user, role=role)
            text = (
                _("%(person)s is now a moderator.") if action == "make_moderator" else _("%(person)s is now a member.")
            )
            messages.success(request, text % {"person": membership.user})
        else:
            raise Http404
    except ValidationError as exc:
        if action == "add":
            add_form.add_error(None, exc)
            return add_form
        messages.error(request, _message_of(exc))
    forget_reach(request.user)
    return None


@login_required
def group_members(request, slug):
    category = access_group(request.user, slug, members=True)
    manager = can_manage_group(request.user, category)
    add_form = GroupAddForm() if manager else None
    if request.method == "POST":
        if not manager:
            raise PermissionDenied
        add_form = _members_post(request, category)
        if add_form is None:
            return redirect("forum:group_members", slug=category.slug)
    context = {
        "group": category,
        "manager": manager,
        "members": group_members_of(category),
        "requests": group_requests(category) if manager else [],
        "add_form": add_form,
    }
    return render(request, "forum/moderation/group_members.html", context)
