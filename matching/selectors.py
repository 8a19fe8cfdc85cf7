"""Reads for matching: the facts the scorer needs, a job's recommended candidates, a
candidate's recommended jobs and invitations."""

import dataclasses

from django.db import connection
from django.db.models import Prefetch
from django.utils import timezone

from applications.models import Application
from jobs.models import Job
from jobs.selectors import CARD_DEFERRED
from matching import scoring, sql
from matching.models import CandidateFeatures, Invitation, Match
from matching.scoring import CandidateFacts, JobFacts
from skills.models import Skill
from talent.models import CV, CandidateProfile


def candidate_facts(user, *, today=None) -> CandidateFacts:
    """A candidate's facts straight from their profile (four queries): profile skills
    and the default CV's skills, years of experience, highest education."""
    today = today or timezone.localdate()
    profile = CandidateProfile.objects.filter(user=user).first()
    if profile is None:
        return CandidateFacts()
    cv_skills = CV.suggested_skills.through.objects.filter(cv__owner=user, cv__is_default=True)
    skill_ids = set(
        profile.skills.through.objects.filter(candidateprofile=profile)
        .values_list("skill_id", flat=True)
        .union(cv_skills.values_list("skill_id", flat=True))
    )
    spans = list(profile.experience.values_list("started_on", "ended_on").order_by())
    years = scoring.experience_years(spans, today)
    education = list(profile.education.values_list("level", "graduation_year").order_by())
    education_rank = max((scoring.EDUCATION_RANK[level] for level, _year in education), default=0)
    studying = any(year > today.year for _level, year in education)
    return CandidateFacts(
        skill_ids=frozenset(skill_ids),
        years=years,
        education_rank=education_rank,
        seniority_rank=scoring.seniority_rank(
            years=years, education_rank=education_rank, studying=studying
        ),
        eligibility=profile.eligibility,
        residence=profile.residence,
        desired_sites=tuple(profile.desired_sites),
        desired_work_modes=tuple(profile.desired_work_modes),
        desired_fields=tuple(profile.desired_fields),
        min_salary=profile.min_salary,
    )


def candidate_facts_from_features(features: CandidateFeatures) -> CandidateFacts:
    return CandidateFacts(
        skill_ids=frozenset(features.skill_ids),
        years=features.years,
        education_rank=features.education_rank,
        seniority_rank=features.seniority_rank,
        eligibility=features.eligibility,
        residence=features.residence,
        desired_sites=tuple(features.desired_sites),
        desired_work_modes=tuple(features.desired_work_modes),
        desired_fields=tuple(features.desired_fields),
        min_salary=features.min_salary,
    )


_FACTS_COLUMNS = [
    "skill_ids",
    "years",
    "education_rank",
    "seniority_rank",
    "eligibility",
    "residence",
    "desired_sites",
    "desired_work_modes",
    "desired_fields",
    "min_salary",
]
_FACTS_WITH_LANGUAGE_SQL = f"""
SELECT f.user_id, u.language, {", ".join(f"f.{column}" for column in _FACTS_COLUMNS)}
FROM matching_candidatefeatures f JOIN accounts_user u ON u.id = f.user_id
WHERE f.user_id = ANY(%s)
"""  # noqa: S608 - column names are constants


def candidate_facts_with_language(user_ids) -> list[tuple[int, str, CandidateFacts]]:
    """(user id, language, facts) of these candidates from their feature rows, in ONE
    query whatever their number (the ids travel as one array, not one placeholder
    each); for notifying thousands of newly matched candidates. Candidates without
    feature rows are left out."""
    with connection.cursor() as cursor:
        cursor.execute(_FACTS_WITH_LANGUAGE_SQL, [list(user_ids)])
        rows = cursor.fetchall()
    return [
        (
            user_id,
            language,
            CandidateFacts(
                skill_ids=frozenset(skill_ids),
                years=years,
                education_rank=education_rank,
                seniority_rank=seniority_rank,
                eligibility=eligibility,
                residence=residence,
                desired_sites=tuple(sites),
                desired_work_modes=tuple(modes),
                desired_fields=tuple(fields),
                min_salary=min_salary,
            ),
        )
        for (
            user_id,
            language,
            skill_ids,
            years,
            education_rank,
            seniority_rank,
            eligibility,
            residence,
            sites,
            modes,
            fields,
            min_salary,
        ) in rows
    ]


def job_facts(job: Job) -> JobFacts:
    """A job's facts; no query when its skills are prefetched (jobs.selectors does)."""
    return JobFacts(
        required=tuple((skill.pk, skill.name) for skill in job.required_skills.all()),
        preferred=tuple((skill.pk, skill.name) for skill in job.preferred_skills.all()),
        seniority_rank=scoring.SENIORITY_RANK[job.seniority],
        education_rank=scoring.EDUCATION_RANK[job.education],
        site=job.site,
        work_mode=job.work_mode,
        field=job.field,
        salary_top=(job.salary_max or job.salary_min) if job.show_salary else None,
        salary_text=job.salary_range if job.show_salary else "",
        open_to_overseas=job.open_to_overseas,
        open_to_gba=job.open_to_gba,
        visa_sponsorship=job.visa_sponsorship,
        ttps_welcome=job.ttps_welcome,
    )


@dataclasses.dataclass
class Explained:
    score: int
    is_match: bool
    eligible: bool
    reasons: list[scoring.Reason]


def _explain(candidate: CandidateFacts, job: JobFacts, audience: str) -> Explained:
    result = scoring.score(candidate, job)
    return Explained(
        score=result.score,
        is_match=result.is_match,
        eligible=result.eligible,
        reasons=scoring.reasons(candidate, job, result, audience),
    )


def job_match_for_viewer(job: Job, user) -> Explained | None:
    """How a signed-in candidate fits this job, computed live (a few queries); None
    for anyone else."""
    if not user.is_authenticated or not user.is_candidate:
        return None
    return _explain(candidate_facts(user), job_facts(job), scoring.CANDIDATE)


# --- Recruiter: a job's recommended candidates ------------------------------------------


@dataclasses.dataclass
class RecommendedCandidate:
    match: Match
    profile: CandidateProfile
    explained: Explained
    applied: bool
    invited: bool


def recommended_candidates(job: Job, *, limit: int = 50) -> list[RecommendedCandidate]:
    """The job's matched candidates who are still discoverable, best first, with the
    recruiter's reasons (computed from their current features). Never contact details:
    the profile is loaded without them. A fixed number of queries."""
    facts = job_facts(job)
    matches = list(
        Match.objects.filter(
            job=job,
            candidate__candidate_profile__visibility=CandidateProfile.Visibility.DISCOVERABLE,
        )
        .select_related("candidate__match_features")
        .order_by("-score", "candidate_id")[:limit]
    )
    ids = [match.candidate_id for match in matches]
    profiles = {
        profile.user_id: profile
        for profile in CandidateProfile.objects.filter(user_id__in=ids)
        .only(
            "id",
            "user_id",
            "headline",
            "eligibility",
            "residence",
            "desired_sites",
            "desired_work_modes",
            "available_from",
        )
        .prefetch_related(
            # name_zh: the page shows skills in the reader's language (hkstp_portal.i18n).
            Prefetch(
                "skills", queryset=Skill.objects.only("id", "name", "name_zh").order_by("name")
            )
        )
    }
    applied = set(
        Application.objects.filter(job=job, candidate_id__in=ids).values_list(
            "candidate_id", flat=True
        )
    )
    invited = set(
        Invitation.objects.filter(job=job, candidate_id__in=ids).values_list(
            "candidate_id", flat=True
        )
    )
    rows = []
    for match in matches:
        features = getattr(match.candidate, "match_features", None)
        candidate = candidate_facts_from_features(features) if features else CandidateFacts()
        rows.append(
            RecommendedCandidate(
                match=match,
                profile=profiles[match.candidate_id],
                explained=_explain(candidate, facts, scoring.RECRUITER),
                applied=match.candidate_id in applied,
                invited=match.candidate_id in invited,
            )
        )
    return rows


# --- Candidate: recommended jobs ---------------------------------------------------------

_CANDIDATE_PARAMS = sql.params("c_", sql.CANDIDATE_FIELDS)
_JOB_COLUMNS = sql.columns("jf", sql.JOB_FIELDS)
_JOB_FACTORS = sql.factor_sql(_CANDIDATE_PARAMS, _JOB_COLUMNS)

# Built from code constants only (matching.sql); every value is a query parameter.
_RECOMMEND_SQL = f"""
WITH ranked AS (
    SELECT job_id, score FROM (
        SELECT jf.job_id,
            {", ".join(f"{expr} AS f_{name}" for name, expr in _JOB_FACTORS.items())}
        FROM matching_jobfeatures jf
        WHERE jf.gate_ids && {_CANDIDATE_PARAMS["skill_ids"]}
          AND jf.expires_at > %(now)s
          AND NOT {sql.hard_zero_sql(_CANDIDATE_PARAMS, _JOB_COLUMNS)}
    ) scored
    CROSS JOIN LATERAL (SELECT {sql.score_from_factors_sql()} AS score) s
    WHERE score >= %(threshold)s
    ORDER BY score DESC, job_id DESC
    LIMIT %(limit)s + 50 + (
        SELECT count(*) FROM applications_application WHERE candidate_id = %(user_id)s
    )
)
SELECT ranked.job_id, ranked.score FROM ranked
JOIN jobs_job j ON j.id = ranked.job_id
WHERE j.status = 'published' AND j.expires_at > %(now)s
  AND NOT EXISTS (
      SELECT 1 FROM applications_application a
      WHERE a.job_id = ranked.job_id AND a.candidate_id = %(user_id)s
  )
ORDER BY ranked.score DESC, ranked.job_id DESC
LIMIT %(limit)s
"""  # noqa: S608


def job_recommendation_ids(user, facts: CandidateFacts, *, limit: int = 6) -> list[tuple]:
    """(job id, score) of the open jobs that fit the candidate best, computed on the fly
    from their current facts (so always fresh) over every open job in one query; jobs
    they applied to are left out. Equal scores: the newest job first.

    The ranking reads only the feature table (open jobs by their copied expiry); the best
    few dozen are then checked against jobs_job, with room for jobs closed early since
    the last prune and for the candidate's applications."""
    if not facts.skill_ids:
        return []
    values = dataclasses.asdict(facts)
    params = {f"c_{name}": values[name] for name in sql.CANDIDATE_FIELDS}
    params["c_skill_ids"] = sorted(facts.skill_ids)
    for name in ("desired_sites", "desired_work_modes", "desired_fields"):
        params[f"c_{name}"] = list(values[name])
    params.update(
        now=timezone.now(), user_id=user.pk, threshold=scoring.MATCH_THRESHOLD, limit=limit
    )
    with connection.cursor() as cursor:
        cursor.execute(_RECOMMEND_SQL, params)
        return cursor.fetchall()


@dataclasses.dataclass
class RecommendedJob:
    job: Job
    explained: Explained


def job_recommendations(user, *, limit: int = 6) -> list[RecommendedJob]:
    """The candidate's recommended open jobs, best first, with the candidate's reasons."""
    facts = candidate_facts(user)
    ranked = job_recommendation_ids(user, facts, limit=limit)
    if not ranked:
        return []
    skills = Skill.objects.only("id", "name", "name_zh").order_by("name")
    jobs = (
        Job.objects.select_related("company")
        .defer(*CARD_DEFERRED)
        .prefetch_related(
            Prefetch("required_skills", queryset=skills),
            Prefetch("preferred_skills", queryset=skills),
        )
    )
    by_id = {job.pk: job for job in jobs.filter(pk__in=[pk for pk, _score in ranked])}
    return [
        RecommendedJob(
            job=by_id[pk], explained=_explain(facts, job_facts(by_id[pk]), scoring.CANDIDATE)
        )
        for pk, _score in ranked
        if pk in by_id
    ]


# --- Invitations -------------------------------------------------------------------------


def invitation_list_for_candidate(user, *, limit: int = 10):
    """The candidate's invitations to open jobs they have not applied to, newest first."""
    return (
        Invitation.objects.filter(
            candidate=user, job__status=Job.Status.PUBLISHED, job__expires_at__gt=timezone.now()
        )
        .exclude(job__applications__candidate=user)
        .select_related("job", "job__company")
        .defer(*[f"job__{name}" for name in CARD_DEFERRED])
        .order_by("-created_at")[:limit]
    )


def invitation_get_for_job(job: Job, user) -> Invitation | None:
    if not user.is_authenticated or not user.is_candidate:
        return None
    return Invitation.objects.filter(job=job, candidate=user).first()
