from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from register.permissions import requires_staff_mfa


class StaffMFAMiddleware:
    """With REQUIRE_STAFF_MFA on, staff roles must set up MFA before they use staff pages.

    Staff pages are the paths in STAFF_PATH_PREFIXES (the Django admin, Wagtail's /cms/,
    /staff/ and the staff areas later apps add). Account pages stay open so MFA can be set up.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.REQUIRE_STAFF_MFA
            and request.user.is_authenticated
            and request.path.startswith(tuple(settings.STAFF_PATH_PREFIXES))
            and requires_staff_mfa(request.user)
            and not is_mfa_enabled(request.user)
        ):
            messages.warning(request, _("Your role requires two-factor authentication. Set it up to continue."))
            return redirect("mfa_activate_totp")
        return self.get_response(request)
