"""Whose address a request is counted against: TRUSTED_PROXY_COUNT decides, for our rate limits, allauth and DRF.

Each proxy in front of us appends the address it was reached from to X-Forwarded-For; the last one is
REMOTE_ADDR. So behind N proxies the client is the N-th entry from the right, and whatever stands left of it
came from the client itself.
"""

import pytest
from allauth.account.adapter import get_adapter
from django.test import RequestFactory
from rest_framework.throttling import AnonRateThrottle

from core.ratelimit import client_ip, hit

PROXY = "10.0.0.2"
OUTER_PROXY = "10.0.0.1"
CLIENT = "198.51.100.7"
OTHER_CLIENT = "203.0.113.9"
FORGED = "192.0.2.66"


def request_from(remote_addr, forwarded_for=None):
    headers = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers)


def test_without_trusted_proxies_x_forwarded_for_is_ignored(behind_proxies):
    behind_proxies(0)

    assert client_ip(request_from(CLIENT, OTHER_CLIENT)) == CLIENT


def test_behind_one_proxy_the_client_is_the_address_the_proxy_appended(behind_proxies):
    behind_proxies(1)

    assert client_ip(request_from(PROXY, CLIENT)) == CLIENT


@pytest.mark.parametrize(
    "sent_by_the_client",
    [FORGED, f"{FORGED}, {OTHER_CLIENT}", "unknown", f"{OTHER_CLIENT}, not-an-address", "2001:db8::66"],
    ids=["one", "two", "garbage", "mixed", "ipv6"],
)
def test_entries_the_client_puts_in_front_are_ignored(behind_proxies, sent_by_the_client):
    behind_proxies(1)

    assert client_ip(request_from(PROXY, f"{sent_by_the_client}, {CLIENT}")) == CLIENT


def test_behind_two_proxies_the_client_is_the_second_entry_from_the_right(behind_proxies):
    behind_proxies(2)

    assert client_ip(request_from(PROXY, f"{FORGED}, {CLIENT}, {OUTER_PROXY}")) == CLIENT


def test_an_ipv6_client_behind_a_proxy_is_known_by_its_ipv6_address(behind_proxies):
    behind_proxies(1)

    assert client_ip(request_from(PROXY, f"{FORGED}, 2001:db8::7")) == "2001:db8::7"


@pytest.mark.parametrize(
    ("proxies", "forwarded_for"),
    [(1, None), (2, CLIENT)],
    ids=["no-header", "fewer-entries-than-proxies"],
)
def test_a_request_that_did_not_pass_every_proxy_is_known_by_its_own_address(behind_proxies, proxies, forwarded_for):
    behind_proxies(proxies)

    assert client_ip(request_from(CLIENT, forwarded_for)) == CLIENT


@pytest.mark.parametrize(
    ("proxies", "forwarded_for"),
    [
        (0, None),
        (0, f"{FORGED}, {OTHER_CLIENT}"),
        (1, CLIENT),
        (1, f"{FORGED}, {CLIENT}"),
        (1, f"{FORGED}, {OTHER_CLIENT}, {CLIENT}"),
        (2, f"{CLIENT}, {OUTER_PROXY}"),
        (2, f"{FORGED}, {CLIENT}, {OUTER_PROXY}"),
    ],
)
def test_our_rate_limits_allauth_and_drf_see_the_same_client(behind_proxies, proxies, forwarded_for):
    behind_proxies(proxies)
    request = request_from(PROXY, forwarded_for)

    ours = client_ip(request)

    assert get_adapter(request).get_client_ip(request) == ours
    assert AnonRateThrottle().get_ident(request) == ours


def test_forged_entries_do_not_buy_a_client_more_requests(behind_proxies):
    behind_proxies(1)
    allowed = [
        hit(request_from(PROXY, f"192.0.2.{attempt}, {CLIENT}"), scope="test", limit=2, period=60)
        for attempt in range(3)
    ]

    assert allowed == [True, True, False]
    assert hit(request_from(PROXY, f"192.0.2.99, {OTHER_CLIENT}"), scope="test", limit=2, period=60)


def test_without_trusted_proxies_a_changed_header_does_not_buy_more_requests(behind_proxies):
    behind_proxies(0)
    allowed = [
        hit(request_from(CLIENT, f"192.0.2.{attempt}"), scope="test", limit=2, period=60) for attempt in range(3)
    ]

    assert allowed == [True, True, False]
