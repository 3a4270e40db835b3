"""Signed unsubscribe tokens: the link in an e-mail is its own proof of who clicked it."""

from django.core import signing

SALT = "notifications.unsubscribe"


def make_unsubscribe_token(user_id, kind):
    return signing.dumps({"u": user_id, "k": kind}, salt=SALT, compress=True)


def read_unsubscribe_token(token):
    """Return (user_id, kind), or raise signing.BadSignature."""
    data = signing.loads(token, salt=SALT)
    return data["u"], data["k"]
