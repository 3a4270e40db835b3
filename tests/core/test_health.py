from unittest import mock

import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_healthz_reports_ok_when_the_database_answers(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_healthz_reports_503_when_the_database_is_unreachable(client):
    with mock.patch("core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json() == {"status": "error"}
