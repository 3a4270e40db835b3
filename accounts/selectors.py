"""Reads about a person's account."""

from django.db.models import QuerySet

from accounts.models import ApiToken, User


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """The person's tokens, newest first, expired ones included (knox deletes those when it next meets them)."""
    return ApiToken.objects.filter(user=user).only("name", "created", "expiry", "last_used", "user_id")
