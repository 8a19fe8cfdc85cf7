"""The match score measured against its baselines (matching.evaluation, the same sets and
queries as `manage.py matching_evaluate`): a score that loses to a plain Jaccard overlap
is a bug, whatever the unit tests say."""

import statistics

import pytest
from django.conf import settings

from matching import scoring
from matching.evaluation.datasets import (
    BROAD_MIX,
    CORE_MIX,
    RESUME_MATCHER_PAIRS,
    onet_set,
    read_occupations,
    resume_matcher_set,
)
from matching.evaluation.metrics import CLOSE
from matching.evaluation.ranking import evaluate

pytestmark = pytest.mark.django_db

SEEDS = (1, 2, 3, 4, 5)
DIRECTIONS = ("jobs for a candidate", "candidates for a job")


@pytest.fixture(scope="module")
def occupations():
    return read_occupations()


def _mean(results, direction, ranker, metric="ndcg"):
    return statistics.mean(result.figures[direction][ranker][metric] for result in results)


@pytest.mark.parametrize("mix", [CORE_MIX, BROAD_MIX], ids=lambda mix: mix.name)
def test_the_score_beats_jaccard_in_both_directions(occupations, mix, capsys):
    results = [evaluate(onet_set(occupations, seed=seed, mix=mix)) for seed in SEEDS]
    for direction in DIRECTIONS:
        portal, jaccard = (_mean(results, direction, name) for name in ("portal", "jaccard"))
        random_order = _mean(results, direction, "random")
        with capsys.disabled():
            print(
                f"\n{mix.name}, {direction}: NDCG@5 portal {portal:.3f}, "
                f"Jaccard {jaccard:.3f}, random {random_order:.3f}"
            )
        assert portal > jaccard > random_order
        if mix is CORE_MIX:  # the set of the difficulty: Jaccard about 0.9
            assert portal >= 0.90


def test_the_real_cvs_find_their_job_first():
    result = evaluate(resume_matcher_set(settings.BASE_DIR / "tests" / "fixtures" / "cvs"))
    for cv, job in RESUME_MATCHER_PAIRS.items():
        assert result.first(cv) == job, (cv, result.portal_jobs[cv])


def test_most_match_emails_are_about_the_candidate_s_own_or_a_close_occupation(occupations):
    results = [evaluate(onet_set(occupations, seed=seed)) for seed in SEEDS]
    emailed = [
        grade
        for result in results
        for grade, points in result.matched
        if points >= scoring.NOTIFY_THRESHOLD_POINTS
    ]
    assert len(emailed) > 50
    assert sum(grade >= CLOSE for grade in emailed) / len(emailed) >= 0.80
