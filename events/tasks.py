from celery import shared_task

from events.services import registrations


@shared_task
def registration_offers_expire() -> int:
    """Beat, every 10 minutes: cancel waitlist offers past their deadline and offer the
    places to the next people. Idempotent."""
    return registrations.registration_offers_expire()


@shared_task
def registration_reminders_send() -> int:
    """Beat, hourly: remind confirmed registrations of events starting within 24 hours,
    once each. Idempotent."""
    return registrations.registrations_remind()
