"""A small fixed-window rate limit on the shared cache, for public endpoints outside allauth.

When the cache does not answer, the limit fails open: the request is allowed. Refusing everyone
because Redis is down would turn a cache outage into an outage of /verify/ and of asking a question;
the cost is that an abuser is not slowed down while it lasts. The outage itself is logged by the cache
backend (``core.logging.CacheOutageFilter``: "rate limits are not enforced"), once per interval.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ipware import get_client_ip


def client_ip(request: HttpRequest) -> str:
    """The client's address, as the outermost of the ``TRUSTED_PROXY_COUNT`` proxies in front of us saw it.

    Each proxy appends the address it was reached from to X-Forwarded-For, so the client is the
    ``TRUSTED_PROXY_COUNT``-th entry from the right; anything left of it came from the client and may be forged.
    Without trusted proxies the header is ignored. A request with fewer entries than proxies did not pass
    through them all, and is known by ``REMOTE_ADDR``. allauth (``ALLAUTH_TRUSTED_PROXY_COUNT``) and DRF's
    throttles (``NUM_PROXIES``) count the same way.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        # ipware's proxy_count is the proxies listed in the header: the nearest one is REMOTE_ADDR, not listed.
        # strict=False: extra entries in front (the client's own) are expected, not a reason to give up.
        address, _routable = get_client_ip(
            request, proxy_count=proxies - 1, request_header_order=["HTTP_X_FORWARDED_FOR"], strict=False
        )
        if address:
            return address
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
