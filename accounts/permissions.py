"""Fetch-and-authorise for what belongs to a person's account."""

import uuid

from django.http import Http404

from accounts.models import ApiToken, User


def access_own_api_token(user: User, pk: uuid.UUID | str) -> ApiToken:
    """The token ``pk`` if it is ``user``'s; anyone else's (or none) is a 404."""
    token = ApiToken.objects.filter(user=user, pk=pk).first()
    if token is None:
        raise Http404
    return token
