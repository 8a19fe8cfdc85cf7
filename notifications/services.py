"""Writes for notifications: the ledger rows, sending them, digests, read marks, preferences.

Who calls what:
- any service that has something to tell a portal user calls `notification_create` (one
  recipient) or `notifications_create_bulk` (many, one INSERT), inside its transaction;
- notifications.outbox.email_render_and_enqueue records its emails with `notification_email_record`;
- the Celery tasks in notifications/tasks.py call `notification_send`, `notifications_due_ids`
  and `notifications_digest_gather`;
- the views call the read-mark and preference services for the signed-in user only.
"""

import dataclasses
import datetime
import json
import logging
from collections.abc import Iterable, Sequence

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hkstp_portal.errors import DomainError
from notifications.emails import email_message_build
from notifications.models import (
    DIGEST_KINDS,
    Channel,
    Delivery,
    Kind,
    Notification,
    NotificationPreference,
    Status,
)
from notifications.suppression import address_is_suppressed

logger = logging.getLogger(__name__)

UNREAD_CACHE_SECONDS = 60
_PREFERENCES_TABLE = NotificationPreference._meta.db_table


def unread_cache_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def _unread_cache_forget(user_ids: Iterable[int]) -> None:
    keys = [unread_cache_key(user_id) for user_id in set(user_ids)]
    if not keys:
        return
    try:
        cache.delete_many(keys)
    except Exception:
        # The badge is then stale for at most UNREAD_CACHE_SECONDS; the ledger is right.
        logger.warning("Could not clear %d unread counts from the cache", len(keys), exc_info=True)


@dataclasses.dataclass(frozen=True)
class NotificationRequest:
    """One notification for one recipient, before preferences and channels are applied."""

    recipient_id: int
    kind: str
    key: str
    template: str
    context: dict = dataclasses.field(default_factory=dict)
    url: str = ""
    channels: Sequence[str] = (Channel.IN_APP, Channel.EMAIL)
    delivery: str = Delivery.INSTANT


def _preferences(pairs: Iterable[tuple[int, str]]) -> dict[tuple[int, str], tuple[bool, str]]:
    pairs = set(pairs)
    if not pairs:
        return {}
    user_ids = sorted({user_id for user_id, _kind in pairs})
    kinds = sorted({kind for _user_id, kind in pairs})
    # The ids travel as one array, not one placeholder each (thousands for a job's matches).
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT user_id, kind, email_enabled, frequency FROM {_PREFERENCES_TABLE}"  # noqa: S608
            " WHERE user_id = ANY(%s) AND kind = ANY(%s)",
            [user_ids, kinds],
        )
        rows = cursor.fetchall()
    return {(user_id, kind): (enabled, frequency) for user_id, kind, enabled, frequency in rows}


# The rows travel as one JSON document: one bound string, instead of ten arrays that
# Django's client-side cursor would quote value by value (several times slower at 100,000).
_INSERT = """
INSERT INTO notifications_notification
    (recipient_id, kind, channel, delivery, key, template, context, subject, body, url,
     status, sent_at, tries, last_error, created_at, next_attempt_at)
SELECT u.recipient_id, u.kind, u.channel, u.delivery, u.key, u.template, u.context,
       u.subject, u.body, u.url,
       CASE WHEN u.channel = 'in_app' THEN 'sent' ELSE 'pending' END,
       CASE WHEN u.channel = 'in_app' THEN %(now)s::timestamptz END,
       0, '', %(now)s, %(now)s
FROM jsonb_to_recordset(%(rows)s::jsonb)
     AS u(recipient_id bigint, kind text, channel text, delivery text, key text, template text,
          context jsonb, subject text, body text, url text)
ON CONFLICT (key) DO NOTHING
RETURNING id, recipient_id, channel, delivery
"""


# Rows per INSERT: one statement up to this size, then several (a very large JSON document
# costs more per row than a few moderate ones).
INSERT_CHUNK = 10_000


def _insert(rows: list[dict]) -> list[tuple[int, int, str, str]]:
    """INSERT … ON CONFLICT (key) DO NOTHING, per INSERT_CHUNK rows: the rows actually created."""
    created = []
    now = timezone.now()
    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_CHUNK):
            chunk = rows[start : start + INSERT_CHUNK]
            params = {"rows": json.dumps(chunk, cls=DjangoJSONEncoder), "now": now}
            cursor.execute(_INSERT, params)
            created += cursor.fetchall()
    return created


_KINDS = frozenset(Kind.values) - {Kind.DIGEST}
_CHANNELS = frozenset(Channel.values)
_DELIVERIES = frozenset(Delivery.values)


def _expand(requests: Iterable[NotificationRequest]) -> list[dict]:
    """One row per channel, minus emails the recipient switched off, with their digest choice."""
    requests = list(requests)
    for request in requests:
        if request.kind not in _KINDS:
            raise DomainError(_("Unknown notification kind: %(kind)s") % {"kind": request.kind})
        if not request.channels or not _CHANNELS.issuperset(request.channels):
            raise DomainError(_("Unknown notification channel."))
        if request.delivery not in _DELIVERIES:
            raise DomainError(_("Unknown delivery: %(d)s") % {"d": request.delivery})
    preferences = _preferences(
        (r.recipient_id, r.kind) for r in requests if Channel.EMAIL in r.channels
    )
    rows = []
    for request in requests:
        enabled, frequency = preferences.get((request.recipient_id, request.kind), (True, ""))
        context = request.context
        for channel in dict.fromkeys(request.channels):
            delivery = Delivery.INSTANT
            if channel == Channel.EMAIL:
                if not enabled:
                    continue
                delivery = request.delivery
                if frequency and request.kind in DIGEST_KINDS:
                    delivery = frequency
            rows.append(
                {
                    "recipient_id": request.recipient_id,
                    "kind": request.kind,
                    "channel": channel,
                    "delivery": delivery,
                    "key": f"{request.key}:{channel}",
                    "template": request.template,
                    "context": context,
                    "subject": "",
                    "body": "",
                    "url": request.url,
                }
            )
    return rows


def _after_insert(created: list[tuple[int, int, str, str]]) -> None:
    """Once committed: send the instant emails, and forget the recipients' unread counts."""
    to_send = [
        pk
        for pk, _user, channel, delivery in created
        if channel == Channel.EMAIL and delivery == Delivery.INSTANT
    ]
    in_app_users = [user_id for _pk, user_id, channel, _d in created if channel == Channel.IN_APP]
    if to_send:
        transaction.on_commit(lambda: notifications_enqueue(to_send))
    if in_app_users:
        transaction.on_commit(lambda: _unread_cache_forget(in_app_users))


@transaction.atomic
def notifications_create_bulk(requests: Iterable[NotificationRequest]) -> list[int]:
    """Record many notifications in one INSERT (plus one query for preferences).

    Idempotent: a request whose key (per channel) exists already creates nothing and
    sends nothing again. Emails the recipient switched off for that kind get no row
    (the in-app row stays). Instant emails are enqueued after the transaction commits,
    so a rollback leaves no row and enqueues nothing. Returns the ids created.
    """
    created = _insert(_expand(requests))
    _after_insert(created)
    return [row[0] for row in created]


def notification_create(
    *,
    recipient,
    kind: str,
    key: str,
    template: str,
    context: dict | None = None,
    url: str = "",
    channels: Sequence[str] = (Channel.IN_APP, Channel.EMAIL),
    delivery: str = Delivery.INSTANT,
) -> list[Notification]:
    """Notify one user: one ledger row per channel (`<key>:<channel>`), sent at most once.

    See notifications_create_bulk for what it guarantees. Returns the rows created by
    this call (none when the key was used before).
    """
    ids = notifications_create_bulk(
        [
            NotificationRequest(
                recipient_id=recipient.pk,
                kind=kind,
                key=key,
                template=template,
                context=context or {},
                url=url,
                channels=tuple(channels),
                delivery=delivery,
            )
        ]
    )
    return list(Notification.objects.filter(pk__in=ids).order_by("channel"))


@transaction.atomic
def notification_email_record(
    *, recipient, kind: str, key: str, subject: str, body: str, url: str = ""
) -> Notification | None:
    """Record an email already rendered by its caller (in the recipient's language) and send
    it after commit through the ledger: retried, and sent once per key.

    Returns None when the recipient switched this kind of email off, or when the key was
    used before.
    """
    if kind not in Kind.values or kind == Kind.DIGEST:
        raise DomainError(_("Unknown notification kind: %(kind)s") % {"kind": kind})
    enabled, _frequency = _preferences([(recipient.pk, kind)]).get((recipient.pk, kind), (True, ""))
    if not enabled:
        return None
    row = {
        "recipient_id": recipient.pk,
        "kind": kind,
        "channel": Channel.EMAIL,
        "delivery": Delivery.INSTANT,
        "key": key,
        "template": "",
        "context": {},
        "subject": " ".join(subject.split())[:255],
        "body": body,
        "url": url,
    }
    created = _insert([row])
    _after_insert(created)
    return Notification.objects.get(pk=created[0][0]) if created else None


# --- Sending ---------------------------------------------------------------------------


def _broker_errors() -> tuple[type[BaseException], ...]:
    from kombu.exceptions import OperationalError as KombuOperationalError
    from redis.exceptions import RedisError

    return (KombuOperationalError, RedisError, OSError)


# Above this many batches, the creator publishes one fan-out message and a worker
# publishes the batches (about 0.6 ms each), keeping a burst's commit hook short.
FANOUT_BATCHES = 20


def notifications_enqueue(ids: Sequence[int]) -> None:
    """Hand ledger rows to Celery in batches (one fan-out message for a large burst).

    If the broker is unreachable the rows stay pending in PostgreSQL and the sweep
    (notifications_sweep, every minute) sends them; nothing is lost and the caller is not
    failed.
    """
    from notifications.tasks import notifications_fan_out

    ids = list(ids)
    if len(ids) > FANOUT_BATCHES * settings.NOTIFICATIONS_BATCH_SIZE:
        try:
            notifications_fan_out.delay(ids)
        except _broker_errors():
            logger.warning("Broker unreachable: %d notification(s) left to the sweep", len(ids))
        return
    notifications_publish_batches(ids)


def notifications_publish_batches(ids: Sequence[int]) -> None:
    """One notifications_send message per NOTIFICATIONS_BATCH_SIZE rows."""
    from notifications.tasks import notifications_send

    size = settings.NOTIFICATIONS_BATCH_SIZE
    for start in range(0, len(ids), size):
        batch = list(ids[start : start + size])
        try:
            notifications_send.delay(batch)
        except _broker_errors():
            logger.warning(
                "Broker unreachable: %d notification(s) left to the sweep", len(ids) - start
            )
            return


def notifications_due_ids(*, limit: int | None = None) -> list[int]:
    """Instant emails that should be sent now and are not in anyone's hands: pending rows
    older than the sweep grace, and failed rows whose backoff has passed."""
    now = timezone.now()
    grace = datetime.timedelta(seconds=settings.NOTIFICATIONS_SWEEP_GRACE_SECONDS)
    return list(
        Notification.objects.filter(
            channel=Channel.EMAIL,
            delivery=Delivery.INSTANT,
        )
        .filter(
            Q(status=Status.PENDING, next_attempt_at__lte=now - grace)
            | Q(status=Status.FAILED, next_attempt_at__lte=now)
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[: limit or settings.NOTIFICATIONS_SWEEP_LIMIT]
    )


def backoff(tries: int) -> datetime.timedelta:
    """Wait before try number `tries + 1`: 1, 2, 4, 8… minutes (by default)."""
    return datetime.timedelta(seconds=settings.NOTIFICATIONS_BACKOFF_SECONDS * 2 ** (tries - 1))


def notification_send(notification_id: int, *, connection=None) -> bool:
    """Send one instant email row, at most once. Called by the Celery task only.

    In one transaction: claim the row (SELECT … FOR UPDATE SKIP LOCKED, pending or failed,
    due), render and send it, mark it sent, commit. A second call, or a parallel worker,
    finds it sent or locked and does nothing. A failure adds a try and schedules the next
    one with exponential backoff; after NOTIFICATIONS_MAX_TRIES the row is dead.

    The honest limit: if the process dies after the mail server accepted the message and
    before the commit, the row is still pending and is sent again; its Message-ID is the
    same (derived from the key), so the receiving side can drop the repeat.
    """
    now = timezone.now()
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(
                pk=notification_id,
                channel=Channel.EMAIL,
                status__in=[Status.PENDING, Status.FAILED],
                next_attempt_at__lte=now,
            )
            .first()
        )
        if notification is None:
            return False
        notification.tries += 1
        if not notification.recipient.is_active:
            notification.status = Status.DEAD
            notification.last_error = "inactive account"
            notification.save(update_fields=["tries", "status", "last_error"])
            return False
        if address_is_suppressed(notification.recipient.email):
            # The provider reported a bounce or complaint (notifications.suppression).
            notification.status = Status.DEAD
            notification.last_error = "suppressed address (see Suppressed addresses)"
            notification.save(update_fields=["tries", "status", "last_error"])
            if notification.template == "digest":
                notification.items.update(status=Status.DEAD, last_error=notification.last_error)
            return False
        try:
            with transaction.atomic():
                if notification.template == "digest":
                    notification.digest_items = list(
                        notification.items.order_by("created_at", "pk")
                    )
                message = email_message_build(notification, connection=connection)
                message.send()
        except SoftTimeLimitExceeded:
            # Out of time for this batch: roll the claim back; the sweep picks the row up.
            raise
        except Exception as exc:
            notification.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if notification.tries >= settings.NOTIFICATIONS_MAX_TRIES:
                notification.status = Status.DEAD
                logger.error(
                    "Notification %s is dead after %d tries", notification.key, notification.tries
                )
            else:
                notification.status = Status.FAILED
                notification.next_attempt_at = now + backoff(notification.tries)
            notification.save(update_fields=["tries", "last_error", "status", "next_attempt_at"])
            return False
        notification.status = Status.SENT
        notification.sent_at = timezone.now()
        notification.subject = message.subject[:255]
        notification.esp_message_id = _esp_message_id(message)
        notification.save(update_fields=["tries", "status", "sent_at", "subject", "esp_message_id"])
        if notification.template == "digest":
            notification.items.update(status=Status.SENT, sent_at=notification.sent_at)
    return True


def _esp_message_id(message) -> str:
    """The provider's id of a message sent through django-anymail (one recipient, so one
    id), which its webhooks name; "" over SMTP."""
    status = getattr(message, "anymail_status", None)
    message_id = getattr(status, "message_id", None)
    return "" if message_id is None else str(message_id)[:255]


# --- Digests ---------------------------------------------------------------------------

_DIGEST_CREATE = """
INSERT INTO notifications_notification
    (recipient_id, kind, channel, delivery, key, template, context, subject, body, url,
     status, tries, last_error, created_at, next_attempt_at)
SELECT d.recipient_id, 'digest', 'email', 'instant',
       'digest:' || %(delivery)s || ':' || %(period)s || ':' || d.recipient_id,
       'digest', jsonb_build_object('delivery', %(delivery)s::text, 'kinds', d.kinds),
       '', '', '', 'pending', 0, '', %(now)s, %(now)s
FROM (
    SELECT recipient_id, jsonb_agg(DISTINCT kind) AS kinds
    FROM notifications_notification
    WHERE channel = 'email' AND status = 'pending' AND delivery = %(delivery)s
      AND digest_id IS NULL
    GROUP BY recipient_id
) AS d
ON CONFLICT (key) DO NOTHING
"""

# Attach each waiting row to its recipient's digest for this period, if that digest is
# still pending (a row arriving after the digest left waits for the next period). The
# period's digests are read once and hash-joined on the recipient (see below).
_DIGEST_ATTACH = """
WITH d AS MATERIALIZED (
    SELECT id, recipient_id
    FROM notifications_notification
    WHERE kind = 'digest' AND channel = 'email' AND delivery = 'instant'
      AND status = 'pending' AND key LIKE %(prefix)s
)
UPDATE notifications_notification AS n
SET digest_id = d.id
FROM d
WHERE n.recipient_id = d.recipient_id
  AND n.channel = 'email' AND n.status = 'pending' AND n.delivery = %(delivery)s
  AND n.digest_id IS NULL
RETURNING d.id
"""


@transaction.atomic
def notifications_digest_gather(*, delivery: str, period: str) -> list[int]:
    """Gather every recipient's waiting daily (or weekly) emails into one digest row per
    recipient and period, set-based (two statements), and enqueue the digests after commit.

    Idempotent: the digest's key is `digest:<delivery>:<period>:<user>`, so a second run in
    the same period creates nothing, and rows are attached only to a digest not yet sent.
    The sender marks a digest and all its items sent in one transaction. Called by beat.
    """
    if delivery not in (Delivery.DAILY, Delivery.WEEKLY):
        raise DomainError(_("Digests are daily or weekly."))
    params = {"delivery": delivery, "period": period, "now": timezone.now()}
    # LIKE's own wildcards cannot occur: delivery and period are ours (daily/weekly, dates).
    params["prefix"] = f"digest:{delivery}:{period}:%"
    with connection.cursor() as cursor:
        cursor.execute(_DIGEST_CREATE, params)
        # Right after a burst of rows the table's statistics are stale, and PostgreSQL then
        # picks a nested loop that compares every item with every digest (7 minutes for
        # 100,000 items in the benchmark). A hash join is right at every size; the setting
        # is restored at once and would end with the transaction anyway.
        cursor.execute("SELECT current_setting('enable_nestloop')")
        previous = cursor.fetchone()[0]
        cursor.execute("SELECT set_config('enable_nestloop', 'off', true)")
        cursor.execute(_DIGEST_ATTACH, params)
        digest_ids = sorted({row[0] for row in cursor.fetchall()})
        cursor.execute("SELECT set_config('enable_nestloop', %s, true)", [previous])
    if digest_ids:
        transaction.on_commit(lambda: notifications_enqueue(digest_ids))
    return digest_ids


# --- The centre: read marks --------------------------------------------------------------


@transaction.atomic
def notification_mark_read(*, user, notification_id: int) -> Notification:
    """Mark one of the user's own in-app notifications read (idempotent); anyone else's
    raises Notification.DoesNotExist, which views turn into 404."""
    notification = Notification.objects.select_for_update().get(
        pk=notification_id, recipient=user, channel=Channel.IN_APP
    )
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        transaction.on_commit(lambda: _unread_cache_forget([user.pk]))
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user) -> int:
    """Mark all the user's unread in-app notifications read; returns how many."""
    count = Notification.objects.filter(
        recipient=user, channel=Channel.IN_APP, read_at__isnull=True
    ).update(read_at=timezone.now())
    transaction.on_commit(lambda: _unread_cache_forget([user.pk]))
    return count


# --- Preferences -------------------------------------------------------------------------


@transaction.atomic
def notification_preferences_set(*, user, choices: dict[str, tuple[bool, str]]) -> None:
    """Save the user's email choice (and digest frequency, for kinds that have one) per kind.

    Only the signed-in user changes their own preferences. Applies to notifications
    created from now on; emails already waiting are still sent.
    """
    for kind, (email_enabled, frequency) in choices.items():
        if kind not in Kind.values or kind == Kind.DIGEST:
            raise DomainError(_("Unknown notification kind: %(kind)s") % {"kind": kind})
        if frequency and (kind not in DIGEST_KINDS or frequency not in Delivery.values):
            raise DomainError(_("This kind of email has no digest."))
        NotificationPreference.objects.update_or_create(
            user=user,
            kind=kind,
            defaults={"email_enabled": bool(email_enabled), "frequency": frequency or ""},
        )


@transaction.atomic
def notifications_unsubscribe(*, user, kinds: Iterable[str]) -> list[str]:
    """Switch email off for these kinds (from a signed unsubscribe link; no login needed).

    Idempotent. Emails of these kinds still waiting to be sent are cancelled (marked dead
    with the reason), so nothing of that kind arrives after the click; in-app items stay.
    """
    kinds = [kind for kind in dict.fromkeys(kinds) if kind in Kind.values and kind != Kind.DIGEST]
    if not kinds:
        raise DomainError(_("This unsubscribe link is not valid."))
    for kind in kinds:
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"email_enabled": False}
        )
    Notification.objects.filter(
        recipient=user,
        kind__in=kinds,
        channel=Channel.EMAIL,
        status__in=[Status.PENDING, Status.FAILED],
        digest__isnull=True,
    ).update(status=Status.DEAD, last_error="unsubscribed")
    return kinds
