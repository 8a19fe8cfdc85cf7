"""The notification ledger: every in-app item and every email to a portal user is one row.

A row's unique `key` makes sending idempotent: creating the same notification twice
inserts nothing the second time, and a row is marked sent in the same transaction
that claimed it, so a repeated or re-delivered task finds nothing left to send.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a notification is about; each kind can be switched off by email.

    New kinds are added here (and to KIND_AUDIENCE below); no migration is needed
    for the rows, only for the choices list.
    """

    JOB_MATCH = "job_match", _("New jobs that match my profile")
    SAVED_SEARCH = "saved_search", _("Saved search alerts")
    INVITATION = "invitation", _("Invitations to apply")
    APPLICATION_STAGE = "application_stage", _("Updates on my applications")
    CANDIDATE_MATCH = "candidate_match", _("Recommended candidates for our jobs")
    APPLICATION_RECEIVED = "application_received", _("New applications to our jobs")
    ACCOUNT = "account", _("Account, company and job messages")
    # One email gathering a recipient's daily or weekly items; not a preference of its own.
    DIGEST = "digest", _("Digest")


# Which kinds each kind of user sees on the preferences page.
KIND_AUDIENCE = {
    "candidate": [
        Kind.JOB_MATCH,
        Kind.SAVED_SEARCH,
        Kind.INVITATION,
        Kind.APPLICATION_STAGE,
        Kind.ACCOUNT,
    ],
    "employer": [Kind.CANDIDATE_MATCH, Kind.APPLICATION_RECEIVED, Kind.ACCOUNT],
    "staff": [Kind.ACCOUNT],
}

# Kinds whose emails the recipient may receive as a daily or weekly digest instead.
# (A saved search carries its own frequency, chosen per search.)
DIGEST_KINDS = (Kind.JOB_MATCH, Kind.CANDIDATE_MATCH)


class Channel(models.TextChoices):
    IN_APP = "in_app", _("In the portal")
    EMAIL = "email", _("Email")


class Status(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will retry")
    DEAD = "dead", _("Gave up")


class Delivery(models.TextChoices):
    INSTANT = "instant", _("At once")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
        # notification_recipient_idx (Meta) leads with the recipient: one index fewer to
        # maintain when thousands of rows arrive at once.
        db_index=False,
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PENDING)
    delivery = models.CharField(
        _("delivery"), max_length=16, choices=Delivery, default=Delivery.INSTANT
    )
    # e.g. "job-match:12:345:email": one row per thing, recipient and channel, ever.
    key = models.CharField(_("key"), max_length=200)
    # Renderable payload: templates/notifications/emails/<template>_subject.txt, _body.txt
    # (and optionally _body.html), rendered in the recipient's language at send time from
    # `context` (ids and plain values). Rows written by outbox.email_render_and_enqueue
    # arrive rendered instead: `subject` and `body` are set and `template` is empty.
    template = models.CharField(_("template"), max_length=100, blank=True)
    context = models.JSONField(_("context"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("rendered text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    # The digest email that carried this row (daily/weekly email rows only).
    digest = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("digest"),
        # Almost every row has none: a partial index (Meta) instead of a full one.
        db_index=False,
    )
    tries = models.PositiveSmallIntegerField(_("tries"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # The email provider's id for the message (django-anymail), which its bounce and
    # complaint webhooks name (notifications.suppression); empty over plain SMTP. A database
    # default too: the services insert rows in raw SQL.
    esp_message_id = models.CharField(
        _("provider's message id"), max_length=255, blank=True, db_default=""
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["key"], name="notification_key_unique"),
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="notification_channel_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="notification_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(delivery__in=Delivery.values), name="notification_delivery_valid"
            ),
            # Digests are for email; an in-app item appears at once.
            models.CheckConstraint(
                condition=Q(channel=Channel.EMAIL) | Q(delivery=Delivery.INSTANT),
                name="notification_in_app_is_instant",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.SENT) | Q(sent_at__isnull=False),
                name="notification_sent_has_sent_at",
            ),
        ]
        indexes = [
            # The sweep and the sender: instant emails still to send, by due time.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(channel="email", delivery="instant", status__in=["pending", "failed"]),
                name="notification_due_idx",
            ),
            # Digests: pending daily/weekly emails not yet gathered, by recipient.
            models.Index(
                fields=["delivery", "recipient"],
                condition=Q(channel="email", status="pending", digest__isnull=True)
                & ~Q(delivery="instant"),
                name="notification_digest_idx",
            ),
            # The centre (newest first), and deleting a user's rows.
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_idx"),
            # The unread badge.
            models.Index(
                fields=["recipient"],
                condition=Q(channel="in_app", read_at__isnull=True),
                name="notification_unread_idx",
            ),
            models.Index(
                fields=["digest"],
                condition=Q(digest__isnull=False),
                name="notification_digest_items_idx",
            ),
            # The admin home's count of notifications that gave up (few, among millions).
            models.Index(
                fields=["created_at"],
                condition=Q(status="dead"),
                name="notification_dead_idx",
            ),
            # A provider's bounce or complaint finds its message (few rows have one over SMTP).
            models.Index(
                fields=["esp_message_id"],
                condition=~Q(esp_message_id=""),
                name="notification_esp_message_idx",
            ),
        ]

    def __str__(self):
        return self.key

    @property
    def is_unread(self):
        return self.read_at is None


class NotificationPreference(models.Model):
    """A person's choice for one kind; no row means the defaults (email on, instant)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind)
    email_enabled = models.BooleanField(_("email"), default=True)
    # Blank: as the sender chose (instant unless a saved search says otherwise).
    frequency = models.CharField(_("frequency"), max_length=16, choices=Delivery, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_unique"),
        ]

    def __str__(self):
        return f"{self.user_id}:{self.kind}"


class SuppressionReason(models.TextChoices):
    """Why no email goes to an address; anymail's event types of the same names."""

    BOUNCED = "bounced", _("Bounced")
    COMPLAINED = "complained", _("Marked as spam")
    REJECTED = "rejected", _("Refused by the email provider")


class SuppressedAddress(models.Model):
    """An address the portal sends nothing to: mail to it bounced, its reader marked a
    message as spam, or the email provider refused it (notifications.suppression, fed by
    the provider's webhooks). Staff lift a suppression in the admin; the row stays, lifted,
    as the record of what happened."""

    # Lower-case (a constraint says so): addresses are compared without case.
    email = models.EmailField(_("email address"), max_length=254)
    reason = models.CharField(_("reason"), max_length=16, choices=SuppressionReason)
    detail = models.TextField(_("what the provider said"), blank=True)
    esp = models.CharField(_("email provider"), max_length=50, blank=True)
    created_at = models.DateTimeField(_("suppressed"), default=timezone.now)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lifted by"),
    )

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One suppression in force per address; the sender's lookup uses it too.
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(lifted_at__isnull=True),
                name="suppressed_address_active_unique",
            ),
            models.CheckConstraint(
                condition=Q(email=Lower("email")), name="suppressed_address_lower_case"
            ),
            models.CheckConstraint(
                condition=Q(reason__in=SuppressionReason.values),
                name="suppressed_address_reason_valid",
            ),
        ]

    def __str__(self):
        return self.email

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None
