from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from notifications import services
from notifications.forms import PreferencesForm
from notifications.kinds import Delivery, get_kind
from notifications.permissions import access_notice
from notifications.selectors import notices_for, preferences_for
from notifications.tokens import read_unsubscribe_token


@login_required
def notice_list(request):
    page = Paginator(notices_for(user=request.user), 20).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page_obj": page})


@login_required
def notice_open(request, pk):
    """Follow a notice's link and count it as read."""
    notice = access_notice(request.user, pk)
    services.notice_mark_read(notice=notice)
    if notice.link and url_has_allowed_host_and_scheme(notice.link, allowed_hosts=None):
        return redirect(notice.link)
    return redirect("notifications:list")


@login_required
@require_POST
def notice_read(request, pk):
    services.notice_mark_read(notice=access_notice(request.user, pk))
    messages.success(request, _("The notice is marked as read."))
    return redirect("notifications:list")


@login_required
@require_POST
def notices_read_all(request):
    count = services.notices_mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext("%(count)d notice marked as read.", "%(count)d notices marked as read.", count) % {"count": count},
    )
    return redirect("notifications:list")


@login_required
def preferences(request):
    form = PreferencesForm(request.POST or None, preferences=preferences_for(user=request.user))
    if request.method == "POST" and form.is_valid():
        for kind, delivery in form.cleaned_data.items():
            if delivery:  # a kind left out of the form keeps its current choice
                services.preference_set(user=request.user, kind=kind, delivery=delivery)
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})


# A mail client's one-click unsubscribe (RFC 8058) posts without a CSRF token;
# the signed token in the URL is the proof.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        user_id, kind_key = read_unsubscribe_token(token)
        kind = get_kind(kind_key)
        user = get_user_model().objects.get(pk=user_id)
    except (signing.BadSignature, LookupError, get_user_model().DoesNotExist):
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        services.preference_set(user=user, kind=kind.key, delivery=Delivery.OFF)
        return render(request, "notifications/unsubscribed.html", {"kind": kind})
    return render(request, "notifications/unsubscribe.html", {"kind": kind, "email": user.email})
