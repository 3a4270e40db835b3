"""The API's ways in (token and session), refusing staff who must set up MFA first.

Tokens are django-rest-knox's (``accounts.ApiToken``): hashed, named, expiring, made and revoked by their owner on
the token page. The header stays ``Authorization: Token <key>``.

Signing in by token skips the login form and its second factor, so the MFA rule is checked here,
for every request, as ``register.middleware.StaffMFAMiddleware`` checks it for the pages.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import authentication, exceptions

from accounts.services import api_token_mark_used
from register.permissions import must_set_up_mfa


class MFARequired(exceptions.PermissionDenied):
    default_detail = _("Your role requires two-factor authentication. Set it up on the website before you use the API.")
    default_code = "mfa_required"


class _RefuseWithoutMFA:
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and must_set_up_mfa(result[0]):
            raise MFARequired
        return result


class SessionAuthentication(_RefuseWithoutMFA, authentication.SessionAuthentication):
    pass


class TokenAuthentication(_RefuseWithoutMFA, KnoxTokenAuthentication):
    """knox's check of the key's hash and expiry (an expired token is deleted and refused: 401), then the MFA
    rule, then "last used" on the token."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            api_token_mark_used(token=result[1])
        return result


class SessionSchemeWithMFA(SessionScheme):
    """Documents the session way in as drf-spectacular documents DRF's."""

    target_class = SessionAuthentication


class TokenSchemeWithMFA(OpenApiAuthenticationExtension):
    """Documents the token way in under the name DRF's tokens had (drf-spectacular's knox extension matches
    knox's class only, not subclasses)."""

    target_class = TokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        prefix = self.target.authenticate_header(None)
        return {
            **build_bearer_security_scheme_object(header_name="Authorization", token_prefix=prefix),
            "description": (
                f'A personal API token, sent as "Authorization: {prefix} <key>". Make one on the website '
                f"(/accounts/api-token/, after signing in); it expires after {settings.API_TOKEN_TTL_DAYS} days "
                "and its owner can revoke it there at any time. A missing, wrong, expired or revoked token is "
                "refused with 401; staff who must set up two-factor authentication first get 403 mfa_required."
            ),
        }
