import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from hkstp_portal.errors import DomainError
from notifications import services, tasks
from notifications.emails import message_id_for
from notifications.models import (
    Channel,
    Delivery,
    Kind,
    Notification,
    NotificationPreference,
    Status,
)
from notifications.outbox import email_render_and_enqueue
from notifications.services import (
    NotificationRequest,
    notification_create,
    notifications_create_bulk,
)
from tests import factories

pytestmark = pytest.mark.django_db


def test_create_writes_one_row_per_channel_and_sends_the_email_after_commit(candidate, notify):
    rows = notify(candidate)

    assert sorted(r.channel for r in rows) == ["email", "in_app"]
    email_row = Notification.objects.get(channel=Channel.EMAIL)
    in_app = Notification.objects.get(channel=Channel.IN_APP)
    assert email_row.key == f"job-match:1:{candidate.pk}:email"
    assert email_row.status == Status.SENT
    assert email_row.tries == 1
    assert email_row.sent_at is not None
    assert email_row.subject == (
        "A new job matches your profile: Firmware engineer at Lumen Robotics"
    )
    # In-app items are delivered by being written; they wait to be read.
    assert in_app.status == Status.SENT
    assert in_app.read_at is None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [candidate.email]
    assert message.subject == email_row.subject
    assert "http://127.0.0.1:8000/jobs/1/" in message.body


def test_a_repeated_create_creates_nothing_and_sends_nothing_twice(candidate, notify):
    notify(candidate)
    again = notify(candidate)

    assert again == []
    assert Notification.objects.count() == 2
    assert len(mail.outbox) == 1


def test_a_rolled_back_transaction_enqueues_nothing_and_leaves_no_row(
    candidate, monkeypatch, django_capture_on_commit_callbacks
):
    enqueued = []
    monkeypatch.setattr(tasks.notifications_send, "delay", lambda ids: enqueued.append(ids))

    def publish_and_fail():
        with transaction.atomic():
            notification_create(
                recipient=candidate,
                kind=Kind.JOB_MATCH,
                key="job-match:9",
                template="job_match",
                context={"job_title": "x", "company_name": "y"},
            )
            raise RuntimeError("the publishing transaction failed")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        publish_and_fail()

    assert callbacks == []
    assert enqueued == []
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_running_the_send_task_twice_sends_nothing_twice(candidate, monkeypatch, committed):
    monkeypatch.setattr(tasks.notifications_send, "delay", lambda ids: None)
    with committed():
        rows = notification_create(
            recipient=candidate,
            kind=Kind.JOB_MATCH,
            key="job-match:2",
            template="job_match",
            context={"job_title": "x", "company_name": "y"},
            channels=[Channel.EMAIL],
        )
    ids = [row.pk for row in rows]

    assert tasks.notifications_send(ids) == 1
    assert tasks.notifications_send(ids) == 0
    assert len(mail.outbox) == 1
    assert Notification.objects.get().tries == 1


def test_an_email_switched_off_gets_no_row_but_the_in_app_item_stays(candidate, notify):
    NotificationPreference.objects.create(user=candidate, kind=Kind.JOB_MATCH, email_enabled=False)

    rows = notify(candidate)

    assert [r.channel for r in rows] == [Channel.IN_APP]
    assert mail.outbox == []


def test_a_digest_preference_makes_the_email_wait_for_the_digest(candidate, notify):
    NotificationPreference.objects.create(
        user=candidate, kind=Kind.JOB_MATCH, frequency=Delivery.WEEKLY
    )

    notify(candidate)

    email_row = Notification.objects.get(channel=Channel.EMAIL)
    assert email_row.delivery == Delivery.WEEKLY
    assert email_row.status == Status.PENDING
    assert mail.outbox == []


def test_bad_requests_are_refused_and_write_nothing(candidate):
    with pytest.raises(DomainError):
        notification_create(recipient=candidate, kind="spam", key="k", template="job_match")
    with pytest.raises(DomainError):
        notification_create(
            recipient=candidate, kind=Kind.JOB_MATCH, key="k", template="x", channels=["sms"]
        )
    with pytest.raises(DomainError):
        notification_create(
            recipient=candidate, kind=Kind.JOB_MATCH, key="k", template="x", delivery="hourly"
        )
    assert not Notification.objects.exists()


def test_bulk_create_is_one_insert_for_many_recipients(
    django_assert_num_queries, monkeypatch, committed
):
    enqueued = []
    monkeypatch.setattr(tasks.notifications_send, "delay", lambda ids: enqueued.append(ids))
    users = factories.CandidateFactory.create_batch(60)
    NotificationPreference.objects.create(user=users[0], kind=Kind.JOB_MATCH, email_enabled=False)
    requests = [
        NotificationRequest(
            recipient_id=user.pk,
            kind=Kind.JOB_MATCH,
            key=f"job-match:7:{user.pk}",
            template="job_match",
            context={"job_title": "x", "company_name": "y"},
        )
        for user in users
    ]

    # A savepoint, the preferences, the INSERT, the savepoint release.
    with committed(), django_assert_num_queries(4):
        ids = notifications_create_bulk(requests)

    assert len(ids) == 60 + 59
    assert Notification.objects.filter(channel=Channel.EMAIL).count() == 59
    assert sum(len(batch) for batch in enqueued) == 59
    assert max(len(batch) for batch in enqueued) <= 25
    with committed():
        assert notifications_create_bulk(requests) == []


def test_redis_down_loses_nothing_and_the_sweep_sends_it_later(candidate, monkeypatch, committed):
    def broker_down(ids):
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(tasks.notifications_send, "delay", broker_down)
    with committed():  # does not raise: the caller (a job being published) is not failed
        notification_create(
            recipient=candidate,
            kind=Kind.JOB_MATCH,
            key="job-match:3",
            template="job_match",
            context={"job_title": "x", "company_name": "y"},
        )
    row = Notification.objects.get(channel=Channel.EMAIL)
    assert row.status == Status.PENDING
    assert mail.outbox == []

    # The sweep leaves rows this fresh to the task their creator enqueued...
    monkeypatch.undo()
    assert tasks.notifications_sweep() == 0
    # ...and sends them once they are older than the grace period, the broker being back.
    Notification.objects.filter(pk=row.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(minutes=3)
    )
    assert tasks.notifications_sweep() == 1

    row.refresh_from_db()
    assert row.status == Status.SENT
    assert len(mail.outbox) == 1
    assert tasks.notifications_sweep() == 0


def test_a_failed_send_backs_off_exponentially_then_goes_dead(candidate, settings, monkeypatch):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FailingBackend"
    monkeypatch.setattr(tasks.notifications_send, "delay", lambda ids: None)
    (row,) = notification_create(
        recipient=candidate,
        kind=Kind.JOB_MATCH,
        key="job-match:4",
        template="job_match",
        context={"job_title": "x", "company_name": "y"},
        channels=[Channel.EMAIL],
    )

    waits = []
    for _try in range(settings.NOTIFICATIONS_MAX_TRIES):
        before = timezone.now()
        assert tasks.notifications_send([row.pk]) == 0
        row.refresh_from_db()
        if row.status == Status.FAILED:
            waits.append(round((row.next_attempt_at - before).total_seconds() / 60))
            # Not due yet: another run does nothing.
            assert tasks.notifications_send([row.pk]) == 0
            assert Notification.objects.get(pk=row.pk).tries == row.tries
            Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())

    assert waits == [1, 2, 4, 8]
    assert row.status == Status.DEAD
    assert row.tries == 5
    assert "SMTPServerDisconnected" in row.last_error
    # The sweep leaves the dead alone.
    assert services.notifications_due_ids() == []


def test_every_email_carries_the_unsubscribe_headers_and_a_stable_message_id(
    candidate, notify, committed
):
    notify(candidate)
    with committed():
        email_render_and_enqueue(
            to=candidate.email,
            template="data_export_failed",
            context={"user": candidate},
            language="en",
        )

    assert len(mail.outbox) == 2
    keys = list(Notification.objects.filter(channel=Channel.EMAIL).values_list("key", flat=True))
    assert {m.extra_headers["Message-ID"] for m in mail.outbox} == {
        message_id_for(key) for key in keys
    }
    for message in mail.outbox:
        assert message.extra_headers["List-Unsubscribe"].startswith(
            "<http://127.0.0.1:8000/unsubscribe/"
        )
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        unsubscribe_url = message.extra_headers["List-Unsubscribe"].strip("<>")
        assert unsubscribe_url in message.body
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html"
        assert unsubscribe_url in html


def test_emails_are_rendered_in_the_recipients_language(notify):
    user = factories.CandidateFactory(language="zh-hant")

    notify(user)

    html = mail.outbox[0].alternatives[0][0]
    assert '<html lang="zh-hant">' in html
    assert "/zh-hant/unsubscribe/" in mail.outbox[0].extra_headers["List-Unsubscribe"]


def test_transactional_emails_to_users_go_through_the_ledger_once_per_key(candidate, committed):
    for _call in range(2):
        with committed():
            email_render_and_enqueue(
                to=candidate.email.upper(),
                template="data_export_ready",
                context={"user": candidate, "valid_days": 7},
                language="en",
                key="export:1",
            )

    row = Notification.objects.get()
    assert (row.kind, row.channel, row.status, row.key) == ("account", "email", "sent", "export:1")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == row.subject


def test_transactional_emails_without_a_key_are_each_recorded(candidate, committed):
    for _call in range(2):
        with committed():
            email_render_and_enqueue(
                to=candidate.email,
                template="data_export_failed",
                context={"user": candidate},
                language="en",
            )

    assert Notification.objects.filter(status=Status.SENT).count() == 2
    assert len(mail.outbox) == 2


def test_an_application_email_is_of_its_kind_and_respects_the_preference(candidate, committed):
    application = factories.ApplicationFactory(candidate=candidate)
    NotificationPreference.objects.create(
        user=candidate, kind=Kind.APPLICATION_STAGE, email_enabled=False
    )

    with committed():
        email_render_and_enqueue(
            to=candidate.email,
            template="application_stage_changed",
            context={"application": application, "job": application.job, "user": candidate},
            language="en",
        )

    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_an_address_that_is_no_user_takes_the_direct_path(db, committed):
    company = factories.VerifiedCompanyFactory()
    inviter = factories.CompanyAdminFactory(company=company).user
    invitation = company.invitations.create(email="new@example.com", invited_by=inviter)

    with committed():
        email_render_and_enqueue(
            to="new@example.com",
            template="team_invitation",
            context={"invitation": invitation, "inviter": inviter, "company": company},
            language="en",
        )

    assert not Notification.objects.exists()
    assert [m.to for m in mail.outbox] == [["new@example.com"]]


def test_read_marks_touch_only_the_users_own_in_app_items(candidate, notify):
    other = factories.CandidateFactory()
    mine = next(r for r in notify(candidate) if r.channel == Channel.IN_APP)
    theirs = next(r for r in notify(other) if r.channel == Channel.IN_APP)

    with pytest.raises(Notification.DoesNotExist):
        services.notification_mark_read(user=candidate, notification_id=theirs.pk)
    services.notification_mark_read(user=candidate, notification_id=mine.pk)
    first_read = Notification.objects.get(pk=mine.pk).read_at
    services.notification_mark_read(user=candidate, notification_id=mine.pk)

    assert first_read is not None
    assert Notification.objects.get(pk=mine.pk).read_at == first_read
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    notify(candidate, key="job-match:2")
    assert services.notifications_mark_all_read(user=candidate) == 1
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_unsubscribe_switches_the_kind_off_and_cancels_waiting_emails(candidate, monkeypatch):
    monkeypatch.setattr(tasks.notifications_send, "delay", lambda ids: None)
    notification_create(
        recipient=candidate,
        kind=Kind.JOB_MATCH,
        key="job-match:5",
        template="job_match",
        context={"job_title": "x", "company_name": "y"},
    )

    services.notifications_unsubscribe(user=candidate, kinds=[Kind.JOB_MATCH])

    assert not NotificationPreference.objects.get(user=candidate, kind=Kind.JOB_MATCH).email_enabled
    assert Notification.objects.get(channel=Channel.EMAIL).status == Status.DEAD
    assert Notification.objects.get(channel=Channel.IN_APP).status == Status.SENT
    with pytest.raises(DomainError):
        services.notifications_unsubscribe(user=candidate, kinds=["digest"])


def test_preferences_refuse_a_digest_for_a_kind_without_one(candidate):
    with pytest.raises(DomainError):
        services.notification_preferences_set(
            user=candidate, choices={Kind.APPLICATION_STAGE: (True, Delivery.DAILY)}
        )
    services.notification_preferences_set(
        user=candidate, choices={Kind.JOB_MATCH: (False, Delivery.DAILY)}
    )
    preference = NotificationPreference.objects.get(user=candidate)
    assert (preference.email_enabled, preference.frequency) == (False, "daily")


def test_a_large_burst_is_one_fan_out_message_that_a_worker_splits(settings, monkeypatch):
    settings.NOTIFICATIONS_BATCH_SIZE = 2
    fanned, published = [], []
    monkeypatch.setattr(tasks.notifications_fan_out, "delay", lambda ids: fanned.append(ids))
    monkeypatch.setattr(tasks.notifications_send, "delay", lambda ids: published.append(ids))
    ids = list(range(1, 42))  # above 20 batches of 2

    services.notifications_enqueue(ids)

    assert fanned == [ids]
    assert published == []
    tasks.notifications_fan_out(ids)
    assert len(published) == 21
    assert [i for batch in published for i in batch] == ids


def test_a_fan_out_with_the_broker_down_leaves_the_rows_to_the_sweep(settings, monkeypatch, caplog):
    settings.NOTIFICATIONS_BATCH_SIZE = 2

    def broker_down(ids):
        raise OperationalError("Connection refused")

    monkeypatch.setattr(tasks.notifications_fan_out, "delay", broker_down)

    services.notifications_enqueue(list(range(100)))  # does not raise

    assert "Broker unreachable: 100 notification(s) left to the sweep" in caplog.text


def test_an_inactive_account_gets_no_email(candidate, notify):
    candidate.is_active = False
    candidate.save()

    notify(candidate)

    row = Notification.objects.get(channel=Channel.EMAIL)
    assert (row.status, row.last_error) == (Status.DEAD, "inactive account")
    assert mail.outbox == []


def test_bulk_preferences_apply_to_their_own_user_and_kind_only(committed):
    users = factories.CandidateFactory.create_batch(3)
    NotificationPreference.objects.create(user=users[0], kind=Kind.JOB_MATCH, email_enabled=False)
    # Another kind switched off, and a digest for another kind: no effect on job matches.
    NotificationPreference.objects.create(
        user=users[1], kind=Kind.APPLICATION_STAGE, email_enabled=False
    )
    NotificationPreference.objects.create(
        user=users[2], kind=Kind.CANDIDATE_MATCH, frequency=Delivery.DAILY
    )
    requests = [
        NotificationRequest(
            recipient_id=user.pk,
            kind=Kind.JOB_MATCH,
            key=f"job-match:8:{user.pk}",
            template="job_match",
            context={"job_title": "x", "company_name": "y"},
        )
        for user in users
    ]

    with committed():
        notifications_create_bulk(requests)

    emails = Notification.objects.filter(channel=Channel.EMAIL)
    assert {row.recipient_id: row.delivery for row in emails} == {
        users[1].pk: Delivery.INSTANT,
        users[2].pk: Delivery.INSTANT,
    }
    assert Notification.objects.filter(channel=Channel.IN_APP).count() == 3
