from register.models import CounsellorProfile
from register.permissions import roles_of


def navigation(request):
    """Whether the header links to the forum; evaluated only when a template asks.

    The same rule as ``forum.permissions.reach_of(user).professional``, asked as cheaply as a
    header on every page must: the roles are already read (and cached) for the staff link, so a
    user with a role costs nothing more and anyone else one EXISTS query, not the full reach.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def is_professional():
        reach = getattr(user, "_forum_reach", None)  # a forum page has read it already
        if reach is not None:
            return reach.professional
        roles = roles_of(user)
        if roles.memberships or roles.national or user.is_superuser:
            return True
        return CounsellorProfile.objects.filter(user=user).exists()

    return {"nav_is_professional": is_professional}
