from celery import shared_task

from jobs.services import jobs_expire


@shared_task
def jobs_expire_due() -> int:
    """Beat: mark published jobs past their deadline or lifetime as expired (idempotent)."""
    return jobs_expire()
