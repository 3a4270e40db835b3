from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User
from notifications.models import Notice


def access_notice(user: User | AnonymousUser, pk: int | str) -> Notice:
    """A notice is visible to its recipient only; others get a 404, not a hint that it exists."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(Notice, pk=pk, recipient=user)
