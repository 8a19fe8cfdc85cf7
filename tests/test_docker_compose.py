"""Containers cannot run here, so the compose file is checked by reading it."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from django.conf import settings

from tests import dockerfile

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


APP_SERVICES = ("web", "worker", "beat")


def test_the_app_services_run_as_the_user_the_image_makes():
    user = dockerfile.one("USER")
    assert user != "root"
    assert any(cmd[:1] == ["useradd"] and cmd[-1] == user for cmd in dockerfile.run_commands())
    for name in APP_SERVICES:
        assert SERVICES[name].get("user", user) == user, name


def test_every_folder_the_app_writes_to_is_made_by_the_image_and_given_to_its_user():
    """A named volume starts as a copy of the image's folder at its mount point, owner
    included; a folder the image lacks is created for root, and the portal, not root,
    could then not write CVs or uploads there."""
    user = dockerfile.one("USER")
    written = set()
    for name in APP_SERVICES:
        service = SERVICES[name]
        written |= {volume.split(":")[1] for volume in service.get("volumes", [])}
        env = service["environment"]
        written |= {env[v] for v in ("DJANGO_MEDIA_ROOT", "DJANGO_PRIVATE_MEDIA_ROOT")}
        written.add(env["DJANGO_STATIC_ROOT"])  # collectstatic at the web's start
    schedule = command("beat").split("--schedule=")[1].split()[0]
    written.add(str(Path(schedule).parent))
    assert {"/data/media", "/data/private", "/data/beat", "/app/staticfiles"} <= written
    for folder in written:
        assert folder in dockerfile.made_folders(), folder
        assert dockerfile.owner_of(folder) == user, folder
    # The code is not the user's: it cannot change what runs.
    assert dockerfile.owner_of("/app") == "root"
    assert dockerfile.one("WORKDIR") == "/app"


def test_the_image_names_its_folders_and_settings_as_the_compose_file_does():
    image = dockerfile.env()
    env = SERVICES["web"]["environment"]
    for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_MEDIA_ROOT", "DJANGO_PRIVATE_MEDIA_ROOT"):
        assert image[name] == env[name], name
    assert image["DJANGO_STATIC_ROOT"] == env["DJANGO_STATIC_ROOT"]
    # Celery's app would otherwise default to the local settings (hkstp_portal/celery.py).
    assert image["DJANGO_SETTINGS_MODULE"] == "hkstp_portal.settings.production"


def test_the_broker_and_the_cache_are_named_and_their_redis_never_evicts_the_queues():
    env = SERVICES["web"]["environment"]
    broker, cache = urlsplit(env["CELERY_BROKER_URL"]), urlsplit(env["REDIS_CACHE_URL"])
    assert broker.path != cache.path  # clearing the cache never empties a queue
    if broker.netloc == cache.netloc:
        redis_command = SERVICES[broker.hostname]["command"]
        policy = redis_command[redis_command.index("--maxmemory-policy") + 1]
        assert policy == "noeviction"
