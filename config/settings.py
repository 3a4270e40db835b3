"""KarriereNorge settings: the one place that reads the environment.

``DJANGO_ENV`` picks the runtime shape:

- ``development`` (default): DEBUG on, SQLite file, console e-mail, local-memory cache,
  tasks run immediately.
- ``production``: refuses to start without SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL;
  secure cookies, HSTS, CSP, a cache shared by every process, tasks in the database queue.
- ``test``: like development, with fast hashers and immediate tasks (set by pytest).
"""

import os
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.logging import log_format, stdout_logging

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# pytest loads these settings before any conftest runs, so it is recognised here.
DJANGO_ENV = env("DJANGO_ENV", "test" if "pytest" in sys.modules else "development")
if DJANGO_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be development, test or production, not {DJANGO_ENV!r}")
PRODUCTION = DJANGO_ENV == "production"
TESTING = DJANGO_ENV == "test"

if PRODUCTION:
    missing = [name for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL") if not env(name)]
    if missing:
        raise ImproperlyConfigured(f"Production needs these environment variables: {', '.join(missing)}")

SECRET_KEY = env("SECRET_KEY", "django-insecure-development-only-key-never-use-in-production")
DEBUG = env_bool("DEBUG", not PRODUCTION and not TESTING)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "core",
    "django_guid",
    "django_prometheus",
    "accounts",
    "notifications",
    "register",
    "forum",
    "events",
    "guidance",
    "partnerships",
    "portal",
    "wagtail.contrib.table_block",
    "wagtail.contrib.sitemaps",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]

MIDDLEWARE = [
    # Counts every request (per view: number, status, latency) for /metrics; its pair is last.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # The request id on every log line and in the X-Request-ID response header (DJANGO_GUID below).
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.SessionRenewalMiddleware",
    "core.middleware.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "register.middleware.StaffMFAMiddleware",
    "portal.editors.EditorGroupsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "config.urls"
FORM_RENDERER = "core.forms.FormRenderer"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "register.context_processors.navigation",
                "forum.context_processors.navigation",
                "notifications.context_processors.unread_notices",
            ],
            "builtins": ["core.templatetags.numbers"],
        },
    },
]

# Database: SQLite file by default, DATABASE_URL (PostgreSQL) when set.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60" if PRODUCTION else "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    options = DATABASES["default"].setdefault("OPTIONS", {})
    # No JIT compilation: the requirement status is one large statement (a CASE per workplace type over
    # correlated sums), which PostgreSQL's cost model sends to JIT. Compiling it took 11 s of the 11.2 s the
    # status of one centre's 1,302 counsellors took at national scale; without JIT 0.2 s (the country's
    # 12,000: 12.4 s -> 0.9 s). Short OLTP queries gain nothing from JIT. PG_JIT=on turns it back on.
    if env("PG_JIT", "off").lower() != "on":
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    if TESTING:
        # Tests need no commit to survive a crash: not waiting for each commit's WAL flush makes the
        # suite's many commits (live-server tests, flushes between them) cheap.
        options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Client addresses: how many proxies (load balancers) in front of the app append to X-Forwarded-For.
# The client is the entry the outermost of them wrote, the TRUSTED_PROXY_COUNT-th from the right; entries
# left of it are whatever the client sent. 0: the header is ignored and REMOTE_ADDR is the client. One
# number for our rate limits (core.ratelimit.client_ip), allauth's (logins, sign-ups) and DRF's (NUM_PROXIES).
_trusted_proxies = env("TRUSTED_PROXY_COUNT", "").strip() or "0"
if not (_trusted_proxies.isascii() and _trusted_proxies.isdigit()):
    raise ImproperlyConfigured(f"TRUSTED_PROXY_COUNT must be a whole number, 0 or more, not {_trusted_proxies!r}")
TRUSTED_PROXY_COUNT = int(_trusted_proxies)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Cache: rate limits need a real cache shared by every process in production.
REDIS_URL = env("REDIS_URL", "")


def redis_cache(url):
    """The Redis cache: an outage is a cache miss, never a 500 (issue #13).

    django-redis swallows connection errors and timeouts (IGNORE_EXCEPTIONS): reads miss, writes are
    dropped, rate limits count nothing and so let requests through (``core.cache`` says why ``add`` is
    ours). The short timeouts keep a Redis that hangs from hanging requests: each cache call gives up
    after half a second. The outage is logged on DJANGO_REDIS_LOGGER, once per interval and process
    (``core.logging.CacheOutageFilter``).
    """
    return {
        "BACKEND": "core.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "core.cache"
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
elif PRODUCTION:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "karrierenorge"}}
# How long the leaders' overview keeps its figures (register/overview/cache.py); 0 computes them on every view.
OVERVIEW_FRESH_SECONDS = int(env("OVERVIEW_FRESH_SECONDS", "600"))

# Accounts and authentication.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
SITE_ID = 1

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[KarriereNorge] "
# A 6th failed login for one account within 5 minutes is refused.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "KarriereNorge"
# Recording "last seen" on every request costs ~5 queries a page; sessions are recorded at login.
USERSESSIONS_TRACK_ACTIVITY = False

# Staff roles must set up MFA before they use any page or the API when this is on.
REQUIRE_STAFF_MFA = env_bool("REQUIRE_STAFF_MFA", PRODUCTION)

# Sessions live in the database, never in the cache: a cache outage must not log anybody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Sessions end after this many seconds without activity.
SESSION_COOKIE_AGE = int(env("SESSION_IDLE_TIMEOUT", str(8 * 60 * 60)))
# Activity renews the session at most once a minute (core.middleware.SessionRenewalMiddleware), not on every
# request: the idle timeout holds to within a minute, and pages do not each write the session.
SESSION_RENEW_INTERVAL = 60

# Internationalisation.
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One way to write dates per language: "3. desember 2026" in bokmål, "3 December 2026" in English.
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Static files: served by WhiteNoise from STATIC_ROOT (collectstatic) in production.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("designsystemet", BASE_DIR / "node_modules" / "@digdir" / "designsystemet-css" / "dist"),
    ("charts", BASE_DIR / "node_modules" / "charts.css" / "dist"),
]
WHITENOISE_USE_FINDERS = not PRODUCTION
# Tests run with DEBUG off, where WhiteNoise would list every static file through the finders (Wagtail's admin
# brings thousands) each time a test client loads the middleware; looking a file up when it is asked for costs
# nothing until then.
if TESTING:
    WHITENOISE_AUTOREFRESH = True

# Uploads, in two storages. "default": public CMS uploads (Wagtail images, their renditions and
# documents). "private": evidence files (register.evidence), which no URL serves; they are streamed
# only through register's permission-checking views. Without S3_BUCKET both are on local disk:
# MEDIA_ROOT (its image folders served under MEDIA_URL by core.views.public_media) and
# PRIVATE_MEDIA_ROOT (never served). With S3_BUCKET both go to S3-compatible object storage, so
# any number of app servers share them (README, "Files").
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private")))
_public_root, _private_root = MEDIA_ROOT.resolve(), PRIVATE_MEDIA_ROOT.resolve()
if _public_root.is_relative_to(_private_root) or _private_root.is_relative_to(_public_root):
    raise ImproperlyConfigured("MEDIA_ROOT and PRIVATE_MEDIA_ROOT must be separate folders, neither inside the other")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "register.evidence.PrivateStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}


def s3_public_url(*, bucket, endpoint_url=None, region=None):
    """The bucket's own address, where its objects are fetched from: path-style on another S3-compatible
    service (``endpoint_url``), virtual-hosted on AWS."""
    if endpoint_url:
        return f"{endpoint_url.rstrip('/')}/{bucket}"
    return f"https://{bucket}.s3.{region}.amazonaws.com" if region else f"https://{bucket}.s3.amazonaws.com"


def s3_storages(*, bucket, public_url, endpoint_url=None, region=None, access_key=None, secret_key=None, acls=True):
    """The "default" (public media, under ``media/``) and "private" (evidence, under ``private/``) storages
    in one S3-compatible bucket, through django-storages.

    ``public_url`` is where browsers fetch public media: the bucket's root is served there (the bucket's
    own address, a CDN or a custom domain). With ``acls``, media objects are uploaded public-read and
    evidence private. A bucket with ACLs disabled (AWS's default since 2023) refuses every ACL: there
    ``acls`` is off and a bucket policy makes ``media/*`` public; ``private/`` stays private, as every
    object is unless something grants more. Empty credentials let boto3 find its own (AWS_* variables,
    an instance or pod role).
    """
    from botocore.config import Config

    public = urlsplit(public_url.rstrip("/"))
    if public.scheme not in {"http", "https"} or not public.netloc:
        raise ImproperlyConfigured(f"S3_PUBLIC_URL must be an http(s) address, not {public_url!r}")
    connection = {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        # An upload never replaces another file of the same name: the storage picks a free name.
        "file_overwrite": False,
        # A file read from the bucket is buffered in memory up to 2 MB, on disk beyond.
        "max_memory_size": 2 * 1024 * 1024,
        # Path-style addresses on other S3-compatible services (MinIO needs them). Short timeouts and few
        # retries: an unreachable endpoint fails a request (and /readyz/) in seconds, not minutes.
        "client_config": Config(
            s3={"addressing_style": "path" if endpoint_url else "virtual"},
            connect_timeout=3,
            read_timeout=20,
            retries={"mode": "standard", "max_attempts": 3},
        ),
    }
    backend = "storages.backends.s3.S3Storage"
    return {
        "default": {
            "BACKEND": backend,
            "OPTIONS": {
                **connection,
                "location": "media",
                "default_acl": "public-read" if acls else None,
                # Plain, lasting addresses under public_url: pages link to them, browsers and CDNs cache them.
                "querystring_auth": False,
                "url_protocol": f"{public.scheme}:",
                "custom_domain": f"{public.netloc}{public.path}",
            },
        },
        "private": {
            "BACKEND": backend,
            "OPTIONS": {
                **connection,
                "location": "private",
                "default_acl": "private" if acls else None,
                # Never linked: the views stream the file. A URL, if one were asked for, is signed and short-lived.
                "querystring_auth": True,
                "querystring_expire": 60,
            },
        },
    }


S3_BUCKET = env("S3_BUCKET", "")
S3_PUBLIC_URL = ""
if S3_BUCKET:
    S3_ENDPOINT_URL = env("S3_ENDPOINT_URL", "")
    S3_REGION = env("S3_REGION", "")
    S3_PUBLIC_URL = (
        env("S3_PUBLIC_URL", "") or s3_public_url(bucket=S3_BUCKET, endpoint_url=S3_ENDPOINT_URL, region=S3_REGION)
    ).rstrip("/")
    STORAGES.update(
        s3_storages(
            bucket=S3_BUCKET,
            public_url=S3_PUBLIC_URL,
            endpoint_url=S3_ENDPOINT_URL,
            region=S3_REGION,
            access_key=env("S3_ACCESS_KEY_ID"),
            secret_key=env("S3_SECRET_ACCESS_KEY"),
            acls=env_bool("S3_OBJECT_ACLS", True),
        )
    )

DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# E-mail: printed to the console by default, SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "KarriereNorge <noreply@karrierenorge.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Seconds a connection to the mail server may stall before the send fails (and accounts.tasks.send_email retries
# it later). Django's default is no limit: a hanging server would hold a worker, or a request, for ever.
try:
    EMAIL_TIMEOUT = float(env("EMAIL_TIMEOUT", "").strip() or "10")
except ValueError:
    EMAIL_TIMEOUT = 0.0
if not 0 < EMAIL_TIMEOUT <= 300:
    raise ImproperlyConfigured(
        f"EMAIL_TIMEOUT must be a number of seconds above 0 and at most 300, not {env('EMAIL_TIMEOUT')!r}"
    )

# Background tasks: immediate in development and tests, database queue in production.
TASKS = {
    "default": {
        "BACKEND": env(
            "TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend" if PRODUCTION else "django_tasks.backends.immediate.ImmediateBackend",
        )
    }
}

# Finished task results (which hold e-mail bodies) and scheduler claims are deleted after this many days.
TASK_RESULTS_KEEP_DAYS = int(env("TASK_RESULTS_KEEP_DAYS", "7"))

# API tokens (django-rest-knox): stored hashed, named, several per person, each expiring this many days after it
# is made; the owner makes and revokes them at /accounts/api-token/.
_token_days = env("API_TOKEN_TTL_DAYS", "").strip() or "90"
if not (_token_days.isascii() and _token_days.isdigit() and int(_token_days) > 0):
    raise ImproperlyConfigured(f"API_TOKEN_TTL_DAYS must be a whole number of days, 1 or more, not {_token_days!r}")
API_TOKEN_TTL_DAYS = int(_token_days)
API_TOKENS_PER_PERSON = 10
KNOX_TOKEN_MODEL = "accounts.ApiToken"  # noqa: S105 (a model, not a secret)
# knox's own model is swapped out for ours, so its migrations would only make an unused table.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_MODEL": KNOX_TOKEN_MODEL,
    "TOKEN_TTL": timedelta(days=API_TOKEN_TTL_DAYS),
    # The scheme stays "Authorization: Token <key>", as with DRF's tokens before.
    "AUTH_HEADER_PREFIX": "Token",
}

# API.
REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes a missing, wrong, expired or revoked token a 401
    # (with the session first DRF answers 403). A request carries one or the other.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "register.api.authentication.TokenAuthentication",
        "register.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "core.api.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    # JSON only, as the schema says: the interactive documentation is at /api/v1/docs/ (no browsable API).
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Per client address (anonymous) and per user. Checking a statement code and asking an e-guidance question
    # have stricter budgets of their own, shared with their pages (register.api.statements, guidance.api.views).
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/min", "user": "600/min"},
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "KarriereNorge API",
    "DESCRIPTION": (
        "The KarriereNorge platform API: counties, centres and the competence register.\n\n"
        "Sign in with the website's session, or send a personal API token as `Authorization: Token <key>`. "
        "Tokens are made, listed and revoked at /accounts/api-token/; the key is shown once, when it is made, "
        f"and each token expires after {API_TOKEN_TTL_DAYS} days."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI is served from our own static files, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "PREPROCESSING_HOOKS": ["core.api.only_api_paths"],
    # Every operation's error answers (401/403/429, and 400/404/415 where they apply), documented in one place.
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "core.api.document_errors"],
    # Choice sets used by more than one field or sharing a field name with another app's.
    "ENUM_NAME_OVERRIDES": {
        "ForumCategoryKindEnum": "forum.models.CategoryKind",
        "ForumAudienceEnum": "forum.models.Audience",
        "KindEnum": "register.models.ActivityKind",
    },
}

# Wagtail (the portal CMS lives at /cms/; the portal pages come with the portal issue).
WAGTAIL_SITE_NAME = "KarriereNorge"
WAGTAILADMIN_BASE_URL = SITE_URL
# Not allauth's login directly: see accounts.views.cms_login.
WAGTAILADMIN_LOGIN_URL = "/cms/login/"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Security headers. The policy allows only this site's own files: no inline script or style.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    # Wagtail's and Django's admin screens use inline scripts of their own.
    "EXCLUDE_URL_PREFIXES": ["/cms/", "/admin/", "/api/v1/docs/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Public media come from the bucket's address when they are in object storage.
        "img-src": [SELF, "data:", *([f"{S3_PUBLIC_URL}/"] if S3_PUBLIC_URL else [])],
        "font-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$", r"^metrics$"]
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("BEHIND_TLS_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Logging: to stdout, one JSON object per line in production (LOG_FORMAT=json; timestamps in UTC), plain
# lines elsewhere; each line carries the id of its request (or task). Secrets in paths and e-mail addresses
# are redacted; no bodies or passwords are logged.
LOG_LEVEL = env("LOG_LEVEL", "INFO")
try:
    LOG_FORMAT = log_format({**os.environ, "DJANGO_ENV": DJANGO_ENV})
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from error
_stdout_logging = stdout_logging(LOG_FORMAT)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": _stdout_logging["formatters"],
    "filters": {
        **_stdout_logging["filters"],
        "cache_outage": {"()": "core.logging.CacheOutageFilter", "interval": 300},
        "quiet_readiness_probes": {"()": "core.logging.QuietReadinessProbesFilter"},
    },
    "handlers": _stdout_logging["handlers"],
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.security.DisallowedHost": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        # django-guid says at INFO, for every request, whether it brought an id.
        "django_guid": {"level": "WARNING"},
        "apscheduler": {"level": "WARNING"},
        # DJANGO_REDIS_LOGGER: every cache call Redis did not answer; one warning per 5 minutes gets through.
        "core.cache": {"filters": ["cache_outage"]},
        # /readyz/'s 503s: core.readiness logs when a check starts and stops failing, not each probe.
        "django.request": {"filters": ["quiet_readiness_probes"]},
    },
}

# The request id: taken from the load balancer's X-Request-ID when it is a UUID, else made here; sent back in
# the same header, written on every log line and shown on the 500 page.
DJANGO_GUID = {"GUID_HEADER_NAME": "X-Request-ID", "VALIDATE_GUID": True}

# Error reporting (core/sentry.py): on when SENTRY_DSN is set, in any environment.
SENTRY_DSN = env("SENTRY_DSN", "")
if SENTRY_DSN:
    from core.sentry import init_sentry

    init_sentry(
        SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", DJANGO_ENV),
        release=env("SENTRY_RELEASE"),
        traces_sample_rate=float(env("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

# /metrics (Prometheus) answers only requests with "Authorization: Bearer <METRICS_TOKEN>"; unset, it is a 404.
# Under gunicorn, PROMETHEUS_MULTIPROC_DIR (set by `make production`) sums the workers' counts.
METRICS_TOKEN = env("METRICS_TOKEN", "")

# The hour (Europe/Oslo) the scheduler sends the daily digests.
NOTIFICATION_DIGEST_HOUR = int(env("NOTIFICATION_DIGEST_HOUR", "7"))

# E-guidance: the promised answer time in working days, how long conversations are kept after the last
# activity, how many questions one address may send per hour, and how early the leads are warned.
GUIDANCE_ANSWER_WORKING_DAYS = int(env("GUIDANCE_ANSWER_WORKING_DAYS", "2"))
GUIDANCE_RETENTION_DAYS = int(env("GUIDANCE_RETENTION_DAYS", "90"))
GUIDANCE_QUESTIONS_PER_HOUR = 5
GUIDANCE_LEAD_WARNING_HOURS = 4
