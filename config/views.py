from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """Liveness and database check for load balancers: one trivial query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error"}, status=503)
    return JsonResponse({"status": "ok"})


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
