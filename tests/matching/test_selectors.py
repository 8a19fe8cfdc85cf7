from matching.selectors import candidate_facts, job_recommendation_ids, job_recommendations
from matching.services import job_features_refresh
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
