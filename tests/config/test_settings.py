"""Settings from the environment: production refuses to start without its secrets and is locked down."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from portal.services import sync_portal_pages

REPO_ROOT = Path(__file__).resolve().parents[2]
# Every variable that changes the shape checked below; each test sets what it needs.
SHAPING_VARIABLES = [
    "DJANGO_ENV",
    # Set by the browser tests for Playwright; a deployment never has it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "DEBUG",
    "REDIS_URL",
    "REQUIRE_STAFF_MFA",
    "SESSION_IDLE_TIMEOUT",
    "SECURE_SSL_REDIRECT",
    "BEHIND_TLS_PROXY",
    "TRUSTED_PROXY_COUNT",
    "TASKS_BACKEND",
    "EMAIL_HOST",
    "EMAIL_TIMEOUT",
    "API_TOKEN_TTL_DAYS",
    "MEDIA_ROOT",
    "PRIVATE_MEDIA_ROOT",
    "S3_BUCKET",
    "S3_ENDPOINT_URL",
    "S3_REGION",
    "S3_ACCESS_KEY_ID",
    "S3_SECRET_ACCESS_KEY",
    "S3_PUBLIC_URL",
    "S3_OBJECT_ACLS",
    "PG_JIT",
]
DEPLOY_CHECK = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
PRODUCTION_SECRETS = {
    "SECRET_KEY": "p9Xq-3vLr_Wm7tZk2Nc8yHf4Bd6Js1Ga5Ue0Io-Rw3Ty7Pl9Kx2Mv6Qz4Sn8Hb1Dj",
    "ALLOWED_HOSTS": "karrierenorge.no",
    "DATABASE_URL": "sqlite:////tmp/x.sqlite3",
}
# The settings as a fresh process reads them. Only the settings module is loaded: django.setup() would load every
# app as well, about 2 s per run, and no setting below depends on the apps.
SETTINGS_AS_JSON = """
import json
from django.conf import settings as s
from django.core.mail import get_connection
print(json.dumps({
    "DEBUG": s.DEBUG,
    "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": s.CSRF_COOKIE_SECURE,
    "SECURE_SSL_REDIRECT": s.SECURE_SSL_REDIRECT,
    "SECURE_HSTS_SECONDS": s.SECURE_HSTS_SECONDS,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": s.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "SECURE_CONTENT_TYPE_NOSNIFF": s.SECURE_CONTENT_TYPE_NOSNIFF,
    "SESSION_COOKIE_AGE": s.SESSION_COOKIE_AGE,
    "SESSION_SAVE_EVERY_REQUEST": s.SESSION_SAVE_EVERY_REQUEST,
    "SESSION_RENEW_INTERVAL": s.SESSION_RENEW_INTERVAL,
    "REQUIRE_STAFF_MFA": s.REQUIRE_STAFF_MFA,
    "CACHE_BACKEND": s.CACHES["default"]["BACKEND"],
    "CACHE_OPTIONS": s.CACHES["default"].get("OPTIONS", {}),
    "SESSION_ENGINE": s.SESSION_ENGINE,
    "TASKS_BACKEND": s.TASKS["default"]["BACKEND"],
    "TRUSTED_PROXY_COUNT": s.TRUSTED_PROXY_COUNT,
    "ALLAUTH_TRUSTED_PROXY_COUNT": s.ALLAUTH_TRUSTED_PROXY_COUNT,
    "NUM_PROXIES": s.REST_FRAMEWORK["NUM_PROXIES"],
    "THROTTLE_CLASSES": s.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"],
    "EMAIL_BACKEND": s.EMAIL_BACKEND,
    "MAIL_CONNECTION_TIMEOUT": getattr(get_connection(), "timeout", None),
    "API_TOKEN_TTL_DAYS": s.API_TOKEN_TTL_DAYS,
    "KNOX_TOKEN_TTL_DAYS": s.REST_KNOX["TOKEN_TTL"].days,
    "DATABASE_OPTIONS": s.DATABASES["default"].get("OPTIONS", {}),
}))
"""


def run(args, **variables):
    """Run the venv's python in the repository with a clean environment plus ``variables``."""
    environment = {name: value for name, value in os.environ.items() if name not in SHAPING_VARIABLES}
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings"
    environment.update(variables)
    return subprocess.run(
        [sys.executable, *args], cwd=REPO_ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def settings_of(**variables):
    result = run(["-c", SETTINGS_AS_JSON], **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_its_secrets_and_names_them():
    result = run(["manage.py", "check"], DJANGO_ENV="production")

    assert result.returncode != 0
    assert "SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL" in result.stderr


@pytest.mark.parametrize("missing", list(PRODUCTION_SECRETS))
def test_production_names_the_one_secret_that_is_missing(missing):
    present = {name: value for name, value in PRODUCTION_SECRETS.items() if name != missing}

    result = run(["manage.py", "check"], DJANGO_ENV="production", **present)

    assert result.returncode != 0
    assert f"Production needs these environment variables: {missing}\n" in result.stderr


def test_production_with_its_secrets_passes_the_deploy_checks():
    result = run(DEPLOY_CHECK, DJANGO_ENV="production", **PRODUCTION_SECRETS)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_checks_fail_on_a_weak_secret_key():
    weak = {**PRODUCTION_SECRETS, "SECRET_KEY": "kort"}

    result = run(DEPLOY_CHECK, DJANGO_ENV="production", **weak)

    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_the_deploy_checks_fail_with_debug_on_in_production():
    result = run(
        DEPLOY_CHECK,
        DJANGO_ENV="production",
        DEBUG="true",
        **PRODUCTION_SECRETS,
    )

    assert result.returncode != 0
    assert "security.W018" in result.stderr


def test_production_has_secure_cookies_hsts_for_a_year_and_nosniff():
    production = settings_of(DJANGO_ENV="production", **PRODUCTION_SECRETS)

    assert production["DEBUG"] is False
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] == 31536000
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_CONTENT_TYPE_NOSNIFF"] is True


def test_production_requires_staff_mfa_and_shares_cache_and_task_queue_between_processes():
    production = settings_of(DJANGO_ENV="production", **PRODUCTION_SECRETS)

    assert production["REQUIRE_STAFF_MFA"] is True
    assert production["CACHE_BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert production["TASKS_BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_production_with_redis_treats_an_outage_as_a_miss_and_keeps_sessions_in_the_database():
    production = settings_of(DJANGO_ENV="production", REDIS_URL="redis://cache:6379/0", **PRODUCTION_SECRETS)

    assert production["CACHE_BACKEND"] == "core.cache.RedisCache"
    options = production["CACHE_OPTIONS"]
    assert options["IGNORE_EXCEPTIONS"] is True
    # A Redis that hangs holds a request for at most this long per cache call.
    assert options["SOCKET_CONNECT_TIMEOUT"] <= 1
    assert options["SOCKET_TIMEOUT"] <= 1
    assert production["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


def test_development_has_no_secure_cookie_or_hsts_and_no_staff_mfa():
    development = settings_of()

    assert development["DEBUG"] is True
    assert development["SESSION_COOKIE_SECURE"] is False
    assert development["SECURE_HSTS_SECONDS"] == 0
    assert development["REQUIRE_STAFF_MFA"] is False


def test_sessions_end_after_eight_idle_hours_unless_configured():
    assert settings_of()["SESSION_COOKIE_AGE"] == 8 * 60 * 60
    configured = settings_of(SESSION_IDLE_TIMEOUT="900")
    assert configured["SESSION_COOKIE_AGE"] == 900
    # Renewed by activity once a minute (core.middleware.SessionRenewalMiddleware), not written on every request.
    assert configured["SESSION_SAVE_EVERY_REQUEST"] is False
    assert configured["SESSION_RENEW_INTERVAL"] == 60


def proxy_counts(found):
    return found["TRUSTED_PROXY_COUNT"], found["ALLAUTH_TRUSTED_PROXY_COUNT"], found["NUM_PROXIES"]


def test_no_proxy_is_trusted_unless_configured_even_in_production():
    assert proxy_counts(settings_of()) == (0, 0, 0)
    assert proxy_counts(settings_of(DJANGO_ENV="production", **PRODUCTION_SECRETS)) == (0, 0, 0)


def test_the_trusted_proxy_count_sets_our_rate_limits_allauth_and_drf_alike():
    assert proxy_counts(settings_of(TRUSTED_PROXY_COUNT="2")) == (2, 2, 2)


@pytest.mark.parametrize("value", ["-1", "one", "1.5"])
def test_a_trusted_proxy_count_that_is_not_a_whole_number_stops_the_start(value):
    result = run(["manage.py", "check"], TRUSTED_PROXY_COUNT=value)

    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be a whole number, 0 or more" in result.stderr


def test_api_tokens_expire_after_90_days_unless_configured():
    found = settings_of()
    assert (found["API_TOKEN_TTL_DAYS"], found["KNOX_TOKEN_TTL_DAYS"]) == (90, 90)
    found = settings_of(API_TOKEN_TTL_DAYS="30")
    assert (found["API_TOKEN_TTL_DAYS"], found["KNOX_TOKEN_TTL_DAYS"]) == (30, 30)


@pytest.mark.parametrize("value", ["0", "-1", "ninety"])
def test_an_api_token_lifetime_that_is_not_a_positive_number_of_days_stops_the_start(value):
    result = run(["manage.py", "check"], API_TOKEN_TTL_DAYS=value)

    assert result.returncode != 0
    assert "API_TOKEN_TTL_DAYS must be a whole number of days, 1 or more" in result.stderr


def test_the_api_throttles_anonymous_clients_and_users():
    assert settings_of()["THROTTLE_CLASSES"] == [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ]


def test_in_production_a_mail_server_that_stalls_fails_the_send_after_ten_seconds():
    production = settings_of(DJANGO_ENV="production", EMAIL_HOST="smtp.karrierenorge.no", **PRODUCTION_SECRETS)

    assert production["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert production["MAIL_CONNECTION_TIMEOUT"] == 10


def test_the_mail_server_timeout_can_be_configured():
    assert settings_of(EMAIL_HOST="smtp.karrierenorge.no", EMAIL_TIMEOUT="30")["MAIL_CONNECTION_TIMEOUT"] == 30


@pytest.mark.parametrize("value", ["0", "-5", "ten", "600"])
def test_a_mail_server_timeout_that_is_no_sensible_number_of_seconds_stops_the_start(value):
    result = run(["manage.py", "check"], EMAIL_TIMEOUT=value)

    assert result.returncode != 0
    assert "EMAIL_TIMEOUT must be a number of seconds above 0 and at most 300" in result.stderr


@pytest.fixture
def portal_home(db):
    """The portal's front page at "/"."""
    sync_portal_pages()


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_allowing_only_this_site(client, portal_home):
    response = client.get("/")

    assert response.status_code == 200
    policy = [directive.strip() for directive in response["Content-Security-Policy"].split(";")]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_pages_tell_browsers_not_to_sniff_content_types_or_be_framed(client, portal_home):
    response = client.get("/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_site_speaks_norwegian_bokmal_by_default(client, portal_home):
    response = client.get("/")

    assert response["Content-Language"] == "nb"
    assert '<html lang="nb"' in response.content.decode()


@pytest.mark.django_db
def test_an_english_browser_gets_english(client, portal_home):
    response = client.get("/", headers={"accept-language": "en"})

    assert response["Content-Language"] == "en"


def test_language_and_time_zone_are_norwegian_and_times_are_aware():
    assert settings.LANGUAGE_CODE == "nb"
    assert settings.TIME_ZONE == "Europe/Oslo"
    assert settings.USE_TZ is True


def test_postgresql_connections_turn_jit_compilation_off_unless_asked():
    """JIT compiling the requirement status statement took 11 of its 11.2 s at national scale (config/settings.py)."""
    postgres = "postgres://postgres@127.0.0.1:5432/karrierenorge"
    assert "-c jit=off" in settings_of(DATABASE_URL=postgres)["DATABASE_OPTIONS"]["options"]
    assert "jit" not in settings_of(DATABASE_URL=postgres, PG_JIT="on")["DATABASE_OPTIONS"].get("options", "")
    assert "options" not in settings_of(DATABASE_URL="sqlite:////tmp/x.sqlite3")["DATABASE_OPTIONS"]
