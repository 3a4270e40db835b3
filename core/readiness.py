"""What ``/readyz/`` checks: can this process serve requests that need the services it depends on?

Each check is a function that returns when its service works and raises when it does not. ``core``
registers the database, the cache and the task queue; an app whose service ``core`` must not name
registers its own in its ``AppConfig.ready`` (``register`` adds the private files' storage).
"""

import logging
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)

Check = Callable[[], None]

_checks: dict[str, Check] = {}
# The checks that failed at this process's last readiness check.
_failing: set[str] = set()


def register_readiness_check(name: str, check: Check) -> None:
    """Have ``/readyz/`` run ``check`` and report it under ``name``."""
    _checks[name] = check


def run_readiness_checks() -> dict[str, str]:
    """Every registered check's result, ``"ok"`` or ``"error"``, by name.

    The reason for an error goes to the log, never into the result: the answer is public. A load
    balancer asks every few seconds, so a process logs a check's change, not every answer: one warning
    (one line, no traceback) when it starts failing, one line when it passes again.
    """
    results = {}
    for name, check in _checks.items():
        try:
            check()
        except Exception as error:  # any failure of a dependency means "not ready"
            if name not in _failing:
                _failing.add(name)
                logger.warning("Readiness check %s failed: %s: %s", name, type(error).__name__, error)
            results[name] = "error"
        else:
            if name in _failing:
                _failing.discard(name)
                logger.info("Readiness check %s passes again", name)
            results[name] = "ok"
    return results


class CheckFailed(Exception):
    """A service answered, but not with what was asked of it."""


def database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def cache_round_trip() -> None:
    """Write a key no other process uses and read it back.

    A cache that ignores its errors (django-redis, IGNORE_EXCEPTIONS) raises nothing when Redis is down;
    the value just does not come back.
    """
    key = f"readyz:{uuid.uuid4().hex}"
    token = uuid.uuid4().hex
    cache.set(key, token, timeout=30)
    if cache.get(key) != token:
        raise CheckFailed("the value written was not read back")
    cache.delete(key)


def task_queue() -> None:
    """With the database queue, its table answers a cheap query; other backends have nothing to reach."""
    from django_tasks import task_backends
    from django_tasks_db import DatabaseBackend

    for alias in task_backends:
        if isinstance(task_backends[alias], DatabaseBackend):
            from django_tasks_db.models import DBTaskResult

            DBTaskResult.objects.exists()


register_readiness_check("database", database)
register_readiness_check("cache", cache_round_trip)
register_readiness_check("tasks", task_queue)
