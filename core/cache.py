"""The Redis cache backend: django-redis, with ``add`` failing open like every other call.

With IGNORE_EXCEPTIONS, django-redis answers a call Redis did not answer as a miss: ``get`` gives the
default, ``set`` and ``delete`` do nothing, ``add`` and ``incr`` give None. allauth's rate limits take a
lock with ``while not cache.add(lock)``: a None there means "someone else holds it", so with Redis down
every login, sign-up and password reset waited a second and was refused with 429. Here ``add`` reports
success instead: when no process can store anything there is nothing to wait for, and the request goes
on (its rate limit then counts nothing: it fails open, as ``core.ratelimit`` does).

allauth also marks a used TOTP code with ``cache.add`` and accepts the code only if that succeeds. So
the choice is between refusing every two-factor login while Redis is down and, as here, accepting the
right code without remembering it: for as long as the outage lasts, a code seen by someone who also has
the password could be used again while it is valid (30 seconds with allauth's default tolerance).

Its logger, DJANGO_REDIS_LOGGER, is named after this module (``core.cache``).
"""

from typing import Any

from django_redis.cache import RedisCache as DjangoRedisCache


class RedisCache(DjangoRedisCache):
    def add(self, *args: Any, **kwargs: Any) -> bool:
        added = super().add(*args, **kwargs)
        # None only when IGNORE_EXCEPTIONS swallowed an error: Redis did not answer.
        return True if added is None else bool(added)
