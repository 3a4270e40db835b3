from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from register.permissions import must_set_up_mfa

# What a staff person without MFA may still reach: setting it up (allauth asks for the password
# again first, and for a verified e-mail address), signing in and out, the language switch, static
# files and the health checks.
# The API answers for itself (register.api.authentication), with a 403 instead of a redirect.
MFA_SETUP_PATHS = (
    "/accounts/2fa/",
    "/accounts/reauthenticate/",
    "/accounts/email/",
    "/accounts/confirm-email/",
    "/accounts/login/",
    "/accounts/logout/",
    "/i18n/",
    "/static/",
    "/healthz/",
    "/readyz/",
    "/api/",
)


class StaffMFAMiddleware:
    """With REQUIRE_STAFF_MFA on, staff must set up MFA before they use any other page.

    Every page of every app may show personal data to a staff role (the network, evidence files,
    the e-guidance queue, the organiser pages, the API token page), so the rule is by person,
    not by path: only the setup paths above stay open.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(MFA_SETUP_PATHS) and must_set_up_mfa(request.user):
            messages.warning(request, _("Your role requires two-factor authentication. Set it up to continue."))
            return redirect("mfa_activate_totp")
        return self.get_response(request)
