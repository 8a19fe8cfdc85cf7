from celery import shared_task

from programmes.services import programme_offers_expire


@shared_task
def programme_offers_expire_due() -> int:
    """Beat: offers left unanswered past their reply deadline become declined, freeing
    their places for staff to offer again (idempotent)."""
    return programme_offers_expire()
