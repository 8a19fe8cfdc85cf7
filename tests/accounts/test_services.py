import pytest
from django.contrib.auth.models import Group
from django.core.mail import EmailMultiAlternatives
from django.db import transaction

from accounts.services import (
    EVENT_ORGANISERS,
    MODERATORS,
    email_enqueue,
    staff_groups_sync,
)

pytestmark = pytest.mark.django_db


def message():
    msg = EmailMultiAlternatives("Hello", "Text body", "from@example.com", ["to@example.com"])
    msg.attach_alternative("<p>HTML body</p>", "text/html")
    return msg


def test_email_is_sent_after_commit_with_both_parts(mailoutbox, committed):
    with committed():
        email_enqueue(message())
        assert mailoutbox == []  # not before the commit

    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Hello"
    assert mailoutbox[0].alternatives[0][0] == "<p>HTML body</p>"


def test_a_rolled_back_transaction_sends_nothing(mailoutbox, committed):
    def fail_after_queueing():
        with transaction.atomic():
            email_enqueue(message())
            raise RuntimeError("the request failed after the email was queued")

    with committed(), pytest.raises(RuntimeError):
        fail_after_queueing()

    assert mailoutbox == []


def test_staff_groups_have_their_permissions_and_sync_is_idempotent():
    staff_groups_sync()
    staff_groups_sync()

    moderators = Group.objects.get(name=MODERATORS)
    organisers = Group.objects.get(name=EVENT_ORGANISERS)
    assert moderators.permissions.filter(codename="change_job").exists()
    assert not moderators.permissions.filter(codename="delete_job").exists()
    assert organisers.permissions.filter(codename="add_event").exists()
    # Fair staff approve exhibitors and run programme rounds, but cannot edit tickets.
    assert organisers.permissions.filter(codename="change_exhibitor").exists()
    assert organisers.permissions.filter(codename="view_programmeapplication").exists()
    assert not organisers.permissions.filter(codename="change_registration").exists()
    assert Group.objects.filter(name__in=[MODERATORS, EVENT_ORGANISERS]).count() == 2


def test_moderator_can_use_the_admin_for_jobs_but_not_events(client):
    from tests import factories

    staff_groups_sync()
    moderator = factories.StaffFactory()
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)

    assert client.get("/admin/jobs/job/").status_code == 200
    assert client.get("/admin/events/event/").status_code == 403
