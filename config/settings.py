"""Settings for Care Workforce Returns.

One env-driven module: every value comes from an environment variable with a safe development default. With
DEBUG off the service refuses to start unless SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL are set.
"""

from __future__ import annotations

from pathlib import Path

import environ
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# GENERAL
# ------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=True)
DEMO_MODE = env.bool("DEMO_MODE", default=False)
# seed_demo's synthetic council (exports.demo): its staff records (workplaces in proportion); 0 leaves it out.
# Built once, about half a minute at 16,000; `make run` (demo mode) has it, tests and load stacks do not.
DEMO_SYNTHETIC_STAFF = env.int("DEMO_SYNTHETIC_STAFF", default=16_000 if DEMO_MODE else 0)
REQUIRED_IN_PRODUCTION = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")


def check_production_environment(environ_: dict[str, str], *, debug: bool) -> None:
    """Refuse to start in production mode (DEBUG off) without the variables that must never take a default."""
    if debug:
        return
    missing = [name for name in REQUIRED_IN_PRODUCTION if not environ_.get(name)]
    if missing:
        raise ImproperlyConfigured(
            "DEBUG is off, so these environment variables must be set: " + ", ".join(missing)
        )


check_production_environment(dict(env.ENVIRON), debug=DEBUG)

SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-change-me-0123456789abcdefghijklmnop")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
SERVICE_NAME = "Care Workforce Returns"

TIME_ZONE = "Europe/London"
LANGUAGE_CODE = "en-gb"
USE_I18N = True
USE_TZ = True
# Dates on screen the GOV.UK way ("1 June 2019"): config/formats/ overrides the en-gb locale's formats.
FORMAT_MODULE_PATH = ["config.formats"]
SITE_ID = 1

# APPS
# ------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_q",
    "csp",
    "govuk_frontend_django",
    "providers",
    "collection",
    "uploads",
    "surveys",
    "compliance",
    "exports",
    "api",
    "retention",
]

# Sessions, sign-in and messages are Django's, passed over by anonymous survey requests (surveys.middleware: the
# anonymity rules forbid a session there); CSP is django-csp's with its header text built once (config.middleware).
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "surveys.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "surveys.middleware.AuthenticationMiddleware",
    "surveys.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "providers.middleware.SessionTimeoutMiddleware",
    "providers.middleware.RequireMfaMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "providers.context_processors.service",
                "surveys.context_processors.survey_rules",
            ],
        },
    }
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# DATABASES
# ------------------------------------------------------------------------------
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default must hold a team of editors and the task worker at once:
    # - WAL lets readers carry on while one connection writes;
    # - IMMEDIATE takes the write lock when a transaction begins, so two writers queue instead of one failing with
    #   "database is locked" when it tries to upgrade a read lock half-way through (every request is atomic); this
    #   was also the cause of demo-mode 429s on sign-in: the database cache swallowed that error and allauth, unable to
    #   take its rate-limit lock, answered 429 (tests/security/test_rate_limits.py::test_concurrent_sign_ins_...);
    # - a writer waits up to 20 seconds for the lock (the busy timeout) before giving up;
    # - synchronous=NORMAL is safe with WAL (a power cut may lose the last commits, never corrupt the file).
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(SQLITE_OPTIONS)
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# CACHES (rate limits and throttles need a cache shared by all workers in production)
# ------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    # Sessions are read from Redis and written through to the database: one query less on every signed-in page,
    # and nobody is signed out if Redis restarts.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Django's default cap of 300 entries would cull a third of the table past it, silently dropping survey
    # duplicate-submission guards and rate-limit counts under real traffic: the cap is set far above a day's use.
    # Django's database cache, with `add` (the survey's guard against a second send) as one statement (config.cache).
    CACHES = {
        "default": {
            "BACKEND": "config.cache.DatabaseCache",
            "LOCATION": "cache_table",
            "OPTIONS": {"MAX_ENTRIES": env.int("CACHE_MAX_ENTRIES", default=1_000_000)},
        }
    }

# TASK QUEUE (django-q2): the ORM broker by default, Redis when REDIS_URL is set
# ------------------------------------------------------------------------------
Q_CLUSTER = {
    "name": "cwr",
    "workers": env.int("Q_WORKERS", default=2),
    "timeout": 600,
    "retry": 660,
    "max_attempts": 3,
    "ack_failures": True,
    "catch_up": False,
    "label": "Task queue",
}
# A broker can lose the task of a worker killed outright: uploads and exports with no progress for this long are
# queued again by a schedule (both are safe to run twice).
STALE_TASK_MINUTES = env.int("STALE_TASK_MINUTES", default=15)
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

# AUTHENTICATION (django-allauth, invitation only, MFA)
# ------------------------------------------------------------------------------
AUTH_USER_MODEL = "providers.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "providers.adapters.InvitationOnlyAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Per address only: failures per account are counted by providers.signin (slowed, never locked out).
    "login_failed": "10/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "confirm_email": "1/3m/key",
}
ACCOUNT_FORMS = {"login": "providers.signin.forms.SignInForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SERVICE_NAME}] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SERVICE_NAME
MFA_RECOVERY_CODE_COUNT = 10
INVITATION_DAYS_VALID = env.int("INVITATION_DAYS_VALID", default=14)

# RETENTION: how long each kind of data is kept (the README's schedule; each period defined here only).
# The daily task (retention.tasks.daily_retention) deletes what is due; a legal hold on an organisation pauses it.
# ------------------------------------------------------------------------------
RETENTION = {
    # Raw uploaded files: days after the upload was applied (or made, if never applied).
    "upload_files_days": env.int("RETENTION_UPLOAD_FILES_DAYS", default=30),
    # Staff records of a return, and their rows in the change history: years after the round closed.
    "staff_records_years": env.int("RETENTION_STAFF_RECORDS_YEARS", default=6),
    # Survey responses: years after the campaign's round closed.
    "survey_responses_years": env.int("RETENTION_SURVEY_RESPONSES_YEARS", default=3),
    # Chase evidence (messages, calls, notes, notices, extensions, exemptions): years after the contract ended.
    "chase_evidence_years": env.int("RETENTION_CHASE_EVIDENCE_YEARS", default=6),
    # Accounts not used for this many years are warned by email ...
    "inactive_account_years": env.int("RETENTION_INACTIVE_ACCOUNT_YEARS", default=2),
    # ... and deactivated this many days after the warning unless they sign in.
    "account_warning_days": env.int("RETENTION_ACCOUNT_WARNING_DAYS", default=30),
    # Invitations: days after they expired (accepted, withdrawn or unused alike).
    "invitation_days_after_expiry": env.int("RETENTION_INVITATION_DAYS_AFTER_EXPIRY", default=0),
}

# EMAIL: to a folder by default, SMTP when EMAIL_URL says so (smtp://user:pass@host:port)
# ------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="filemail://")
if EMAIL_CONFIG.get("EMAIL_BACKEND", "").endswith("filebased.EmailBackend") or not env.str("EMAIL_URL", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))
else:
    vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Care Workforce Returns <no-reply@care-workforce-returns.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# MESSAGES: every email the service sends goes through one sender (providers.messaging): Django's email backend
# (above) by default, GOV.UK Notify through its official client when NOTIFY_API_KEY is set.
# ------------------------------------------------------------------------------
NOTIFY_API_KEY = env.str("NOTIFY_API_KEY", default="")
NOTIFY_BASE_URL = env.str("NOTIFY_BASE_URL", default="https://api.notifications.service.gov.uk")
# One Notify template per message kind (providers.messaging.KINDS), each personalised with ((subject)) and ((body));
# NOTIFY_TEMPLATE_ID is used for any kind without its own.
NOTIFY_TEMPLATES = {
    "default": env.str("NOTIFY_TEMPLATE_ID", default=""),
    **{
        kind: env.str(f"NOTIFY_TEMPLATE_{kind.upper()}", default="")
        for kind in ("invitation", "receipt", "review_outcome", "chase", "pa_notice", "signin_code", "signin_warning",
                     "account", "inactive_account")
    },
}
# Seconds to wait before each retry when Notify answers 429 (rate limit) or a 5xx.
NOTIFY_RETRY_DELAYS = tuple(env.list("NOTIFY_RETRY_DELAYS", cast=float, default=[1, 5, 20]))
MESSAGE_SENDER = env.str(
    "MESSAGE_SENDER",
    default="providers.messaging.NotifySender" if NOTIFY_API_KEY else "providers.messaging.DjangoEmailSender",
)

# STATIC FILES (GOV.UK Frontend comes from npm, served by whitenoise)
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("govuk-frontend", BASE_DIR / "node_modules" / "govuk-frontend" / "dist"),
    ("accessible-autocomplete", BASE_DIR / "node_modules" / "accessible-autocomplete" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "/media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# SECURITY
# ------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy: scripts and styles only from this site's own files, never inline; the one exception is
# base.html's one-line snippet that marks the page as having JavaScript before first paint, allowed by a nonce
# that is new for every response (so no other inline script can run).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# REST FRAMEWORK
# ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "api.authentication.MfaSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated", "api.permissions.TokenScope"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle", "api.throttling.SessionRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "api_token": env.str("API_TOKEN_RATE", default="600/minute"),
        "api_session": env.str("API_SESSION_RATE", default="600/minute"),
    },
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{SERVICE_NAME} API",
    "DESCRIPTION": "Read your organisations, workplaces, rounds and returns, and send staff records. "
    "Authenticate with a personal API token (`Authorization: Bearer <token>`) created on your account page.",
    "VERSION": "1.1.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# LOGGING: to the console; never answers or IP addresses, and for survey pages (/s/) only the hour
# (config.log_filters; gunicorn's access log likewise, config/gunicorn.conf.py)
# ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"survey_privacy": {"()": "config.log_filters.SurveyPrivacyFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["survey_privacy"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.server": {"level": "WARNING"}},
}
