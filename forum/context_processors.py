from register.permissions import is_professional


def navigation(request):
    """Whether a page may point to the forum; evaluated only when a template asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_is_professional": lambda: is_professional(user)}
