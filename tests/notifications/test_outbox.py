import pytest
from django.core.mail import EmailMultiAlternatives
from django.db import transaction

from notifications.outbox import email_enqueue

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
