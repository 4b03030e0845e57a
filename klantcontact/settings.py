"""Klantcontact settings: one module, every value from the environment with a safe default.

Every variable is documented in the README ("Configuration"). ``KLANTCONTACT_ENV=production``
switches on the production checks: the process refuses to start with DEBUG on or with the
development secret key.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from klantcontact import auditing, schedule

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


# --- Mode -------------------------------------------------------------------------------------
ENVIRONMENT = env_str("KLANTCONTACT_ENV", "development").lower()
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("KLANTCONTACT_ENV must be 'development' or 'production'")
PRODUCTION = ENVIRONMENT == "production"

DEVELOPMENT_SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("Production refuses to start with DEBUG on (set DEBUG=0).")
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "Production refuses to start with the default or a weak SECRET_KEY "
            "(set SECRET_KEY to 50+ random characters)."
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# --- Applications -----------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "guardian",
    "auditlog",
    # Login security: lock-out after failed logins (django-axes, with a Dutch admin name) and
    # the second factor (django-otp: TOTP apps and static backup codes).
    "accounts.axes_config.LoginAttemptsConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # REST API (api app): Django REST framework, the OpenAPI schema and its local UI assets.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Project apps, one per bounded context.
    "accounts",
    "audit",
    "referencedata",
    # The data-subject registry: what each model holds about a person (read by the copy,
    # retention, erasure, rectification and restriction).
    "persondata",
    "dataminimisation",
    "contacts",
    "access",
    "knowledgebase",
    "processingregister",
    "retention",
    "rights",
    "erpimport",
    # The disclosure log (sharing with partners, art. 19 notices): above rights.
    "disclosures",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "klantcontact.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.SessionRenewalMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    # Who acts, for the restriction-of-processing guard on every write (art. 18).
    "persondata.middleware.ActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Turns a lock-out into the lock-out page; must be last.
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # Static files from STATIC_ROOT (collectstatic); development serves them via runserver.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "klantcontact.urls"
WSGI_APPLICATION = "klantcontact.wsgi.application"
ASGI_APPLICATION = "klantcontact.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "klantcontact.navigation.navigation",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
DEFAULT_SQLITE_PATH = BASE_DIR / "var" / "klantcontact.sqlite3"
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE_PATH}")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60 if PRODUCTION else 0),
        conn_health_checks=True,
    )
}
# No server-side cursors: QuerySet.iterator() (form choice lists among others) would otherwise
# DECLARE, FETCH and CLOSE a cursor, three round trips for a list of a dozen choices; and
# they do not survive a transaction-pooling proxy (pgBouncer). The code reads big sets in
# keyset batches instead (retention engine).
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Short OLTP queries: JIT compilation costs more than it saves (seen in bench/).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------------
# Django's default cache holds the API's rate-limit counts (api.throttling), nothing else: the
# login lock-out counts in the database. ``redis://host:6379/2`` (or ``rediss://``) shares the
# counts between all web processes and servers; production needs it (system check
# klantcontact.W001). ``locmem://`` counts per process: enough for one process (make run, the
# tests). Give the cache a Redis database of its own, not the broker's: clearing the cache
# empties its whole database.
CACHE_URL = env_str("CACHE_URL", "locmem://") or "locmem://"


def cache_from_url(url: str) -> dict:
    scheme, separator, rest = url.partition("://")
    scheme = scheme.lower() if separator else ""
    if scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": rest or "klantcontact",
        }
    if scheme in {"redis", "rediss"}:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "klantcontact",
            # An unreachable Redis costs an API call at most 2 s (then it is let through).
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    # Only the scheme in the message: the URL may hold a password.
    given = f", not {scheme + '://'!r}" if scheme else ""
    raise ImproperlyConfigured(f"CACHE_URL must be a redis://, rediss:// or locmem:// URL{given}.")


CACHES = {"default": cache_from_url(CACHE_URL)}

# --- Authentication and authorisation ---------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses logins of a locked-out username + IP address (django-axes).
    "accounts.lockout.LockoutBackend",
    # Django's password check; with LOCAL_LOGIN off only for superusers (accounts.oidc_backend).
    "accounts.oidc_backend.LocalPasswordBackend",
    "guardian.backends.ObjectPermissionBackend",
    # Sign-in through the identity provider (OpenID Connect; does nothing unless OIDC_ENABLED).
    "accounts.oidc_backend.ProviderBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lock-out after failed logins (django-axes, database handler: works on SQLite and PostgreSQL,
# shared by all worker processes). Failures count per username + IP address; a count is
# forgotten after LOGIN_FAILURE_WINDOW_MINUTES without a new failure; at LOGIN_FAILURE_LIMIT the
# pair is locked for LOGIN_LOCKOUT_MINUTES after the last failure (see accounts/lockout.py).
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_MINUTES = env_int("LOGIN_FAILURE_WINDOW_MINUTES", 15)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 30)
# Behind exactly one reverse proxy, the client address is the last X-Forwarded-For entry.
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)
# Login records (failed logins, successful logins) are deleted after this many days.
LOGIN_RECORDS_RETENTION_DAYS = env_int("LOGIN_RECORDS_RETENTION_DAYS", 90)
AXES_HANDLER = "accounts.lockout.LoginLockoutHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = datetime.timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip_address"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_VERBOSE = False

# Second factor (django-otp): required for the roles in accounts.otp.SECOND_FACTOR_ROLES and
# for superusers; wrong codes are throttled (1, 2, 4, 8 ... seconds per device).
OTP_TOTP_ISSUER = "Klantcontact"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Sign-in through the identity provider (OpenID Connect, mozilla-django-oidc; accounts.oidc and
# docs/operations.md). Code flow with PKCE, RS256 id tokens checked against the provider's JWKS.
# OIDC_DISCOVERY_URL fills every endpoint left empty. Employees are matched on OIDC_USER_CLAIM
# ("sub"; "oid" for Entra ID), roles and teams come from OIDC_GROUPS_CLAIM through the mapping in
# the admin. MFA at the provider (an amr in OIDC_MFA_AMR or the acr in OIDC_MFA_ACR) counts as
# the second factor; otherwise the roles that need one pass the TOTP step. LOCAL_LOGIN=0 keeps
# password logins for superusers only (the break-glass account).
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "Microsoft")
OIDC_DISCOVERY_URL = env_str("OIDC_DISCOVERY_URL")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
OIDC_OP_END_SESSION_ENDPOINT = env_str("OIDC_OP_END_SESSION_ENDPOINT")
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
OIDC_USER_CLAIM = env_str("OIDC_USER_CLAIM", "sub")
OIDC_GROUPS_CLAIM = env_str("OIDC_GROUPS_CLAIM", "groups")
OIDC_MFA_AMR = env_list("OIDC_MFA_AMR", "mfa,otp,hwk")
OIDC_MFA_ACR = env_list("OIDC_MFA_ACR", "")
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
OIDC_LEAVER_DAYS = env_int("OIDC_LEAVER_DAYS", 30)
LOCAL_LOGIN = env_bool("LOCAL_LOGIN", True)
if PRODUCTION and OIDC_ENABLED and not (OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET):
    raise ImproperlyConfigured("OIDC_ENABLED needs OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET.")
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True  # the id_token_hint of the end session

# django-guardian: no anonymous user, object permissions only through the direct FK tables.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = True

# django-auditlog: the project's own LogEntry (redactable, indexed per object).
AUDITLOG_LOGENTRY_MODEL = "audit.LogEntry"
# auditlog's own migrations create its default table even when swapped out; skip them.
MIGRATION_MODULES = {"auditlog": None}
AUDITLOG_INCLUDE_TRACKING_MODELS = auditing.TRACKED_MODELS

# Break-the-glass: how long access to a person outside one's scope lasts after giving a reason.
BREAK_GLASS_HOURS = env_int("BREAK_GLASS_HOURS", 8)
# Erasures on request, one JSON line each (ids, time, outcome; no personal data), written
# outside the database so `manage.py replay_erasures` can redo them after a backup restore.
# Keep it on storage that is NOT restored with the database; empty turns the log off.
ERASURE_LOG_PATH = env_str("ERASURE_LOG_PATH", str(BASE_DIR / "var" / "erasure-log.jsonl"))
# Review signals: an employee viewing more than this many distinct persons outside their
# involvement in a day, or opening signal content this many times more than the median peer.
ACCESS_REVIEW_OUTSIDE_PER_DAY = env_int("ACCESS_REVIEW_OUTSIDE_PER_DAY", 40)
ACCESS_REVIEW_SIGNAL_FACTOR = env_int("ACCESS_REVIEW_SIGNAL_FACTOR", 3)
# The monthly arrears signal to the municipality (disclosures.tasks.monthly_arrears_signal):
# the reference of the covenant it runs under (empty: the job does nothing), and the months of
# unpaid rent from which a tenant is in the signal (a decimal, e.g. "1" or "1.5").
DISCLOSURE_ARREARS_AGREEMENT = env_str("DISCLOSURE_ARREARS_AGREEMENT")
DISCLOSURE_ARREARS_THRESHOLD_MONTHS = env_str("DISCLOSURE_ARREARS_THRESHOLD_MONTHS", "1")
# The nightly retention run (retention.engine): rows per batch when deleting or anonymising,
# and when scheduling; one task works at most this long, then hands over to a follow-up task
# (well inside the broker's visibility timeout).
RETENTION_BATCH_SIZE = env_int("RETENTION_BATCH_SIZE", 5000)
RETENTION_SCHEDULE_BATCH_SIZE = env_int("RETENTION_SCHEDULE_BATCH_SIZE", 5000)
RETENTION_TASK_BUDGET_SECONDS = env_int("RETENTION_TASK_BUDGET_SECONDS", 240)
# Rights of data subjects: the secret of the pseudonymous survey reference (empty: derived from
# SECRET_KEY), and the public address the survey opt-out link in e-mails starts with.
RIGHTS_SURVEY_REFERENCE_KEY = env_str("RIGHTS_SURVEY_REFERENCE_KEY")
RIGHTS_PUBLIC_BASE_URL = env_str("RIGHTS_PUBLIC_BASE_URL")

# --- Sessions and security --------------------------------------------------------------------
SESSION_IDLE_TIMEOUT_MINUTES = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT_MINUTES * 60
# Sliding expiry: the timeout counts from the last request. The session is written back when
# its stored end is more than SESSION_RENEW_AFTER_SECONDS behind (accounts.middleware.
# SessionRenewalMiddleware), not on every request: a page then costs no session write.
SESSION_ENGINE = "accounts.sessions"
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_AFTER_SECONDS = env_int("SESSION_RENEW_AFTER_SECONDS", 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)
# Browser features no page of the product uses, switched off (klantcontact.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)

HTTPS = env_bool("HTTPS", PRODUCTION)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The health endpoint is probed over plain HTTP by the container orchestrator.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files (all served locally: no CDN, no third-party requests) -----------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "klantcontact@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MAIL_CONFIGURED = bool(EMAIL_HOST)
if MAIL_CONFIGURED:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif PRODUCTION:
    # No mail server: drop mail rather than write personal data into the process log.
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Celery -----------------------------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
BROKER_CONFIGURED = bool(CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = not BROKER_CONFIGURED
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL) or None
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TIMEZONE = "UTC"
CELERY_ENABLE_UTC = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Long jobs continue in follow-up tasks and stay well inside this window.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# The static beat schedule, in UTC (klantcontact/schedule.py).
CELERY_BEAT_SCHEDULE = schedule.BEAT_SCHEDULE

# --- Logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # axes logs every login at INFO; lock-outs come from accounts.lockout at WARNING.
        "axes": {"level": "WARNING"},
    },
}

# --- REST API (api app, docs/api.md) --------------------------------------------------------
# Token authentication only (no sessions, so no CSRF), JSON in and out, errors as
# application/problem+json, throttling per client (its own rate, in the default cache).
API_DEFAULT_RATE_PER_MINUTE = env_int("API_DEFAULT_RATE_PER_MINUTE", 120)
API_IDEMPOTENCY_KEY_HOURS = env_int("API_IDEMPOTENCY_KEY_HOURS", 24)
# A client's token expires this many days after it is issued or rotated; the accountable
# person and the API administrators are reminded this many days before.
API_TOKEN_LIFETIME_DAYS = env_int("API_TOKEN_LIFETIME_DAYS", 365)
API_TOKEN_REMINDER_DAYS = env_int("API_TOKEN_REMINDER_DAYS", 30)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ClientEnabled"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 25,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Klantcontact API",
    "DESCRIPTION": (
        "Telephony, the tenant portal and the survey bureau, under the same access policy and "
        "access log as the pages. See docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "COMPONENT_SPLIT_PATCH": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Demo -------------------------------------------------------------------------------------
# Password of the demo users created by ``manage.py seed_demo`` (only possible with DEBUG on).
DEMO_PASSWORD = env_str("DEMO_PASSWORD", "klantcontact-demo")
