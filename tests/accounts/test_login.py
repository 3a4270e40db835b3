"""Signing in, signing up, resetting a password and signing out through allauth's pages."""

import re
from html import escape

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import auth
from django.contrib.sites.models import Site
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.mail_queue import email_tasks, run_worker, time_passes

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Fjelltur-i-regnvaer-2024"


def signed_in_user(client):
    """The user the client's session belongs to (AnonymousUser when nobody is signed in)."""
    return auth.get_user(client)


def log_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def link_in(message, path_start):
    match = re.search(r"https?://testserver(" + re.escape(path_start) + r"\S+)", message.body)
    assert match, f"no {path_start} link in: {message.body}"
    return match.group(1)


def sign_up(client, *, email="ny@example.org", password=NEW_PASSWORD, full_name="Nora Nybegynner"):
    return client.post(
        reverse("account_signup"),
        {"full_name": full_name, "email": email, "password1": password, "password2": password},
    )


def test_login_with_email_and_password_lands_on_the_dashboard(client, plain_user, password):
    response = log_in(client, plain_user.email, password)

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard") == "/min-side/"
    assert signed_in_user(client) == plain_user
    assert client.get(reverse("dashboard")).status_code == 200


def test_login_accepts_the_email_address_in_other_letter_case(client, plain_user, password):
    response = log_in(client, plain_user.email.upper(), password)

    assert response["Location"] == reverse("dashboard")
    assert signed_in_user(client) == plain_user


def test_login_with_a_wrong_password_shows_an_error_and_does_not_log_in(client, plain_user):
    response = log_in(client, plain_user.email, "feil-passord-1234")

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors
    assert escape(errors[0]) in response.content.decode()
    assert not signed_in_user(client).is_authenticated
    assert client.get(reverse("dashboard"))["Location"].startswith(reverse("account_login"))


def test_the_dashboard_sends_an_anonymous_visitor_to_the_login_page(client):
    response = client.get(reverse("dashboard"))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/min-side/"


def test_signup_creates_an_unverified_user_and_sends_a_verification_email(client, django_user_model):
    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = django_user_model.objects.get(email="ny@example.org")
    assert user.full_name == "Nora Nybegynner"
    assert user.check_password(NEW_PASSWORD)
    assert not EmailAddress.objects.get(user=user, email="ny@example.org").verified
    assert not signed_in_user(client).is_authenticated
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ny@example.org"]
    assert message.subject.startswith("[KarriereNorge] ")
    assert link_in(message, "/accounts/confirm-email/")


def test_the_verification_email_names_the_site(client):
    """The e-mail templates get the site, so the greeting is not "Hello from !"."""
    sign_up(client)

    site_name = Site.objects.get_current().name
    assert site_name
    assert f"{site_name}!" in mail.outbox[0].body


def test_an_unverified_user_cannot_log_in(client):
    sign_up(client)
    client.logout()

    response = log_in(client, "ny@example.org", NEW_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert not signed_in_user(client).is_authenticated
    assert client.get(reverse("dashboard")).status_code == 302


def test_after_following_the_verification_link_the_user_can_log_in(client, django_user_model):
    sign_up(client)
    confirm_path = link_in(mail.outbox[0], "/accounts/confirm-email/")
    other_browser = Client()  # the link is often opened on another device

    assert other_browser.get(confirm_path).status_code == 200
    other_browser.post(confirm_path)

    user = django_user_model.objects.get(email="ny@example.org")
    assert EmailAddress.objects.get(user=user).verified
    response = log_in(other_browser, "ny@example.org", NEW_PASSWORD)
    assert response["Location"] == reverse("dashboard")
    assert signed_in_user(other_browser) == user


@pytest.mark.parametrize("weak_password", ["12345678", "passord", "kort1"])
def test_signup_refuses_a_weak_password_with_a_message(client, django_user_model, weak_password):
    response = sign_up(client, password=weak_password)

    assert response.status_code == 200
    errors = response.context["form"].errors["password1"]
    assert errors
    content = response.content.decode()
    for error in errors:
        assert escape(error) in content
    assert not django_user_model.objects.filter(email="ny@example.org").exists()
    assert mail.outbox == []


def test_signup_refuses_a_password_like_the_email_address(client, django_user_model):
    response = sign_up(client, email="solveig.haugen@example.org", password="solveig.haugen")

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not django_user_model.objects.filter(email="solveig.haugen@example.org").exists()


def test_signup_refuses_an_email_address_already_in_use(client, plain_user, django_user_model):
    sign_up(client, email=plain_user.email)

    assert django_user_model.objects.filter(email=plain_user.email).count() == 1
    assert not signed_in_user(client).is_authenticated


def test_password_reset_sends_an_email_with_a_link_that_sets_a_new_password(client, plain_user, password):
    response = client.post(reverse("account_reset_password"), {"email": plain_user.email})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [plain_user.email]
    reset_path = link_in(mail.outbox[0], "/accounts/password/reset/key/")

    form_page = client.get(reset_path, follow=True)
    assert form_page.status_code == 200
    set_password_path = form_page.redirect_chain[-1][0] if form_page.redirect_chain else reset_path
    client.post(set_password_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    plain_user.refresh_from_db()
    assert plain_user.check_password(NEW_PASSWORD)
    assert not plain_user.check_password(password)
    assert log_in(client, plain_user.email, NEW_PASSWORD)["Location"] == reverse("dashboard")


def test_the_reset_page_says_sent_while_the_mail_server_is_down_and_the_mail_follows_when_it_is_back(
    client, plain_user, password, mail_server, task_queue
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    mail_server.down()

    response = client.post(reverse("account_reset_password"), {"email": plain_user.email}, follow=True)

    assert response.redirect_chain == [(reverse("account_reset_password_done"), 302)]
    assert "We have sent you an email." in response.content.decode()
    run_worker()
    assert mail.outbox == []
    assert email_tasks() == [(1, "SUCCESSFUL"), (2, "READY")]

    mail_server.back()
    time_passes()
    run_worker()

    assert [m.to for m in mail.outbox] == [[plain_user.email]]
    reset_path = link_in(mail.outbox[0], "/accounts/password/reset/key/")
    form_page = client.get(reset_path, follow=True)
    set_password_path = form_page.redirect_chain[-1][0] if form_page.redirect_chain else reset_path
    client.post(set_password_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    plain_user.refresh_from_db()
    assert plain_user.check_password(NEW_PASSWORD)


def test_password_reset_link_cannot_be_used_after_tampering(client, plain_user, password):
    client.post(reverse("account_reset_password"), {"email": plain_user.email})
    reset_path = link_in(mail.outbox[0], "/accounts/password/reset/key/")
    tampered = reset_path.rstrip("/")[:-3] + "xyz/"

    client.get(tampered, follow=True)
    client.post(tampered, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True)

    plain_user.refresh_from_db()
    assert plain_user.check_password(password)


def test_the_sixth_failed_login_within_five_minutes_is_refused_even_with_the_right_password(
    client, plain_user, password
):
    for _attempt in range(5):
        assert log_in(client, plain_user.email, "feil-passord-1234").status_code == 200

    response = log_in(client, plain_user.email, password)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not signed_in_user(client).is_authenticated


def test_four_failed_logins_do_not_block_the_right_password(client, plain_user, password):
    for _attempt in range(4):
        log_in(client, plain_user.email, "feil-passord-1234")

    response = log_in(client, plain_user.email, password)

    assert response["Location"] == reverse("dashboard")
    assert signed_in_user(client) == plain_user


def test_failed_logins_for_one_account_do_not_block_another_account(client, plain_user, school_counsellor, password):
    for _attempt in range(5):
        log_in(client, plain_user.email, "feil-passord-1234")

    response = log_in(client, school_counsellor.email, password)

    assert response["Location"] == reverse("dashboard")
    assert signed_in_user(client) == school_counsellor


# Behind a proxy: failed logins count against the client, not against the proxy everyone shares.

PROXY = "10.0.0.2"
CLIENT = "198.51.100.7"
OTHER_CLIENT = "203.0.113.9"


def fail_ten_logins(client, **addresses):
    """Ten failed logins from one address, each for another unknown e-mail (so no account's own limit is hit)."""
    for attempt in range(10):
        response = client.post(
            reverse("account_login"), {"login": f"ukjent{attempt}@example.org", "password": "feil-1234"}, **addresses
        )
        assert response.status_code == 200
        assert not signed_in_user(client).is_authenticated


def test_behind_a_proxy_ten_failed_logins_lock_out_that_client_only(behind_proxies, plain_user, password):
    behind_proxies(1)
    fail_ten_logins(Client(), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CLIENT)

    locked = Client()
    refused = locked.post(
        reverse("account_login"),
        {"login": plain_user.email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=CLIENT,
    )
    assert refused.status_code == 200
    assert refused.context["form"].non_field_errors()
    assert not signed_in_user(locked).is_authenticated

    neighbour = Client()
    response = neighbour.post(
        reverse("account_login"),
        {"login": plain_user.email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=OTHER_CLIENT,
    )
    assert response["Location"] == reverse("dashboard")
    assert signed_in_user(neighbour) == plain_user


def test_behind_a_proxy_a_locked_out_client_cannot_escape_by_forging_x_forwarded_for(
    behind_proxies, plain_user, password
):
    behind_proxies(1)
    fail_ten_logins(Client(), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CLIENT)

    forger = Client()
    forger.post(
        reverse("account_login"),
        {"login": plain_user.email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=f"{OTHER_CLIENT}, {CLIENT}",
    )

    assert not signed_in_user(forger).is_authenticated


def test_without_trusted_proxies_x_forwarded_for_does_not_change_whose_failures_count(
    behind_proxies, plain_user, password
):
    behind_proxies(0)
    fail_ten_logins(Client(), REMOTE_ADDR=CLIENT, HTTP_X_FORWARDED_FOR=OTHER_CLIENT)

    forger = Client()
    forger.post(
        reverse("account_login"),
        {"login": plain_user.email, "password": password},
        REMOTE_ADDR=CLIENT,
        HTTP_X_FORWARDED_FOR="192.0.2.66",
    )

    assert not signed_in_user(forger).is_authenticated


def test_logout_by_post_ends_the_session(client, plain_user):
    client.force_login(plain_user)

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert not signed_in_user(client).is_authenticated
    assert client.get(reverse("dashboard")).status_code == 302


def test_opening_the_logout_page_does_not_log_out(client, plain_user):
    """A link or prefetch must not end the session: logging out needs the form's POST."""
    client.force_login(plain_user)

    response = client.get(reverse("account_logout"))

    assert response.status_code == 200
    assert signed_in_user(client) == plain_user
