"""Faults against real servers, no mocks: Redis restarted or down, PostgreSQL connections cut
under a running web server and worker. After each, the notification ledger ends with every
email sent, and each exactly once.

The third fault of issue 8, a Celery worker SIGKILLed in the middle of a batch and
restarted, is tests/notifications/test_worker_kill.py: it asserts the same invariant (every
row sent, each Message-ID once in what the mail "server" recorded).

How sends are observed: the worker process uses tests.notifications.worker_settings, whose
email backend appends each Message-ID to a file (a real worker cannot reach the test's
locmem outbox); the Message-ID is derived from the ledger key, so "each key's Message-ID
exactly once in the file" is "nothing lost, nothing sent twice".
"""

import datetime
import http.cookiejar
import secrets
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from applications.models import Stage
from hkstp_portal.celery import app
from notifications import tasks
from notifications.emails import message_id_for
from notifications.models import Channel, Kind, Notification, Status
from notifications.services import notification_create, notifications_due_ids
from tests import factories
from tests.workers import (
    OwnedRedis,
    free_port,
    lines,
    producer_use,
    start_worker,
    stop,
    subprocess_env,
    wait_for,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

BATCH = 6


def _notify(users, tag: str) -> None:
    for user in users:
        notification_create(
            recipient=user,
            kind=Kind.JOB_MATCH,
            key=f"fault-{tag}:{user.pk}",
            template="job_match",
            context={"job_title": "Firmware engineer", "company_name": "Lumen Robotics"},
            channels=[Channel.EMAIL],
        )


def _emails():
    return Notification.objects.filter(channel=Channel.EMAIL)


def _assert_each_sent_once(sent_file) -> None:
    """The ledger invariant: every email row sent, and each left the building exactly once."""
    rows = _emails()
    assert rows.exists()
    assert set(rows.values_list("status", flat=True)) == {Status.SENT}
    message_ids = lines(sent_file)
    assert Counter(message_ids).most_common(1)[0][1] == 1, "an email was sent twice"
    assert set(message_ids) == {message_id_for(key) for key in rows.values_list("key", flat=True)}


@pytest.fixture
def owned_redis(tmp_path):
    """A Redis of this test's own, used as broker (and cache) by the test's producer and the
    worker; the test run's shared Redis is never touched."""
    server = OwnedRedis(tmp_path)
    server.start()
    app.conf.task_always_eager = False
    producer_use(server.url)
    try:
        yield server
    finally:
        producer_use(settings.CELERY_BROKER_URL)
        app.conf.task_always_eager = True
        server.stop()


@pytest.fixture
def worker_on(tmp_path):
    """worker_on(redis_url=None): start a real worker; every one started is stopped at the end."""
    started = []

    def start(redis_url=None):
        process = start_worker(tmp_path, slow=0, redis_url=redis_url)
        started.append(process)
        return process

    yield start
    for process in started:
        stop(process)


# --- Redis ---------------------------------------------------------------------------------


def test_tasks_lost_in_a_redis_restart_are_sent_once_by_the_sweep(tmp_path, owned_redis, worker_on):
    """The harder case: the broker keeps nothing across a restart (no RDB, no AOF), as the
    embedded Redis runs. Production (docker-compose.yml) runs Redis with --appendonly yes on
    a volume, so queued tasks survive a restart there, up to the last second before a crash
    (AOF's default fsync); the ledger does not rely on it: the sweep sends what is lost."""
    users = factories.CandidateFactory.create_batch(BATCH)
    _notify(users, "redis-restart")  # committed: the on-commit enqueue reaches the broker
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    assert owned_redis.queued(queue) == BATCH  # one task per commit, waiting for a worker

    owned_redis.restart()
    assert owned_redis.queued(queue) == 0  # the task is gone; only the ledger remembers
    assert set(_emails().values_list("status", flat=True)) == {Status.PENDING}

    worker_on(owned_redis.url)
    tasks.notifications_sweep.delay()  # what beat sends every minute
    wait_for(
        lambda: not _emails().exclude(status=Status.SENT).exists(),
        timeout=40,
        what="the sweep to send what the broker lost",
    )
    _assert_each_sent_once(tmp_path / "sent")


def test_a_page_that_notifies_works_while_redis_is_down_and_the_email_follows(
    tmp_path, owned_redis, worker_on, settings
):
    """Redis down entirely (it is the broker and the cache in production): the recruiter's
    stage change still succeeds, the email waits in the ledger, and is sent once when Redis
    and a worker are back."""
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": owned_redis.url},
    }
    application = factories.ApplicationFactory()
    recruiter = factories.CompanyMemberFactory(company=application.job.company).user
    client = Client()
    client.force_login(recruiter)
    owned_redis.stop()

    response = client.post(
        reverse("applications:stage_set", args=[application.pk]),
        {"stage": Stage.SCREENING, "notify": "on"},
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.SCREENING
    email = _emails().get(recipient=application.candidate)
    assert email.status == Status.PENDING

    owned_redis.start()
    worker_on(owned_redis.url)
    tasks.notifications_sweep.delay()
    wait_for(
        lambda: _emails().filter(status=Status.SENT).count() == 1,
        timeout=40,
        what="the email to be sent once Redis is back",
    )
    _assert_each_sent_once(tmp_path / "sent")


def test_applying_while_redis_is_down_succeeds_and_the_team_email_waits_in_the_ledger(
    owned_redis, settings
):
    """The broker (and the cache) down when a candidate applies: the application is saved,
    the company team's emails wait in the ledger (the enqueue after commit fails quietly),
    and the sweep finds them once they are past the grace period."""
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": owned_redis.url},
    }
    job = factories.PublishedJobFactory()
    recruiter = factories.CompanyMemberFactory(company=job.company).user
    cv = factories.CVFactory()
    client = Client()
    client.force_login(cv.owner)
    owned_redis.stop()

    response = client.post(reverse("applications:apply", args=[job.pk]), {"cv": cv.pk})

    assert response.status_code == 302
    assert job.applications.get().candidate == cv.owner
    email = _emails().get(recipient=recruiter)
    assert email.status == Status.PENDING
    _emails().update(next_attempt_at=email.created_at - datetime.timedelta(minutes=5))
    assert email.pk in notifications_due_ids()


# --- PostgreSQL ------------------------------------------------------------------------------


class Browser:
    """A signed-in visitor of the real web server: urllib with a cookie jar."""

    def __init__(self, base: str, session_key: str):
        self.base = base
        self.csrf = secrets.token_hex(16)  # a 32-character secret, as Django makes them
        jar = http.cookiejar.CookieJar()
        for name, value in [("sessionid", session_key), ("csrftoken", self.csrf)]:
            jar.set_cookie(_cookie(name, value))
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def status(self, path: str, data: dict | None = None) -> int:
        body = None
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf}).encode()
        try:
            with self.opener.open(self.base + path, data=body, timeout=20) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code


def _cookie(name: str, value: str) -> http.cookiejar.Cookie:
    return http.cookiejar.Cookie(
        0, name, value, None, False, "127.0.0.1", False, False, "/", True, False,
        None, False, None, None, {},
    )  # fmt: skip


def _terminate_backends() -> int:
    """Cut every connection to this test's database but our own: what the web server and the
    worker see when PostgreSQL restarts (their next statement fails on a dead socket)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


@pytest.fixture
def web_server(tmp_path):
    """gunicorn (one sync worker, as the compose file runs it) on the test database, with
    CONN_MAX_AGE and CONN_HEALTH_CHECKS from the base settings, tasks sent to the broker."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "hkstp_portal.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "30",
        ],
        cwd=settings.BASE_DIR,
        env=subprocess_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gunicorn.log").open("ab"),
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            # The test's own server, over http: no other scheme can reach this.
            with urllib.request.urlopen(base + "/jobs/", timeout=5) as response:  # noqa: S310
                return response.status == 200
        except OSError:
            return False

    try:
        wait_for(answers, timeout=30, what="gunicorn to serve")
        yield base
    finally:
        stop(process)


def test_web_server_and_worker_recover_when_postgresql_drops_their_connections(
    tmp_path, broker, web_server, worker_on
):
    """Every request after the cut succeeds, the first one included: CONN_HEALTH_CHECKS
    makes Django test a persistent connection before its first use in a request and open
    a new one, so no visitor sees the restart. The worker opens a connection per task, so
    its next task simply works.

    The cut is pg_terminate_backend on every connection to the test database: for a client
    it is what a restart is (the socket dies under an idle persistent connection), at a
    fraction of the cost of a second cluster (initdb, a schema copy, a start and stop: about
    15 s more on this machine). What it does not model is the minute when PostgreSQL is
    down and new connections are refused; requests then fail (a 500), which no setting can
    avoid, and the ledger keeps its rows for the sweep."""
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    application = factories.ApplicationFactory()
    recruiter = factories.CompanyMemberFactory(company=application.job.company).user
    session = Client()
    session.force_login(recruiter)
    browser = Browser(web_server, session.cookies["sessionid"].value)
    stage_url = reverse("applications:stage_set", args=[application.pk])
    page_url = reverse("applications:application", args=[application.pk])
    worker_on()

    # Before: the web server holds a persistent connection (CONN_MAX_AGE), the worker sends.
    assert browser.status(page_url) == 200
    assert browser.status(stage_url, {"stage": Stage.SCREENING, "notify": "on"}) == 200
    wait_for(lambda: len(lines(tmp_path / "sent")) == 1, timeout=40, what="the first email")

    # gunicorn's persistent connection, at least. (The worker holds none between tasks:
    # Celery's Django fixup closes it after each task unless CELERY_DB_REUSE_MAX is set.)
    assert _terminate_backends() >= 1

    # After: the very next requests work, reads and a write that notifies.
    assert browser.status("/jobs/") == 200
    assert browser.status(page_url) == 200
    assert browser.status(stage_url, {"stage": Stage.INTERVIEW, "notify": "on"}) == 200
    application.refresh_from_db()
    assert application.stage == Stage.INTERVIEW
    wait_for(
        lambda: _emails().filter(status=Status.SENT).count() == 2,
        timeout=40,
        what="the worker to send the second email on a new connection",
    )
    _assert_each_sent_once(tmp_path / "sent")
