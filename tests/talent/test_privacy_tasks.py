"""The privacy Celery tasks: found by a real worker, scheduled by beat, and what they run."""

import datetime
import os
import subprocess
import sys

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.utils import timezone

from applications.models import Application
from hkstp_portal.celery import app
from talent import tasks
from talent.models import DataExport
from tests import factories
from tests.storage import isolated_storage_fixture  # noqa: F401

TASKS = [
    "talent.tasks.data_export_build_task",
    "talent.tasks.data_exports_expire",
    "talent.tasks.applications_retention_apply",
]


def test_a_worker_starting_fresh_discovers_the_privacy_tasks():
    """A new process does what `celery worker` does at start-up (import_default_modules,
    which runs autodiscovery); nothing from this test run is imported there."""
    script = (
        "from hkstp_portal.celery import app\n"
        "app.loader.import_default_modules()\n"
        "print('\\n'.join(sorted(app.tasks)))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hkstp_portal.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        timeout=120,
        check=True,
    )
    registered = set(result.stdout.split())
    assert set(TASKS) <= registered
    for entry in app.conf.beat_schedule.values():
        assert entry["task"] in registered


def test_beat_runs_retention_daily_at_a_quiet_hong_kong_hour_and_expiry_hourly():
    schedule = settings.CELERY_BEAT_SCHEDULE
    retention = schedule["privacy-applications-retention"]
    assert retention["task"] == "talent.tasks.applications_retention_apply"
    assert retention["schedule"] == crontab(hour=3, minute=40)
    assert settings.CELERY_TIMEZONE == "Asia/Hong_Kong"
    expiry = schedule["privacy-data-exports-expire"]
    assert expiry["task"] == "talent.tasks.data_exports_expire"
    assert expiry["schedule"] == crontab(minute=25)


def test_the_retention_period_comes_from_the_environment():
    assert settings.APPLICATION_RETENTION_MONTHS == 24
    code = "from django.conf import settings\nprint(settings.APPLICATION_RETENTION_MONTHS)\n"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hkstp_portal.settings.test",
        "HKSTP_APPLICATION_RETENTION_MONTHS": "36",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip() == "36"


@pytest.mark.django_db
def test_the_retention_task_anonymises_and_returns_the_count(isolated_storage):
    application = factories.RejectedApplicationFactory()
    Application.objects.filter(pk=application.pk).update(
        stage_changed_at=timezone.now() - datetime.timedelta(days=800)
    )
    assert tasks.applications_retention_apply.delay().get() == 1
    assert tasks.applications_retention_apply.delay().get() == 0


@pytest.mark.django_db
def test_the_export_tasks_build_and_expire(isolated_storage, candidate):
    export = DataExport.objects.create(user=candidate)
    tasks.data_export_build_task.delay(export.pk)
    tasks.data_export_build_task.delay(export.pk)  # a redelivery: nothing new
    export.refresh_from_db()
    assert export.status == DataExport.Status.READY
    assert isolated_storage.listdir("exports")[1] == [export.file.name.split("/")[1]]

    DataExport.objects.update(ready_at=timezone.now() - datetime.timedelta(days=30))
    assert tasks.data_exports_expire.delay().get() == 1
