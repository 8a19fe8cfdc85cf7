"""Writes for candidates' places at events: registering, the waitlist and its offers,
sessions, reminders, and check-in at the door.

Every rule lives here (backed by the constraints in events.models), so the pages, the
admin and the beat tasks meet the same ones; an action the rules refuse raises
DomainError with a message safe to show. Places are counted under a lock on the event
row, so two people racing for the last place get exactly one; check-in locks only the
ticket's row. Emails leave through notifications.outbox.email_render_and_enqueue, after commit.
"""

import dataclasses
import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from events.models import Event, EventSession, Registration, SessionRegistration
from events.selectors import registration_waitlist_position
from events.tickets import ticket_code_looks_valid, ticket_code_normalise
from hkstp_portal.errors import DomainError
from hkstp_portal.i18n import localised
from hkstp_portal.vocabulary import WorkEligibility
from notifications.outbox import email_render_and_enqueue
from talent.models import EducationEntry

Status = Registration.Status

# How far ahead of an event its reminder goes out.
REMINDER_AHEAD = datetime.timedelta(hours=24)


class AlreadyRegistered(DomainError):
    """The candidate already holds a registration (any live status) for this event."""

    def __init__(self, registration: Registration | None):
        super().__init__(_("You are already registered for this event."))
        self.registration = registration


def _hk(moment: datetime.datetime, fmt: str = "j M Y, H:i") -> str:
    return date_format(timezone.localtime(moment), fmt)


def _email(registration: Registration, template: str, **context) -> None:
    candidate = registration.candidate
    email_render_and_enqueue(
        to=candidate.email,
        template=template,
        context={"registration": registration, "event": registration.event, **context},
        language=candidate.language,
    )


# --- Rules ------------------------------------------------------------------------------------


def _university_key(name: str) -> str:
    # "The Hong Kong  University of Science and Technology" and "the hong kong university of
    # science and technology" are the same school; spacing and case are not.
    return "".join(name.split()).casefold()


def registration_audience_check(*, event: Event, candidate: User) -> None:
    """Raise DomainError, with what to do about it, when the candidate is outside the
    event's audience. Reads the candidate's profile; changes nothing."""
    if event.audience == Event.Audience.TTPS:
        eligibility = (
            candidate.candidate_profile.eligibility
            if hasattr(candidate, "candidate_profile")
            else ""
        )
        if eligibility != WorkEligibility.TTPS:
            raise DomainError(
                _(
                    "This event is only for Top Talent Pass Scheme holders or eligible "
                    "candidates. If that is you, set your work eligibility to TTPS in your "
                    "profile, then register."
                )
            )
    elif event.audience == Event.Audience.UNIVERSITIES:
        listed = {_university_key(name) for name in event.audience_universities if name.strip()}
        studied = EducationEntry.objects.filter(profile__user=candidate).values_list(
            "institution", flat=True
        )
        if not listed & {_university_key(name) for name in studied}:
            raise DomainError(
                _(
                    "This event is only for students and graduates of: %(universities)s. "
                    "If you studied there, add it to the education in your profile, "
                    "then register."
                )
                % {"universities": "; ".join(event.audience_universities)}
            )


def registration_window_check(*, event: Event, now: datetime.datetime) -> None:
    """Registration is open from `registration_opens_at` (or at once) until
    `registration_closes_at` (or until the event starts)."""
    if event.registration_opens_at and now < event.registration_opens_at:
        raise DomainError(
            _("Registration opens on %(when)s (Hong Kong time).")
            % {"when": _hk(event.registration_opens_at)}
        )
    closes_at = event.registration_closes_at or event.starts_at
    if now >= closes_at:
        raise DomainError(_("Registration for this event is closed."))


def places_taken(event: Event) -> int:
    """Confirmed places plus places offered to the waitlist and not yet answered."""
    return Registration.objects.filter(event=event, status__in=Registration.HOLDING).count()


def _live_registration(event: Event, candidate: User) -> Registration | None:
    return (
        Registration.objects.filter(event=event, candidate=candidate)
        .exclude(status=Status.CANCELLED)
        .first()
    )


def _lock_event(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


# --- Registering and cancelling ---------------------------------------------------------------


@transaction.atomic
def registration_create(*, event: Event, candidate: User) -> Registration:
    """Register a candidate for a published event, within its registration window and
    audience.

    Candidates only; once per event (AlreadyRegistered, also when a parallel request
    wins: the unique constraint `registration_once_per_event` decides). While places are
    left the registration is confirmed; when the event is full it joins the waitlist if
    the event has one, else it is refused. Places are counted with the event row locked,
    so two candidates racing for the last place get exactly one. Emails the ticket (or
    the waitlist position) after commit.
    """
    if not candidate.is_candidate:
        raise DomainError(_("Only candidates can register for events."))
    now = timezone.now()
    event = _lock_event(event)
    if not event.is_published:
        raise DomainError(_("This event is not open for registration."))
    existing = _live_registration(event, candidate)
    if existing is not None:
        raise AlreadyRegistered(existing)
    registration_window_check(event=event, now=now)
    registration_audience_check(event=event, candidate=candidate)
    if event.capacity is None or places_taken(event) < event.capacity:
        status = Status.CONFIRMED
    elif event.waitlist_enabled:
        status = Status.WAITLISTED
    else:
        raise DomainError(_("This event is full."))
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event, candidate=candidate, status=status
            )
    except IntegrityError:
        # A parallel request registered the same candidate first; the ticket code is
        # random, and a clash of two codes is as good as impossible (31^8).
        raise AlreadyRegistered(_live_registration(event, candidate)) from None
    if status == Status.CONFIRMED:
        _email(registration, "event_registration_confirmed")
    else:
        _email(
            registration,
            "event_registration_waitlisted",
            position=registration_waitlist_position(registration),
        )
    return registration


def _offer_free_places(event: Event, now: datetime.datetime) -> list[Registration]:
    """Offer every free place to the oldest waitlisted registrations. The caller holds the
    event's lock. No offers once the event has started; an offer never outlives the start."""
    if event.capacity is None or now >= event.starts_at:
        return []
    free = event.capacity - places_taken(event)
    if free <= 0:
        return []
    offered = list(
        Registration.objects.select_for_update()
        .select_related("candidate", "event")
        .filter(event=event, status=Status.WAITLISTED)
        .order_by("created_at", "id")[:free]
    )
    deadline = min(now + datetime.timedelta(hours=event.waitlist_offer_hours), event.starts_at)
    for registration in offered:
        registration.status = Status.OFFERED
        registration.offer_expires_at = deadline
        registration.save(update_fields=["status", "offer_expires_at"])
        _email(registration, "event_registration_offered", deadline=_hk(deadline))
    return offered


def _lock_own(registration: Registration, by: User) -> Registration:
    if registration.candidate_id != by.pk:
        raise DomainError(_("This is not your registration."))
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event", "candidate")
        .get(pk=registration.pk)
    )


@transaction.atomic
def registration_cancel(*, registration: Registration, by: User) -> Registration:
    """The candidate gives up their place (or their waitlist position, or a place offered
    to them). Only the owner; not once checked in or after the event has started. A freed
    place goes to the oldest waitlisted registration as an offer, emailed. Their session
    places are freed too."""
    now = timezone.now()
    _lock_event(registration.event)  # places are counted under this lock
    registration = _lock_own(registration, by)
    if registration.status == Status.CANCELLED:
        raise DomainError(_("This registration is already cancelled."))
    if registration.checked_in_at is not None:
        raise DomainError(_("You have already been checked in at this event."))
    if now >= registration.event.starts_at:
        raise DomainError(_("The event has started; the registration can no longer change."))
    held_a_place = registration.status in Registration.HOLDING
    registration.status = Status.CANCELLED
    registration.cancelled_at = now
    registration.offer_expires_at = None
    registration.save(update_fields=["status", "cancelled_at", "offer_expires_at"])
    registration.session_registrations.all().delete()
    if held_a_place:
        _offer_free_places(registration.event, now)
    return registration


@transaction.atomic
def registration_offer_accept(*, registration: Registration, by: User) -> Registration:
    """The candidate takes the place offered to them from the waitlist, before the
    deadline: the registration becomes confirmed and the ticket is emailed. Only the owner."""
    now = timezone.now()
    _lock_event(registration.event)
    registration = _lock_own(registration, by)
    if registration.status == Status.CONFIRMED:
        raise DomainError(_("Your place is already confirmed."))
    if registration.status != Status.OFFERED:
        raise DomainError(_("No place is being offered to you for this event."))
    if now >= registration.offer_expires_at:
        raise DomainError(_("The offer has expired; the place went back to the waitlist."))
    registration.status = Status.CONFIRMED
    registration.offer_expires_at = None
    registration.save(update_fields=["status", "offer_expires_at"])
    _email(registration, "event_registration_confirmed")
    return registration


@transaction.atomic
def registration_offers_expire(*, now: datetime.datetime | None = None) -> int:
    """Cancel offers not confirmed by their deadline (each person is emailed) and offer the
    places to the next on the waitlist. Idempotent: an expired offer is cancelled once; run
    by beat (events.tasks.registration_offers_expire). Returns how many offers expired."""
    now = now or timezone.now()
    event_ids = (
        Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now)
        .values_list("event_id", flat=True)
        .distinct()
    )
    expired_count = 0
    for event in Event.objects.select_for_update().filter(pk__in=list(event_ids)).order_by("pk"):
        expired = list(
            Registration.objects.select_for_update(of=("self",))
            .select_related("candidate", "event")
            .filter(event=event, status=Status.OFFERED, offer_expires_at__lte=now)
        )
        for registration in expired:
            registration.status = Status.CANCELLED
            registration.cancelled_at = now
            registration.offer_expires_at = None
            registration.save(update_fields=["status", "cancelled_at", "offer_expires_at"])
            _email(registration, "event_registration_offer_expired")
        expired_count += len(expired)
        _offer_free_places(event, now)
    return expired_count


# --- Sessions ---------------------------------------------------------------------------------


@transaction.atomic
def session_register(*, session: EventSession, candidate: User) -> SessionRegistration:
    """Take a place in a talk, panel or workshop of an event the candidate holds a confirmed
    registration for; before it starts; within its capacity (counted under a lock on the
    session row, so the last place goes to one person); once."""
    session = (
        EventSession.objects.select_for_update(of=("self",))
        .select_related("event")
        .get(pk=session.pk)
    )
    registration = Registration.objects.filter(
        event_id=session.event_id, candidate=candidate, status=Status.CONFIRMED
    ).first()
    if registration is None:
        raise DomainError(_("Register for the event (with a confirmed place) first."))
    if timezone.now() >= session.starts_at:
        raise DomainError(_("This session has already started."))
    if SessionRegistration.objects.filter(session=session, registration=registration).exists():
        raise DomainError(_("You already have a place in this session."))
    if (
        session.capacity is not None
        and SessionRegistration.objects.filter(session=session).count() >= session.capacity
    ):
        raise DomainError(_("This session is full."))
    return SessionRegistration.objects.create(session=session, registration=registration)


@transaction.atomic
def session_cancel(*, session: EventSession, candidate: User) -> None:
    """Give up a session place; nothing happens when the candidate had none (idempotent)."""
    SessionRegistration.objects.filter(session=session, registration__candidate=candidate).delete()


# --- Reminders --------------------------------------------------------------------------------


@transaction.atomic
def registrations_remind(*, now: datetime.datetime | None = None) -> int:
    """Email every confirmed registration whose event starts within the next 24 hours, once
    (`reminded_at`), each in the candidate's language. Idempotent, and safe when two runs
    overlap (rows are claimed with SKIP LOCKED). Run hourly by beat. Returns how many."""
    now = now or timezone.now()
    due = list(
        Registration.objects.select_for_update(of=("self",), skip_locked=True)
        .select_related("event", "candidate")
        .filter(
            status=Status.CONFIRMED,
            reminded_at__isnull=True,
            event__is_published=True,
            event__starts_at__gt=now,
            event__starts_at__lte=now + REMINDER_AHEAD,
        )
    )
    for registration in due:
        registration.reminded_at = now
        registration.save(update_fields=["reminded_at"])
        _email(registration, "event_reminder")
    return len(due)


# --- Check-in ---------------------------------------------------------------------------------


class CheckInRefused(DomainError):
    """A ticket that may not enter: unknown, for another event, cancelled, not confirmed.
    `registration` is the ticket when there is one."""

    def __init__(self, message: str, registration: Registration | None = None):
        super().__init__(message)
        self.registration = registration


@dataclasses.dataclass(frozen=True)
class CheckIn:
    registration: Registration
    already: bool  # True: checked in earlier (at registration.checked_in_at); nothing changed


@transaction.atomic
def registration_check_in(*, event: Event, code: str, by: User) -> CheckIn:
    """Check a ticket in at the door of `event`. HKSTP staff only.

    The code may be typed in lower case, with spaces or the dash. A second scan of the
    same ticket changes nothing and says when it was checked in (`already=True`), also
    when two scanners read it at the same moment: the ticket's row is locked. A ticket for
    another event, a cancelled, waitlisted or offered one, or an unknown code raises
    CheckInRefused. Two queries whatever the size of the event: one locked read, one update.
    """
    if not by.is_staff:
        raise DomainError(_("Only HKSTP staff can check people in."))
    code = ticket_code_normalise(code)
    if not ticket_code_looks_valid(code):
        raise CheckInRefused(_("No ticket with this code."))
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("candidate", "event")
        .filter(code=code)
        .first()
    )
    if registration is None:
        raise CheckInRefused(_("No ticket with this code."))
    if registration.event_id != event.pk:
        raise CheckInRefused(
            _("This ticket is for %(event)s.") % {"event": localised(registration.event, "title")},
            registration,
        )
    if registration.checked_in_at is not None:
        return CheckIn(registration=registration, already=True)
    reasons = {
        Status.CANCELLED: _("This ticket was cancelled."),
        Status.WAITLISTED: _("This person is on the waitlist and has no place."),
        Status.OFFERED: _("This person was offered a place but has not confirmed it."),
    }
    if registration.status in reasons:
        raise CheckInRefused(reasons[registration.status], registration)
    registration.checked_in_at = timezone.now()
    registration.checked_in_by = by
    registration.save(update_fields=["checked_in_at", "checked_in_by"])
    return CheckIn(registration=registration, already=False)
