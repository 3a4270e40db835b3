"""The forum's entries in the header's workspace menu (registered in ``ForumConfig.ready``)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.navigation import NavItem
from forum.permissions.moderation import moderates_by_role
from register.permissions import is_professional


def workspace_items(request):
    """The forum for every professional; the moderation queue for national and centre moderators.

    Asked as cheaply as a header on every page must: from the user's roles, read once per request (a
    private group's moderators reach the queue from their group's page).
    """
    user = request.user
    if not is_professional(user):  # a forum page has answered it already, with the user's reach
        return
    yield NavItem(_("Forum"), reverse("forum:index"), order=30)
    if moderates_by_role(user):
        yield NavItem(
            _("Moderation"), reverse("forum:moderation"), order=65, url_names=frozenset({"forum:moderation_log"})
        )
