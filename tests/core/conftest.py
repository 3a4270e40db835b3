"""Caches for the outage tests: a Redis that is not there, and the real local one.

Both are set with ``override_settings`` inside the fixture, not with pytest-django's ``settings``: the
override must end before the root conftest's ``_clear_cache`` clears "the" cache at teardown, or that
would flush a database of the real Redis.
"""

import contextlib
import logging
import os
import socket
import threading
import time

import pytest
import redis
from django.test import override_settings

from config.settings import redis_cache
from core.logging import CacheOutageFilter

# Nothing listens on port 1: every connection is refused at once.
DEAD_REDIS = "redis://127.0.0.1:1/0"
# The machine's Redis, in a database number of its own; the tests leave no key behind.
LOCAL_REDIS = "redis://127.0.0.1:6379/13"


@pytest.fixture
def dead_cache():
    """The production cache settings, pointed at a Redis that is not there."""
    with override_settings(CACHES={"default": redis_cache(DEAD_REDIS)}):
        yield


@pytest.fixture
def hanging_cache():
    """The production cache settings, pointed at a "Redis" that accepts connections and never answers.

    It closes each connection after 5 s, so a cache without its socket timeouts makes a test slow and
    failing, not hung.
    """
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.1)
    stop = threading.Event()

    def hold_connections():
        held = []
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):  # no one knocked within 0.1 s
                held.append((time.monotonic(), server.accept()[0]))
            for accepted_at, connection in list(held):
                if time.monotonic() - accepted_at > 5:
                    connection.close()
                    held.remove((accepted_at, connection))
        for _, connection in held:
            connection.close()
        server.close()

    thread = threading.Thread(target=hold_connections, daemon=True)
    thread.start()
    url = f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    with override_settings(CACHES={"default": redis_cache(url)}):
        yield
    stop.set()
    thread.join()


@pytest.fixture
def local_redis_cache():
    """The production cache settings on the local Redis (skipped without one; in CI its absence fails)."""
    try:
        redis.Redis.from_url(LOCAL_REDIS, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        message = "No Redis at 127.0.0.1:6379: the test against a live cache"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} must run in CI.", pytrace=False)
        pytest.skip(f"{message} is skipped.")
    with override_settings(CACHES={"default": {**redis_cache(LOCAL_REDIS), "KEY_PREFIX": "karrierenorge-tests"}}):
        yield


@pytest.fixture
def outage_log():
    """The once-per-interval filter on the cache's logger, reset so the next failure is logged."""
    filters = [f for f in logging.getLogger("core.cache").filters if isinstance(f, CacheOutageFilter)]
    assert filters, "LOGGING puts a CacheOutageFilter on DJANGO_REDIS_LOGGER"
    for outage_filter in filters:
        outage_filter.reset()
    yield filters[0]
    for outage_filter in filters:
        outage_filter.reset()
