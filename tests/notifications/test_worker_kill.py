"""The hardest guarantee, end to end: a real worker process and the real Redis.

A worker is SIGKILLed in the middle of a batch, in the middle of an email being sent.
After a restart and the sweep, every ledger row is sent, and each email left exactly
once (its Message-ID appears once in what the mail "server" recorded).
"""

import signal
from collections import Counter

import pytest

from notifications import tasks
from notifications.emails import message_id_for
from notifications.models import Channel, Kind, Notification, Status
from notifications.services import notification_create
from tests import factories
from tests.workers import lines, start_worker, wait_for

BATCH = 8


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

    worker = start_worker(tmp_path, slow=0.5)
    try:
        # Kill while an email is in the middle of its "SMTP dialogue", a few emails in.
        wait_for(
            lambda: len(lines(sent)) >= 3 and len(lines(started)) > len(lines(sent)),
            timeout=60,
            what="the worker to be in the middle of its batch",
        )
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    sent_before_restart = len(lines(sent))
    assert 3 <= sent_before_restart < BATCH
    # The ledger agrees with what left: the email in hand was rolled back to pending.
    assert rows.filter(status=Status.SENT).count() == sent_before_restart

    worker = start_worker(tmp_path, slow=0)
    try:
        tasks.notifications_sweep.delay()
        wait_for(
            lambda: not rows.exclude(status=Status.SENT).exists(),
            timeout=60,
            what="the sweep and the restarted worker to send the rest",
        )
    finally:
        worker.terminate()
        worker.wait(timeout=20)

    assert all(row.tries >= 1 for row in rows)
    assert set(rows.values_list("status", flat=True)) == {Status.SENT}
    message_ids = lines(sent)
    assert Counter(message_ids).most_common(1)[0][1] == 1
    assert set(message_ids) == {message_id_for(key) for key in rows.values_list("key", flat=True)}
    # The kill did land mid-send: one email was started twice, and left once.
    assert len(lines(started)) == BATCH + 1
