"""The embedded servers, started in a folder of their own (not the suite's)."""

import os
import subprocess
import sys

import psycopg
import pytest
import redis
from django.conf import settings

from hkstp_portal import embedded


@pytest.fixture
def own_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("HKSTP_DATA_DIR", str(tmp_path / "data"))
    yield tmp_path / "data"
    embedded.postgres_stop()
    embedded.redis_stop()


def test_postgres_starts_once_and_is_found_again(own_data_dir):
    url = embedded.postgres_url()
    assert embedded.postgres_url() == url  # a second caller finds the running server

    conninfo = url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(conninfo) as conn:
        version = conn.execute("SHOW server_version_num").fetchone()[0]
        available = {
            row[0] for row in conn.execute("SELECT name FROM pg_available_extensions").fetchall()
        }
    assert int(version) >= 180000
    assert {"pg_trgm", "unaccent", "vector"} <= available

    assert embedded.postgres_stop()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(conninfo, connect_timeout=2)


def test_redis_starts_once_and_stops(own_data_dir):
    url = embedded.redis_url()
    assert embedded.redis_url() == url
    assert redis.Redis.from_url(url).ping()

    assert embedded.redis_stop()
    with pytest.raises(redis.ConnectionError):
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()


def test_exec_runs_a_command_with_the_urls_and_stops_what_it_started(own_data_dir, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    out = own_data_dir.parent / "env.txt"

    code = embedded.main(
        ["exec", "--", "sh", "-c", f'echo "$DATABASE_URL $REDIS_URL" > {out}; exit 3']
    )

    assert code == 3  # the command's own exit code
    database_url, redis_url = out.read_text().split()
    assert database_url.startswith("postgres://")
    assert redis_url.startswith("redis://")
    assert not (own_data_dir / "postgres" / "postmaster.pid").exists()
    assert embedded._running_pid(own_data_dir / "redis" / "redis.pid") is None


def test_exec_leaves_servers_it_found_running(own_data_dir, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    database_url, redis_url = embedded.postgres_url(), embedded.redis_url()

    assert embedded.main(["exec", "--", "true"]) == 0

    assert embedded.postgres_running()
    assert embedded.redis_running()
    assert embedded.postgres_url() == database_url
    assert redis.Redis.from_url(redis_url).ping()


@pytest.mark.parametrize("module", ["hkstp_portal.settings.local", "hkstp_portal.settings.test"])
def test_local_and_test_settings_start_the_embedded_servers_when_the_urls_are_unset(
    own_data_dir, module
):
    """`make run`, `make test` and a plain `manage.py`: no URLs means the embedded servers,
    found by the processes they start through the environment."""
    servers = ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "REDIS_CACHE_URL")
    env = {k: v for k, v in os.environ.items() if k not in servers}
    script = (
        "import os, django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['HOST'], s.CACHES['default']['LOCATION'], "
        "s.CELERY_BROKER_URL, os.environ['DATABASE_URL'], s.MEDIA_ROOT)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**env, "DJANGO_SETTINGS_MODULE": module},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    host, cache, broker, environ_url, media = done.stdout.split()
    assert host == str(own_data_dir / "postgres")
    assert cache == broker == embedded.redis_url()
    assert environ_url == embedded.postgres_url()
    assert media.startswith(str(own_data_dir))
