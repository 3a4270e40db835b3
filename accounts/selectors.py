"""Reads about a person's account."""

from datetime import date, datetime
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db.models import QuerySet

from accounts.models import ApiToken, User


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """The person's tokens, newest first, expired ones included (knox deletes those when it next meets them)."""
    return ApiToken.objects.filter(user=user).only("id", "name", "created", "expiry", "last_used", "user_id")


def iso(value: date | datetime | None) -> str | None:
    """A date or time as ISO 8601 for the "my data" download, or None."""
    return value.isoformat() if value else None


# What the account part of "my data" reads (accounts.personal_data).
PERSONAL_DATA_COVERS = [
    (ApiToken, "user"),
    (EmailAddress, "user"),
    (Authenticator, "user"),
    (UserSession, "user"),
    (LogEntry, "user"),
]


def personal_data(user: User) -> dict[str, Any]:
    """The account: profile, e-mail addresses, sign-in sessions, API tokens, two-factor methods and Django admin
    actions. Never a secret: no password hash, session key, token key or digest, TOTP seed or recovery code."""
    actions = {ADDITION: "added", CHANGE: "changed", DELETION: "deleted"}
    authenticators = list(Authenticator.objects.filter(user=user).order_by("created_at"))
    return {
        "profile": {
            "email": user.email,
            "full_name": user.full_name,
            "handle": user.handle,
            "language": user.language,
            "date_joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
            "is_active": user.is_active,
            "django_admin_access": user.is_staff,
            "groups": sorted(user.groups.values_list("name", flat=True)),
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
        "two_factor_authentication": {
            "enabled": any(a.type == Authenticator.Type.TOTP for a in authenticators),
            "methods": [
                {"type": a.type, "added": iso(a.created_at), "last_used": iso(a.last_used_at)} for a in authenticators
            ],
        },
        "sessions": [
            {
                "signed_in": iso(s.created_at),
                "last_seen": iso(s.last_seen_at),
                "ip_address": s.ip,
                "browser": s.user_agent,
            }
            for s in UserSession.objects.filter(user=user).order_by("-created_at")
        ],
        "api_tokens": [
            {"name": t.name, "created": iso(t.created), "expires": iso(t.expiry), "last_used": iso(t.last_used)}
            for t in api_tokens_of(user)
        ],
        # What was changed, not the name of what was changed (often another person).
        "django_admin_actions": [
            {"at": iso(at), "action": actions.get(flag, str(flag)), "kind": kind}
            for at, flag, kind in LogEntry.objects.filter(user=user)
            .order_by("action_time")
            .values_list("action_time", "action_flag", "content_type__model")
        ],
    }
