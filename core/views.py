from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from core.readiness import run_readiness_checks


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
