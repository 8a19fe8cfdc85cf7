"""Reads for matching: the facts the scorer needs, a job's recommended candidates, a
candidate's recommended jobs and invitations."""

import dataclasses
import datetime

from django.db import connection
from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone

from applications.models import Application
from jobs.models import Job
from jobs.selectors import CARD_DEFERRED
from matching import scoring, sql
from matching.models import CandidateFeatures, Invitation, Match
from matching.scoring import CandidateFacts, JobFacts
from skills.models import Skill
from talent.models import CV, CandidateProfile

_SKILLS_SQL = """
WITH own AS (
    SELECT ps.skill_id FROM talent_candidateprofile_skills ps
    WHERE ps.candidateprofile_id = %(profile)s
    UNION
    SELECT cs.skill_id FROM talent_cv cv JOIN talent_cv_suggested_skills cs ON cs.cv_id = cv.id
    WHERE cv.owner_id = %(user)s AND cv.is_default
), related AS (
    SELECT DISTINCT ON (r.skill_id) r.skill_id, r.source_id FROM (
        SELECT b.to_skill_id AS skill_id, b.from_skill_id AS source_id
        FROM skills_skill_broader b JOIN own ON own.skill_id = b.from_skill_id
    ) r
    WHERE r.skill_id NOT IN (SELECT skill_id FROM own)
    ORDER BY r.skill_id, r.source_id
)
SELECT s.id, s.weight, NULL, NULL, NULL, NULL FROM own JOIN skills_skill s ON s.id = own.skill_id
UNION ALL
SELECT s.id, s.weight, src.id, src.name, src.name_zh, src.name_zh_hans
FROM related JOIN skills_skill s ON s.id = related.skill_id
JOIN skills_skill src ON src.id = related.source_id
"""


def candidate_facts(user, *, today=None) -> CandidateFacts:
    """A candidate's facts straight from their profile (four queries): their skills (the
    profile's and the default CV's) with the related ones and weights, years of
    experience and past titles, highest education. Experience and education the profile
    does not hold yet come from the default CV, as read (talent.services.cv_reading)."""
    today = today or timezone.localdate()
    default_cv = CV.objects.filter(owner=OuterRef("user"), is_default=True)
    profile = (
        CandidateProfile.objects.filter(user=user)
        .annotate(
            cv_experience=Subquery(default_cv.values("suggested_experience")[:1]),
            cv_education=Subquery(default_cv.values("suggested_education")[:1]),
        )
        .first()
    )
    if profile is None:
        return CandidateFacts()
    with connection.cursor() as cursor:
        cursor.execute(_SKILLS_SQL, {"profile": profile.pk, "user": user.pk})
        rows = cursor.fetchall()
    own = [(pk, weight) for pk, weight, source, *_names in rows if source is None]
    related = [(pk, scoring.SkillName(*names)) for pk, _weight, source, *names in rows if source]
    related_weights = [(pk, weight) for pk, weight, source, *_names in rows if source]
    unit_ids = sql.candidate_units(own, related_weights)
    experience = list(profile.experience.values_list("started_on", "ended_on", "title").order_by())
    if not experience:
        experience = [
            (entry["started_on"], entry["ended_on"], entry["title"])
            for entry in cv_entries(profile.cv_experience, "experience")
        ]
    education = list(profile.education.values_list("level", "graduation_year").order_by())
    if not education:
        education = [
            (entry["level"], entry["graduation_year"])
            for entry in cv_entries(profile.cv_education, "education")
        ]
    years = scoring.experience_years([(start, end) for start, end, _t in experience], today)
    education_rank = max((scoring.EDUCATION_RANK[level] for level, _year in education), default=0)
    studying = any(year > today.year for _level, year in education)
    return CandidateFacts(
        skill_ids=frozenset(pk for pk, _weight in own),
        related=tuple(sorted(related)),
        skill_units=scoring.REQUIRED_UNITS * sum(weight for _pk, weight in own),
        title_terms=scoring.title_terms(profile.headline, *(t for _s, _e, t in experience)),
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
        unit_ids=tuple(unit_ids),
    )


def cv_entries(entries, kind: str) -> list[dict]:
    """A CV's suggested entries that the score can use: experience with a title and a
    start, education with a level and a year (dates as dates)."""
    usable = []
    for entry in entries or []:
        if kind == "experience":
            if not (entry.get("title") and entry.get("started_on")):
                continue
            entry = {
                **entry,
                "started_on": datetime.date.fromisoformat(entry["started_on"]),
                "ended_on": entry.get("ended_on")
                and datetime.date.fromisoformat(entry["ended_on"]),
            }
        elif not (entry.get("level") in scoring.EDUCATION_RANK and entry.get("graduation_year")):
            continue
        usable.append(entry)
    return usable


_EDGES_SQL = """
SELECT b.from_skill_id, b.to_skill_id, f.name, f.name_zh, f.name_zh_hans,
    t.name, t.name_zh, t.name_zh_hans
FROM skills_skill_broader b
JOIN skills_skill f ON f.id = b.from_skill_id
JOIN skills_skill t ON t.id = b.to_skill_id
WHERE b.from_skill_id = ANY(%(ids)s)
"""


class RelatedSkills:
    """The broader skills of a set of skills (SystemVerilog → Verilog), with the name of
    the skill each comes from: one query for any number of candidates (their feature
    rows hold only ids). The same rule as the SQL: the lowest source id names it."""

    def __init__(self, skill_ids):
        self._edges: dict[int, list[tuple[int, scoring.SkillName]]] = {}
        ids = sorted(set(skill_ids))
        if not ids:
            return
        with connection.cursor() as cursor:
            cursor.execute(_EDGES_SQL, {"ids": ids})
            for narrow, broad, *names in cursor.fetchall():
                self._edges.setdefault(narrow, []).append((broad, scoring.SkillName(*names[:3])))

    def of(self, own: frozenset[int]) -> tuple[tuple[int, scoring.SkillName], ...]:
        best: dict[int, tuple[int, scoring.SkillName]] = {}
        for source in own:
            for related, source_name in self._edges.get(source, ()):
                if related not in own and (related not in best or source < best[related][0]):
                    best[related] = (source, source_name)
        return tuple(sorted((pk, name) for pk, (_source, name) in best.items()))


def candidate_facts_from_features(
    features: CandidateFeatures, related: RelatedSkills | None = None
) -> CandidateFacts:
    own = frozenset(features.skill_ids)
    return CandidateFacts(
        skill_ids=own,
        related=(related or RelatedSkills(own)).of(own),
        skill_units=features.skill_units,
        title_terms=frozenset(features.title_terms),
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
    "skill_units",
    "title_terms",
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
    """(user id, language, facts) of these candidates from their feature rows, in TWO
    queries whatever their number (the ids travel as one array, not one placeholder
    each; the second finds the skills related to theirs); for notifying thousands of
    newly matched candidates. Candidates without feature rows are left out."""
    with connection.cursor() as cursor:
        cursor.execute(_FACTS_WITH_LANGUAGE_SQL, [list(user_ids)])
        rows = cursor.fetchall()
    related = RelatedSkills(pk for row in rows for pk in row[2])
    out = []
    for user_id, language, *values in rows:
        features = CandidateFeatures(**dict(zip(_FACTS_COLUMNS, values, strict=True)))
        out.append((user_id, language, candidate_facts_from_features(features, related)))
    return out


def _skill_triples(skills) -> tuple[tuple[int, scoring.SkillName, int], ...]:
    return tuple(
        (skill.pk, scoring.SkillName(skill.name, skill.name_zh, skill.name_zh_hans), skill.weight)
        for skill in skills
    )


def job_facts(job: Job) -> JobFacts:
    """A job's facts; no query when its skills are prefetched (jobs.selectors does)."""
    return JobFacts(
        required=_skill_triples(job.required_skills.all()),
        preferred=_skill_triples(job.preferred_skills.all()),
        title_terms=scoring.title_terms(job.title),
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


# Skills as the pages and the score read them: names in every script, and the weight.
SKILL_FIELDS = ("id", "name", "name_zh", "name_zh_hans", "weight")


@dataclasses.dataclass
class Explained:
    score: int
    is_match: bool
    eligible: bool
    reasons: list[scoring.Reason]
    # A fit good enough to be emailed about (scoring.NOTIFY_THRESHOLD): shown as strong.
    strong: bool = False


def _explain(candidate: CandidateFacts, job: JobFacts, audience: str) -> Explained:
    result = scoring.score(candidate, job)
    return Explained(
        score=result.score,
        is_match=result.is_match,
        eligible=result.eligible,
        reasons=scoring.reasons(candidate, job, result, audience),
        strong=result.is_match and result.points >= scoring.NOTIFY_THRESHOLD_POINTS,
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
        .order_by("-points", "candidate_id")[:limit]
    )
    ids = [match.candidate_id for match in matches]
    related = RelatedSkills(
        pk
        for match in matches
        if (features := getattr(match.candidate, "match_features", None))
        for pk in features.skill_ids
    )
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
            # The page shows skills in the reader's language (hkstp_portal.i18n).
            Prefetch("skills", queryset=Skill.objects.only(*SKILL_FIELDS).order_by("name"))
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
        candidate = (
            candidate_facts_from_features(features, related) if features else CandidateFacts()
        )
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
_JOB_FACTORS = sql.factor_sql(_CANDIDATE_PARAMS, _JOB_COLUMNS, "earned")

# Built from code constants only (matching.sql); every value is a query parameter.
_RECOMMEND_SQL = f"""
WITH ranked AS (
    SELECT job_id, points FROM (
        SELECT job_id, {", ".join(f"{expr} AS f_{name}" for name, expr in _JOB_FACTORS.items())}
        FROM (
            SELECT jf.*, {sql.earned_sql(_CANDIDATE_PARAMS, _JOB_COLUMNS)} AS earned
            FROM matching_jobfeatures jf
            WHERE jf.gate_ids && {_CANDIDATE_PARAMS["reach_ids"]}
              AND jf.expires_at > %(now)s
              AND NOT {sql.hard_zero_sql(_CANDIDATE_PARAMS, _JOB_COLUMNS)}
        ) jf
    ) scored
    CROSS JOIN LATERAL (SELECT {sql.points_from_factors_sql()} AS points) s
    WHERE points >= %(threshold)s
    ORDER BY points DESC, job_id DESC
    LIMIT %(limit)s + 50 + (
        SELECT count(*) FROM applications_application WHERE candidate_id = %(user_id)s
    )
)
SELECT ranked.job_id, ranked.points FROM ranked
JOIN jobs_job j ON j.id = ranked.job_id
WHERE j.status = 'published' AND j.expires_at > %(now)s
  AND NOT EXISTS (
      SELECT 1 FROM applications_application a
      WHERE a.job_id = ranked.job_id AND a.candidate_id = %(user_id)s
  )
ORDER BY ranked.points DESC, ranked.job_id DESC
LIMIT %(limit)s
"""  # noqa: S608


def candidate_params(facts: CandidateFacts) -> dict:
    """The candidate's facts as the parameters of the ranking SQL (c_<field>)."""
    values = {
        "unit_ids": list(facts.unit_ids),
        "reach_ids": sorted(facts.reach_ids),
        "skill_units": facts.skill_units,
        "title_terms": sorted(facts.title_terms),
        "seniority_rank": facts.seniority_rank,
        "education_rank": facts.education_rank,
        "eligibility": facts.eligibility,
        "residence": facts.residence,
        "desired_sites": list(facts.desired_sites),
        "desired_work_modes": list(facts.desired_work_modes),
        "desired_fields": list(facts.desired_fields),
        "min_salary": facts.min_salary,
    }
    return {f"c_{name}": values[name] for name in sql.CANDIDATE_FIELDS}


def job_recommendation_ids(user, facts: CandidateFacts, *, limit: int = 6) -> list[tuple]:
    """(job id, points) of the open jobs that fit the candidate best, computed on the fly
    from their current facts (so always fresh) over every open job in one query; jobs
    they applied to are left out. Equal points: the newest job first.

    The ranking reads only the feature table (open jobs by their copied expiry); the best
    few dozen are then checked against jobs_job, with room for jobs closed early since
    the last prune and for the candidate's applications."""
    if not facts.reach_ids:
        return []
    params = candidate_params(facts)
    params.update(
        now=timezone.now(),
        user_id=user.pk,
        threshold=scoring.MATCH_THRESHOLD_POINTS,
        limit=limit,
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
    skills = Skill.objects.only(*SKILL_FIELDS).order_by("name")
    jobs = (
        Job.objects.select_related("company")
        .defer(*CARD_DEFERRED)
        .prefetch_related(
            Prefetch("required_skills", queryset=skills),
            Prefetch("preferred_skills", queryset=skills),
        )
    )
    by_id = {job.pk: job for job in jobs.filter(pk__in=[pk for pk, _points in ranked])}
    return [
        RecommendedJob(
            job=by_id[pk], explained=_explain(facts, job_facts(by_id[pk]), scoring.CANDIDATE)
        )
        for pk, _points in ranked
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
    return Invitation.objects.filter(job=job, candidate=user).select_related("invited_by").first()
