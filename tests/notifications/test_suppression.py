"""Bounces and complaints from the email provider: the message's ledger rows die, the
address is suppressed, nothing more is sent to it (the ledger's emails nor allauth's),
and staff lift it in the admin.

The webhook is anymail's own view for Postmark, called through the test client with a
payload in Postmark's format (its documented bounce and spam-complaint examples); the
email leaves through anymail's test backend, which gives each message an id the way a
provider's API does.
"""

import base64
import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from notifications import tasks
from notifications.models import Channel, Notification, Status, SuppressedAddress
from notifications.suppression import address_is_suppressed, email_delivery_failed
from tests import factories

pytestmark = pytest.mark.django_db

WEBHOOK = "/anymail/postmark/tracking/"


@pytest.fixture(autouse=True)
def _through_anymail(settings):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"


def _auth(secret="webhook:test-secret"):  # noqa: S107 - the test settings' own
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


def _postmark_bounce(message_id, email, type_="HardBounce"):
    return {
        "RecordType": "Bounce",
        "MessageStream": "outbound",
        "ID": 4323372036854775807,
        "Type": type_,
        "TypeCode": 1,
        "Name": "Hard bounce",
        "MessageID": message_id,
        "Metadata": {},
        "ServerID": 23,
        "Description": "The server was unable to deliver your message "
        "(ex: unknown user, mailbox not found).",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": email,
        "From": "talent@portal.hkstp.example",
        "BouncedAt": "2026-11-05T16:33:54.9070259Z",
        "DumpAvailable": False,
        "Inactive": True,
        "CanActivate": True,
        "Subject": "A job that matches your profile",
    }


def _post(client, payload, **auth):
    return client.post(
        WEBHOOK, json.dumps(payload), content_type="application/json", **(auth or _auth())
    )


def _email_row(user):
    return Notification.objects.get(recipient=user, channel=Channel.EMAIL)


def test_a_bounce_kills_the_message_suppresses_the_address_and_stops_all_email(
    client, notify, committed
):
    candidate = factories.CandidateFactory(email="Gone.Person@example.com")
    notify(candidate, key="job-match:1")
    row = _email_row(candidate)
    assert row.status == Status.SENT
    assert row.esp_message_id == str(mail.outbox[0].anymail_status.message_id)

    response = _post(client, _postmark_bounce(row.esp_message_id, "gone.person@example.com"))

    assert response.status_code == 200
    row.refresh_from_db()
    assert row.status == Status.DEAD
    assert row.last_error.startswith("Bounced:")
    assert "mailbox not found" in row.last_error
    suppression = SuppressedAddress.objects.get()
    assert (suppression.email, suppression.reason, suppression.esp) == (
        "gone.person@example.com",
        "bounced",
        "Postmark",
    )

    # The ledger's next email to that address is not sent, and says why.
    sent = len(mail.outbox)
    notify(candidate, key="job-match:2")
    later = Notification.objects.get(
        recipient=candidate, channel=Channel.EMAIL, key__startswith="job-match:2:"
    )
    assert later.status == Status.DEAD
    assert "suppressed" in later.last_error
    # Nor allauth's password reset.
    with committed():
        reset = client.post(reverse("account_reset_password"), {"email": candidate.email})
    assert reset.status_code == 302
    assert len(mail.outbox) == sent

    # A repeated webhook changes nothing.
    assert _post(client, _postmark_bounce(row.esp_message_id, candidate.email)).status_code == 200
    assert SuppressedAddress.objects.count() == 1


def test_a_spam_complaint_suppresses_and_a_delivery_changes_nothing(client, notify):
    candidate = factories.CandidateFactory()
    notify(candidate)
    row = _email_row(candidate)
    delivery = {
        "RecordType": "Delivery",
        "MessageID": row.esp_message_id,
        "Recipient": candidate.email,
        "DeliveredAt": "2026-11-05T16:33:54Z",
        "Details": "Test delivery webhook details",
        "Metadata": {},
    }
    assert _post(client, delivery).status_code == 200
    row.refresh_from_db()
    assert row.status == Status.SENT
    assert not SuppressedAddress.objects.exists()

    complaint = {
        **_postmark_bounce(row.esp_message_id, candidate.email, type_="SpamComplaint"),
        "RecordType": "SpamComplaint",
    }
    assert _post(client, complaint).status_code == 200
    row.refresh_from_db()
    assert row.status == Status.DEAD
    assert SuppressedAddress.objects.get().reason == "complained"


def test_the_webhook_refuses_a_post_without_the_secret(client, notify):
    candidate = factories.CandidateFactory()
    notify(candidate)
    row = _email_row(candidate)
    payload = _postmark_bounce(row.esp_message_id, candidate.email)
    for auth in ({}, _auth("webhook:wrong")):
        response = client.post(
            WEBHOOK, json.dumps(payload), content_type="application/json", **auth
        )
        assert response.status_code in (400, 401, 403)
    row.refresh_from_db()
    assert row.status == Status.SENT
    assert not SuppressedAddress.objects.exists()


def test_staff_see_suppressed_addresses_and_lift_one(client, superuser, notify):
    candidate = factories.CandidateFactory()
    email_delivery_failed(
        event_type="bounced",
        recipient=candidate.email,
        message_id=None,
        detail="mailbox full",
        esp="Postmark",
    )
    suppression = SuppressedAddress.objects.get()
    client.force_login(superuser)
    changelist = reverse("admin:notifications_suppressedaddress_changelist")
    page = client.get(changelist + "?in_force=yes")
    assert page.status_code == 200
    assert candidate.email in page.content.decode()

    response = client.post(
        changelist, {"action": "lift", "_selected_action": [suppression.pk]}, follow=True
    )
    assert response.status_code == 200
    assert "1 address gets email again." in response.content.decode()
    suppression.refresh_from_db()
    assert suppression.lifted_by == superuser
    assert not address_is_suppressed(candidate.email)
    notify(candidate)
    assert _email_row(candidate).status == Status.SENT


def test_the_database_keeps_one_suppression_in_force_per_address_in_lower_case():
    SuppressedAddress.objects.create(email="a@example.com", reason="bounced")
    with pytest.raises(IntegrityError), transaction.atomic():
        SuppressedAddress.objects.create(email="a@example.com", reason="complained")
    with pytest.raises(IntegrityError), transaction.atomic():
        SuppressedAddress.objects.create(email="B@example.com", reason="bounced")
    with pytest.raises(IntegrityError), transaction.atomic():
        SuppressedAddress.objects.create(email="c@example.com", reason="unhappy")
    SuppressedAddress.objects.update(lifted_at="2026-01-01T00:00Z")
    SuppressedAddress.objects.create(email="a@example.com", reason="bounced")  # again, later


# --- choosing the provider --------------------------------------------------------------

PROBE = (
    "import django; django.setup(); from django.conf import settings; print(settings.EMAIL_BACKEND)"
)


def _production(**env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "ANYMAIL_")) and k != "SITE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="hkstp_portal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="talent.example",
        SITE_URL="https://talent.example",
        **env_overrides,
    )
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_provider_is_chosen_by_anymail_esp_and_smtp_stays_the_default():
    assert _production().stdout.strip() == "django.core.mail.backends.smtp.EmailBackend"
    chosen = _production(
        ANYMAIL_ESP="postmark",
        ANYMAIL_POSTMARK_SERVER_TOKEN="token",
        ANYMAIL_WEBHOOK_SECRET="user:password",
    )
    assert chosen.stdout.strip() == "anymail.backends.postmark.EmailBackend", chosen.stderr
    unknown = _production(ANYMAIL_ESP="pigeon", ANYMAIL_WEBHOOK_SECRET="user:password")
    assert unknown.returncode != 0
    assert "ANYMAIL_ESP='pigeon'" in unknown.stderr
    no_secret = _production(ANYMAIL_ESP="postmark", ANYMAIL_POSTMARK_SERVER_TOKEN="token")
    assert no_secret.returncode != 0
    assert "ANYMAIL_WEBHOOK_SECRET" in no_secret.stderr


def test_a_digest_to_a_suppressed_address_dies_with_its_items(notify, committed):
    candidate = factories.CandidateFactory()
    for i in range(2):
        notify(candidate, key=f"job-match:daily:{i}", delivery="daily")
    email_delivery_failed(
        event_type="complained", recipient=candidate.email, message_id="", detail="", esp="SES"
    )
    with committed():
        assert tasks.notifications_digest_daily() == 1

    emails = Notification.objects.filter(recipient=candidate, channel=Channel.EMAIL)
    assert emails.count() == 3  # the digest and its two items
    assert set(emails.values_list("status", flat=True)) == {Status.DEAD}
    assert all("suppressed" in error for error in emails.values_list("last_error", flat=True))
    assert len(mail.outbox) == 0


@pytest.mark.parametrize(
    "path",
    ["/anymail/brevo/inbound/", "/anymail/amazon_ses/tracking/", "/anymail/postmark/inbound/"],
)
def test_only_the_configured_provider_s_tracking_webhook_is_served(client, path):
    # Mounting all of anymail.urls served every provider's webhooks: those whose package
    # is not installed (boto3 for amazon_ses) answered a GET with a 500.
    assert client.get(path, **_auth()).status_code == 404
    assert client.get(WEBHOOK, **_auth()).status_code == 405  # Postmark's answers POST only
