"""DRF throttling on the whole API: per client address for anonymous requests, per user for signed-in ones.

A refused request answers 429 with the API's error body ``{"detail": ..., "code": "throttled"}`` in the user's
language and says how long to wait in ``Retry-After``. The rates are lowered here; DRF reads them from a class
attribute bound at import (``SimpleRateThrottle.THROTTLE_RATES``), so they are patched there.
"""

import pytest
from django.utils import translation
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from core.api import wait_message
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# A public collection: anyone may read it, so anonymous requests reach the throttles.
PUBLIC = "/api/v1/counties/"
PROXY = "10.0.0.2"
CLIENT = "198.51.100.7"
OTHER_CLIENT = "203.0.113.9"


@pytest.fixture
def rates(monkeypatch):
    """Three anonymous requests a minute per address, five per signed-in user."""
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "5/min"})


def statuses(client, count, **extra):
    return [client.get(PUBLIC, **extra).status_code for _ in range(count)]


def test_anonymous_requests_beyond_the_rate_get_429_with_the_error_body_in_norwegian(rates):
    client = APIClient()
    assert statuses(client, 3) == [200, 200, 200]

    refused = client.get(PUBLIC)

    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    assert 0 < wait <= 60
    with translation.override("nb"):
        norwegian = wait_message(wait)
    with translation.override("en"):
        english = wait_message(wait)
    assert norwegian != english
    assert refused.json() == {"detail": norwegian, "code": "throttled"}


def test_the_refusal_is_in_english_for_english_users(rates):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    statuses(client, 3)

    refused = client.get(PUBLIC)

    assert refused.status_code == 429
    with translation.override("en"):
        assert refused.json() == {"detail": wait_message(int(refused["Retry-After"])), "code": "throttled"}
    assert refused.json()["detail"].startswith("You have sent many requests in a short time. Wait ")


def test_the_wait_is_said_in_seconds_or_whole_minutes():
    with translation.override("en"):
        assert wait_message(1) == "You have sent many requests in a short time. Wait 1 second and try again."
        assert wait_message(59) == "You have sent many requests in a short time. Wait 59 seconds and try again."
        assert wait_message(60) == "You have sent many requests in a short time. Wait 1 minute and try again."
        assert wait_message(61) == "You have sent many requests in a short time. Wait 2 minutes and try again."
        assert wait_message(None) == "You have sent many requests in a short time. Wait a little and try again."


def test_anonymous_requests_are_counted_per_client_address(rates):
    statuses(APIClient(), 3, REMOTE_ADDR=CLIENT)

    assert APIClient().get(PUBLIC, REMOTE_ADDR=CLIENT).status_code == 429
    assert APIClient().get(PUBLIC, REMOTE_ADDR=OTHER_CLIENT).status_code == 200


def test_signed_in_users_are_counted_per_user_wherever_they_come_from(rates):
    user, other_user = UserFactory(), UserFactory()
    client = APIClient()
    client.force_login(user)
    assert statuses(client, 5, REMOTE_ADDR=CLIENT) == [200] * 5

    assert client.get(PUBLIC, REMOTE_ADDR=OTHER_CLIENT).status_code == 429
    other = APIClient()
    other.force_login(other_user)
    assert other.get(PUBLIC, REMOTE_ADDR=CLIENT).status_code == 200


def test_a_client_behind_our_proxy_cannot_escape_by_forging_x_forwarded_for(rates, behind_proxies):
    behind_proxies(1)
    client = APIClient()
    forged = [
        client.get(PUBLIC, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {CLIENT}").status_code
        for n in range(4)
    ]

    assert forged == [200, 200, 200, 429]
    # Another client behind the same proxy is not affected.
    assert client.get(PUBLIC, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OTHER_CLIENT).status_code == 200


def test_without_trusted_proxies_x_forwarded_for_does_not_change_the_address(rates, behind_proxies):
    behind_proxies(0)
    client = APIClient()
    varied = [client.get(PUBLIC, REMOTE_ADDR=CLIENT, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code for n in range(4)]

    assert varied == [200, 200, 200, 429]


def test_by_default_an_address_may_send_120_anonymous_requests_a_minute():
    client = APIClient()

    assert set(statuses(client, 120)) == {200}
    assert client.get(PUBLIC).status_code == 429
