"""Fixtures the register page and API tests share."""

import pytest
from rest_framework.test import APIClient

from register.models import Role
from tests import personas


@pytest.fixture
def me(client, school_counsellor):
    client.force_login(school_counsellor)
    return school_counsellor


@pytest.fixture
def moderator(centre):
    return personas.centre_staff(centre, Role.MODERATOR, email="moderator@example.org")


@pytest.fixture
def api():
    return APIClient()
