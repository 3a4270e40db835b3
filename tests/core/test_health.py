"""/healthz/ is liveness: the process answers, whatever its dependencies do."""

from unittest import mock

import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_healthz_reports_ok_when_the_process_answers(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_asks_nothing_of_the_database_so_an_outage_restarts_no_healthy_process(client):
    """Not /readyz/: a database outage is no reason to restart the processes; it is a reason to stop routing."""
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
