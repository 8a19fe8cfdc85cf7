"""A real Celery worker consuming from the real Redis broker."""

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from hkstp_portal.celery import app
from notifications.tasks import email_send


@pytest.fixture
def live_worker(settings):
    app.conf.task_always_eager = False
    try:
        # The solo pool runs tasks in this process, so the locmem outbox is shared.
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        app.conf.task_always_eager = True


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)  # the task reads the suppressed addresses
def test_a_real_worker_sends_an_email_queued_through_redis(live_worker, mailoutbox):
    payload = {
        "subject": "Your ticket",
        "body": "See you at the fair.",
        "from_email": "talent@example.com",
        "to": ["candidate@example.com"],
    }
    result = email_send.apply_async(args=[payload], ignore_result=False)

    result.get(timeout=20)
    assert [m.subject for m in mail.outbox] == ["Your ticket"]


def test_celery_reads_its_settings_from_django():
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.timezone == "Asia/Hong_Kong"
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit
    assert app.conf.broker_url.startswith("redis://")
    assert "accounts.tasks.email_send" in app.tasks
    for entry in app.conf.beat_schedule.values():
        assert entry["task"] in app.tasks
