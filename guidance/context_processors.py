from guidance.permissions import can_see_queue, is_guidance_lead


def navigation(request):
    """Links to the e-guidance pages (the queue in the header; the leads' pages on the staff page).
    Each is evaluated only when a template asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_sees_guidance_queue": lambda: can_see_queue(user),
        "nav_is_guidance_lead": lambda: is_guidance_lead(user),
    }
