from register.permissions import has_staff_role, is_national_admin


def navigation(request):
    """What the header shows depends on the user's roles; evaluated only when a template asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_is_staff": lambda: has_staff_role(user),
        "nav_is_national_admin": lambda: is_national_admin(user),
    }
