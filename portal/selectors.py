"""Reads the portal shares beyond one page type: the main menu in every page's header, the search and
the requirement sets in force. Each is one query, so a page costs the same whether a county has one
centre or fifty.

A page type's own lists (the counties, a county's centres, the news) are read by the page type in
``portal.models``; this module imports the models, never the other way round.
"""

from typing import Any

from django.core.cache import cache
from django.db.models.functions import Substr
from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.admin.models import EditingSession, FormState
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import (
    APIToken,
    Comment,
    CommentReply,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageSubscription,
    Revision,
    TaskState,
    UploadedFile,
    WorkflowState,
)
from wagtail.search.backends.base import BaseSearchResults
from wagtail.users.models import UserProfile

from accounts.models import User
from accounts.selectors import iso
from portal.models import MENU_CACHE_KEY, HomePage
from register.models import RequirementSet, WorkplaceType

# Changes to pages clear the menu at once; the time limit only covers changes made outside Django.
MENU_CACHE_SECONDS = 60 * 60


def menu_pages(request: HttpRequest) -> list[dict[str, Any]]:
    """The home page's live public children with "show in menus" ticked, in tree order: id, title (with the
    English one, if any) and href.

    The header of every page shows them, Wagtail's or not, so they are read in one query, kept in the cache
    for all requests until a page changes (``portal.services.menu_forget``), and once per request.
    The home page is found by a subquery, with no need to look up the request's site first.
    """
    if not hasattr(request, "_portal_menu_pages"):
        items = cache.get(MENU_CACHE_KEY)
        if items is None:
            parent_paths = HomePage.objects.values("path")
            pages = (
                Page.objects.annotate(parent_path=Substr("path", 1, Page.steplen * 2))
                .filter(depth=3, live=True, show_in_menus=True, parent_path__in=parent_paths)
                # A page behind a view restriction of its own stays out of the public menu.
                .filter(view_restrictions__isnull=True)
                .only("id", "title", "url_path", "path", "depth")
                .order_by("path")
                .specific()  # one more query per page type in the menu, for the English titles
            )
            # Without a request the URL does not depend on who asks: relative on a single site.
            items = [
                {
                    "id": page.pk,
                    "title": page.title,
                    "title_en": getattr(page, "menu_title_en", ""),
                    "href": page.get_url(),
                }
                for page in pages
            ]
            cache.set(MENU_CACHE_KEY, items, MENU_CACHE_SECONDS)
        request._portal_menu_pages = items  # type: ignore[attr-defined]  # kept for the rest of the request
    menu: list[dict[str, Any]] = request._portal_menu_pages  # type: ignore[attr-defined]
    return menu


def menu_title(item: dict[str, Any]) -> str:
    """A ``menu_pages`` entry's name in the active language: the English menu title under English, if it has
    one; else the page's (bokmål) title. The header and the breadcrumbs both name a menu page so."""
    return (get_language() == "en" and item["title_en"]) or item["title"] or ""


def requirement_sets_in_force() -> list[RequirementSet]:
    """The requirement set in force today for each workplace type, in the order the types are listed."""
    order = {value: index for index, value in enumerate(WorkplaceType.values)}
    sets = RequirementSet.objects.in_force().prefetch_related("required_areas")
    return sorted(sets, key=lambda requirement: order.get(requirement.workplace_type, len(order)))


def search_pages(query: str) -> BaseSearchResults:
    """Live public pages matching ``query``, best match first (Wagtail's search backend)."""
    return Page.objects.live().public().specific().search(query)


# The links to the person the CMS part of "my data" exports: Wagtail keeps them for editors.
PERSONAL_DATA_COVERS = [
    (UserProfile, "user"),
    (Page, "owner"),
    (Page, "locked_by"),
    (Revision, "user"),
    (PageLogEntry, "user"),
    (ModelLogEntry, "user"),
    (Comment, "user"),
    (Comment, "resolved_by"),
    (CommentReply, "user"),
    (PageSubscription, "user"),
    (WorkflowState, "requested_by"),
    (TaskState, "finished_by"),
    (UploadedFile, "uploaded_by_user"),
    (Image, "uploaded_by_user"),
    (Document, "uploaded_by_user"),
    (EditingSession, "user"),
    (FormState, "user"),
    (APIToken, "user"),
]


def personal_data(user: User) -> dict[str, Any]:
    """What the CMS (Wagtail, /cms/) holds about ``user`` as an editor: preferences, pages owned and locked, comments
    and replies written, subscriptions, files uploaded, Wagtail API token names, and how many revisions, log
    entries, workflow steps and editing sessions carry their name. Not Wagtail's token hashes or prefixes."""
    profile = UserProfile.objects.filter(user=user).first()
    return {
        "preferences": (
            {
                "language": profile.preferred_language,
                "time_zone": profile.current_time_zone,
                "theme": profile.theme,
                "contrast": profile.contrast,
                "density": profile.density,
                "has_avatar": bool(profile.avatar),
                "notify_submitted": profile.submitted_notifications,
                "notify_approved": profile.approved_notifications,
                "notify_rejected": profile.rejected_notifications,
                "notify_comments": profile.updated_comments_notifications,
            }
            if profile
            else None
        ),
        "pages_owned": [
            {"title": p.title, "path": p.url_path} for p in Page.objects.filter(owner=user).order_by("path")
        ],
        "pages_locked": [
            {"title": p.title, "locked": iso(p.locked_at)} for p in Page.objects.filter(locked_by=user).order_by("path")
        ],
        "comments": [
            {"page": c.page.title, "text": c.text, "written": iso(c.created_at), "resolved": iso(c.resolved_at)}
            for c in Comment.objects.filter(user=user).select_related("page").order_by("created_at", "pk")
        ],
        "comment_replies": [
            {"page": r.comment.page.title, "text": r.text, "written": iso(r.created_at)}
            for r in CommentReply.objects.filter(user=user).select_related("comment__page").order_by("created_at")
        ],
        "page_subscriptions": [
            {"page": s.page.title, "comment_notifications": s.comment_notifications}
            for s in PageSubscription.objects.filter(user=user).select_related("page").order_by("page__path")
        ],
        "images_uploaded": [
            {"title": i.title, "uploaded": iso(i.created_at)}
            for i in Image.objects.filter(uploaded_by_user=user).order_by("created_at", "pk")
        ],
        "documents_uploaded": [
            {"title": d.title, "uploaded": iso(d.created_at)}
            for d in Document.objects.filter(uploaded_by_user=user).order_by("created_at", "pk")
        ],
        "api_tokens": [
            {"name": t.name, "created": iso(t.created), "last_used": iso(t.last_used_at), "revoked": iso(t.revoked_at)}
            for t in APIToken.objects.filter(user=user).order_by("created", "pk")
        ],
        "counts": {
            "revisions": Revision.objects.filter(user=user).count(),
            "page_log_entries": PageLogEntry.objects.filter(user=user).count(),
            "other_log_entries": ModelLogEntry.objects.filter(user=user).count(),
            "comments_resolved": Comment.objects.filter(resolved_by=user).count(),
            "workflows_requested": WorkflowState.objects.filter(requested_by=user).count(),
            "workflow_tasks_finished": TaskState.objects.filter(finished_by=user).count(),
            "uploads_in_progress": UploadedFile.objects.filter(uploaded_by_user=user).count(),
            "editing_sessions": EditingSession.objects.filter(user=user).count(),
            "saved_form_states": FormState.objects.filter(user=user).count(),
        },
    }
