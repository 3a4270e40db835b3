"""E-guidance's entries in the header's menus and its section on the register's staff page (registered in
``GuidanceConfig.ready``)."""

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.navigation import NavItem
from guidance.permissions import can_see_queue, is_guidance_lead
from guidance.selectors import due_soon
from register.attention import AttentionItem
from register.models import Membership
from register.staff_sections import StaffLink, StaffSection


def public_items(request):
    yield NavItem(_("Ask a counsellor"), reverse("guidance:ask"), order=40)


def workspace_items(request):
    """The queue for e-guidance counsellors and national administrators (roles only: no query)."""
    if can_see_queue(request.user):
        yield NavItem(_("Questions"), reverse("guidance:queue"), order=64)


def staff_section(user, memberships: Sequence[Membership]) -> StaffSection:
    """The queue for e-guidance counsellors; the deadline and statistics pages for the leads."""
    links = []
    if can_see_queue(user):
        links.append(StaffLink(_("Questions waiting for an answer"), reverse("guidance:queue")))
    if is_guidance_lead(user):
        links.append(StaffLink(_("Questions about to break the promise"), reverse("guidance:due_soon")))
        links.append(StaffLink(_("E-guidance statistics"), reverse("guidance:statistics")))
    return StaffSection("guidance", _("E-guidance"), links)


def attention_items(user) -> list[AttentionItem]:
    """For the leads: questions due within the warning time or already overdue."""
    if not is_guidance_lead(user):
        return []
    count = due_soon().count()
    return [
        AttentionItem(
            title=ngettext(
                "%(count)s e-guidance question about to break the promise",
                "%(count)s e-guidance questions about to break the promise",
                count,
            )
            % {"count": count},
            detail=_("Answer them or hand them to someone who can."),
            url=reverse("guidance:due_soon"),
            count=count,
            urgent=True,
        )
    ]
