"""Concurrent transactions, each on its own connection, meeting at a barrier."""

import pytest

from hkstp_portal.errors import DomainError
from programmes.models import ProgrammeApplication
from programmes.services import AlreadyApplied, programme_select, programme_shortlist
from tests import factories
from tests.programmes.conftest import Status, apply, student
from tests.races import race


@pytest.mark.django_db(transaction=True)
def test_two_staff_selecting_two_candidates_for_the_last_place_get_one_winner():
    programme = factories.ProgrammeFactory(eligible_levels=[], earliest_graduation_year=None)
    placement = factories.PlacementFactory(programme=programme, quota=1)
    staff_a, staff_b = factories.StaffFactory(), factories.StaffFactory()
    first = programme_shortlist(application=apply(programme, student(), [placement]), by=staff_a)
    second = programme_shortlist(application=apply(programme, student(), [placement]), by=staff_a)

    results = race(
        lambda: programme_select(application=first, placement=placement, by=staff_a),
        lambda: programme_select(application=second, placement=placement, by=staff_b),
    )

    winners = [r for r in results if isinstance(r, ProgrammeApplication)]
    losers = [r for r in results if isinstance(r, DomainError)]
    assert len(winners) == 1, results
    assert len(losers) == 1
    assert "no place left" in str(losers[0])
    assert (
        ProgrammeApplication.objects.filter(
            selected_placement=placement, status=Status.SELECTED
        ).count()
        == 1
    )


@pytest.mark.django_db(transaction=True)
def test_a_double_submitted_application_is_stored_once():
    programme = factories.ProgrammeFactory(eligible_levels=[], earliest_graduation_year=None)
    placement = factories.PlacementFactory(programme=programme)
    candidate = student()

    results = race(
        lambda: apply(programme, candidate, [placement]),
        lambda: apply(programme, candidate, [placement]),
    )

    assert sum(isinstance(r, ProgrammeApplication) for r in results) == 1, results
    (refused,) = [r for r in results if isinstance(r, AlreadyApplied)]
    assert str(refused) == "You have already applied to this programme."
    assert ProgrammeApplication.objects.filter(candidate=candidate).count() == 1
