import functools
import re
import secrets

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, RangeOperators
from django.db import models
from django.db.models import F, Func, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from hkstp_portal.vocabulary import Site

# Ticket codes: no 0/O or 1/I/L, so a code read aloud or typed at the door is unambiguous.
TICKET_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
TICKET_LENGTH = 8


def ticket_code() -> str:
    return "".join(secrets.choice(TICKET_ALPHABET) for _ in range(TICKET_LENGTH))


@functools.cache
def _site_names(site: str) -> tuple[str, ...]:
    """The names a venue may give an HKSTP site, in each language: "Hong Kong Science
    Park" (and "Science Park"), "香港科學園", "香港科学园" for the Science Park."""
    names = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            label = str(Site(site).label)
        name = re.split(r"[,，（(]", label)[0].strip()
        names |= {name.casefold(), name.removeprefix("Hong Kong ").casefold()}
    return tuple(names)


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = models.DateTimeField()


class EventQuerySet(models.QuerySet):
    def upcoming(self, now):
        return self.filter(is_published=True, ends_at__gte=now).order_by("starts_at")


class Event(models.Model):
    """A career expo, recruitment fair, themed career day, workshop, talk or campus session."""

    class Kind(models.TextChoices):
        CAREER_EXPO = "career_expo", _("Career expo")
        RECRUITMENT_FAIR = "recruitment_fair", _("Recruitment fair")
        THEMED_CAREER_DAY = "themed_career_day", _("Themed career day")
        WORKSHOP = "workshop", _("Workshop")
        TALK = "talk", _("Talk or panel")
        CAMPUS_SESSION = "campus_session", _("Campus session")

    class Format(models.TextChoices):
        PHYSICAL = "physical", _("In person")
        VIRTUAL = "virtual", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Theme(models.TextChoices):
        GENERAL = "", _("All of I&T")
        AI = "ai", _("AI and robotics")
        MICROELECTRONICS = "microelectronics", _("Microelectronics")
        LIFE_HEALTH = "life_health", _("Life and health tech")
        FINTECH = "fintech", _("Fintech")
        SMART_CITY = "smart_city", _("Smart city")
        SUSTAINABILITY = "sustainability", _("Sustainability and new materials")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        TTPS = "ttps", _("Top Talent Pass Scheme holders or eligible only")
        UNIVERSITIES = "universities", _("Students or graduates of the listed universities only")

    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=16, choices=Format.choices)
    theme = models.CharField(_("theme"), max_length=24, choices=Theme.choices, blank=True)
    title = models.CharField(_("title"), max_length=200)
    title_zh = models.CharField(_("title (Traditional Chinese)"), max_length=200, blank=True)
    title_zh_hans = models.CharField(_("title (Simplified Chinese)"), max_length=200, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    description_zh = models.TextField(_("description (Traditional Chinese)"), blank=True)
    description_zh_hans = models.TextField(_("description (Simplified Chinese)"), blank=True)
    partners = ArrayField(
        models.CharField(max_length=200),
        verbose_name=_("partner organisations"),
        default=list,
        blank=True,
    )
    site = models.CharField(_("HKSTP site"), max_length=32, choices=Site.choices, blank=True)
    venue = models.CharField(
        _("venue"), max_length=200, blank=True, help_text=_("Room and building, or an address.")
    )
    stream_url = models.URLField(_("online link"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    audience = models.CharField(
        _("who may register"), max_length=16, choices=Audience.choices, default=Audience.EVERYONE
    )
    audience_universities = ArrayField(
        models.CharField(max_length=200),
        verbose_name=_("listed universities"),
        default=list,
        blank=True,
        help_text=_("For “listed universities only”: one name per entry."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    waitlist_enabled = models.BooleanField(_("waitlist when full"), default=True)
    waitlist_offer_hours = models.PositiveSmallIntegerField(
        _("hours to confirm a freed place"), default=24
    )
    exhibitor_registration_open = models.BooleanField(
        _("companies may apply to exhibit"), default=False
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="event_ends_after_it_starts",
                violation_error_message=_("An event must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="event_registration_window_ordered",
                violation_error_message=_("Registration must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="event_capacity_positive",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:event_detail", args=[self.slug])

    def place(self) -> list[str]:
        """Where it happens, in the reader's language: the venue, then the HKSTP site
        unless the venue names it already ("Charles K. Kao Auditorium, Hong Kong Science
        Park" is not followed by "Hong Kong Science Park, Pak Shek Kok")."""
        venue = self.venue.strip()
        parts = [venue] if venue else []
        if self.site and not any(name in venue.casefold() for name in _site_names(self.site)):
            parts.append(str(self.get_site_display()))
        return parts


class EventSession(models.Model):
    """A talk, panel or workshop inside an event, with its own room or stream."""

    class Kind(models.TextChoices):
        TALK = "talk", _("Talk")
        PANEL = "panel", _("Panel")
        WORKSHOP = "workshop", _("Workshop")
        TALENT_SHOW = "talent_show", _("Talent show")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.TALK)
    title = models.CharField(_("title"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    speakers = models.TextField(_("speakers"), blank=True, help_text=_("One per line."))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=200, blank=True)
    stream_url = models.URLField(_("stream link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    recording_url = models.URLField(
        _("recording"), blank=True, help_text=_("Added afterwards, for on-demand viewing.")
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_it_starts",
                violation_error_message=_("A session must end after it starts."),
            ),
        ]

    def __str__(self):
        return self.title


class Registration(models.Model):
    """A candidate's place at an event: the ticket, its waitlist state and check-in."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Registered")
        WAITLISTED = "waitlisted", _("On the waitlist")
        OFFERED = "offered", _("Place offered: confirm it")
        CANCELLED = "cancelled", _("Cancelled")

    # Statuses that hold (or are being offered) one of the event's places.
    HOLDING = [Status.CONFIRMED, Status.OFFERED]

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    code = models.CharField(
        _("ticket code"), max_length=16, unique=True, default=ticket_code, editable=False
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    offer_expires_at = models.DateTimeField(_("confirm by"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                "event",
                "candidate",
                condition=~Q(status="cancelled"),
                name="registration_once_per_event",
                violation_error_message=_("You are already registered for this event."),
            ),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True) | Q(status="confirmed"),
                name="registration_checked_in_is_confirmed",
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="registration_offer_has_deadline",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "created_at"], name="registration_queue"),
        ]

    def __str__(self):
        return f"{self.code} · {self.candidate} · {self.event}"


class SessionRegistration(models.Model):
    session = models.ForeignKey(
        EventSession, on_delete=models.CASCADE, related_name="registrations"
    )
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="session_registrations"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("session registration")
        verbose_name_plural = _("session registrations")
        constraints = [
            models.UniqueConstraint("session", "registration", name="session_registration_once"),
        ]

    def __str__(self):
        return f"{self.registration.code} → {self.session}"


class Exhibitor(models.Model):
    """A park company's application to exhibit at an event, and then its booth."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for HKSTP")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="exhibitors")
    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="exhibitions"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    decision_reason = models.TextField(_("reason given to the company"), blank=True)
    booth = models.CharField(_("booth number"), max_length=16, blank=True)
    pitch = models.TextField(
        _("booth description"), blank=True, help_text=_("What visitors see on your stand.")
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    featured_jobs = models.ManyToManyField(
        "jobs.Job", verbose_name=_("featured jobs"), related_name="featured_at", blank=True
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team members attending"),
        related_name="exhibiting_at",
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")
        ordering = ["booth", "company__name"]
        constraints = [
            models.UniqueConstraint("event", "company", name="exhibitor_once_per_event"),
            models.UniqueConstraint(
                "event",
                "booth",
                condition=~Q(booth=""),
                name="exhibitor_booth_unique_per_event",
                violation_error_message=_("Another exhibitor already has this booth."),
            ),
            models.CheckConstraint(
                condition=Q(booth="") | Q(status="approved"),
                name="exhibitor_booth_only_when_approved",
            ),
        ]

    def __str__(self):
        return f"{self.company} @ {self.event}"


class InterviewSlot(models.Model):
    """A time an exhibitor offers for an interview, at the booth or online."""

    class Mode(models.TextChoices):
        BOOTH = "booth", _("At the booth")
        ONLINE = "online", _("Online")

    class Outcome(models.TextChoices):
        NONE = "", _("Not recorded")
        HELD = "held", _("Held")
        NEXT_ROUND = "next_round", _("Next round")
        OFFER = "offer", _("Offer planned")
        NOT_SUITABLE = "not_suitable", _("Not suitable")
        NO_SHOW = "no_show", _("Did not come")

    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.CASCADE, related_name="interview_slots"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    mode = models.CharField(_("where"), max_length=8, choices=Mode.choices, default=Mode.BOOTH)
    meeting_url = models.URLField(_("online meeting link"), blank=True)
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interview_slots",
    )
    booked_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, blank=True, default=""
    )
    outcome_note = models.TextField(_("private note"), blank=True)

    class Meta:
        verbose_name = _("interview slot")
        verbose_name_plural = _("interview slots")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="slot_ends_after_it_starts",
                violation_error_message=_("A slot must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(candidate__isnull=True, booked_at__isnull=True)
                | Q(candidate__isnull=False, booked_at__isnull=False),
                name="slot_booking_complete",
            ),
            # The database refuses two overlapping bookings for one candidate, whatever
            # the race (needs btree_gist for the equality on candidate).
            ExclusionConstraint(
                name="slot_no_overlap_per_candidate",
                expressions=[
                    ("candidate", RangeOperators.EQUAL),
                    (TsTzRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
                ],
                condition=Q(candidate__isnull=False),
                violation_error_message=_("You already have an interview at that time."),
            ),
            # One interview per candidate at a booth. The service checks it first for a
            # clear message, but each booking locks only its own slot: simultaneous
            # requests for several slots of one booth all pass that check.
            models.UniqueConstraint(
                fields=["exhibitor", "candidate"],
                condition=Q(candidate__isnull=False),
                name="slot_one_per_candidate_per_exhibitor",
                violation_error_message=_("You already have an interview at this booth."),
            ),
            # An exhibitor's own slots never overlap either.
            ExclusionConstraint(
                name="slot_no_overlap_per_exhibitor",
                expressions=[
                    ("exhibitor", RangeOperators.EQUAL),
                    (TsTzRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
                ],
                violation_error_message=_("This slot overlaps another of your slots."),
            ),
        ]

    def __str__(self):
        return f"{self.exhibitor.company} {self.starts_at:%Y-%m-%d %H:%M}"


class BoothDrop(models.Model):
    """A candidate leaving their CV (or only their profile) at a booth.

    It lets the exhibitor's team see that CV: talent.selectors.cv_can_view.
    """

    exhibitor = models.ForeignKey(Exhibitor, on_delete=models.CASCADE, related_name="drops")
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="booth_drops"
    )
    cv = models.ForeignKey(
        "talent.CV",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booth_drops",
        help_text=_("Empty when only the profile was shared."),
    )
    message = models.CharField(_("message"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("CV dropped at a booth")
        verbose_name_plural = _("CVs dropped at booths")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint("exhibitor", "candidate", name="booth_drop_once"),
        ]

    def __str__(self):
        return f"{self.candidate} → {self.exhibitor}"
