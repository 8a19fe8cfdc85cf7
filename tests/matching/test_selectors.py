from matching.models import CandidateFeatures
from matching.selectors import (
    candidate_facts,
    candidate_facts_from_features,
    candidate_facts_with_language,
    job_recommendation_ids,
    job_recommendations,
)
from matching.services import candidate_features_refresh, job_features_refresh
from tests import factories
from tests.matching.conftest import make_candidate, make_job


def test_recommendations_leave_out_closed_and_applied_to_jobs(skills):
    python = skills["Python"]
    person = make_candidate(skills=[python])
    best = make_job(required=[python], title="Best")
    applied = make_job(required=[python], title="Applied")
    closed_early = make_job(required=[python], title="Closed")
    unrelated = make_job(required=[skills["Verilog"]], title="FPGA")
    job_features_refresh()  # the features of the closed job are still there, not pruned
    closed_early.status = "closed"
    closed_early.closed_reason = "filled"
    closed_early.save()
    factories.ApplicationFactory(job=applied, candidate=person)
    ids = [pk for pk, _score in job_recommendation_ids(person, candidate_facts(person))]
    assert ids == [best.pk]
    assert unrelated.pk not in ids
    assert [item.job for item in job_recommendations(person)] == [best]


def test_no_skills_no_recommendations(skills):
    person = make_candidate(skills=[])
    make_job(required=[skills["Python"]])
    job_features_refresh()
    assert job_recommendations(person) == []


def test_facts_with_language_are_the_feature_rows_facts_in_two_queries(
    skills, django_assert_num_queries
):
    people = [
        make_candidate(skills=[skills["Python"], skills["SQL"]], min_salary=30000),
        make_candidate(skills=[], desired_sites=["science_park"], desired_fields=["data_ai"]),
    ]
    people[1].language = "zh-hans"
    people[1].save(update_fields=["language"])
    candidate_features_refresh()
    ids = [person.pk for person in people] + [999_999]  # no feature row: left out

    with django_assert_num_queries(2):  # the rows, then the skills related to theirs
        rows = candidate_facts_with_language(ids)

    features = {row.user_id: row for row in CandidateFeatures.objects.filter(user__in=people)}
    assert sorted(rows, key=lambda row: row[0]) == sorted(
        (
            (person.pk, person.language, candidate_facts_from_features(features[person.pk]))
            for person in people
        ),
        key=lambda row: row[0],
    )
    assert candidate_facts_with_language([]) == []
