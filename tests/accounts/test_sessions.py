"""Sessions end after a spell of inactivity, and a user can see and end their other sessions."""

from datetime import timedelta

import pytest
from django.contrib import auth
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.middleware import RENEWED_KEY

pytestmark = pytest.mark.django_db

OFFICE = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0 kontor-pc"
PHONE = "Mozilla/5.0 (iPhone) Safari/605.1 mobil"


def logged_in_browser(user, password, user_agent):
    browser = Client(HTTP_USER_AGENT=user_agent)
    response = browser.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response["Location"] == reverse("dashboard")
    return browser


def stored_session(client):
    return Session.objects.get(session_key=client.session.session_key)


def test_a_remembered_login_keeps_its_cookie_for_the_idle_timeout(client, settings, plain_user, password):
    response = client.post(
        reverse("account_login"), {"login": plain_user.email, "password": password, "remember": "on"}
    )

    assert response["Location"] == reverse("dashboard")
    assert int(response.cookies[settings.SESSION_COOKIE_NAME]["max-age"]) == settings.SESSION_COOKIE_AGE


def test_a_login_not_remembered_ends_with_the_browser_or_the_idle_timeout(client, settings, plain_user, password):
    response = client.post(reverse("account_login"), {"login": plain_user.email, "password": password})

    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == ""
    remaining = stored_session(client).expire_date - timezone.now()
    assert (
        timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
        < remaining
        <= timedelta(seconds=settings.SESSION_COOKIE_AGE)
    )


def test_a_request_renews_the_session_cookie(client, settings, plain_user):
    client.force_login(plain_user)

    response = client.get(reverse("dashboard"))

    assert response.status_code == 200
    assert int(response.cookies[settings.SESSION_COOKIE_NAME]["max-age"]) == settings.SESSION_COOKIE_AGE


def session_writes(client, path):
    """The requests' writes to the session table, and the response."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return [q["sql"] for q in queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")], response


def test_requests_within_the_renewal_interval_do_not_write_the_session(client, settings, plain_user):
    client.force_login(plain_user)
    client.get(reverse("dashboard"))
    end = stored_session(client).expire_date

    writes, response = session_writes(client, reverse("dashboard"))

    assert response.status_code == 200
    assert writes == []
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert stored_session(client).expire_date == end


def test_activity_after_the_renewal_interval_renews_the_session(client, settings, plain_user):
    client.force_login(plain_user)
    client.get(reverse("dashboard"))
    session = client.session
    session[RENEWED_KEY] -= settings.SESSION_RENEW_INTERVAL
    session.save()
    Session.objects.filter(session_key=session.session_key).update(expire_date=timezone.now() + timedelta(minutes=5))

    writes, response = session_writes(client, reverse("dashboard"))

    assert len(writes) == 1
    assert int(response.cookies[settings.SESSION_COOKIE_NAME]["max-age"]) == settings.SESSION_COOKIE_AGE
    remaining = stored_session(client).expire_date - timezone.now()
    assert remaining > timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_a_visitors_request_makes_no_session(client, settings):
    writes, response = session_writes(client, "/")

    assert response.status_code == 200
    assert writes == []
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()


def test_activity_pushes_the_session_end_forward(client, settings, plain_user):
    client.force_login(plain_user)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + timedelta(minutes=1)
    )

    assert client.get(reverse("dashboard")).status_code == 200

    remaining = stored_session(client).expire_date - timezone.now()
    assert remaining > timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_a_session_idle_past_the_timeout_is_logged_out(client, plain_user):
    client.force_login(plain_user)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    response = client.get(reverse("dashboard"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_sessions_page_lists_the_users_sessions_only(plain_user, school_counsellor, password):
    office = logged_in_browser(plain_user, password, OFFICE)
    logged_in_browser(plain_user, password, PHONE)
    logged_in_browser(school_counsellor, password, "Someone else's browser")

    response = office.get(reverse("usersessions_list"))

    assert response.status_code == 200
    assert response.context["session_count"] == 2
    content = response.content.decode()
    assert OFFICE in content
    assert PHONE in content
    assert "Someone else" not in content


def test_the_sessions_page_needs_a_login(client):
    response = client.get(reverse("usersessions_list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_ending_the_other_sessions_logs_out_the_other_browser_but_not_this_one(plain_user, school_counsellor, password):
    office = logged_in_browser(plain_user, password, OFFICE)
    phone = logged_in_browser(plain_user, password, PHONE)
    someone_else = logged_in_browser(school_counsellor, password, OFFICE)

    response = office.post(reverse("usersessions_list"))

    assert response.status_code == 302
    assert response["Location"] == reverse("usersessions_list")
    assert not auth.get_user(phone).is_authenticated
    assert phone.get(reverse("dashboard")).status_code == 302
    assert auth.get_user(office) == plain_user
    assert office.get(reverse("dashboard")).status_code == 200
    assert office.get(reverse("usersessions_list")).context["session_count"] == 1
    assert auth.get_user(someone_else) == school_counsellor


def test_with_one_session_the_sessions_page_offers_to_sign_out(plain_user, password):
    office = logged_in_browser(plain_user, password, OFFICE)

    response = office.get(reverse("usersessions_list"))

    assert response.context["session_count"] == 1
    assert f'action="{reverse("account_logout")}"' in response.content.decode()
