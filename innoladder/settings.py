"""Settings for InnoLadder, driven by environment variables through typed readers that fail loudly.

Development defaults: DEBUG on, SQLite in ./var/. Production: set DJANGO_DEBUG=0, SECRET_KEY,
ALLOWED_HOSTS and DATABASE_URL (see docs/operations.md).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Environment variable {name} is required")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)
DEBUG_ERROR_PAGES = env_bool("DJANGO_DEBUG_PAGES", False)
VAR_DIR = Path(env_str("INNOLADDER_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "dev-only-key-not-for-production-use-0123456789abcdefghij")
else:
    SECRET_KEY = env_str("SECRET_KEY")
# HMAC key of the audit log's hash chain (core.audit_chain); derived from SECRET_KEY when unset. Set it
# once in production and never change it: entries chained under another key fail verification.
AUDIT_CHAIN_KEY = os.environ.get("AUDIT_CHAIN_KEY", "")
# When set, `manage.py backup` encrypts backups with AES-256-GCM under this key (docs/operations.md §3).
BACKUP_ENCRYPTION_KEY = os.environ.get("BACKUP_ENCRYPTION_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # Django admin is the system configuration screen, behind the one login and its second factor.
    "innoladder.accounts.admin_apps.SystemAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "innoladder.core",
    "innoladder.accounts",
    "innoladder.enterprises",
    "innoladder.assessments",
    "innoladder.recognitions",
    "innoladder.imports",
    "innoladder.rnd",
    "innoladder.projects",
    "innoladder.services",
    "innoladder.cooperation",
    "innoladder.funding",
    "innoladder.policies",
    "innoladder.reports",
    "innoladder.collection",
    "innoladder.contracts",
    "innoladder.ruletables",
    "innoladder.exchange",
    # REST API (/api/v1/, docs/adr/0007-rest-api.md): DRF, its OpenAPI schema, Swagger UI from local files.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "innoladder.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "innoladder.core.middleware.SecurityHeadersMiddleware",  # CSP, Permissions-Policy, no-store
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "innoladder.core.locale.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "innoladder.core.middleware.RequestContextMiddleware",
    "innoladder.accounts.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "innoladder.accounts.middleware.SecondFactorMiddleware",
    "innoladder.accounts.middleware.DutySeparationMiddleware",
    "innoladder.accounts.middleware.PasswordPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The app's own 404/500 pages while DEBUG is on (the demo); Django's pages with DJANGO_DEBUG_PAGES=1.
    "innoladder.core.error_pages.OwnErrorPagesMiddleware",
]

ROOT_URLCONF = "innoladder.urls"
WSGI_APPLICATION = "innoladder.wsgi.application"
ASGI_APPLICATION = "innoladder.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "innoladder.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
SQLITE_OPTIONS = {
    # WAL lets readers work during a write; FULL makes every commit durable on power loss.
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
    # BEGIN IMMEDIATE makes writers queue on the busy timeout instead of failing "database is locked".
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "innoladder.sqlite3",
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caches ---------------------------------------------------------------------------------
# Whole pages per user and query (core.pagecache, docs/adr/0008-page-cache.md) are kept in files so that
# every worker process of the server shares them and the stamp of the data generation, with no service to
# run; several application hosts would point both at one shared backend instead. PAGE_CACHE_SECONDS=0
# turns the page cache off.
PAGE_CACHE_DIR = Path(env_str("PAGE_CACHE_DIR", str(VAR_DIR / "cache")))
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": PAGE_CACHE_DIR / "pages",
        "TIMEOUT": PAGE_CACHE_SECONDS or None,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    "page_generation": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": PAGE_CACHE_DIR / "generation",
        "TIMEOUT": None,
    },
}

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "innoladder.accounts.validators.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "innoladder.accounts.validators.PasswordHistoryValidator"},
]
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 30)
# Failed logins from one source address within the window before it is refused (password spraying).
LOGIN_IP_MAX_FAILURES = env_int("LOGIN_IP_MAX_FAILURES", 10)
LOGIN_IP_WINDOW_MINUTES = env_int("LOGIN_IP_WINDOW_MINUTES", 15)
PASSWORD_HISTORY_COUNT = env_int("PASSWORD_HISTORY_COUNT", 5)  # a new password repeats none of the last N
AUTHENTICATION_BACKENDS = ["innoladder.accounts.backends.RoleBackend"]
# Second factor (TOTP): always for administrators and auditors, for officers when this is on.
MFA_REQUIRED_FOR_OFFICERS = env_bool("MFA_REQUIRED_FOR_OFFICERS", False)
MFA_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = "InnoLadder"
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
ASSESSMENT_WORKERS = env_int("ASSESSMENT_WORKERS", 0)  # batch assessment processes; 0 = CPU count, max 4
PASSWORD_MAX_AGE_DAYS = env_int("PASSWORD_MAX_AGE_DAYS", 90)  # staff, agency and auditor accounts
ACCOUNT_DORMANT_DAYS = env_int("ACCOUNT_DORMANT_DAYS", 90)  # no login for longer → account disabled
IMPORT_FILE_TTL_MINUTES = env_int("IMPORT_FILE_TTL_MINUTES", 60)  # uploads not committed are deleted after
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = 60  # activity renews the idle window at most once a minute (accounts.middleware)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Security headers (production) ----------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# ISO first among the date input formats: a browser's date picker reads only 2026-12-06 (zh-hans's own
# first format, 2026/12/06, leaves it empty).
FORMAT_MODULE_PATH = ["innoladder.formats"]

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads live outside the web root and are only served through scoped views.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Background jobs ------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A running job's worker renews its lease every quarter of this; a lease this old means the worker died.
JOB_LEASE_SECONDS = env_int("JOB_LEASE_SECONDS", 120)
# How often `manage.py run_worker` recovers dead workers' jobs and enqueues due periodic runs.
WORKER_TICK_SECONDS = env_int("WORKER_TICK_SECONDS", 30)

# --- E-mail (reminders are sent only when SMTP is configured) -------------------------------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "innoladder@localhost")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.locmem.EmailBackend"
)

# --- Work reports ---------------------------------------------------------------------------
# The issuing unit in a report's 落款, after the park's name (e.g. "管理委员会", "科技局"); empty: the park.
REPORT_ISSUING_UNIT = os.environ.get("REPORT_ISSUING_UNIT", "")

# --- REST API (docs/api.md) ------------------------------------------------------------------
API_TOKEN_MAX_DAYS = env_int("API_TOKEN_MAX_DAYS", 365)  # a token expires at most this many days after issue
API_TOKEN_MAX_ACTIVE = env_int("API_TOKEN_MAX_ACTIVE", 10)  # unexpired, unrevoked tokens per user
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["innoladder.api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["innoladder.api.authentication.BusinessUser"],
    # Counted per token in the database (api.authentication.TokenRateThrottle): one limit for all workers.
    "DEFAULT_THROTTLE_CLASSES": ["innoladder.api.authentication.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": env_str("API_RATE_LIMIT", "600/min")},
    "DEFAULT_PAGINATION_CLASS": "innoladder.api.pagination.Pagination",
    "PAGE_SIZE": 100,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "innoladder.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "InnoLadder 数据接口 API",
    "DESCRIPTION": (
        "科创企业梯度培育平台的 REST 接口：企业档案、评估、梯度候选、保存量事项、走"
        "访与诉求、年度数据填报、统计与工作总结，以及按企业数据评估（不保存）。以个人接口"
        "令牌认证（Authorization: Bearer …），权限与账户相同，每次"
        "调用均记入审计日志。说明见 docs/api.md。"
        "\n\n"
        "The REST API of InnoLadder: enterprises, assessments, candidates, obligations, visits and "
        "requests, annual data submissions, statistics and work reports, and the rules engine "
        "(nothing stored). Personal API tokens (Authorization: Bearer …) act with the account's own"
        " scope; every call is audited. See docs/api.md."
    ),
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No call to the public validator at swagger.io: the docs page works offline.
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": True},
    "ENUM_NAME_OVERRIDES": {
        "EnterpriseStatusEnum": "innoladder.enterprises.choices.EnterpriseStatus",
        "IPStatusEnum": "innoladder.enterprises.choices.IPStatus",
        "RequestStatusEnum": "innoladder.services.choices.RequestStatus",
        "SubmissionStatusEnum": "innoladder.collection.choices.SubmissionStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
