"""The API's ways in (session and token), refusing staff who must set up MFA first.

Signing in by token skips the login form and its second factor, so the MFA rule is checked here,
for every request, as ``register.middleware.StaffMFAMiddleware`` checks it for the pages.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from rest_framework import authentication, exceptions

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


class TokenAuthentication(_RefuseWithoutMFA, authentication.TokenAuthentication):
    pass


class SessionSchemeWithMFA(SessionScheme):
    """Documents the session way in as drf-spectacular documents DRF's (the token one matches subclasses)."""

    target_class = SessionAuthentication
