"""The hardest guarantee, end to end: a real worker process and the real Redis.

A worker is SIGKILLed in the middle of a batch, in the middle of an email being sent.
After a restart and the sweep, every ledger row is sent, and each email left exactly
once (its Message-ID appears once in what the mail "server" recorded).
"""

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from hkstp_portal.celery import app
from notifications import tasks
from notifications.emails import message_id_for
from notifications.models import Channel, Kind, Notification, Status
from notifications.services import notification_create
from tests import factories

BATCH = 8


def _lines(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


def _wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _test_database_url() -> str:
    base, _slash, _name = settings.DATABASE_URL.rpartition("/")
    return f"{base}/{connection.settings_dict['NAME']}"


def _start_worker(directory: Path, *, slow: float) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
        "DATABASE_URL": _test_database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_DEFAULT_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
        "NOTIFY_TEST_DIR": str(directory),
        "NOTIFY_TEST_SLOW": str(slow),
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "hkstp_portal",
            "worker",
            # The solo pool runs the task in the worker's own process: SIGKILL hits it mid-task.
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(directory / "worker.log").open("ab"),
    )


def _forget_unacked(task_name: str) -> None:
    """The killed worker's message sits unacknowledged in Redis and would come back after the
    visibility timeout (an hour); drop it so it does not surface in a later test run."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    for tag, raw in client.hgetall("unacked").items():
        try:
            message = json.loads(raw)[0]
        except (ValueError, IndexError, TypeError):
            continue
        if message.get("headers", {}).get("task") == task_name:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


@pytest.fixture
def broker():
    """Celery publishes to the real Redis from this process (no eager tasks)."""
    app.conf.task_always_eager = False
    app.control.purge()
    try:
        yield
    finally:
        app.conf.task_always_eager = True
        app.control.purge()
        _forget_unacked(tasks.notifications_send.name)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_ends_with_every_email_sent_exactly_once(tmp_path, broker):
    users = factories.CandidateFactory.create_batch(BATCH)
    # Committed for real (transactional test): the on-commit enqueue puts one batch in Redis.
    for user in users:
        notification_create(
            recipient=user,
            kind=Kind.JOB_MATCH,
            key=f"job-match:1:{user.pk}",
            template="job_match",
            context={"job_title": "Firmware engineer", "company_name": "Lumen Robotics"},
            channels=[Channel.EMAIL],
        )
    rows = Notification.objects.filter(channel=Channel.EMAIL)
    assert rows.count() == BATCH
    started, sent = tmp_path / "started", tmp_path / "sent"

    worker = _start_worker(tmp_path, slow=0.5)
    try:
        # Kill while an email is in the middle of its "SMTP dialogue", a few emails in.
        _wait_for(
            lambda: len(_lines(sent)) >= 3 and len(_lines(started)) > len(_lines(sent)),
            timeout=60,
            what="the worker to be in the middle of its batch",
        )
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    sent_before_restart = len(_lines(sent))
    assert 3 <= sent_before_restart < BATCH
    # The ledger agrees with what left: the email in hand was rolled back to pending.
    assert rows.filter(status=Status.SENT).count() == sent_before_restart

    worker = _start_worker(tmp_path, slow=0)
    try:
        tasks.notifications_sweep.delay()
        _wait_for(
            lambda: not rows.exclude(status=Status.SENT).exists(),
            timeout=60,
            what="the sweep and the restarted worker to send the rest",
        )
    finally:
        worker.terminate()
        worker.wait(timeout=20)

    assert all(row.tries >= 1 for row in rows)
    assert set(rows.values_list("status", flat=True)) == {Status.SENT}
    message_ids = _lines(sent)
    assert Counter(message_ids).most_common(1)[0][1] == 1
    assert set(message_ids) == {message_id_for(key) for key in rows.values_list("key", flat=True)}
    # The kill did land mid-send: one email was started twice, and left once.
    assert len(_lines(started)) == BATCH + 1
