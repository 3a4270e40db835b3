"""Degrade, don't fail (issue #13): with the cache down, pages are served and the outage is logged once."""

import logging
import re
import time
import uuid

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib import auth
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from core import ratelimit
from core.logging import CacheOutageFilter
from portal.services import sync_portal_pages
from tests.factories import county

pytestmark = pytest.mark.django_db

PAGES = ["/", "/sporsmal/", "/accounts/login/", "/verify/"]


def outage_warnings(caplog):
    return [record for record in caplog.records if record.name == "core.cache"]


@pytest.fixture
def portal_home(db):
    """The portal's front page at "/"."""
    sync_portal_pages()


def test_the_dead_cache_really_is_unreachable_and_answers_as_a_miss(dead_cache, outage_log):
    cache.set("key", "value")

    assert cache.get("key") is None
    assert cache.get("key", "default") == "default"


@pytest.mark.parametrize("path", PAGES)
def test_pages_answer_200_with_the_cache_down(client, portal_home, dead_cache, outage_log, path):
    response = client.get(path)

    assert response.status_code == 200


def test_forms_behind_rate_limits_still_work_with_the_cache_down(
    client, portal_home, plain_user, dead_cache, outage_log
):
    """The login (allauth's limits), /verify/ and asking a question (ours) fail open: the request is served."""
    login = client.post(reverse("account_login"), {"login": plain_user.email, "password": "wrong"})
    verify = client.post(reverse("verify"), {"code": "ABCD-EFGH-JKMN-PQRS"})
    ask = client.post(
        reverse("guidance:ask"),
        {
            "text": "Jeg er 45 år og vil bytte fra butikk til helse. Hvilken utdanning bør jeg velge?",
            "topic": "changing_jobs",
            "county": county("46").number,
            "age_group": "45_59",
            "consent": "on",
            "website": "",
        },
    )

    assert login.status_code == 200  # the form again, with its error
    assert verify.status_code == 200
    assert ask.status_code == 302  # to the receipt


def test_a_redis_that_hangs_slows_pages_by_its_socket_timeouts_but_does_not_hang_them(
    client, portal_home, hanging_cache, outage_log
):
    """Each cache call gives up after 0.5 s: /verify/ makes six (about 3 s); without the timeouts, 30 s."""
    start = time.monotonic()
    page = client.get("/verify/")
    page_seconds = time.monotonic() - start
    start = time.monotonic()
    ready = client.get("/readyz/")
    ready_seconds = time.monotonic() - start

    assert page.status_code == 200
    assert page_seconds < 10
    assert ready.status_code == 503
    assert ready.json()["checks"]["cache"] == "error"
    assert ready_seconds < 3


def test_our_rate_limit_lets_every_request_through_while_the_cache_is_down(dead_cache, outage_log, caplog):
    request = RequestFactory().get("/verify/", REMOTE_ADDR="192.0.2.1")

    allowed = [ratelimit.hit(request, scope="test", limit=3, period=60) for _ in range(10)]

    assert allowed == [True] * 10
    assert len(outage_warnings(caplog)) == 1  # the outage, rate limits named, is logged


@pytest.mark.parametrize("live_cache", ["the tests' local-memory cache", "local_redis_cache"])
def test_with_the_cache_up_the_same_rate_limit_refuses_past_its_limit(request, live_cache):
    if live_cache == "local_redis_cache":
        request.getfixturevalue(live_cache)
    scope = f"test-{uuid.uuid4().hex}"  # a rerun within the period starts from nothing on the real Redis
    visitor = RequestFactory().get("/verify/", REMOTE_ADDR="192.0.2.1")

    allowed = [ratelimit.hit(visitor, scope=scope, limit=3, period=60) for _ in range(5)]

    assert allowed == [True, True, True, False, False]
    cache.delete(f"ratelimit:{scope}:192.0.2.1")


def test_the_outage_is_logged_once_as_a_warning_not_once_per_request(
    client, portal_home, dead_cache, outage_log, caplog
):
    caplog.set_level(logging.INFO)

    for path in PAGES * 2:
        assert client.get(path).status_code == 200

    warnings = outage_warnings(caplog)
    assert len(warnings) == 1
    warning = warnings[0]
    assert warning.levelno == logging.WARNING
    message = warning.getMessage()
    assert message.startswith("The cache is unavailable (ConnectionError: ")
    assert "rate limits are not enforced" in message
    assert warning.exc_info is None  # one line, no traceback


def test_logging_configured_twice_still_gives_one_warning_in_one_piece(
    client, portal_home, dead_cache, outage_log, caplog
):
    """``runserver`` runs ``django.setup()`` twice, and dictConfig adds the filter a second time."""
    second = CacheOutageFilter(interval=300)
    logging.getLogger("core.cache").addFilter(second)
    try:
        client.get("/")
        client.get("/")
    finally:
        logging.getLogger("core.cache").removeFilter(second)

    warnings = outage_warnings(caplog)
    assert len(warnings) == 1
    assert warnings[0].getMessage().count("The cache is unavailable") == 1


def test_after_the_interval_the_outage_is_logged_again_with_the_count_of_those_dropped(
    client, portal_home, dead_cache, outage_log, caplog
):
    client.get("/")
    client.get("/")
    outage_log._quiet_until = float("-inf")  # five minutes later

    client.get("/")

    warnings = outage_warnings(caplog)
    assert len(warnings) == 2
    dropped = re.search(r"\((\d+) dropped since the last warning\)", warnings[1].getMessage())
    assert dropped
    assert int(dropped.group(1)) > 0


def test_sessions_are_kept_in_the_database_so_a_cache_outage_logs_nobody_out(
    client, plain_user, dead_cache, outage_log
):
    client.force_login(plain_user)

    response = client.get(reverse("dashboard"))

    assert response.status_code == 200
    assert response.wsgi_request.user == plain_user


def test_a_password_and_totp_login_goes_through_with_the_cache_down(
    client, plain_user, password, dead_cache, outage_log
):
    """allauth takes a cache lock for its rate limits and marks a used TOTP code with ``cache.add``: both
    answer "done" while Redis is down (``core.cache.RedisCache.add``), so logging in works. The price: for
    as long as the outage lasts, a used code is not remembered, so it could be used again within its window.
    """
    secret = generate_totp_secret()
    TOTP.activate(plain_user, secret)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))

    first = client.post(reverse("account_login"), {"login": plain_user.email, "password": password})
    second = client.post(reverse("mfa_authenticate"), {"code": code})

    assert first["Location"] == reverse("mfa_authenticate")
    assert second["Location"] == reverse("dashboard")
    assert auth.get_user(client) == plain_user
