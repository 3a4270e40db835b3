from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
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
