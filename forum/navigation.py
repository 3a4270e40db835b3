"""The forum's entries in the header's workspace menu (registered in ``ForumConfig.ready``)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.navigation import NavItem
from register.models import Role
from register.permissions import is_national_admin, is_national_moderator, is_professional, roles_of


def workspace_items(request):
    """The forum for every professional; the moderation queue for national and centre moderators.

    Asked as cheaply as a header on every page must: from the user's roles, read once per request (a
    private group's moderators reach the queue from their group's page).
    """
    user = request.user
    if not is_professional(user):  # a forum page has answered it already, with the user's reach
        return
    yield NavItem(_("Forum"), reverse("forum:index"), order=30)
    if is_national_moderator(user) or is_national_admin(user) or roles_of(user).centre_ids(Role.MODERATOR):
        yield NavItem(
            _("Moderation"), reverse("forum:moderation"), order=65, url_names=frozenset({"forum:moderation_log"})
        )
