"""What the logs may hold: never a password, whatever happens to a login."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

SECRET = "Hemmelig-Passord-Som-Ikke-Skal-Logges-77"


def everything_logged(caplog):
    """Each record's message, its raw arguments and any exception text, as one string."""
    parts = [caplog.text]
    for record in caplog.records:
        parts.extend([record.getMessage(), repr(record.args), repr(getattr(record, "request", ""))])
    return "\n".join(parts)


def test_a_failed_login_does_not_write_the_password_to_the_logs(caplog, client, plain_user):
    caplog.set_level(logging.DEBUG)

    response = client.post(reverse("account_login"), {"login": plain_user.email, "password": SECRET})

    assert response.status_code == 200
    assert SECRET not in everything_logged(caplog)


def test_rate_limited_logins_do_not_write_the_password_to_the_logs(caplog, client, plain_user):
    caplog.set_level(logging.DEBUG)

    for _attempt in range(7):
        client.post(reverse("account_login"), {"login": plain_user.email, "password": SECRET})

    assert SECRET not in everything_logged(caplog)


def test_a_refused_admin_login_post_does_not_write_the_password_to_the_logs(caplog, client, national_admin):
    caplog.set_level(logging.DEBUG)

    client.post("/admin/login/", {"username": national_admin.email, "password": SECRET})

    assert SECRET not in everything_logged(caplog)


def test_a_login_refused_by_the_csrf_check_is_logged_without_the_password(caplog, plain_user):
    caplog.set_level(logging.DEBUG)
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(reverse("account_login"), {"login": plain_user.email, "password": SECRET})

    assert response.status_code == 403
    assert any(record.name == "django.security.csrf" for record in caplog.records)
    assert SECRET not in everything_logged(caplog)
