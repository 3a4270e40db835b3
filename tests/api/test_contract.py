"""The API keeps its contract: schemathesis fuzzes every operation of /api/v1/ in process, as three roles.

Each role (a school counsellor, a verifier at Karriere Oslo with TOTP set up, the national administrator) sends
schema-valid requests, writes included, against the demo seeded once for the module; its changes are rolled back
before the next role. Path parameters are drawn half from the demo's real objects (so detail routes answer 200)
and half generated (so they answer 404). Every answer must be no server error, with a documented status, content
type, headers and body. ``derandomize`` keeps the run the same every time.
"""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import signals
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.throttling import SimpleRateThrottle
from schemathesis import openapi
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from events.models import Event
from forum.models import Post, Thread
from guidance.models import Question
from notifications.models import Notice
from register.models import Centre, CompetenceStatement, County, CreditEntry
from tests.factories import api_key
from tests.register.demo_support import demo_user, seed
from tests.snapshots import shared_seeding

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_files_of_the_module")]

EXAMPLES = 15
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, module_private_media):
    with shared_seeding(django_db_blocker, module_private_media, lambda: seed()) as out:
        yield out


@pytest.fixture
def unthrottled(monkeypatch):
    """Throttling stays on, at rates a fuzzing run does not reach (the 429 has its own test)."""
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/min", "user": "100000/min"})


@pytest.fixture(scope="module")
def app():
    """The WSGI application, answering inside the test's transaction.

    Django closes the database connection at the end of each request it serves; on PostgreSQL that would end
    the test's transaction. Django's test client disconnects that handler too; schemathesis calls the
    application directly.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield application
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def schema(seeded, app, django_db_blocker):
    """The schema as the API serves it, loaded once for the three roles."""
    with django_db_blocker.unblock():
        return openapi.from_wsgi("/api/v1/schema/", app)


def real_values(path):
    """Path parameters of the demo's real objects for ``path``; none where no object can be named."""
    ids = {
        "/api/v1/credits/": CreditEntry,
        "/api/v1/events/": Event,
        "/api/v1/forum/threads/": Thread,
        "/api/v1/forum/posts/": Post,
        "/api/v1/notifications/": Notice,
        "/api/v1/forum/notifications/": Notice,
        "/api/v1/guidance/queue/": Question,
        "/api/v1/statements/": CompetenceStatement,
    }
    if path.startswith("/api/v1/centres/"):
        return [{"slug": slug} for slug in Centre.objects.values_list("slug", flat=True)[:5]]
    if path.startswith("/api/v1/counties/"):
        return [{"number": number} for number in County.objects.values_list("number", flat=True)[:5]]
    if path.startswith("/api/v1/verify/"):
        return [{"code": code} for code in CompetenceStatement.objects.values_list("code", flat=True)[:5]]
    if path.startswith("/api/v1/forum/threads/{thread_pk}/"):
        return [{"thread_pk": pk} for pk in Thread.objects.order_by("-pk").values_list("pk", flat=True)[:5]]
    for prefix, model in ids.items():
        if path.startswith(prefix + "{id}/"):
            return [{"id": pk} for pk in model.objects.order_by("-pk").values_list("pk", flat=True)[:8]]
    return []


def cases(operation):
    """Generated requests for ``operation``; where the demo has objects for its path, half of them name one."""
    strategy = operation.as_strategy()
    if values := real_values(operation.path):
        real = st.sampled_from(values).flatmap(lambda value: operation.as_strategy(path_parameters=value))
        strategy = st.one_of(strategy, real)
    return strategy


def fuzz(schema, headers):
    """Every operation, ``EXAMPLES`` requests each; returns the failures as text (empty: the contract held)."""
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=cases(operation))
        def run(case):
            # Each request in its own savepoint: a refused write leaves nothing behind for the next.
            with transaction.atomic():
                case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            run()
        except (Exception, FailureGroup) as exc:  # collected, so one run reports every operation that broke
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    return failures


def token_headers(user):
    return {"Authorization": f"Token {api_key(user)}", "Accept-Language": "nb"}


def with_totp(user):
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def staff_mfa_required(settings):
    settings.REQUIRE_STAFF_MFA = True


@pytest.mark.parametrize(
    ("local", "staff"),
    [("skole", False), ("godkjenner", True), ("nasjonal", True)],
    ids=["counsellor", "verifier", "national-admin"],
)
def test_the_api_keeps_its_contract_for(schema, db, unthrottled, staff_mfa_required, local, staff):
    user = demo_user(local)
    if staff:
        with_totp(user)
    started = time.monotonic()

    failures = fuzz(schema, token_headers(user))

    print(f"{local}: {time.monotonic() - started:.1f} s")
    assert not failures, "\n\n".join(failures)
