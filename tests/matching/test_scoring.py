"""matching.scoring: one test per factor, pure Python (no database)."""

import datetime

import pytest

from hkstp_portal.vocabulary import Residence, Site, WorkEligibility
from matching import scoring
from matching.scoring import CANDIDATE, RECRUITER, CandidateFacts, JobFacts


def _skill(pk, name, weight=4):
    return (pk, scoring.SkillName(name), weight)


SKILLS = (
    *(_skill(pk, name) for pk, name in enumerate(("Python", "PyTorch", "SQL", "Docker"), 1)),
    _skill(5, "Linux"),
    _skill(6, "Verilog", 7),
)


def _units(*pks, weights=None):
    weights = weights or {pk: weight for pk, _name, weight in SKILLS}
    return scoring.REQUIRED_UNITS * sum(weights[pk] for pk in pks)


def _candidate(*pks, **fields):
    return CandidateFacts(skill_ids=frozenset(pks), skill_units=_units(*pks), **fields)


def _texts(candidate, job, audience=CANDIDATE):
    result = scoring.score(candidate, job)
    return [reason.text for reason in scoring.reasons(candidate, job, result, audience)]


def test_weights_sum_to_100_and_skills_weigh_most():
    assert sum(scoring.WEIGHTS.values()) == 100
    assert max(scoring.WEIGHTS, key=scoring.WEIGHTS.get) == "skills"


def test_required_skills_coverage_and_the_missing_ones_in_both_voices():
    job = JobFacts(required=SKILLS)
    candidate = _candidate(1, 2, 3, 4, 5)
    result = scoring.score(candidate, job)
    assert [str(name) for name in result.required_missing] == ["Verilog"]
    assert "You have 5 of 6 required skills; missing: Verilog" in _texts(candidate, job)
    assert "Has 5 of 6 required skills; missing: Verilog" in _texts(candidate, job, RECRUITER)
    everything = _candidate(1, 2, 3, 4, 5, 6)
    assert scoring.score(everything, job).factors["skills"] == 1000
    assert "You have all 6 required skills" in _texts(everything, job)
    assert scoring.score(CandidateFacts(), job).factors["skills"] == 0


def test_a_rare_skill_counts_for_more_than_a_common_one():
    """Verilog (weight 7) tells more than Python (weight 4): missing it costs more."""
    job = JobFacts(required=(SKILLS[0], SKILLS[5]))
    without_verilog = scoring.score(_candidate(1), job).factors["skills"]
    without_python = scoring.score(_candidate(6), job).factors["skills"]
    assert without_python > without_verilog


def test_the_skills_count_both_ways():
    """Of two candidates who cover the job, the one whose profile is about it fits more."""
    job = JobFacts(required=SKILLS[:2])
    focused = _candidate(1, 2)
    scattered = _candidate(1, 2, 3, 4, 5, 6)
    assert scoring.score(focused, job).factors["skills"] == 1000
    expected = (
        scoring.JOB_SHARE * 1000
        + (1000 - scoring.JOB_SHARE) * (_units(1, 2) * 1000 // _units(1, 2, 3, 4, 5, 6))
    ) // 1000
    assert scoring.score(scattered, job).factors["skills"] == expected
    # …and a job that asks for little is no longer a perfect fit for everyone.
    small_job = JobFacts(required=(SKILLS[2],))
    broad = _candidate(1, 2, 3, 4, 5)
    assert scoring.score(broad, small_job).factors["skills"] < 1000


def test_a_narrower_skill_earns_half_of_its_broader_one_with_the_reason():
    verilog = _skill(6, "Verilog", 7)
    job = JobFacts(required=(verilog,))
    candidate = CandidateFacts(
        skill_ids=frozenset({7}),
        related=((6, scoring.SkillName("SystemVerilog")),),
        skill_units=scoring.REQUIRED_UNITS * 8,
    )
    assert scoring.skills_earned(candidate, job) == scoring.REQUIRED_UNITS * 7 // 2
    result = scoring.score(candidate, job)
    assert result.gated
    assert result.required_missing == ()
    texts = _texts(candidate, job)
    assert "You have 0 of 1 required skill; the rest are related to yours" in texts
    assert "Related to your skills, counted in part: Verilog (from SystemVerilog)" in texts
    assert "Related to their skills, counted in part: Verilog (from SystemVerilog)" in _texts(
        candidate, job, RECRUITER
    )


def test_preferred_skills_count_half_of_required_ones():
    job = JobFacts(required=SKILLS[:1], preferred=SKILLS[4:5])
    candidate = _candidate(1, 5)
    assert scoring.skills_earned(candidate, job) == _units(1) + _units(5) // 2
    assert "Nice-to-have skills you have: Linux" in _texts(candidate, job)
    assert "Also has: Linux" in _texts(candidate, job, RECRUITER)
    # A skill both required and preferred counts once, as required.
    assert JobFacts(required=SKILLS[:1], preferred=SKILLS[:1]).preferred == ()


def test_title_words_against_past_titles():
    job = JobFacts(title_terms=scoring.title_terms("Senior Data Scientist"))
    assert job.title_terms == scoring.title_terms("data scientists")  # level and plural
    same = CandidateFacts(title_terms=scoring.title_terms("Data Scientist"))
    half = CandidateFacts(title_terms=scoring.title_terms("Research Scientist"))
    other = CandidateFacts(title_terms=scoring.title_terms("Accountant"))
    assert scoring.factor_title(same, job) == 1000
    assert scoring.factor_title(half, job) == 500
    assert scoring.factor_title(other, job) == 0
    assert scoring.factor_title(CandidateFacts(), job) == 500  # no past job: neutral
    assert "Your past roles are close to this job's title" in _texts(same, job)


def test_points_rank_finer_than_the_score():
    job = JobFacts(required=SKILLS)
    a, b = scoring.score(_candidate(1, 2, 3), job), scoring.score(_candidate(1, 2, 4), job)
    assert a.points != b.points or a.factors == b.factors
    assert a.score == a.points // 1000


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
    candidate = _candidate(1, 2, 3, 4, 5, 6, eligibility=WorkEligibility.NEEDS_SPONSORSHIP)
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
    strong = _candidate(1, 2, eligibility="hk_permanent")
    assert scoring.score(strong, job).is_match
    assert scoring.score(strong, job).points >= scoring.NOTIFY_THRESHOLD_POINTS
    # Only the preferred skill: no required one in common, so never matched.
    only_preferred = _candidate(3, eligibility="hk_permanent")
    assert not scoring.score(only_preferred, job).gated
    # A job with no required skills is gated by its preferred ones.
    assert scoring.score(only_preferred, JobFacts(preferred=SKILLS[2:3])).gated
