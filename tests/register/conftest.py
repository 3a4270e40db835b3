"""Fixtures the register page and API tests share."""

import pytest


@pytest.fixture
def me(client, school_counsellor):
    client.force_login(school_counsellor)
    return school_counsellor
