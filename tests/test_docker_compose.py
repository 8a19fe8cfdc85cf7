"""Containers cannot run here, so the compose file is checked by reading it."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from django.conf import settings

COMPOSE = yaml.safe_load((Path(settings.BASE_DIR) / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def command(service):
    cmd = SERVICES[service]["command"]
    return " ".join(cmd) if isinstance(cmd, list) else cmd


def test_the_stack_has_its_services():
    assert set(SERVICES) == {"db", "redis", "web", "worker", "beat"}


def test_database_is_postgres_18_with_pgvector_and_redis_7():
    assert SERVICES["db"]["image"].startswith("pgvector/pgvector:pg18")
    assert SERVICES["redis"]["image"].startswith("redis:7")


def test_web_migrates_then_serves_with_gunicorn_and_production_settings():
    web = command("web")
    assert web.index("migrate") < web.index("gunicorn")
    assert "hkstp_portal.wsgi:application" in web
    env = SERVICES["web"]["environment"]
    assert env["DJANGO_SETTINGS_MODULE"] == "hkstp_portal.settings.production"
    assert env["DATABASE_URL"].startswith("postgres://")
    assert env["REDIS_URL"].startswith("redis://")


def test_worker_and_beat_run_the_project_celery_app():
    assert command("worker").startswith("celery -A hkstp_portal worker")
    assert command("beat").startswith("celery -A hkstp_portal beat")


def test_every_long_running_service_has_a_healthcheck_and_app_services_wait_for_them():
    for name in ("db", "redis", "web", "worker"):
        assert SERVICES[name]["healthcheck"]["test"], name
    for name in ("web", "worker", "beat"):
        depends = SERVICES[name]["depends_on"]
        assert depends["db"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"


def test_uploaded_files_live_on_a_named_volume():
    assert "media" in COMPOSE["volumes"]
    assert "media:/data/media" in SERVICES["web"]["volumes"]
    assert SERVICES["web"]["environment"]["DJANGO_MEDIA_ROOT"] == "/data/media"


def test_env_example_names_every_secret_production_needs():
    example = (Path(settings.BASE_DIR) / ".env.example").read_text()
    for name in (
        "DJANGO_SECRET_KEY",
        "POSTGRES_PASSWORD",
        "DJANGO_ALLOWED_HOSTS",
        "EMAIL_HOST",
        "SITE_URL",
    ):
        assert f"{name}=" in example


def test_cvs_live_on_their_own_volume_outside_media():
    assert "private" in COMPOSE["volumes"]
    for service in ("web", "worker"):
        assert "private:/data/private" in SERVICES[service]["volumes"]
    assert SERVICES["web"]["environment"]["DJANGO_PRIVATE_MEDIA_ROOT"] == "/data/private"


def test_the_web_healthcheck_command_reaches_health_over_plain_http(live_server):
    # The container's own check, run as Docker would run it (PORT set, nothing else).
    kind, *argv = SERVICES["web"]["healthcheck"]["test"]
    assert kind == "CMD"
    port = urlsplit(live_server.url).port
    env = {"PATH": os.environ["PATH"], "PORT": str(port)}
    done = subprocess.run(
        [sys.executable, *argv[1:]], env=env, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
