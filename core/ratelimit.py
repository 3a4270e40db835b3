"""A small fixed-window rate limit on the shared cache, for public endpoints outside allauth."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    # Behind our load balancer the first X-Forwarded-For hop is the client; elsewhere it is forgeable.
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")


def hit(request: HttpRequest, *, scope: str, limit: int, period: int) -> bool:
    """Count one request from this IP; return False once ``limit`` is exceeded within ``period`` seconds."""
    key = f"ratelimit:{scope}:{client_ip(request)}"
    if cache.add(key, 1, timeout=period):
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=period)
        return True
    return count <= limit
