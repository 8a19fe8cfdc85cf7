"""The rules the database keeps for fairs: one ticket each, no double-booked interviews."""

import datetime

import pytest
from django.db import IntegrityError

from events.models import TICKET_ALPHABET
from tests import factories

pytestmark = pytest.mark.django_db


def test_ticket_codes_are_unambiguous():
    code = factories.RegistrationFactory().code
    assert len(code) == 8
    assert set(code) <= set(TICKET_ALPHABET)
    assert not set(code) & set("01OIL")


def test_one_live_registration_per_candidate_and_event():
    registration = factories.RegistrationFactory()
    with pytest.raises(IntegrityError):
        factories.RegistrationFactory(event=registration.event, candidate=registration.candidate)


def test_a_cancelled_registration_does_not_block_a_new_one():
    cancelled = factories.CancelledRegistrationFactory()
    factories.RegistrationFactory(event=cancelled.event, candidate=cancelled.candidate)


def test_a_candidate_cannot_hold_two_overlapping_interviews():
    slot = factories.InterviewSlotFactory(index=0)
    other = factories.InterviewSlotFactory(
        starts_at=slot.starts_at + datetime.timedelta(minutes=5),
        ends_at=slot.ends_at + datetime.timedelta(minutes=5),
    )
    candidate = factories.CandidateFactory()
    slot.candidate, slot.booked_at = candidate, slot.starts_at
    slot.save()
    other.candidate, other.booked_at = candidate, other.starts_at
    with pytest.raises(IntegrityError):
        other.save()


def test_an_exhibitor_cannot_publish_overlapping_slots():
    slot = factories.InterviewSlotFactory(index=0)
    with pytest.raises(IntegrityError):
        factories.InterviewSlotFactory(
            exhibitor=slot.exhibitor,
            starts_at=slot.starts_at + datetime.timedelta(minutes=10),
            ends_at=slot.ends_at + datetime.timedelta(minutes=10),
        )


def test_a_booth_number_is_unique_per_event():
    exhibitor = factories.ApprovedExhibitorFactory(booth="A01")
    with pytest.raises(IntegrityError):
        factories.ApprovedExhibitorFactory(event=exhibitor.event, booth="A01")


def test_at_most_three_ranked_placements():
    application = factories.ProgrammeApplicationFactory()
    placement = factories.PlacementFactory(programme=application.programme)
    with pytest.raises(IntegrityError):
        application.preferences.create(placement=placement, rank=4)
