"""/readyz/ tells the load balancer whether this process can serve: database, cache, storage, task queue."""

import logging
import time
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.urls import resolve
from django_tasks_db.models import DBTaskResult

from config.settings import s3_storages
from core.logging import QuietReadinessProbesFilter
from tests.conftest import S3_KEYS, S3_REGION
from tests.core.conftest import LOCAL_REDIS

pytestmark = pytest.mark.django_db

URL = "/readyz/"
ALL_OK = {"database": "ok", "cache": "ok", "storage": "ok", "tasks": "ok"}
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def failing(response):
    return sorted(name for name, result in response.json()["checks"].items() if result != "ok")


def test_ready_when_everything_answers(client):
    response = client.get(URL)

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": ALL_OK}
    assert "no-cache" in response["Cache-Control"]


def test_ready_on_the_real_redis_with_the_production_cache_settings(client, local_redis_cache):
    import redis

    response = client.get(URL)

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": ALL_OK}
    assert redis.Redis.from_url(LOCAL_REDIS).keys("karrierenorge-tests:*") == []  # its key was deleted


def test_not_ready_with_the_cache_down_and_the_cache_named(client, dead_cache, outage_log):
    response = client.get(URL)

    assert response.status_code == 503
    assert response.json() == {"status": "error", "checks": {**ALL_OK, "cache": "error"}}


def test_not_ready_when_the_database_fails_and_the_database_named(client):
    with mock.patch("core.readiness.connection.cursor", side_effect=OperationalError("could not connect to server")):
        response = client.get(URL)

    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert failing(response) == ["database"]


def test_not_ready_when_the_private_files_cannot_be_written(client, settings, tmp_path):
    """A folder that cannot be created (its parent is a file) stands for a missing or read-only volume."""
    (tmp_path / "not-a-folder").write_text("")
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "not-a-folder" / "private"

    response = client.get(URL)

    assert response.status_code == 503
    assert failing(response) == ["storage"]


def test_the_storage_check_leaves_no_file_behind(client, settings):
    client.get(URL)

    assert list(settings.PRIVATE_MEDIA_ROOT.iterdir()) == []


def test_ready_with_evidence_in_object_storage_and_the_check_leaves_no_object_behind(client, object_storage):
    response = client.get(URL)

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": ALL_OK}
    assert object_storage.keys() == []


def test_not_ready_when_the_object_storage_does_not_answer_and_storage_named(client, settings, object_storage):
    """Nothing listens on port 1: the S3 endpoint is down. The short timeouts and few retries of the
    production settings answer in seconds."""
    settings.STORAGES = {
        **settings.STORAGES,
        **s3_storages(
            bucket=object_storage.name,
            public_url=object_storage.public_url,
            endpoint_url="http://127.0.0.1:1",
            region=S3_REGION,
            **S3_KEYS,
        ),
    }

    started = time.monotonic()
    response = client.get(URL)

    assert response.status_code == 503
    assert response.json() == {"status": "error", "checks": {**ALL_OK, "storage": "error"}}
    assert time.monotonic() - started < 10


def test_with_the_database_queue_its_table_is_checked(client, settings):
    settings.TASKS = DB_TASKS

    assert client.get(URL).json()["checks"]["tasks"] == "ok"
    with mock.patch.object(DBTaskResult.objects, "exists", side_effect=OperationalError("no such table")):
        response = client.get(URL)

    assert response.status_code == 503
    assert failing(response) == ["tasks"]


def test_the_body_names_the_failure_but_never_its_reason_which_goes_to_the_log(client, caplog):
    caplog.set_level(logging.WARNING)
    secret = "password authentication failed for user karrierenorge at db.internal"
    assert client.get(URL).status_code == 200  # ready before: the failure is news, and logged

    with mock.patch("core.readiness.connection.cursor", side_effect=OperationalError(secret)):
        response = client.get(URL)

    assert secret not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert any(secret in record.getMessage() and record.exc_info is None for record in caplog.records)


def test_a_lasting_failure_is_logged_when_it_starts_and_when_it_ends_not_at_every_probe(client, caplog):
    assert client.get(URL).status_code == 200
    caplog.clear()

    with mock.patch("core.readiness.connection.cursor", side_effect=OperationalError("down")):
        for _probe in range(5):
            assert client.get(URL).status_code == 503
    assert client.get(URL).status_code == 200

    assert [(record.name, record.getMessage()) for record in caplog.records] == [
        ("core.readiness", "Readiness check database failed: OperationalError: down"),
        ("core.readiness", "Readiness check database passes again"),
    ]  # and not Django's "Service Unavailable: /readyz/" for each probe


def test_a_load_balancer_needs_no_login_or_mfa_and_may_ask_with_head(settings, national_admin):
    settings.REQUIRE_STAFF_MFA = True
    anonymous, staff = Client(), Client()
    staff.force_login(national_admin)  # a staff role without MFA set up

    assert anonymous.get(URL).status_code == 200
    assert staff.get(URL).status_code == 200
    assert anonymous.head(URL).status_code == 200
    assert anonymous.post(URL).status_code == 405


def test_other_pages_server_errors_are_still_logged_by_django():
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 0, "Service Unavailable: %s", ("/verify/",), None
    )
    record.status_code = 503
    record.request = RequestFactory().get("/verify/")
    record.request.resolver_match = resolve("/verify/")

    assert QuietReadinessProbesFilter().filter(record)
