"""Interview slots: publishing, booking (with a real race), cancelling and outcomes."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from events.models import InterviewSlot
from events.services.interviews import (
    interview_book,
    interview_cancel,
    interview_outcome_set,
    slot_delete,
    slot_series_create,
)
from hkstp_portal.errors import DomainError
from tests import factories
from tests.races import race

pytestmark = pytest.mark.django_db


@pytest.fixture
def exhibitor():
    return factories.ApprovedExhibitorFactory()


@pytest.fixture
def member(exhibitor):
    return factories.CompanyMemberFactory(company=exhibitor.company).user


def _ticketed(event):
    return factories.RegistrationFactory(event=event).candidate


def _series(exhibitor, member, *, start_minutes=0, end_minutes=60, **kwargs):
    start = exhibitor.event.starts_at
    return slot_series_create(
        exhibitor=exhibitor,
        by=member,
        starts_at=start + datetime.timedelta(minutes=start_minutes),
        ends_at=start + datetime.timedelta(minutes=end_minutes),
        minutes=kwargs.pop("minutes", 15),
        mode=kwargs.pop("mode", InterviewSlot.Mode.BOOTH),
        **kwargs,
    )


# --- publishing ----------------------------------------------------------------------------


def test_a_series_of_back_to_back_slots(exhibitor, member):
    slots = _series(exhibitor, member, end_minutes=70)
    assert len(slots) == 4  # the last 10 minutes are shorter than a slot
    stored = list(InterviewSlot.objects.filter(exhibitor=exhibitor))
    assert [s.starts_at for s in stored] == [
        exhibitor.event.starts_at + datetime.timedelta(minutes=15 * i) for i in range(4)
    ]
    assert all(s.ends_at - s.starts_at == datetime.timedelta(minutes=15) for s in stored)


def test_overlapping_slots_are_refused_all_or_nothing(exhibitor, member):
    _series(exhibitor, member, end_minutes=30)
    with pytest.raises(DomainError, match="overlap"):
        _series(exhibitor, member, start_minutes=15, end_minutes=75)
    with pytest.raises(DomainError, match="overlap"):
        _series(exhibitor, member, start_minutes=20, end_minutes=80, minutes=20)
    assert InterviewSlot.objects.filter(exhibitor=exhibitor).count() == 2


def test_online_slots_need_a_link(exhibitor, member):
    with pytest.raises(DomainError, match="link"):
        _series(exhibitor, member, mode=InterviewSlot.Mode.ONLINE)
    slots = _series(
        exhibitor, member, mode=InterviewSlot.Mode.ONLINE, meeting_url="https://meet.example/x"
    )
    assert {s.meeting_url for s in slots} == {"https://meet.example/x"}


@pytest.mark.parametrize(
    ("start", "end", "minutes", "message"),
    [
        (-60, 30, 15, "event's hours"),
        (0, 60 * 8, 15, "event's hours"),
        (0, 10, 15, "shorter than one slot"),
        (0, 60, 3, "between 5 and 120"),
        (30, 30, 15, "after the start"),
    ],
)
def test_bad_series_are_refused(exhibitor, member, start, end, minutes, message):
    with pytest.raises(DomainError, match=message):
        _series(exhibitor, member, start_minutes=start, end_minutes=end, minutes=minutes)
    assert not InterviewSlot.objects.exists()


def test_only_members_of_an_approved_exhibitor_publish(exhibitor):
    with pytest.raises(DomainError, match="team"):
        _series(exhibitor, factories.CompanyMemberFactory().user)
    pending = factories.ExhibitorFactory()
    pending_member = factories.CompanyMemberFactory(company=pending.company).user
    with pytest.raises(DomainError, match="not open"):
        _series(pending, pending_member)
    assert not InterviewSlot.objects.exists()


def test_delete_a_free_slot_but_not_a_booked_one(exhibitor, member):
    free = factories.InterviewSlotFactory(exhibitor=exhibitor, index=0)
    booked = factories.InterviewSlotFactory(
        exhibitor=exhibitor, index=1, candidate=_ticketed(exhibitor.event), booked_at=timezone.now()
    )
    slot_delete(slot=free, by=member)
    with pytest.raises(DomainError, match="booked"):
        slot_delete(slot=booked, by=member)
    assert list(InterviewSlot.objects.all()) == [booked]


# --- booking -------------------------------------------------------------------------------


def test_a_registered_candidate_books_and_is_emailed(exhibitor, mailoutbox, committed):
    slot = factories.InterviewSlotFactory(exhibitor=exhibitor)
    candidate = _ticketed(exhibitor.event)
    with committed():
        interview_book(slot=slot, candidate=candidate)
    slot.refresh_from_db()
    assert slot.candidate == candidate
    assert slot.booked_at is not None
    assert [m.to for m in mailoutbox] == [[candidate.email]]
    assert exhibitor.company.name in mailoutbox[0].subject


def test_booking_needs_a_confirmed_registration(exhibitor):
    slot = factories.InterviewSlotFactory(exhibitor=exhibitor)
    waitlisted = factories.WaitlistedRegistrationFactory(event=exhibitor.event).candidate
    for candidate in (factories.CandidateFactory(), waitlisted):
        with pytest.raises(DomainError, match="Register"):
            interview_book(slot=slot, candidate=candidate)
    slot.refresh_from_db()
    assert slot.candidate is None


def test_a_taken_slot_is_refused(exhibitor):
    slot = factories.InterviewSlotFactory(exhibitor=exhibitor)
    interview_book(slot=slot, candidate=_ticketed(exhibitor.event))
    with pytest.raises(DomainError, match="Someone has just booked"):
        interview_book(slot=slot, candidate=_ticketed(exhibitor.event))


def test_overlapping_bookings_of_one_candidate_are_refused_by_the_database(exhibitor):
    other = factories.ApprovedExhibitorFactory(event=exhibitor.event)
    candidate = _ticketed(exhibitor.event)
    mine = factories.InterviewSlotFactory(exhibitor=exhibitor, index=0)
    start = mine.starts_at + datetime.timedelta(minutes=5)
    overlapping = factories.InterviewSlotFactory(
        exhibitor=other, starts_at=start, ends_at=start + datetime.timedelta(minutes=15)
    )
    interview_book(slot=mine, candidate=candidate)
    with pytest.raises(DomainError, match="already have an interview at that time"):
        interview_book(slot=overlapping, candidate=candidate)
    overlapping.refresh_from_db()
    assert overlapping.candidate is None


def test_one_interview_per_booth(exhibitor):
    candidate = _ticketed(exhibitor.event)
    first = factories.InterviewSlotFactory(exhibitor=exhibitor, index=0)
    later = factories.InterviewSlotFactory(exhibitor=exhibitor, index=4)
    interview_book(slot=first, candidate=candidate)
    with pytest.raises(DomainError, match="at this booth"):
        interview_book(slot=later, candidate=candidate)


def test_a_started_slot_cannot_be_booked(exhibitor):
    start = timezone.now() - datetime.timedelta(minutes=1)
    factories.RegistrationFactory(event=exhibitor.event)
    slot = factories.InterviewSlotFactory(
        exhibitor=exhibitor, starts_at=start, ends_at=start + datetime.timedelta(minutes=15)
    )
    with pytest.raises(DomainError, match="started"):
        interview_book(slot=slot, candidate=_ticketed(exhibitor.event))


def test_only_candidates_book(exhibitor, member):
    slot = factories.InterviewSlotFactory(exhibitor=exhibitor)
    with pytest.raises(DomainError, match="candidates"):
        interview_book(slot=slot, candidate=member)


@pytest.mark.django_db(transaction=True)
def test_two_candidates_racing_for_one_slot_get_exactly_one_booking():
    exhibitor = factories.ApprovedExhibitorFactory()
    slot = factories.InterviewSlotFactory(exhibitor=exhibitor)
    candidates = [_ticketed(exhibitor.event) for _ in range(2)]
    outcomes = race(*[lambda c=c: interview_book(slot=slot, candidate=c) for c in candidates])
    results = [str(r) if isinstance(r, DomainError) else "booked" for r in outcomes]

    assert results.count("booked") == 1
    assert any("Someone has just booked" in r for r in results)
    slot.refresh_from_db()
    assert slot.candidate in candidates


@pytest.mark.django_db(transaction=True)
def test_one_candidate_racing_for_four_slots_of_one_booth_gets_exactly_one():
    """Each request locks only its own slot, so the "one per booth" check alone let four
    simultaneous bookings through; the database's unique constraint decides."""
    exhibitor = factories.ApprovedExhibitorFactory()
    slots = [factories.InterviewSlotFactory(exhibitor=exhibitor, index=i) for i in range(4)]
    candidate = _ticketed(exhibitor.event)
    outcomes = race(*[lambda s=s: interview_book(slot=s, candidate=candidate) for s in slots])

    assert sum(isinstance(r, InterviewSlot) for r in outcomes) == 1
    refusals = [str(r) for r in outcomes if not isinstance(r, InterviewSlot)]
    assert refusals == ["You already have an interview at this booth."] * 3
    assert InterviewSlot.objects.filter(exhibitor=exhibitor, candidate=candidate).count() == 1


def test_the_database_refuses_a_second_booking_at_one_booth(exhibitor):
    """The rule holds for every writer (the admin, a script), not only the service."""
    candidate = _ticketed(exhibitor.event)
    first, later = (factories.InterviewSlotFactory(exhibitor=exhibitor, index=i) for i in (0, 4))
    InterviewSlot.objects.filter(pk=first.pk).update(candidate=candidate, booked_at=timezone.now())
    with pytest.raises(IntegrityError, match="slot_one_per_candidate_per_exhibitor"):
        InterviewSlot.objects.filter(pk=later.pk).update(
            candidate=candidate, booked_at=timezone.now()
        )


# --- cancelling and outcomes ---------------------------------------------------------------


def _booked(exhibitor, **kwargs):
    candidate = _ticketed(exhibitor.event)
    return factories.InterviewSlotFactory(
        exhibitor=exhibitor, candidate=candidate, booked_at=timezone.now(), **kwargs
    )


def test_the_candidate_cancels_before_it_starts_and_the_slot_is_free(exhibitor, mailoutbox):
    slot = _booked(exhibitor)
    interview_cancel(slot=slot, by=slot.candidate)
    slot.refresh_from_db()
    assert slot.candidate is None
    assert slot.booked_at is None
    assert mailoutbox == []


def test_the_company_cancels_and_the_candidate_is_emailed(exhibitor, member, mailoutbox, committed):
    slot = _booked(exhibitor)
    candidate = slot.candidate
    with committed():
        interview_cancel(slot=slot, by=member)
    slot.refresh_from_db()
    assert slot.candidate is None
    assert [m.to for m in mailoutbox] == [[candidate.email]]
    assert "cancel" in mailoutbox[0].subject


def test_no_cancelling_after_the_start(exhibitor):
    start = timezone.now() - datetime.timedelta(minutes=5)
    slot = _booked(exhibitor, starts_at=start, ends_at=start + datetime.timedelta(minutes=15))
    with pytest.raises(DomainError, match="already started"):
        interview_cancel(slot=slot, by=slot.candidate)
    slot.refresh_from_db()
    assert slot.candidate is not None


def test_strangers_cannot_cancel(exhibitor):
    slot = _booked(exhibitor)
    for stranger in (factories.CandidateFactory(), factories.CompanyMemberFactory().user):
        with pytest.raises(DomainError):
            interview_cancel(slot=slot, by=stranger)
    slot.refresh_from_db()
    assert slot.candidate is not None


def test_outcomes_after_the_start_by_the_company_only(exhibitor, member):
    start = timezone.now() - datetime.timedelta(minutes=20)
    slot = _booked(exhibitor, starts_at=start, ends_at=start + datetime.timedelta(minutes=15))
    interview_outcome_set(
        slot=slot, by=member, outcome=InterviewSlot.Outcome.NEXT_ROUND, note=" Strong. "
    )
    slot.refresh_from_db()
    assert (slot.outcome, slot.outcome_note) == ("next_round", "Strong.")
    with pytest.raises(DomainError, match="list"):
        interview_outcome_set(slot=slot, by=member, outcome="hired")
    with pytest.raises(DomainError, match="team"):
        interview_outcome_set(slot=slot, by=factories.CompanyMemberFactory().user, outcome="held")
    future = _booked(exhibitor, index=10)
    with pytest.raises(DomainError, match="started"):
        interview_outcome_set(slot=future, by=member, outcome="held")
    free = factories.InterviewSlotFactory(exhibitor=exhibitor, index=11)
    with pytest.raises(DomainError, match="Nobody"):
        interview_outcome_set(slot=free, by=member, outcome="held")
