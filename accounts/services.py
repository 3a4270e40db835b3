"""Writes about a person's account: their API tokens."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ApiToken, User

# "Last used" is kept to this precision: a script calling the API all day costs one write an hour.
LAST_USED_PRECISION = datetime.timedelta(hours=1)


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a named token for ``user``, expiring ``API_TOKEN_TTL_DAYS`` from now.

    Returns the token and its key. The key is stored only as knox's hash: the caller shows it once and forgets it.
    """
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, so you know later what it is for.")})
    live = ApiToken.objects.filter(user=user, expiry__gt=timezone.now()).count()
    if live >= settings.API_TOKENS_PER_PERSON:
        raise ValidationError(
            _("You have %(count)d tokens, the most one person may have. Revoke one you no longer use first.")
            % {"count": live}
        )
    token, key = ApiToken.objects.create(
        user=user, name=name[:100], expiry=datetime.timedelta(days=settings.API_TOKEN_TTL_DAYS)
    )
    return token, key


def api_token_revoke(*, token: ApiToken) -> None:
    """The token stops working at once. The caller has checked that the person may revoke it."""
    token.delete()


def api_token_mark_used(*, token: ApiToken) -> None:
    """Record that ``token`` was just used to sign in, at most once per ``LAST_USED_PRECISION``."""
    now = timezone.now()
    if token.last_used is None or now - token.last_used >= LAST_USED_PRECISION:
        token.last_used = now
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)


def language_set(*, user: User, language: str) -> None:
    """The language the person's notices and e-mails are written in."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Choose one of the site's languages."))
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
