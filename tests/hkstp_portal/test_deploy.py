"""Production settings pass Django's deployment checks and refuse a weak secret.

Each test starts a fresh interpreter with the production settings, as gunicorn would."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings


def run_production(args, **env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k not in ("DATABASE_URL", "REDIS_URL", "SITE_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="hkstp_portal.settings.production",
        DJANGO_ALLOWED_HOSTS="talent.example",
        SITE_URL="https://talent.example",
        DATABASE_URL=os.environ["DATABASE_URL"],
        REDIS_URL=os.environ["REDIS_URL"],
    )
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_the_production_settings():
    result = run_production(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_sends_https_only_headers_and_cookies():
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.TRUSTED_PROXY_COUNT)"
    )
    result = run_production(["-c", script], DJANGO_SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split(" ", 1)[0] == "True"
    assert "('HTTP_X_FORWARDED_PROTO', 'https') 31536000 True True True True True 1" in (
        result.stdout
    )


def test_hsts_preload_can_be_switched_off():
    script = "import django; django.setup(); from django.conf import settings as s; "
    script += "print(s.SECURE_HSTS_PRELOAD)"
    result = run_production(
        ["-c", script],
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_SECURE_HSTS_PRELOAD="false",
    )
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.parametrize(
    ("secret", "reason"),
    [
        ("too-short-" + "a1b2c3", "shorter than 50 characters"),
        ("ab" * 40, "fewer than 5 different characters"),
        ("django-insecure-" + secrets.token_urlsafe(50), "placeholder"),
        ("change-me-50-random-characters-" + secrets.token_urlsafe(30), "placeholder"),
    ],
)
def test_production_refuses_to_start_with_a_weak_secret(secret, reason):
    result = run_production(
        ["-c", "import django; django.setup(); print('started')"], DJANGO_SECRET_KEY=secret
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not secure" in result.stderr
    assert reason in result.stderr
    assert "started" not in result.stdout


@pytest.mark.parametrize("site_url", ["", "talent.example", "https://", "https://x.example/talent"])
def test_production_refuses_to_start_without_its_public_address(site_url):
    """Every link in every email the worker sends is built from SITE_URL."""
    result = run_production(
        ["-c", "import django; django.setup(); print('started')"],
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        SITE_URL=site_url,
    )
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr
    assert "started" not in result.stdout


def test_production_emails_link_to_its_public_address():
    script = "import django; django.setup(); from django.conf import settings as s; "
    script += "print(s.SITE_URL)"
    result = run_production(
        ["-c", script],
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        SITE_URL="https://talent.hkstp.example/",
    )
    assert result.stdout.strip() == "https://talent.hkstp.example", result.stderr
