"""Writes for interviews at a fair's booths and for CVs dropped there.

Interview slots: an approved exhibitor publishes a series of slots; a candidate with a
confirmed place at the fair books one (the slot row is locked, and the database's
constraints keep one candidate from holding two slots at one booth or two overlapping
slots, and one exhibitor from offering two overlapping slots); either side cancels before
it starts; the company records the outcome. CV drops: any candidate leaves a CV (or only
their profile) at a booth, once per booth — dropping again replaces the choice.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from events.models import BoothDrop, Exhibitor, InterviewSlot, Registration
from events.services.exhibitors import require_member
from hkstp_portal.errors import DomainError
from notifications.outbox import email_render_and_enqueue
from talent.models import CV

MIN_SLOT_MINUTES = 5
MAX_SLOT_MINUTES = 120
MAX_SLOTS_AT_ONCE = 96
MAX_MESSAGE = 500
# Outcomes that mean the interview took place.
HELD_OUTCOMES = [
    InterviewSlot.Outcome.HELD,
    InterviewSlot.Outcome.NEXT_ROUND,
    InterviewSlot.Outcome.OFFER,
    InterviewSlot.Outcome.NOT_SUITABLE,
]


def _check_booth_live(exhibitor: Exhibitor) -> None:
    if exhibitor.status != Exhibitor.Status.APPROVED or not exhibitor.event.is_published:
        raise DomainError(_("This booth is not open."))
    if exhibitor.event.ends_at <= timezone.now():
        raise DomainError(_("This event is over."))


# --- The company's slots -------------------------------------------------------------------


@transaction.atomic
def slot_series_create(
    *,
    exhibitor: Exhibitor,
    by: User,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    minutes: int,
    mode: str,
    meeting_url: str = "",
) -> list[InterviewSlot]:
    """Publish back-to-back slots of `minutes` from `starts_at` until `ends_at` (a last slot
    that would run past it is left out). Members of an approved exhibitor's company only;
    within the event's hours; online slots need a meeting link. All or nothing: a series
    that overlaps one of the exhibitor's slots is refused by the exclusion constraint."""
    require_member(exhibitor.company_id, by)
    exhibitor = Exhibitor.objects.select_related("event").get(pk=exhibitor.pk)
    _check_booth_live(exhibitor)
    event = exhibitor.event
    if not MIN_SLOT_MINUTES <= minutes <= MAX_SLOT_MINUTES:
        raise DomainError(_("A slot lasts between 5 and 120 minutes."))
    if ends_at <= starts_at:
        raise DomainError(_("The end must be after the start."))
    if starts_at < event.starts_at or ends_at > event.ends_at:
        raise DomainError(_("Slots must fall within the event's hours."))
    if starts_at < timezone.now():
        raise DomainError(_("Slots must start in the future."))
    if mode not in InterviewSlot.Mode.values:
        raise DomainError(_("Choose where the interviews take place."))
    meeting_url = (meeting_url or "").strip()
    if mode == InterviewSlot.Mode.ONLINE and not meeting_url:
        raise DomainError(_("Online interviews need a meeting link."))
    if mode == InterviewSlot.Mode.BOOTH:
        meeting_url = ""
    length = datetime.timedelta(minutes=minutes)
    slots, start = [], starts_at
    while start + length <= ends_at:
        slot = InterviewSlot(
            exhibitor=exhibitor,
            starts_at=start,
            ends_at=start + length,
            mode=mode,
            meeting_url=meeting_url,
        )
        slot.full_clean(exclude=["exhibitor"], validate_constraints=False)
        slots.append(slot)
        start += length
    if not slots:
        raise DomainError(_("The time given is shorter than one slot."))
    if len(slots) > MAX_SLOTS_AT_ONCE:
        raise DomainError(_("Publish at most 96 slots at once."))
    try:
        with transaction.atomic():
            InterviewSlot.objects.bulk_create(slots)
    except IntegrityError:
        raise DomainError(_("These slots overlap slots you have already published.")) from None
    return slots


@transaction.atomic
def slot_delete(*, slot: InterviewSlot, by: User) -> None:
    """Delete a slot nobody has booked. Members of the exhibitor's company only."""
    require_member(slot.exhibitor.company_id, by)
    slot = InterviewSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.candidate_id is not None:
        raise DomainError(_("Someone has booked this slot: cancel the booking first."))
    slot.delete()


@transaction.atomic
def interview_outcome_set(
    *, slot: InterviewSlot, by: User, outcome: str, note: str = ""
) -> InterviewSlot:
    """Record how a booked interview went, with a private note only the company sees.
    Members of the exhibitor's company only, once the slot has started."""
    require_member(slot.exhibitor.company_id, by)
    slot = InterviewSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.candidate_id is None:
        raise DomainError(_("Nobody booked this slot."))
    if slot.starts_at > timezone.now():
        raise DomainError(_("Record the outcome once the interview has started."))
    if outcome not in InterviewSlot.Outcome.values:
        raise DomainError(_("Choose an outcome from the list."))
    note = (note or "").strip()
    if len(note) > 2000:
        raise DomainError(_("Keep the note to at most 2,000 characters."))
    slot.outcome = outcome
    slot.outcome_note = note
    slot.save(update_fields=["outcome", "outcome_note"])
    return slot


# --- Booking -------------------------------------------------------------------------------


def _email_candidate(slot: InterviewSlot, candidate: User, template: str) -> None:
    email_render_and_enqueue(
        to=candidate.email,
        template=template,
        context={
            "slot": slot,
            "exhibitor": slot.exhibitor,
            "event": slot.exhibitor.event,
            "user": candidate,
        },
        language=candidate.language,
    )


def _locked_slot(slot: InterviewSlot) -> InterviewSlot:
    return (
        InterviewSlot.objects.select_for_update(of=("self",))
        .select_related("exhibitor__event", "exhibitor__company", "candidate")
        .get(pk=slot.pk)
    )


@transaction.atomic
def interview_book(*, slot: InterviewSlot, candidate: User) -> InterviewSlot:
    """Book a free slot. Candidates with a confirmed place at the fair only (its capacity is
    real), one slot per booth, before the slot starts. The slot row is locked, so of two
    candidates racing for it exactly one wins; a second slot at the same booth and two
    overlapping bookings of one candidate are refused by the database (a unique and an
    exclusion constraint), so simultaneous requests book at most one. Emails the candidate
    after commit."""
    if not candidate.is_candidate:
        raise DomainError(_("Only candidates can book interviews."))
    slot = _locked_slot(slot)
    exhibitor = slot.exhibitor
    _check_booth_live(exhibitor)
    if slot.candidate_id == candidate.pk:
        raise DomainError(_("You have already booked this slot."))
    if slot.candidate_id is not None:
        raise DomainError(_("Someone has just booked this slot. Please choose another."))
    if slot.starts_at <= timezone.now():
        raise DomainError(_("This slot has already started."))
    if not Registration.objects.filter(
        event_id=exhibitor.event_id, candidate=candidate, status=Registration.Status.CONFIRMED
    ).exists():
        raise DomainError(_("Register for the event before booking an interview."))
    if InterviewSlot.objects.filter(exhibitor=exhibitor, candidate=candidate).exists():
        raise DomainError(_("You already have an interview at this booth."))
    slot.candidate = candidate
    slot.booked_at = timezone.now()
    try:
        with transaction.atomic():
            slot.save(update_fields=["candidate", "booked_at"])
    except IntegrityError as exc:
        # A simultaneous booking of this candidate committed first: the unique constraint
        # (another slot of this booth) or the exclusion constraint (an overlapping slot).
        constraint = getattr(getattr(exc.__cause__, "diag", None), "constraint_name", None)
        if constraint == "slot_one_per_candidate_per_exhibitor":
            raise DomainError(_("You already have an interview at this booth.")) from None
        raise DomainError(_("You already have an interview at that time.")) from None
    _email_candidate(slot, candidate, "interview_booked")
    return slot


@transaction.atomic
def interview_cancel(*, slot: InterviewSlot, by: User) -> InterviewSlot:
    """Cancel a booking before the slot starts; the slot is free again. The candidate who
    booked it, or a member of the exhibitor's company — then the candidate is emailed."""
    slot = _locked_slot(slot)
    candidate = slot.candidate
    if candidate is None:
        raise DomainError(_("This slot is not booked."))
    by_candidate = candidate.pk == by.pk
    if not by_candidate:
        require_member(slot.exhibitor.company_id, by)
    if slot.starts_at <= timezone.now():
        raise DomainError(_("This interview has already started; it can no longer be cancelled."))
    slot.candidate = None
    slot.booked_at = None
    slot.outcome = ""
    slot.outcome_note = ""
    slot.save(update_fields=["candidate", "booked_at", "outcome", "outcome_note"])
    if not by_candidate:
        _email_candidate(slot, candidate, "interview_cancelled")
    return slot


# --- CV drops ------------------------------------------------------------------------------


@transaction.atomic
def booth_drop_create(
    *, exhibitor: Exhibitor, candidate: User, cv: CV | None, message: str = ""
) -> BoothDrop:
    """Leave a CV (`cv`), or only the profile (`cv=None`), at an approved exhibitor's booth
    with an optional message. Any candidate account (a virtual stand needs no ticket);
    one of their own CVs; until the event ends. Once per booth: dropping again replaces the
    CV and message of the earlier drop, so the company sees only the latest choice."""
    if not candidate.is_candidate:
        raise DomainError(_("Only candidates can leave a CV at a booth."))
    exhibitor = Exhibitor.objects.select_related("event").get(pk=exhibitor.pk)
    _check_booth_live(exhibitor)
    if cv is not None and cv.owner_id != candidate.pk:
        raise DomainError(_("Choose one of your own CVs."))
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE:
        raise DomainError(_("Keep the message to at most 500 characters."))
    drop = (
        BoothDrop.objects.select_for_update()
        .filter(exhibitor=exhibitor, candidate=candidate)
        .first()
    )
    if drop is None:
        try:
            with transaction.atomic():
                return BoothDrop.objects.create(
                    exhibitor=exhibitor, candidate=candidate, cv=cv, message=message
                )
        except IntegrityError:
            # A parallel drop (a double click) inserted first: replace its choice.
            drop = BoothDrop.objects.select_for_update().get(
                exhibitor=exhibitor, candidate=candidate
            )
    drop.cv = cv
    drop.message = message
    drop.save(update_fields=["cv", "message"])
    return drop


@transaction.atomic
def booth_drop_withdraw(*, drop: BoothDrop, by: User) -> None:
    """Take a drop back: the company no longer sees it, nor the CV through it (it still sees
    a CV the candidate applied with). The candidate who dropped it only."""
    drop = BoothDrop.objects.select_for_update().get(pk=drop.pk)
    if drop.candidate_id != by.pk:
        raise DomainError(_("Only the candidate can withdraw their CV."))
    drop.delete()
