"""matching.scoring: one test per factor, pure Python (no database)."""

import datetime

import pytest

from hkstp_portal.vocabulary import Residence, Site, WorkEligibility
from matching import scoring
from matching.scoring import CANDIDATE, RECRUITER, CandidateFacts, JobFacts

SKILLS = ((1, "Python"), (2, "PyTorch"), (3, "SQL"), (4, "Docker"), (5, "Linux"), (6, "Verilog"))


def _texts(candidate, job, audience=CANDIDATE):
    result = scoring.score(candidate, job)
    return [reason.text for reason in scoring.reasons(candidate, job, result, audience)]


def test_weights_sum_to_100_and_required_skills_weigh_most():
    assert sum(scoring.WEIGHTS.values()) == 100
    assert max(scoring.WEIGHTS, key=scoring.WEIGHTS.get) == "required"


def test_required_skills_coverage_and_the_missing_ones_in_both_voices():
    job = JobFacts(required=SKILLS)
    candidate = CandidateFacts(skill_ids=frozenset({1, 2, 3, 4, 5}))
    result = scoring.score(candidate, job)
    assert result.factors["required"] == 5 * 1000 // 6
    assert result.required_missing == ("Verilog",)
    assert "You have 5 of 6 required skills; missing: Verilog" in _texts(candidate, job)
    assert "Has 5 of 6 required skills; missing: Verilog" in _texts(candidate, job, RECRUITER)
    everything = CandidateFacts(skill_ids=frozenset(range(1, 7)))
    assert scoring.score(everything, job).factors["required"] == 1000
    assert "You have all 6 required skills" in _texts(everything, job)
    assert scoring.score(CandidateFacts(), job).factors["required"] == 0


def test_preferred_skills_share():
    job = JobFacts(required=SKILLS[:1], preferred=SKILLS[4:])
    candidate = CandidateFacts(skill_ids=frozenset({1, 5}))
    assert scoring.score(candidate, job).factors["preferred"] == 500
    assert "Nice-to-have skills you have: Linux" in _texts(candidate, job)
    assert "Also has: Linux" in _texts(candidate, job, RECRUITER)
    assert scoring.score(candidate, JobFacts(required=SKILLS[:1])).factors["preferred"] == 1000


@pytest.mark.parametrize(
    ("years", "education", "studying", "rank"),
    [
        (0, 2, True, 0),  # a student: intern
        (0, 2, False, 1),  # a graduate: entry
        (2, 2, False, 2),
        (4, 3, False, 3),  # a master's counts a year: 5, senior
        (2, 4, False, 3),  # a PhD counts three years
        (12, 2, False, 4),
    ],
)
def test_seniority_rank_from_years_and_education(years, education, studying, rank):
    assert scoring.seniority_rank(years=years, education_rank=education, studying=studying) == rank


def test_experience_years_adds_spans_and_counts_a_current_job_to_today():
    today = datetime.date(2026, 6, 1)
    spans = [
        (datetime.date(2020, 6, 1), datetime.date(2022, 6, 1)),
        (datetime.date(2024, 6, 1), None),
    ]
    assert scoring.experience_years(spans, today) == 4
    assert scoring.experience_years([], today) == 0


def test_seniority_fit_same_level_full_one_away_half_far_none():
    job = JobFacts(seniority_rank=2)
    assert scoring.factor_seniority(CandidateFacts(seniority_rank=2), job) == 1000
    assert scoring.factor_seniority(CandidateFacts(seniority_rank=3), job) == 500
    assert scoring.factor_seniority(CandidateFacts(seniority_rank=0), job) == 0
    assert "Experience fits the level: Mid level" in _texts(CandidateFacts(seniority_rank=2), job)


def test_education_meets_the_minimum_or_not():
    job = JobFacts(education_rank=3)
    assert scoring.factor_education(CandidateFacts(education_rank=4), job) == 1000
    assert scoring.factor_education(CandidateFacts(education_rank=2), job) == 0
    assert "Asks for at least: Master's degree" in _texts(CandidateFacts(education_rank=2), job)


def test_needing_sponsorship_is_a_hard_zero_without_sponsorship():
    candidate = CandidateFacts(
        skill_ids=frozenset(range(1, 7)), eligibility=WorkEligibility.NEEDS_SPONSORSHIP
    )
    result = scoring.score(candidate, JobFacts(required=SKILLS))
    assert (result.score, result.eligible, result.is_match) == (0, False, False)
    assert "You need visa sponsorship, which this job does not offer" in _texts(
        candidate, JobFacts(required=SKILLS)
    )
    sponsored = scoring.score(candidate, JobFacts(required=SKILLS, visa_sponsorship=True))
    assert sponsored.eligible
    assert sponsored.factors["eligibility"] == 1000
    assert sponsored.is_match


def test_ttps_holders_against_ttps_welcome():
    candidate = CandidateFacts(eligibility=WorkEligibility.TTPS)
    assert scoring.factor_eligibility(candidate, JobFacts(ttps_welcome=True)) == 1000
    assert scoring.factor_eligibility(candidate, JobFacts()) == 500
    assert "Open to TTPS holders" in _texts(candidate, JobFacts(ttps_welcome=True))


def test_overseas_residence_against_open_to_overseas():
    candidate = CandidateFacts(
        eligibility=WorkEligibility.HK_PERMANENT, residence=Residence.OVERSEAS
    )
    assert scoring.factor_eligibility(candidate, JobFacts(open_to_overseas=True)) == 1000
    assert scoring.factor_eligibility(candidate, JobFacts()) == 500
    assert "Not open to overseas talent" in _texts(candidate, JobFacts())


def test_gba_based_against_open_to_gba_and_the_shenzhen_branch():
    candidate = CandidateFacts(eligibility=WorkEligibility.GBA_BASED)
    assert scoring.factor_eligibility(candidate, JobFacts(open_to_gba=True)) == 1000
    assert scoring.factor_eligibility(candidate, JobFacts(site=Site.SHENZHEN_BRANCH)) == 1000
    assert scoring.factor_eligibility(candidate, JobFacts()) == 0
    assert "Not open to GBA talent" in _texts(candidate, JobFacts())


def test_site_and_work_mode_preferences():
    job = JobFacts(site=Site.SCIENCE_PARK, work_mode="hybrid")
    assert scoring.factor_location(CandidateFacts(), job) == 1000
    wants = CandidateFacts(desired_sites=(Site.SCIENCE_PARK,), desired_work_modes=("remote",))
    assert scoring.factor_location(wants, job) == 500
    assert "Not a work mode you chose" in _texts(wants, job)
    elsewhere = CandidateFacts(desired_sites=(Site.INNOCENTRE,), desired_work_modes=("hybrid",))
    assert scoring.factor_location(elsewhere, job) == 500


def test_salary_overlap_only_when_the_salary_is_shown():
    shown = JobFacts(salary_top=45000, salary_text="HK$38,000–45,000")
    wants = CandidateFacts(min_salary=40000)
    assert scoring.factor_salary(wants, shown) == 1000
    assert "Salary HK$38,000–45,000 meets your minimum" in _texts(wants, shown)
    assert "Salary HK$38,000–45,000 meets their minimum" in _texts(wants, shown, RECRUITER)
    assert scoring.factor_salary(CandidateFacts(min_salary=50000), shown) == 0
    hidden = JobFacts(salary_top=None)
    assert scoring.factor_salary(wants, hidden) == 500
    assert not any("Salary" in text for text in _texts(wants, hidden))
    assert scoring.factor_salary(CandidateFacts(), shown) == 1000


def test_field_preference():
    job = JobFacts(field="data_ai")
    assert scoring.factor_field(CandidateFacts(desired_fields=("data_ai",)), job) == 1000
    assert scoring.factor_field(CandidateFacts(desired_fields=("business",)), job) == 0
    assert scoring.factor_field(CandidateFacts(), job) == 500


def test_a_match_needs_a_gate_skill_and_the_threshold():
    job = JobFacts(required=SKILLS[:2], preferred=SKILLS[2:3])
    strong = CandidateFacts(skill_ids=frozenset({1, 2}), eligibility="hk_permanent")
    assert scoring.score(strong, job).is_match
    # Only the preferred skill: no required one in common, so never matched.
    only_preferred = CandidateFacts(skill_ids=frozenset({3}), eligibility="hk_permanent")
    assert not scoring.score(only_preferred, job).gated
    # A job with no required skills is gated by its preferred ones.
    assert scoring.score(only_preferred, JobFacts(preferred=SKILLS[2:3])).gated
