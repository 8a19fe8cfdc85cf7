"""Races with real concurrent transactions: each thread has its own database connection,
and a barrier releases them together."""

import pytest

from events.models import Registration
from events.services.registrations import registration_check_in, registration_create
from hkstp_portal.errors import DomainError
from tests import factories
from tests.races import race

Status = Registration.Status


@pytest.mark.django_db(transaction=True)
def test_two_candidates_racing_for_the_last_place_get_exactly_one():
    event = factories.EventFactory(capacity=2)
    factories.RegistrationFactory(event=event)
    first, second = factories.CandidateFactory(), factories.CandidateFactory()
    results = race(
        lambda: registration_create(event=event, candidate=first),
        lambda: registration_create(event=event, candidate=second),
    )
    assert sorted(r.status for r in results) == [Status.CONFIRMED, Status.WAITLISTED]
    assert event.registrations.filter(status=Status.CONFIRMED).count() == 2


@pytest.mark.django_db(transaction=True)
def test_without_a_waitlist_the_loser_of_the_race_is_refused():
    event = factories.EventFactory(capacity=1, waitlist_enabled=False)
    first, second = factories.CandidateFactory(), factories.CandidateFactory()
    results = race(
        lambda: registration_create(event=event, candidate=first),
        lambda: registration_create(event=event, candidate=second),
    )
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(refused) == 1
    assert "full" in str(refused[0])
    assert event.registrations.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_double_click_registers_once():
    event = factories.EventFactory()
    candidate = factories.CandidateFactory()
    results = race(*[lambda: registration_create(event=event, candidate=candidate)] * 2)
    assert sum(isinstance(r, Registration) for r in results) == 1
    assert sum("already registered" in str(r) for r in results if isinstance(r, DomainError)) == 1
    assert event.registrations.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_scanners_reading_the_same_ticket_check_it_in_once():
    registration = factories.RegistrationFactory()
    door_a, door_b = factories.StaffFactory(), factories.StaffFactory()
    results = race(
        lambda: registration_check_in(event=registration.event, code=registration.code, by=door_a),
        lambda: registration_check_in(event=registration.event, code=registration.code, by=door_b),
    )
    assert sorted(r.already for r in results) == [False, True]
    winner = next(r for r in results if not r.already)
    loser = next(r for r in results if r.already)
    registration.refresh_from_db()
    assert registration.checked_in_at == winner.registration.checked_in_at
    assert registration.checked_in_by_id == winner.registration.checked_in_by_id
    # The second scanner saw the first one's check-in, and changed nothing.
    assert loser.registration.checked_in_at == registration.checked_in_at
