from django.shortcuts import get_object_or_404

from notifications.models import Notice


def access_notice(user, pk):
    """A notice is visible to its recipient only; others get a 404, not a hint that it exists."""
    return get_object_or_404(Notice, pk=pk, recipient=user)
