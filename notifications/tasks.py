"""Celery tasks for the notification ledger. Each takes ids or nothing, and is idempotent:
the ledger row, not the task message, says what is still to send."""

import datetime
import logging
import smtplib

from celery import shared_task
from django.core.mail import get_connection
from django.utils import timezone

from notifications import services
from notifications.models import Delivery
from notifications.outbox import email_build
from notifications.suppression import addresses_suppressed

logger = logging.getLogger(__name__)


@shared_task
def notifications_send(ids: list[int]) -> int:
    """Send a batch of ledger emails over one mail-server connection; returns how many left.

    Each row is claimed, sent and committed on its own (services.notification_send), so a
    worker killed mid-batch loses at most the row in hand, which the sweep sends again.
    """
    sent = 0
    connection = get_connection()
    try:
        for notification_id in ids:
            if services.notification_send(notification_id, connection=connection):
                sent += 1
    finally:
        try:
            connection.close()
        except Exception:
            logger.warning("Could not close the mail connection", exc_info=True)
    return sent


@shared_task
def notifications_fan_out(ids: list[int]) -> None:
    """A large burst (a job matching thousands): publish its batches from the worker."""
    services.notifications_publish_batches(ids)


@shared_task
def notifications_sweep() -> int:
    """Every minute (beat): re-enqueue emails left pending (the broker was down when they
    were created, or their worker died) and failed ones whose backoff has passed."""
    ids = services.notifications_due_ids()
    if ids:
        logger.info("Sweep: re-enqueuing %d notification(s)", len(ids))
        services.notifications_enqueue(ids)
    return len(ids)


def _today_hk() -> datetime.date:
    return timezone.localdate()  # TIME_ZONE is Asia/Hong_Kong


@shared_task
def notifications_digest_daily() -> int:
    """08:00 Hong Kong time: one email per recipient with their waiting daily items."""
    period = _today_hk().isoformat()
    return len(services.notifications_digest_gather(delivery=Delivery.DAILY, period=period))


@shared_task
def notifications_digest_weekly() -> int:
    """Monday 08:00 Hong Kong time: one email per recipient with their weekly items."""
    year, week, _day = _today_hk().isocalendar()
    period = f"{year}-W{week:02d}"
    return len(services.notifications_digest_gather(delivery=Delivery.WEEKLY, period=period))


@shared_task(
    # Its name from when it lived in accounts.tasks: messages already queued under it
    # still find it after a deploy.
    name="accounts.tasks.email_send",
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=8,
)
def email_send(payload: dict) -> None:
    """Send one email rendered by notifications.outbox.email_enqueue.

    Account emails (verification, password reset) are safe to repeat, so a
    retry after an ambiguous SMTP failure may deliver twice rather than never.
    Addresses the email provider reported as bouncing or complaining get nothing
    (suppression.py explains why allauth's emails too).
    """
    message = email_build(payload)
    suppressed = addresses_suppressed([*message.to, *message.cc, *message.bcc])
    if suppressed:
        logger.warning("Email not sent to %d suppressed address(es)", len(suppressed))
        message.to = [a for a in message.to if a not in suppressed]
        message.cc = [a for a in message.cc if a not in suppressed]
        message.bcc = [a for a in message.bcc if a not in suppressed]
        if not message.recipients():
            return
    message.send()
