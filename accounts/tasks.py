import smtplib

from celery import shared_task
from django.core.management import call_command

from accounts.services import email_build


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
    """
    email_build(payload).send()


@shared_task
def sessions_clear_expired() -> None:
    call_command("clearsessions")
