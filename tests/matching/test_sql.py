"""The set-based SQL scores exactly as the Python scorer (matching.scoring)."""

import random

from django.db import connection

from matching import scoring, sql
from matching.selectors import candidate_facts, job_facts, job_recommendation_ids
from matching.services import candidate_features_refresh, job_features_refresh
from tests.matching.conftest import random_pairs


def _sql_scores():
    c = sql.columns("c", sql.CANDIDATE_FIELDS)
    j = sql.columns("jf", sql.JOB_FIELDS)
    factors = sql.factor_sql(c, j, "earned")
    query = (
        "SELECT user_id, job_id, hard_zero, "  # noqa: S608 — code constants only
        + ", ".join(f"f_{name}" for name in sql.FACTORS)
        + f", {sql.points_from_factors_sql()} FROM (SELECT c.user_id, jf.job_id, "
        + f"{sql.hard_zero_sql(c, j)} AS hard_zero, "
        + ", ".join(f"{expr} AS f_{name}" for name, expr in factors.items())
        + f" FROM (SELECT c.*, jf.job_id AS jid, {sql.earned_sql(c, j)} AS earned"
        + " FROM matching_candidatefeatures c CROSS JOIN matching_jobfeatures jf) c"
        + " JOIN matching_jobfeatures jf ON jf.job_id = c.jid) x"
    )
    with connection.cursor() as cursor:
        cursor.execute(query)
        return {
            (row[0], row[1]): (row[2], dict(zip(sql.FACTORS, row[3:-1], strict=True)), row[-1])
            for row in cursor.fetchall()
        }


def test_sql_score_equals_python_score_for_varied_pairs(skills):
    rng = random.Random(5)  # noqa: S311
    users, jobs = random_pairs(rng, list(skills.values()), candidates=40, jobs=12)
    assert candidate_features_refresh() == 40
    assert job_features_refresh() == 12
    in_sql = _sql_scores()
    assert len(in_sql) == 40 * 12
    eligible = ineligible = matched = related = from_cv = titled = 0
    for user in users:
        facts = candidate_facts(user)
        from_cv += not user.candidate_profile.experience.exists() and facts.years > 0
        for job in jobs:
            result = scoring.score(facts, job_facts(job))
            related += bool(result.related_have)
            titled += 0 < result.factors["title"] < 1000 or result.factors["title"] == 1000
            hard_zero, factors, points = in_sql[(user.pk, job.pk)]
            assert hard_zero is not result.eligible
            if result.eligible:
                eligible += 1
                assert factors == result.factors, (user.pk, job.pk)
                assert points == result.points
            else:
                ineligible += 1
            matched += result.is_match
    # The random set really covers both sides of the hard rule and real matches, credit
    # for related skills, title words, and candidates known by their CV alone.
    assert eligible > 100
    assert ineligible > 10
    assert matched > 5
    assert related > 10
    assert titled > 10
    assert from_cv > 2


def test_recommendation_sql_with_parameters_equals_python(skills):
    rng = random.Random(11)  # noqa: S311
    users, jobs = random_pairs(rng, list(skills.values()), candidates=12, jobs=25)
    job_features_refresh()
    by_id = {job.pk: job for job in jobs}
    checked = 0
    for user in users:
        facts = candidate_facts(user)
        ranked = job_recommendation_ids(user, facts, limit=100)
        expected = {
            job.pk: result.points
            for job in jobs
            if (result := scoring.score(facts, job_facts(job))).is_match
        }
        assert dict(ranked) == expected
        assert [points for _pk, points in ranked] == sorted(expected.values(), reverse=True)
        for pk, points in ranked:
            assert scoring.score(facts, job_facts(by_id[pk])).points == points
            checked += 1
    assert checked > 5
