"""Addresses that get no more email: the email provider's bounces and complaints.

With django-anymail (docs/operations.md), the provider calls the portal's webhook
(anymail.urls, behind ANYMAIL WEBHOOK_SECRET) for each event, anymail turns it into a
tracking event, and `tracking_event_received` hands the ones that mean "stop" to
`email_delivery_failed`: the ledger rows of that message are marked dead with the reason,
and the address is suppressed. Both senders then skip it: the ledger's
(services.notification_send marks a row for it dead) and the direct one that carries
allauth's verification and password-reset emails (notifications.tasks.email_send).

Why allauth's emails too: a bounced address cannot read a reset link anyway, providers
keep their own lists and count every send to a known-bad address against the portal's
reputation, and a complaint means the reader asked for nothing more. Staff lift a
suppression in the admin when a person says their mailbox works again.
"""

import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from notifications.models import (
    Channel,
    Notification,
    Status,
    SuppressedAddress,
    SuppressionReason,
)

logger = logging.getLogger(__name__)

# anymail's normalised event types that mean "send nothing more to this address".
SUPPRESSING_EVENTS = {
    "bounced": SuppressionReason.BOUNCED,
    "complained": SuppressionReason.COMPLAINED,
    "rejected": SuppressionReason.REJECTED,
}


def _normalised(email: str) -> str:
    return (email or "").strip().lower()


def address_is_suppressed(email: str) -> bool:
    """Whether an email to `email` must not be sent (one lookup in a unique index)."""
    address = _normalised(email)
    return bool(address) and (
        SuppressedAddress.objects.filter(email=address, lifted_at__isnull=True).exists()
    )


def addresses_suppressed(emails: Iterable[str]) -> set[str]:
    """Which of `emails` (as given) must not be sent to."""
    by_address = {_normalised(email): email for email in emails if email}
    found = SuppressedAddress.objects.filter(
        email__in=list(by_address), lifted_at__isnull=True
    ).values_list("email", flat=True)
    return {by_address[address] for address in found}


@transaction.atomic
def email_delivery_failed(
    *, event_type: str, recipient: str | None, message_id: str | None, detail: str, esp: str
) -> SuppressedAddress | None:
    """A provider reported that a message bounced, drew a complaint or was refused.

    The ledger rows that carried the message are marked dead with the reason (they were
    sent; the provider says they did not arrive), and `recipient` is suppressed. Any other
    event type changes nothing. Idempotent: providers repeat webhooks, and a repeat finds
    the rows dead and the suppression in force. Returns the suppression in force.
    """
    reason = SUPPRESSING_EVENTS.get(event_type)
    if reason is None:
        return None
    detail = (detail or "")[:2000]
    if message_id:
        marked = (
            Notification.objects.filter(channel=Channel.EMAIL, esp_message_id=str(message_id))
            .exclude(status=Status.DEAD)
            .update(status=Status.DEAD, last_error=f"{reason.label}: {detail}"[:2000])
        )
        if marked:
            logger.info(
                "%s: %d ledger email(s) of message %s marked dead", reason, marked, message_id
            )
    address = _normalised(recipient or "")
    if not address:
        return None
    suppression, created = SuppressedAddress.objects.get_or_create(
        email=address,
        lifted_at__isnull=True,
        defaults={"reason": reason, "detail": detail, "esp": esp[:50]},
    )
    if created:
        logger.warning("Email to an address is suppressed: %s (%s)", reason, esp)
    return suppression


@transaction.atomic
def address_suppression_lift(*, suppression: SuppressedAddress, by) -> bool:
    """Staff let email go to this address again (the admin's action). The row stays, with
    who lifted it and when. Returns False when it was lifted already."""
    locked = SuppressedAddress.objects.select_for_update().get(pk=suppression.pk)
    if locked.lifted_at is not None:
        return False
    locked.lifted_at = timezone.now()
    locked.lifted_by = by
    locked.save(update_fields=["lifted_at", "lifted_by"])
    return True


def tracking_event_received(sender, event, esp_name, **kwargs) -> None:
    """anymail's `tracking` signal (connected in apps.py): hands the events that mean
    "stop" to email_delivery_failed; every other event (delivered, opened…) is ignored."""
    if event.event_type not in SUPPRESSING_EVENTS:
        return
    detail = " ".join(
        str(part) for part in (event.reject_reason, event.description, event.mta_response) if part
    )
    email_delivery_failed(
        event_type=event.event_type,
        recipient=event.recipient,
        message_id=event.message_id,
        detail=detail,
        esp=esp_name or "",
    )
