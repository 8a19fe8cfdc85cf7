"""Production: gunicorn behind a TLS-terminating proxy (docker-compose.yml).

Fails fast: no secret key (or a short, guessable one), database, Redis or public address
(SITE_URL) means no start.
`manage.py check --deploy` reports nothing with these settings (tests/hkstp_portal/test_deploy.py).
"""

import re

import environ
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

_env = environ.Env()
for _name in ("DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "SITE_URL"):
    if not _env.str(_name, default=""):
        raise ImproperlyConfigured(f"Set the {_name} environment variable.")


def _secret_key_weakness(key):
    """Why `key` is not fit to sign sessions and password-reset links, or None. The same
    bar as Django's security.W009, refused at start instead of warned about."""
    if len(key) < SECRET_KEY_MIN_LENGTH:
        return f"it is shorter than {SECRET_KEY_MIN_LENGTH} characters"
    if len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS:
        return f"it has fewer than {SECRET_KEY_MIN_UNIQUE_CHARACTERS} different characters"
    if key.startswith(SECRET_KEY_INSECURE_PREFIX) or "change-me" in key:
        return "it is a placeholder, not a secret"
    return None


# Every link in every email: the worker has no request to take a host from. Links are
# SITE_URL + a path, so it is a scheme and a host, nothing after.
if not re.fullmatch(r"https?://[^/\s]+/?", _env.str("SITE_URL")):
    raise ImproperlyConfigured(
        "SITE_URL must be the portal's public address, a scheme and a host such as "
        "https://talent.hkstp.example"
    )

if _weakness := _secret_key_weakness(_env.str("DJANGO_SECRET_KEY")):
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY is not secure: {_weakness}. Generate one with: python -c "
        '"import secrets; print(secrets.token_urlsafe(50))"'
    )

from .base import *  # noqa: E402, F403
from .base import env  # noqa: E402

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# --- HTTPS behind the proxy --------------------------------------------------------
# The proxy terminates TLS and tells gunicorn the original scheme in X-Forwarded-Proto.
# Django trusts that header as is, so the proxy MUST overwrite (not pass on) any
# X-Forwarded-Proto the client sent, and gunicorn must be reachable only through it;
# otherwise anyone could claim https. /health/ is answered before the redirect
# (hkstp_portal/health.py), so the container's plain-HTTP health check needs no exemption.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# One year, subdomains included. The preload flag only declares the domain eligible for
# the browsers' built-in HTTPS-only list (someone still has to submit it at
# hstspreload.org, and leaving the list takes months): turn it off with
# DJANGO_SECURE_HSTS_PRELOAD=false where a subdomain must stay reachable over HTTP.
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# The one TLS proxy appends the client's address to X-Forwarded-For; without it every
# visitor would share the proxy's address and its per-IP rate limits (base.py explains).
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=1)

# --- Error reports (hkstp_portal/error_reports.py) -----------------------------------
# Django mails the traceback of every 500 to ADMINS ("Name <a@b>, c@d"), from SERVER_EMAIL,
# whether or not Sentry is set up: the fallback where there is none, a second channel beside.
from hkstp_portal.error_reports import admins_parse, sentry_init  # noqa: E402

ADMINS = admins_parse(env.str("DJANGO_ADMINS", default=""))
DEFAULT_EXCEPTION_REPORTER_FILTER = "hkstp_portal.error_reports.PrivateExceptionReporterFilter"
SENTRY_ENABLED = sentry_init(
    dsn=env.str("SENTRY_DSN", default=""),
    environment=env.str("SENTRY_ENVIRONMENT", default="production"),
    release=env.str("SENTRY_RELEASE", default=""),
    traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
)

# --- Email provider (settings/base.py: ANYMAIL_ESP) -------------------------------------
# Bounces and complaints must reach the suppression list, or the provider keeps being asked
# to mail dead addresses (and the portal's sending reputation suffers).
if ANYMAIL_ESP and not ANYMAIL.get("WEBHOOK_SECRET"):  # noqa: F405
    raise ImproperlyConfigured(
        "ANYMAIL_ESP is set: also set ANYMAIL_WEBHOOK_SECRET (user:password), and give the "
        "provider its bounce and complaint webhook at https://<host>/anymail/<esp>/tracking/."
    )
