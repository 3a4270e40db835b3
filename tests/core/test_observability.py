"""What an operator sees: request ids, JSON log lines, error reports and the 500 page, /metrics."""

import io
import json
import logging
import os
import re
import subprocess
import sys
import uuid
from datetime import timedelta
from unittest import mock

import pytest
import sentry_sdk
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone
from django_guid import clear_guid
from django_guid.log_filters import CorrelationId
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from sentry_sdk.transport import Transport

from core.logging import JsonFormatter, RedactSecretsFilter
from core.management.commands.worker import ReconnectingWorker
from core.sentry import init_sentry

HEX_ID = re.compile(r"^[0-9a-f]{32}$")
TOKEN = "eyJ1IjoyLCJrIjoicmVnaXN0ZXIubWVtYmVyc2hpcCJ9:1xWDQ2:DraKrFzo9gNMcyKAr0aIWyYgWUh57N1kZeXNhTk1-rU"


@pytest.fixture
def json_log():
    """The production handler's formatter and filters on the root logger, writing to a buffer: the lines."""
    clear_guid()  # the id of an earlier test's request
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(CorrelationId())
    handler.addFilter(RedactSecretsFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


class CapturedEvents(Transport):
    """A Sentry transport that keeps the events instead of sending them."""

    def __init__(self):
        super().__init__()
        self.events = []

    def capture_envelope(self, envelope):
        if envelope.get_event() is not None:
            self.events.append(envelope.get_event())


@pytest.fixture
def sentry_events():
    transport = CapturedEvents()
    init_sentry("https://public@errors.karrierenorge.example/1", environment="test", transport=transport)
    yield transport.events
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)


# Request ids


def test_every_response_names_its_request_id_and_a_load_balancers_id_is_kept(client):
    first, second = client.get("/healthz/"), client.get("/healthz/")
    assert HEX_ID.match(first["X-Request-ID"]) and HEX_ID.match(second["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]

    given = uuid.uuid4().hex
    assert client.get("/healthz/", HTTP_X_REQUEST_ID=given)["X-Request-ID"] == given


def test_a_request_id_that_is_not_a_uuid_is_replaced_so_nothing_can_be_written_into_the_log(client):
    response = client.get("/healthz/", HTTP_X_REQUEST_ID='abc" level="CRITICAL')
    assert HEX_ID.match(response["X-Request-ID"])


# Log lines


@pytest.mark.django_db
def test_a_log_line_is_one_json_object_in_utc_with_the_request_id_and_no_secret(client, json_log):
    response = client.get(f"/finnes-ikke/{TOKEN}/")

    assert response.status_code == 404
    [line] = [line for line in json_log() if line["logger"] == "django.request"]
    assert line["level"] == "WARNING"
    assert line["message"] == "Not Found: /finnes-ikke/[redacted]/"
    assert TOKEN not in json.dumps(line)  # nor in the request object Django passes along
    assert line["request_id"] == response["X-Request-ID"]
    assert line["timestamp"].endswith("+00:00")
    assert abs(timezone.now() - timezone.datetime.fromisoformat(line["timestamp"])) < timedelta(minutes=1)


def test_a_traceback_in_a_json_line_is_redacted_and_task_names_stay_readable(json_log):
    try:
        raise ConnectionRefusedError("550 kari.nordmann@example.no refused")
    except ConnectionRefusedError:
        logging.getLogger("accounts.tasks").exception("accounts.tasks.send_email failed")

    [line] = json_log()
    assert line["message"] == "accounts.tasks.send_email failed"
    assert line["request_id"] is None  # no request, no task
    assert "ConnectionRefusedError: 550 [address] refused" in line["exc_info"]
    assert "kari.nordmann" not in json.dumps(line)


def test_a_tasks_log_lines_carry_the_task_id_in_the_worker(json_log):
    def run_task(worker, db_task_result):
        logging.getLogger("accounts.tasks").warning("sending")

    task_id = uuid.uuid4()
    with mock.patch.object(db_worker.Worker, "run_task", autospec=True, side_effect=run_task):
        ReconnectingWorker.run_task(mock.Mock(spec=ReconnectingWorker), mock.Mock(id=task_id))
    logging.getLogger("core.worker").warning("waiting")

    assert [(line["message"], line["request_id"]) for line in json_log()] == [
        ("sending", str(task_id)),
        ("waiting", None),
    ]


def test_production_settings_write_json_lines_and_development_plain_ones(tmp_path):
    """The real settings module, loaded as each environment loads it, logging one line."""
    program = "import django, logging; django.setup(); logging.getLogger('core').warning('started')"
    environment = {
        **os.environ,
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "karrierenorge.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    lines = {}
    for name in ("production", "development"):
        result = subprocess.run(
            [sys.executable, "-c", program],
            env={**environment, "DJANGO_ENV": name},
            cwd=django_settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        )
        lines[name] = result.stdout.strip().splitlines()[-1]

    production = json.loads(lines["production"])
    assert (production["level"], production["logger"], production["message"]) == ("WARNING", "core", "started")
    assert production["timestamp"].endswith("+00:00") and production["request_id"] is None
    assert lines["development"].endswith("WARNING [None] core started")


# The 500 page and error reports


@pytest.mark.django_db
@pytest.mark.urls("tests.core.error_urls")
def test_without_error_reporting_the_500_page_does_not_claim_anyone_was_told(json_log):
    response = Client(raise_request_exception=False).get(f"/feiler/{TOKEN}/?e-post=kari.nordmann@example.no")

    assert response.status_code == 500
    page = response.content.decode()
    assert "fått beskjed" not in page and "We have been told" not in page
    assert "skrevet i loggen" in page
    assert f"Feilkode: <code>{response['X-Request-ID']}</code>" in page
    [error] = [line for line in json_log() if line["logger"] == "django.request"]
    assert error["request_id"] == response["X-Request-ID"]
    assert "[address]" in error["exc_info"] and "kari.nordmann" not in error["exc_info"]


@pytest.mark.django_db
@pytest.mark.urls("tests.core.error_urls")
def test_with_sentry_the_error_is_reported_without_personal_data_and_the_page_says_so(sentry_events):
    response = Client(raise_request_exception=False).post(
        f"/feiler/{TOKEN}/?e-post=kari.nordmann@example.no", {"navn": "Kari Nordmann"}, HTTP_COOKIE="sessionid=abc"
    )

    assert response.status_code == 500
    page = response.content.decode()
    assert "Vi har fått beskjed om feilen" in page and "We have been told" in page
    [event] = sentry_events
    assert event["tags"]["request_id"] == response["X-Request-ID"]
    assert f"Feilkode: <code>{response['X-Request-ID']}</code>" in page
    [exception] = event["exception"]["values"]
    assert exception["type"] == "RuntimeError"
    assert exception["value"] == "No mail could be sent to [address]"
    sent = json.dumps(event)
    for personal in ("kari.nordmann", "Kari Nordmann", TOKEN, "sessionid=abc"):
        assert personal not in sent
    assert "user" not in event or "ip_address" not in event["user"]
    assert all("vars" not in frame for frame in exception["stacktrace"]["frames"])


@pytest.mark.django_db
@pytest.mark.urls("tests.core.error_urls")
def test_a_database_that_does_not_answer_gives_a_503_to_try_again_on_pages_and_the_api():
    client = Client(raise_request_exception=False)

    page = client.get("/databasen-svarer-ikke/")
    assert (page.status_code, page["Retry-After"]) == (503, "30")
    assert "Prøv igjen om et halvt minutt." in page.content.decode()

    api = client.get("/api/v1/databasen-svarer-ikke/", HTTP_ACCEPT_LANGUAGE="nb")
    assert (api.status_code, api["Retry-After"]) == (503, "30")
    assert api.json() == {
        "code": "unavailable",
        "detail": "Tjenesten er utilgjengelig et kort øyeblikk. Prøv igjen om et halvt minutt. "
        "Hvis du sendte et skjema, se etter om det ble lagret.",
    }
    api = client.get("/api/v1/databasen-svarer-ikke/", HTTP_ACCEPT_LANGUAGE="en")
    assert api.json()["detail"].startswith("The service is briefly unavailable.")


@pytest.mark.django_db
@pytest.mark.urls("tests.core.error_urls")
def test_a_database_error_that_trying_again_will_not_cure_stays_a_500():
    response = Client(raise_request_exception=False).get("/dobbel/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_sentry_is_off_unless_a_dsn_is_set():
    assert django_settings.SENTRY_DSN == ""
    assert not sentry_sdk.is_initialized()


# /metrics


def metrics_line(body, name, **labels):
    """The value of one sample of the exposition text, or None."""
    wanted = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    for line in body.splitlines():
        sample, _, value = line.rpartition(" ")
        metric, _, label_text = sample.partition("{")
        if metric == name and ",".join(sorted(label_text.rstrip("}").split(","))) == wanted:
            return float(value)
    return None


@pytest.mark.django_db
def test_metrics_are_hidden_while_no_token_is_set(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


@pytest.mark.django_db
def test_metrics_need_the_token_and_a_staff_login_is_not_enough(client, settings, national_admin):
    settings.METRICS_TOKEN = "s3cret-metrics-token"

    for header in ({}, {"HTTP_AUTHORIZATION": "Bearer wrong"}, {"HTTP_AUTHORIZATION": "Basic s3cret-metrics-token"}):
        response = client.get("/metrics", **header)
        assert response.status_code == 401, header
        assert response["WWW-Authenticate"] == 'Bearer realm="metrics"'
        assert b"django_http" not in response.content

    client.force_login(national_admin)
    assert client.get("/metrics").status_code in {302, 401}  # MFA setup first, and no token either way


@pytest.mark.django_db
def test_metrics_count_requests_per_view_and_show_the_task_queue(client, settings):
    settings.METRICS_TOKEN = "s3cret-metrics-token"
    now = timezone.now()
    task = {"args_kwargs": {"args": [], "kwargs": {}}, "backend_name": "default"}
    DBTaskResult.objects.create(task_path="accounts.tasks.send_email", run_after=now - timedelta(minutes=2), **task)
    DBTaskResult.objects.filter(task_path="accounts.tasks.send_email").update(enqueued_at=now - timedelta(minutes=2))
    DBTaskResult.objects.create(task_path="accounts.tasks.send_email", run_after=now + timedelta(minutes=5), **task)
    for _ in range(2):
        DBTaskResult.objects.create(
            task_path="accounts.tasks.send_email", status=TaskResultStatus.FAILED, run_after=now, **task
        )
    DBTaskResult.objects.create(
        task_path="notifications.tasks.send_daily_digests", status=TaskResultStatus.FAILED, run_after=now, **task
    )

    def scrape():
        response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-metrics-token")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain; version=")
        return response.content.decode()

    before = metrics_line(scrape(), "django_http_requests_total_by_view_transport_method_total", **HEALTHZ) or 0
    for _ in range(3):
        client.get("/healthz/")
    body = scrape()

    assert metrics_line(body, "django_http_requests_total_by_view_transport_method_total", **HEALTHZ) == before + 3
    assert metrics_line(body, "django_http_requests_latency_seconds_by_view_method_count", **HEALTHZ_GET) >= 3
    assert metrics_line(body, "karrierenorge_tasks_queued") == 1
    assert metrics_line(body, "karrierenorge_tasks_queued_oldest_age_seconds") >= 120
    assert metrics_line(body, "karrierenorge_tasks_waiting") == 1
    assert metrics_line(body, "karrierenorge_tasks_running") == 0
    assert metrics_line(body, "karrierenorge_tasks_failed", task="accounts.tasks.send_email") == 2
    assert metrics_line(body, "karrierenorge_tasks_failed", task="notifications.tasks.send_daily_digests") == 1


HEALTHZ = {"view": "healthz", "transport": "http", "method": "GET"}
HEALTHZ_GET = {"view": "healthz", "method": "GET"}
