import posixpath
import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.db import DatabaseError, DataError, IntegrityError, ProgrammingError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.http.response import HttpResponseBase
from django.template import loader
from django.utils._os import safe_join
from django.utils.translation import gettext_lazy as _
from django.views import defaults, static
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_safe
from django_guid import get_guid
from rest_framework.exceptions import NotFound

from core.readiness import run_readiness_checks
from core.sentry import reporting_errors

# Seconds a client is asked to wait when the database does not answer (a restart or a fail-over).
DATABASE_RETRY_AFTER = 30


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponseBase:
    """The 404 page, except under /api/: an address there that matches no route (a path parameter of the wrong
    form) gets the API's documented error body, ``{"detail": ...}`` in JSON, not an HTML page."""
    if request.path.startswith("/api/"):
        return api_not_found(request)
    return defaults.page_not_found(request, exception)


@csrf_exempt
def api_not_found(request: HttpRequest, *args: object, **kwargs: object) -> JsonResponse:
    """The API's 404 for any method, for addresses under /api/ that no API route matches.

    Mounted last under /api/ so that such an address never falls through to the CMS's page pattern (whose CSRF
    check would refuse a POST with an HTML 403). Exempt from CSRF: it changes nothing.
    """
    return JsonResponse({"detail": str(NotFound.default_detail), "code": NotFound.default_code}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page: it says the error was reported only when it was (Sentry is on), and gives the request id
    to quote, which is on the log lines of the request and on the error report. No request context: the
    error may have been in the context processors or the middleware.

    When the error is the database not answering (it restarts, fails over, or has no connection to spare),
    the answer is a 503 with Retry-After instead: trying again shortly will work. The
    API gets the same as JSON. Django calls this view while handling the exception, so it is at hand.
    """
    error = sys.exc_info()[1]
    context = {"reported": reporting_errors(), "request_id": get_guid()}
    if isinstance(error, DatabaseError) and not isinstance(error, ProgrammingError | IntegrityError | DataError):
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse({"detail": str(UNAVAILABLE), "code": "unavailable"}, status=503)
        else:
            response = HttpResponse(loader.get_template("503.html").render(context), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render(context))


UNAVAILABLE = _(
    "The service is briefly unavailable. Try again in half a minute; "
    "if you sent a form, check afterwards whether it was saved."
)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process is up and answers. For restarting a process that hangs, not for routing traffic.

    It asks nothing of the database, the cache or storage: when one of those is down, restarting every
    healthy process cures nothing. Whether to send traffic here is ``readyz``'s question.
    """
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: 200 when every service this process needs answers, else 503 naming those that do not.

    For the load balancer. No login (it is not under a staff prefix, so the staff MFA middleware leaves it
    alone; production exempts it from the HTTPS redirect). The body names checks, never reasons: those
    go to the log.
    """
    checks = run_readiness_checks()
    ready = all(result == "ok" for result in checks.values())
    return JsonResponse({"status": "ok" if ready else "error", "checks": checks}, status=200 if ready else 503)


# The folders of MEDIA_ROOT that may be read by URL: Wagtail's images and their renditions. Wagtail's
# documents are under MEDIA_ROOT too but are served by Wagtail's own view (/documents/), which checks the
# collection's privacy and sends them as downloads: an editor's HTML or SVG file is never opened here as
# a page of this site.
PUBLIC_MEDIA_FOLDERS = ("original_images", "images")


@require_safe
def public_media(request: HttpRequest, path: str) -> HttpResponseBase:
    """A public upload on local disk (no S3_BUCKET), in every environment, production included.

    Uploads are not static files, so WhiteNoise (which lists its files when the process starts) cannot
    serve them; this is Django's file view (conditional GET, no directory listing, no path outside
    ``document_root``) limited to PUBLIC_MEDIA_FOLDERS. A web server in front may serve the same folders
    of MEDIA_ROOT itself. PRIVATE_MEDIA_ROOT is never inside MEDIA_ROOT (the settings refuse it), and a
    link that leads there is refused as well.
    """
    folder, _, rest = posixpath.normpath(path).partition("/")
    if folder not in PUBLIC_MEDIA_FOLDERS or not rest:
        raise Http404
    try:
        found = Path(safe_join(settings.MEDIA_ROOT, path)).resolve()
    except SuspiciousFileOperation:  # a path leading out of MEDIA_ROOT
        raise Http404 from None
    if found.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve()):
        raise Http404
    return static.serve(request, path, document_root=str(settings.MEDIA_ROOT))
