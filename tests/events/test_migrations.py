"""Migrations that change existing rows: run them on data the old schema allowed."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from events.models import InterviewSlot
from tests import factories

BEFORE = ("events", "0002_fairs_sessions_registrations_exhibitors_slots")
ONE_PER_BOOTH = ("events", "0003_interview_slot_one_per_candidate_per_booth")


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


@pytest.mark.django_db(transaction=True)
def test_duplicate_bookings_at_one_booth_keep_one_before_the_constraint():
    exhibitor = factories.ApprovedExhibitorFactory()
    other_booth = factories.ApprovedExhibitorFactory(event=exhibitor.event)
    slots = [factories.InterviewSlotFactory(exhibitor=exhibitor, index=i) for i in range(4)]
    elsewhere = factories.InterviewSlotFactory(exhibitor=other_booth, index=8)
    first, second = (
        factories.InterviewSlotFactory(exhibitor=other_booth, index=i) for i in (9, 10)
    )
    twice, once = factories.CandidateFactory(), factories.CandidateFactory()
    now = timezone.now()
    _migrate(BEFORE)
    try:
        # What four simultaneous requests left: three slots of one booth for one candidate,
        # the last-booked of them already held; another candidate's single booking.
        for slot, minutes in zip(slots[:3], (0, 1, 2), strict=True):
            InterviewSlot.objects.filter(pk=slot.pk).update(
                candidate=twice, booked_at=now - datetime.timedelta(minutes=10 - minutes)
            )
        InterviewSlot.objects.filter(pk=slots[2].pk).update(outcome="held", outcome_note="Good")
        InterviewSlot.objects.filter(pk=slots[3].pk).update(candidate=once, booked_at=now)
        InterviewSlot.objects.filter(pk=elsewhere.pk).update(candidate=twice, booked_at=now)
        # No outcome anywhere: the first booked stays.
        InterviewSlot.objects.filter(pk=second.pk).update(candidate=once, booked_at=now)
        InterviewSlot.objects.filter(pk=first.pk).update(
            candidate=once, booked_at=now - datetime.timedelta(minutes=1)
        )
    finally:
        _migrate(ONE_PER_BOOTH)

    booked = {
        s.pk: (s.candidate_id, s.outcome, s.outcome_note, s.booked_at is None)
        for s in InterviewSlot.objects.all()
    }
    assert booked == {
        slots[0].pk: (None, "", "", True),
        slots[1].pk: (None, "", "", True),
        slots[2].pk: (twice.pk, "held", "Good", False),  # the interview that took place
        slots[3].pk: (once.pk, "", "", False),
        elsewhere.pk: (twice.pk, "", "", False),  # another booth: untouched
        first.pk: (once.pk, "", "", False),
        second.pk: (None, "", "", True),
    }
