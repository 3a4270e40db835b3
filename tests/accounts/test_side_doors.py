"""The Django admin and Wagtail have no login forms of their own: every login goes through allauth."""

import pytest
from django.contrib import auth
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.mark.parametrize(
    ("door", "expected"),
    [
        ("/admin/login/", f"{LOGIN}?next=%2Fadmin%2Flogin%2F"),
        ("/admin/login/?next=/admin/", f"{LOGIN}?next=%2Fadmin%2F"),
        ("/cms/login/", LOGIN),
        ("/cms/login/?next=/cms/", f"{LOGIN}?next=/cms/"),
    ],
)
def test_the_admin_and_cms_login_pages_redirect_to_the_allauth_login(client, door, expected):
    response = client.get(door)

    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(("path", "login_page"), [("/admin/", "/admin/login/"), ("/cms/", "/cms/login/")])
def test_an_anonymous_visitor_opening_admin_or_cms_ends_on_the_allauth_login(client, path, login_page):
    response = client.get(path, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[0][0].startswith(login_page)
    assert response.request["PATH_INFO"] == LOGIN
    assert "login" in response.context["form"].fields


def test_posting_credentials_to_the_admin_login_does_not_log_in(client, national_admin, password):
    response = client.post("/admin/login/", {"username": national_admin.email, "password": password})

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not auth.get_user(client).is_authenticated
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_posting_credentials_to_the_cms_login_does_not_log_in(client, national_admin, password):
    response = client.post("/cms/login/", {"username": national_admin.email, "password": password})

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not auth.get_user(client).is_authenticated


def test_logging_in_through_allauth_returns_to_the_admin(client, national_admin, password):
    response = client.post(f"{LOGIN}?next=/admin/", {"login": national_admin.email, "password": password})

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


# A centre admin is no Django staff member, but edits their county's portal pages in /cms/
# (tests/portal/test_cms_permissions.py).
@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("plain_user", "/admin/"),
        ("school_counsellor", "/admin/"),
        ("centre_admin", "/admin/"),
        ("plain_user", "/cms/"),
        ("school_counsellor", "/cms/"),
    ],
)
def test_a_user_who_is_not_staff_gets_no_access_to_admin_or_cms(client, request, persona, path):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(path, follow=True)

    assert response.status_code == 403


@pytest.mark.parametrize("path", ["/admin/login/", "/cms/login/"])
def test_a_signed_in_user_without_access_gets_403_from_the_login_door_not_a_loop(client, plain_user, path):
    client.force_login(plain_user)

    response = client.get(path)

    assert response.status_code == 403


@pytest.mark.parametrize("path", ["/admin/", "/cms/", "/admin/accounts/user/"])
def test_the_national_admin_has_access_to_admin_and_cms(client, national_admin, path):
    client.force_login(national_admin)

    response = client.get(path)

    assert response.status_code == 200


def test_a_signed_in_national_admin_at_the_cms_login_door_goes_to_the_cms(client, national_admin):
    client.force_login(national_admin)

    response = client.get("/cms/login/")

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
