import os
import secrets
import subprocess
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def run_with_settings(module, **env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k not in ("DATABASE_URL", "REDIS_URL", "SITE_URL")
    }
    env.update(DJANGO_SETTINGS_MODULE=module, **env_overrides)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with_settings(
        "hkstp_portal.settings.production",
        DATABASE_URL=os.environ["DATABASE_URL"],
        REDIS_URL=os.environ["REDIS_URL"],
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_a_database_url():
    env = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "REDIS_URL": "redis://127.0.0.1:1/0"}
    result = run_with_settings("hkstp_portal.settings.production", **env)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_production_starts_with_its_variables():
    result = run_with_settings(
        "hkstp_portal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="talent.example",
        DATABASE_URL=os.environ["DATABASE_URL"],
        REDIS_URL=os.environ["REDIS_URL"],
        SITE_URL="https://talent.example",
    )
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_the_database_is_postgresql(db):
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        assert int(cursor.fetchone()[0]) >= 150000


def test_the_cache_is_redis():
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    cache.set("probe", "value", 5)
    assert cache.get("probe") == "value"


def test_hong_kong_time_and_three_languages():
    assert settings.TIME_ZONE == "Asia/Hong_Kong"
    assert [code for code, _ in settings.LANGUAGES] == ["en", "zh-hant", "zh-hans"]


def test_a_bad_rate_limit_override_stops_the_start_with_a_clear_message():
    servers = {"DATABASE_URL": os.environ["DATABASE_URL"], "REDIS_URL": os.environ["REDIS_URL"]}
    for override, message in [
        ('{"apply": "ten/m"}', "expected rates such as"),
        ('{"apply": "10/m,5"}', "expected rates such as"),
        ('{"aply": "20/m"}', "unknown group 'aply'"),
        ('["apply"]', "must be a JSON object"),
    ]:
        result = run_with_settings(
            "hkstp_portal.settings.test", DJANGO_PORTAL_RATE_LIMITS=override, **servers
        )
        assert result.returncode != 0, override
        assert "ImproperlyConfigured" in result.stderr
        assert message in result.stderr
    good = run_with_settings(
        "hkstp_portal.settings.test", DJANGO_PORTAL_RATE_LIMITS='{"apply": "20/m,200/h"}', **servers
    )
    assert good.stdout.strip() == "started", good.stderr
