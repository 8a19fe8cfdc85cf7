"""Email leaving the portal, always after commit.

Two paths: `email_render_and_enqueue` renders a transactional email and, for a portal
user, records it in the notification ledger (retried, sent once per key, unsubscribe
link); `email_enqueue` hands any other rendered email (allauth's, or one to an address
that is no user) to a Celery task, which skips suppressed addresses. Both lived in
accounts.services, which then had to import notifications from inside a function.
"""

import uuid

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.utils import translation

from accounts.models import User
from hkstp_portal.plain_text import plain_text_render, subject_render
from notifications.services import notification_email_record


def email_enqueue(message: EmailMessage) -> None:
    """Hand a rendered email to Celery once the current transaction commits.

    Nothing is sent when the transaction rolls back. The worker sends it
    (notifications.tasks.email_send), retrying with backoff while the mail server
    is unreachable.
    """
    from notifications.tasks import email_send  # the task module imports this one

    payload = {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
    }
    transaction.on_commit(lambda: email_send.delay(payload))


def email_build(payload: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
        cc=payload.get("cc") or None,
        bcc=payload.get("bcc") or None,
        reply_to=payload.get("reply_to") or None,
        headers=payload.get("headers") or None,
    )
    for content, mimetype in payload.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    return message


# Which ledger kind each transactional email belongs to (what its unsubscribe link stops);
# any other template is an "account" message.
EMAIL_TEMPLATE_KINDS = {
    "application_received": "application_received",
    "application_stage_changed": "application_stage",
}


def email_render_and_enqueue(
    *,
    to: str,
    template: str,
    context: dict,
    language: str | None = None,
    kind: str | None = None,
    key: str | None = None,
) -> None:
    """Render `emails/<template>_subject.txt` and `_body.txt` in `language` as plain text
    (hkstp_portal.plain_text: nothing HTML-escaped), then send it after commit.

    Each recipient gets their own message in their own language. An email to a portal user
    goes through the notification ledger (notification_email_record):
    recorded, retried with backoff, sent once per `key` (a fresh key per call when the caller
    gives none), with the unsubscribe link and headers, and not at all if the user switched
    that kind of email off. An address that is no user (an invitation, a deleted account)
    takes the direct path, email_enqueue.
    """
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {"site_url": settings.SITE_URL, **context}
        subject = subject_render(f"emails/{template}_subject.txt", context)
        body = plain_text_render(f"emails/{template}_body.txt", context)
    recipient = User.objects.filter(email__iexact=to, is_active=True).first()
    if recipient is None:
        email_enqueue(EmailMessage(subject=subject, body=body, to=[to]))
        return
    notification_email_record(
        recipient=recipient,
        kind=kind or EMAIL_TEMPLATE_KINDS.get(template, "account"),
        key=key or f"email:{template}:{uuid.uuid4().hex}",
        subject=subject,
        body=body,
    )
