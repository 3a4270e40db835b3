"""Two-factor authentication: staff roles must set it up, and a set-up code is asked for at login."""

import time
from html import escape

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib import auth
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from register import services
from register.models import NationalRoleKind
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STAFF_PATHS = ["/staff/", "/admin/", "/cms/"]
FORCED_PERSONAS = ["centre_admin", "verifier", "hr_officer", "national_admin"]


@pytest.fixture
def staff_mfa_required(settings):
    settings.REQUIRE_STAFF_MFA = True


@pytest.fixture
def national_moderator(db):
    user = UserFactory(email="nasjonal-moderator@example.org")
    services.national_role_grant(user=user, role=NationalRoleKind.MODERATOR, actor=None)
    return user


@pytest.fixture
def django_staff(db):
    return UserFactory(email="stab@example.org", is_staff=True)


def enable_totp(user):
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def a_wrong_code(secret):
    """A code valid in none of the time steps allauth accepts around now."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    window = range(counter - mfa_settings.TOTP_TOLERANCE - 1, counter + mfa_settings.TOTP_TOLERANCE + 2)
    valid = {format_hotp_value(hotp_value(secret, step)) for step in window}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in valid)


def sent_to_mfa_setup(response):
    return response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("path", STAFF_PATHS)
@pytest.mark.parametrize("persona", FORCED_PERSONAS)
def test_a_staff_role_without_totp_is_sent_to_set_up_mfa(staff_mfa_required, client, request, persona, path):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(path)

    assert sent_to_mfa_setup(response)


@pytest.mark.parametrize("persona", ["national_moderator", "django_staff"])
def test_national_moderators_and_django_staff_without_totp_are_sent_to_set_up_mfa(
    staff_mfa_required, client, request, persona
):
    client.force_login(request.getfixturevalue(persona))

    assert sent_to_mfa_setup(client.get("/staff/"))


def test_the_mfa_requirement_says_why_on_the_setup_page(staff_mfa_required, client, centre_admin):
    client.force_login(centre_admin)

    response = client.get("/staff/", follow=True)

    assert response.redirect_chain[0] == (reverse("mfa_activate_totp"), 302)
    with translation.override("nb"):
        why = gettext("Your role requires two-factor authentication. Set it up to continue.")
    assert why in [str(message) for message in response.context["messages"]]
    assert escape(why) in response.content.decode()


def test_account_pages_stay_open_so_mfa_can_be_set_up(staff_mfa_required, client, centre_admin):
    client.force_login(centre_admin)

    assert client.get(reverse("account_email")).status_code == 200
    setup = client.get(reverse("mfa_activate_totp"), follow=True)
    assert setup.status_code == 200
    assert all(not url.startswith(("/staff/", "/admin/", "/cms/")) for url, _status in setup.redirect_chain)


@pytest.mark.parametrize("path", STAFF_PATHS)
def test_a_national_admin_with_totp_gets_through(staff_mfa_required, client, national_admin, path):
    enable_totp(national_admin)
    client.force_login(national_admin)

    response = client.get(path)

    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["centre_admin", "verifier", "hr_officer"])
def test_a_centre_role_with_totp_reaches_the_staff_page(staff_mfa_required, client, request, persona):
    user = request.getfixturevalue(persona)
    enable_totp(user)
    client.force_login(user)

    assert client.get("/staff/").status_code == 200


def test_a_centre_admin_with_totp_still_has_no_django_admin(staff_mfa_required, client, centre_admin):
    """MFA opens only what the role allows: a centre admin is not Django staff."""
    enable_totp(centre_admin)
    client.force_login(centre_admin)

    response = client.get("/admin/", follow=True)

    assert response.status_code == 403


@pytest.mark.parametrize("path", STAFF_PATHS)
def test_a_school_counsellor_is_not_forced_to_set_up_mfa(staff_mfa_required, client, school_counsellor, path):
    client.force_login(school_counsellor)

    response = client.get(path)

    assert not sent_to_mfa_setup(response)
    assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.parametrize("persona", ["organiser", "moderator", "e_guidance_counsellor"])
def test_organisers_moderators_and_e_guidance_counsellors_are_sent_to_set_up_mfa_too(
    staff_mfa_required, client, request, persona
):
    client.force_login(request.getfixturevalue(persona))

    assert sent_to_mfa_setup(client.get("/staff/"))


@pytest.mark.parametrize("path", STAFF_PATHS)
def test_with_the_requirement_off_a_national_admin_without_totp_gets_through(settings, client, national_admin, path):
    settings.REQUIRE_STAFF_MFA = False
    client.force_login(national_admin)

    assert client.get(path).status_code == 200


@pytest.mark.parametrize("persona", ["centre_admin", "verifier", "hr_officer"])
def test_with_the_requirement_off_centre_roles_without_totp_reach_the_staff_page(settings, client, request, persona):
    settings.REQUIRE_STAFF_MFA = False
    client.force_login(request.getfixturevalue(persona))

    assert client.get("/staff/").status_code == 200


def test_a_user_with_totp_must_give_the_code_at_login(client, plain_user, password):
    enable_totp(plain_user)

    response = client.post(reverse("account_login"), {"login": plain_user.email, "password": password})

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert not auth.get_user(client).is_authenticated
    assert client.get(reverse("dashboard")).status_code == 302


def test_the_right_totp_code_completes_the_login(client, plain_user, password):
    secret = enable_totp(plain_user)
    client.post(reverse("account_login"), {"login": plain_user.email, "password": password})

    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert auth.get_user(client) == plain_user


def test_a_wrong_totp_code_does_not_log_in(client, plain_user, password):
    secret = enable_totp(plain_user)
    client.post(reverse("account_login"), {"login": plain_user.email, "password": password})

    response = client.post(reverse("mfa_authenticate"), {"code": a_wrong_code(secret)})

    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert not auth.get_user(client).is_authenticated


def test_a_user_without_totp_logs_in_with_the_password_alone(client, plain_user, password):
    response = client.post(reverse("account_login"), {"login": plain_user.email, "password": password})

    assert response["Location"] == reverse("dashboard")
    assert auth.get_user(client) == plain_user
