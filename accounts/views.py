from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from accounts import services
from accounts.forms import ApiTokenForm
from accounts.permissions import access_own_api_token
from accounts.selectors import api_tokens_of
from core.forms import attach_service_errors


@login_required
def api_token(request):
    """The person's API tokens: make a named one, see and revoke the others.

    A new token's key is in this one answer only (knox keeps its hash): the page after shows its name, never the
    key. Tokens are made here, behind the normal login (rate limits, MFA), not by a password endpoint.
    """
    form = ApiTokenForm(request.POST or None)
    new_token = new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            new_token, new_key = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            form = ApiTokenForm()
    context = {
        "form": form,
        "tokens": api_tokens_of(request.user),
        "new_token": new_token,
        "new_key": new_key,
        "ttl_days": settings.API_TOKEN_TTL_DAYS,
        "now": timezone.now(),
    }
    return render(request, "accounts/api_token.html", context)


@login_required
@require_POST
def api_token_revoke(request, pk):
    token = access_own_api_token(request.user, pk)
    services.api_token_revoke(token=token)
    messages.success(
        request, _("The token “%(name)s” is revoked and no longer works.") % {"name": token.name or _("Unnamed token")}
    )
    return redirect("api_token")


@require_POST
def language_set(request):
    """The language switch (Django's ``set_language``), which also keeps a signed-in person's choice for the
    notices and e-mails they get."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.language_set(user=request.user, language=language)
    return response


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
