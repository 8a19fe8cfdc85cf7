"""The beat tasks for events: offers expiring, reminders. Idempotent."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from events import tasks
from events.models import Registration
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_tasks_are_scheduled():
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "events.tasks.registration_offers_expire" in schedule
    assert "events.tasks.registration_reminders_send" in schedule


def test_the_offers_task_expires_and_moves_the_queue(mailoutbox, committed):
    event = factories.EventFactory(capacity=1)
    expired = factories.RegistrationFactory(
        event=event,
        status=Registration.Status.OFFERED,
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    nxt = factories.WaitlistedRegistrationFactory(event=event)
    with committed():
        assert tasks.registration_offers_expire.delay().get() == 1
    expired.refresh_from_db()
    nxt.refresh_from_db()
    assert expired.status == Registration.Status.CANCELLED
    assert nxt.status == Registration.Status.OFFERED
    with committed():
        assert tasks.registration_offers_expire.delay().get() == 0
    assert len(mailoutbox) == 2


def test_the_reminder_task_sends_once(mailoutbox, committed):
    soon = timezone.now() + datetime.timedelta(hours=10)
    factories.RegistrationFactory(
        event__starts_at=soon, event__ends_at=soon + datetime.timedelta(hours=4)
    )
    with committed():
        assert tasks.registration_reminders_send.delay().get() == 1
        assert tasks.registration_reminders_send.delay().get() == 0
    assert len(mailoutbox) == 1
    assert "starts soon" in mailoutbox[0].body
