import pytest
from django.core import mail

from notifications import tasks
from notifications.models import Channel, Delivery, Kind, Notification, Status
from notifications.services import notifications_digest_gather
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(notify):
    """waiting(user, n, delivery): n job matches queued for that user's digest."""

    def make(user, n, delivery=Delivery.DAILY):
        for i in range(n):
            notify(
                user,
                key=f"job-match:{delivery}:{i}",
                context={"job_title": f"Role {i}", "company_name": "Lumen Robotics"},
                url=f"/jobs/{i}/",
                delivery=delivery,
            )

    return make


def test_the_daily_digest_sends_one_email_per_recipient_and_marks_every_item_sent(
    waiting, committed
):
    alice, bob, carol = factories.CandidateFactory.create_batch(3)
    waiting(alice, 3)
    waiting(bob, 1)
    waiting(carol, 2, delivery=Delivery.WEEKLY)
    assert mail.outbox == []

    with committed():
        assert tasks.notifications_digest_daily() == 2

    assert sorted(m.to[0] for m in mail.outbox) == sorted([alice.email, bob.email])
    to_alice = next(m for m in mail.outbox if m.to == [alice.email])
    assert to_alice.subject == "Your daily digest from the HKSTP Talent Portal"
    for i in range(3):
        assert f"Role {i} at Lumen Robotics" in to_alice.body
        assert f"http://127.0.0.1:8000/jobs/{i}/" in to_alice.body
    assert to_alice.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    daily_items = Notification.objects.filter(channel=Channel.EMAIL, delivery=Delivery.DAILY)
    assert set(daily_items.values_list("status", flat=True)) == {Status.SENT}
    assert all(item.digest_id for item in daily_items)
    weekly = Notification.objects.filter(delivery=Delivery.WEEKLY)
    assert set(weekly.values_list("status", flat=True)) == {Status.PENDING}


def test_a_second_run_sends_nothing_new(waiting, committed):
    user = factories.CandidateFactory()
    waiting(user, 2)
    with committed():
        tasks.notifications_digest_daily()
    with committed():
        assert tasks.notifications_digest_daily() == 0

    assert len(mail.outbox) == 1
    assert Notification.objects.filter(kind=Kind.DIGEST).count() == 1


def test_an_item_arriving_after_the_digest_left_waits_for_the_next_one(waiting, notify, committed):
    user = factories.CandidateFactory()
    waiting(user, 1)
    with committed():
        notifications_digest_gather(delivery=Delivery.DAILY, period="2026-11-25")
    notify(user, key="job-match:late", delivery=Delivery.DAILY)

    with committed():
        assert notifications_digest_gather(delivery=Delivery.DAILY, period="2026-11-25") == []
    late = Notification.objects.get(key__startswith="job-match:late", channel=Channel.EMAIL)
    assert (late.status, late.digest_id) == (Status.PENDING, None)

    with committed():
        notifications_digest_gather(delivery=Delivery.DAILY, period="2026-11-26")
    assert len(mail.outbox) == 2
    late.refresh_from_db()
    assert late.status == Status.SENT


def test_the_weekly_digest_gathers_weekly_items_only(waiting, committed):
    user = factories.CandidateFactory()
    waiting(user, 2, delivery=Delivery.WEEKLY)
    waiting(user, 1, delivery=Delivery.DAILY)

    with committed():
        assert tasks.notifications_digest_weekly() == 1

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Your weekly digest from the HKSTP Talent Portal"
    assert "Role 1" in mail.outbox[0].body
    digest = Notification.objects.get(kind=Kind.DIGEST)
    assert digest.context == {"delivery": "weekly", "kinds": ["job_match"]}
    assert digest.items.count() == 2


def test_a_digest_that_fails_is_retried_with_its_items_still_waiting(waiting, committed, settings):
    user = factories.CandidateFactory()
    waiting(user, 2)
    settings.EMAIL_BACKEND = "tests.notifications.backends.FailingBackend"

    with committed():
        tasks.notifications_digest_daily()

    digest = Notification.objects.get(kind=Kind.DIGEST)
    assert (digest.status, digest.tries) == (Status.FAILED, 1)
    assert set(digest.items.values_list("status", flat=True)) == {Status.PENDING}


def test_digests_are_scheduled_at_eight_hong_kong_time(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE
    daily = schedule["notifications-digest-daily"]["schedule"]
    weekly = schedule["notifications-digest-weekly"]["schedule"]
    assert settings.CELERY_TIMEZONE == "Asia/Hong_Kong"
    assert daily.hour == {8}
    assert daily.minute == {0}
    assert weekly.hour == {8}
    assert weekly.day_of_week == {1}
    assert schedule["notifications-sweep"]["task"] == "notifications.tasks.notifications_sweep"
