"""A small fixed-window rate limit on the shared cache, for public endpoints outside allauth.

When the cache does not answer, the limit fails open: the request is allowed. Refusing everyone
because Redis is down would turn a cache outage into an outage of /verify/ and of asking a question;
the cost is that an abuser is not slowed down while it lasts. The outage itself is logged by the cache
backend (``core.logging.CacheOutageFilter``: "rate limits are not enforced"), once per interval.
"""

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
    """Count one request from this IP; return False once ``limit`` is exceeded within ``period`` seconds.

    True, whatever the count, while the cache does not answer (see the module's docstring).
    """
    key = f"ratelimit:{scope}:{client_ip(request)}"
    # With Redis down, ``core.cache.RedisCache.add`` reports True (plain django-redis: None): allowed.
    if cache.add(key, 1, timeout=period) is not False:
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=period)
        return True
    if count is None:  # Redis went away between the two calls
        return True
    return count <= limit
