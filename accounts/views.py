from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from rest_framework.authtoken.models import Token


@login_required
def api_token(request):
    """Create or replace the user's API token. The key is shown once, right after it is made.

    Tokens are issued here, behind the normal login (rate limits, MFA), not by a password endpoint.
    """
    new_key = None
    if request.method == "POST":
        Token.objects.filter(user=request.user).delete()
        if request.POST.get("action") == "create":
            new_key = Token.objects.create(user=request.user).key
            messages.success(request, _("Your new API token is shown below. Copy it now: it is not shown again."))
        else:
            messages.success(request, _("Your API token is deleted."))
    token = Token.objects.filter(user=request.user).only("created").first()
    return render(request, "accounts/api_token.html", {"token": token, "new_key": new_key})


@never_cache
def cms_login(request):
    """Wagtail's login URL. Signing in happens in allauth; this only sends people there.

    Wagtail sends a signed-in user without CMS access to its login URL, and allauth sends a
    signed-in user straight back to ``next``: a redirect loop. Such a user gets 403 here instead.
    """
    if request.user.is_authenticated:
        if request.user.has_perm("wagtailadmin.access_admin"):
            return redirect("wagtailadmin_home")
        raise PermissionDenied
    query = request.META.get("QUERY_STRING")
    return redirect(reverse("account_login") + (f"?{query}" if query else ""))
