"""Fixtures the register page and API tests share."""

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def me(client, school_counsellor):
    client.force_login(school_counsellor)
    return school_counsellor


@pytest.fixture
def api():
    return APIClient()
