"""talent announces a changed candidate after commit; matching listens (layers: talent does
not import matching)."""

import pytest
from django.db import transaction

from matching.models import CandidateFeatures
from talent.services import profiles
from talent.signals import candidate_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """The user ids announced by candidate_changed while the test runs."""
    ids = []

    def listener(sender, user_id, **kwargs):
        ids.append(user_id)

    candidate_changed.connect(listener, dispatch_uid="test_listener")
    yield ids
    candidate_changed.disconnect(dispatch_uid="test_listener")


def test_a_profile_change_is_announced_once_it_commits(heard, committed, candidate):
    with committed():
        profiles.profile_update(user=candidate, headline="FPGA engineer")
        assert heard == []  # not before the commit
    assert heard == [candidate.pk]


def test_a_rolled_back_change_is_not_announced(heard, committed, candidate):
    def change_then_fail():
        with transaction.atomic():
            profiles.profile_update(user=candidate, headline="FPGA engineer")
            raise RuntimeError("the request failed after saving")

    with committed(), pytest.raises(RuntimeError):
        change_then_fail()
    assert heard == []


def test_matching_refreshes_the_candidate_s_features_after_a_change(committed, candidate):
    with committed():
        profiles.profile_update(user=candidate, headline="FPGA engineer")
    assert CandidateFeatures.objects.filter(user=candidate).exists()
