import logging
import smtplib

from celery import shared_task
from django.core.management import call_command

from accounts.services import email_build

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=8,
)
def email_send(payload: dict) -> None:
    """Send one email rendered by accounts.services.email_enqueue.

    Account emails (verification, password reset) are safe to repeat, so a
    retry after an ambiguous SMTP failure may deliver twice rather than never.
    Addresses the email provider reported as bouncing or complaining get nothing
    (notifications.suppression explains why allauth's emails too).
    """
    from notifications.suppression import addresses_suppressed

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


@shared_task
def sessions_clear_expired() -> None:
    call_command("clearsessions")
