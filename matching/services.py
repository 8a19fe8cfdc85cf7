"""Writes for matching: the derived feature rows, the match rows, invitations to apply.

The lead wires notifications to the rows written here: `matches_for_job_record`
returns the candidates newly matched (notify each once, keyed on job and
candidate); `invitation_create` returns the new Invitation.
"""

import dataclasses
import datetime

from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from applications.models import Application
from companies.models import CompanyMember
from hkstp_portal.errors import DomainError
from hkstp_portal.i18n import localised_versions
from jobs.models import Job
from matching import scoring, sql
from matching.models import Invitation
from matching.scoring import MATCH_THRESHOLD_POINTS, NOTIFY_THRESHOLD_POINTS
from matching.selectors import candidate_facts, candidate_facts_with_language, job_facts
from notifications.models import Kind
from notifications.services import (
    NotificationRequest,
    notification_create,
    notifications_create_bulk,
)

# --- Feature rows ----------------------------------------------------------------------

# One row per candidate: their skills (profile and default CV) with the related ones and
# the weighted units of both (matching.sql), the words of their past titles and
# headline, years and education. Experience and education the profile does not hold
# come from the default CV, as read (talent.services.cv_reading), exactly as
# matching.selectors.candidate_facts does.
_CANDIDATE_FEATURES_SQL = """
WITH profiles AS (
    SELECT p.*, cv.suggested_experience AS cv_experience, cv.suggested_education AS cv_education
    FROM talent_candidateprofile p
    LEFT JOIN talent_cv cv ON cv.owner_id = p.user_id AND cv.is_default
    WHERE %(all)s OR p.user_id = ANY(%(ids)s)
), own AS (
    SELECT p.user_id, ps.skill_id FROM profiles p
    JOIN talent_candidateprofile_skills ps ON ps.candidateprofile_id = p.id
    UNION
    SELECT p.user_id, cs.skill_id FROM profiles p
    JOIN talent_cv cv ON cv.owner_id = p.user_id AND cv.is_default
    JOIN talent_cv_suggested_skills cs ON cs.cv_id = cv.id
), related AS (
    SELECT DISTINCT own.user_id, b.to_skill_id AS skill_id
    FROM own JOIN skills_skill_broader b ON b.from_skill_id = own.skill_id
    EXCEPT
    SELECT user_id, skill_id FROM own
), units AS (
    SELECT s.id, s.weight, OWN_UNITS AS own_units, RELATED_UNITS AS related_units
    FROM skills_skill s
), own_agg AS (
    SELECT o.user_id, array_agg(o.skill_id ORDER BY o.skill_id) AS ids,
        REQUIRED_UNITS * sum(u.weight) AS skill_units
    FROM own o JOIN units u ON u.id = o.skill_id GROUP BY o.user_id
), reach_agg AS (
    SELECT user_id, array_agg(skill_id ORDER BY skill_id) AS ids FROM (
        SELECT user_id, skill_id FROM own UNION ALL SELECT user_id, skill_id FROM related
    ) x GROUP BY user_id
), unit_agg AS (
    SELECT user_id, array_agg(unit ORDER BY unit) AS ids FROM (
        SELECT o.user_id, unnest(u.own_units) AS unit FROM own o JOIN units u ON u.id = o.skill_id
        UNION ALL
        SELECT r.user_id, unnest(u.related_units) FROM related r JOIN units u ON u.id = r.skill_id
    ) x GROUP BY user_id
), experience AS (
    SELECT p.user_id, e.started_on, e.ended_on, e.title
    FROM profiles p JOIN talent_experienceentry e ON e.profile_id = p.id
    UNION ALL
    SELECT p.user_id, (x->>'started_on')::date, (x->>'ended_on')::date, x->>'title'
    FROM profiles p, jsonb_array_elements(COALESCE(p.cv_experience, '[]')) x
    WHERE NOT EXISTS (SELECT 1 FROM talent_experienceentry e WHERE e.profile_id = p.id)
      AND COALESCE(x->>'title', '') <> '' AND COALESCE(x->>'started_on', '') <> ''
), experience_agg AS (
    SELECT user_id, string_agg(title, ' ') AS titles,
        COALESCE(sum(COALESCE(ended_on, %(today)s) - started_on)
            FILTER (WHERE COALESCE(ended_on, %(today)s) >= started_on), 0)::int / 365 AS years
    FROM experience GROUP BY user_id
), education AS (
    SELECT p.user_id, ed.level, ed.graduation_year
    FROM profiles p JOIN talent_educationentry ed ON ed.profile_id = p.id
    UNION ALL
    SELECT p.user_id, x->>'level', (x->>'graduation_year')::int
    FROM profiles p, jsonb_array_elements(COALESCE(p.cv_education, '[]')) x
    WHERE NOT EXISTS (SELECT 1 FROM talent_educationentry ed WHERE ed.profile_id = p.id)
      AND x->>'level' IN (EDUCATION_LEVELS) AND COALESCE(x->>'graduation_year', '') <> ''
), education_agg AS (
    SELECT user_id, max(EDUCATION_RANK) AS education_rank,
        bool_or(ed.graduation_year > %(year)s) AS studying
    FROM education ed GROUP BY user_id
), base AS (
    SELECT
        p.user_id,
        p.visibility = 'discoverable' AS discoverable,
        COALESCE(own_agg.ids, '{}') AS skill_ids,
        COALESCE(reach_agg.ids, '{}') AS reach_ids,
        COALESCE(unit_agg.ids, '{}') AS unit_ids,
        COALESCE(own_agg.skill_units, 0) AS skill_units,
        TITLE_TERMS AS title_terms,
        COALESCE(experience_agg.years, 0) AS years,
        COALESCE(education_agg.education_rank, 0) AS education_rank,
        COALESCE(education_agg.studying, false) AS studying,
        p.eligibility, p.residence, p.desired_sites, p.desired_work_modes, p.desired_fields,
        p.min_salary
    FROM profiles p
    LEFT JOIN own_agg ON own_agg.user_id = p.user_id
    LEFT JOIN reach_agg ON reach_agg.user_id = p.user_id
    LEFT JOIN unit_agg ON unit_agg.user_id = p.user_id
    LEFT JOIN experience_agg ON experience_agg.user_id = p.user_id
    LEFT JOIN education_agg ON education_agg.user_id = p.user_id
)
INSERT INTO matching_candidatefeatures (
    user_id, discoverable, skill_ids, reach_ids, unit_ids, skill_units, title_terms, years,
    education_rank, seniority_rank, eligibility, residence, desired_sites, desired_work_modes,
    desired_fields, min_salary, refreshed_at
)
SELECT user_id, discoverable, skill_ids, reach_ids, unit_ids, skill_units, title_terms, years,
    education_rank, SENIORITY, eligibility, residence, desired_sites, desired_work_modes,
    desired_fields, min_salary, %(now)s
FROM base
ON CONFLICT (user_id) DO UPDATE SET
    discoverable = EXCLUDED.discoverable, skill_ids = EXCLUDED.skill_ids,
    reach_ids = EXCLUDED.reach_ids, unit_ids = EXCLUDED.unit_ids,
    skill_units = EXCLUDED.skill_units, title_terms = EXCLUDED.title_terms,
    years = EXCLUDED.years, education_rank = EXCLUDED.education_rank,
    seniority_rank = EXCLUDED.seniority_rank, eligibility = EXCLUDED.eligibility,
    residence = EXCLUDED.residence, desired_sites = EXCLUDED.desired_sites,
    desired_work_modes = EXCLUDED.desired_work_modes,
    desired_fields = EXCLUDED.desired_fields, min_salary = EXCLUDED.min_salary,
    refreshed_at = EXCLUDED.refreshed_at
"""
for _name, _fragment in {
    "EDUCATION_RANK": sql.education_rank_sql("ed.level"),
    "EDUCATION_LEVELS": ", ".join(f"'{level}'" for level in scoring.EDUCATION_RANK),
    "SENIORITY": sql.candidate_seniority_sql("years", "education_rank", "studying"),
    "OWN_UNITS": sql.units_array_sql("s.id", "s.weight", "own"),
    "RELATED_UNITS": sql.units_array_sql("s.id", "s.weight", "related"),
    "REQUIRED_UNITS": str(scoring.REQUIRED_UNITS),
    "TITLE_TERMS": sql.title_terms_sql("concat_ws(' ', p.headline, experience_agg.titles)"),
}.items():
    _CANDIDATE_FEATURES_SQL = _CANDIDATE_FEATURES_SQL.replace(_name, _fragment)

_JOB_FEATURES_SQL = """
WITH jobs AS (
    SELECT * FROM jobs_job j WHERE %(all)s OR j.id = ANY(%(ids)s)
), units AS (
    SELECT s.id, REQUIRED_UNITS AS required_units, PREFERRED_UNITS AS preferred_units
    FROM skills_skill s
), required AS (
    SELECT r.job_id, r.skill_id FROM jobs_job_required_skills r JOIN jobs ON jobs.id = r.job_id
), preferred AS (
    SELECT p.job_id, p.skill_id FROM jobs_job_preferred_skills p JOIN jobs ON jobs.id = p.job_id
    EXCEPT
    SELECT job_id, skill_id FROM required
), required_agg AS (
    SELECT job_id, array_agg(skill_id ORDER BY skill_id) AS ids FROM required GROUP BY job_id
), preferred_agg AS (
    SELECT job_id, array_agg(skill_id ORDER BY skill_id) AS ids FROM preferred GROUP BY job_id
), unit_agg AS (
    SELECT job_id, array_agg(unit ORDER BY unit) AS ids FROM (
        SELECT r.job_id, unnest(u.required_units) AS unit
        FROM required r JOIN units u ON u.id = r.skill_id
        UNION ALL
        SELECT p.job_id, unnest(u.preferred_units)
        FROM preferred p JOIN units u ON u.id = p.skill_id
    ) x GROUP BY job_id
)
INSERT INTO matching_jobfeatures (
    job_id, required_ids, preferred_ids, gate_ids, unit_ids, skill_units, title_terms,
    seniority_rank, education_rank, site, work_mode, field, salary_top, open_to_overseas,
    open_to_gba, visa_sponsorship, ttps_welcome, expires_at, refreshed_at
)
SELECT j.id, COALESCE(req.ids, '{}'), COALESCE(pref.ids, '{}'),
    COALESCE(req.ids, pref.ids, '{}'),
    COALESCE(units.ids, '{}'), COALESCE(cardinality(units.ids), 0), TITLE_TERMS,
    SENIORITY, EDUCATION, j.site, j.work_mode, j.field,
    CASE WHEN j.show_salary THEN COALESCE(j.salary_max, j.salary_min) END,
    j.open_to_overseas, j.open_to_gba, j.visa_sponsorship, j.ttps_welcome, j.expires_at,
    %(now)s
FROM jobs j
LEFT JOIN required_agg req ON req.job_id = j.id
LEFT JOIN preferred_agg pref ON pref.job_id = j.id
LEFT JOIN unit_agg units ON units.job_id = j.id
ON CONFLICT (job_id) DO UPDATE SET
    required_ids = EXCLUDED.required_ids, preferred_ids = EXCLUDED.preferred_ids,
    gate_ids = EXCLUDED.gate_ids, unit_ids = EXCLUDED.unit_ids,
    skill_units = EXCLUDED.skill_units, title_terms = EXCLUDED.title_terms,
    seniority_rank = EXCLUDED.seniority_rank,
    education_rank = EXCLUDED.education_rank, site = EXCLUDED.site,
    work_mode = EXCLUDED.work_mode, field = EXCLUDED.field, salary_top = EXCLUDED.salary_top,
    open_to_overseas = EXCLUDED.open_to_overseas, open_to_gba = EXCLUDED.open_to_gba,
    visa_sponsorship = EXCLUDED.visa_sponsorship, ttps_welcome = EXCLUDED.ttps_welcome,
    expires_at = EXCLUDED.expires_at, refreshed_at = EXCLUDED.refreshed_at
"""
for _name, _fragment in {
    "SENIORITY": sql.seniority_rank_sql("j.seniority"),
    "EDUCATION": sql.education_rank_sql("j.education"),
    "REQUIRED_UNITS": sql.units_array_sql("s.id", "s.weight", "required"),
    "PREFERRED_UNITS": sql.units_array_sql("s.id", "s.weight", "preferred"),
    "TITLE_TERMS": sql.title_terms_sql("j.title"),
}.items():
    _JOB_FEATURES_SQL = _JOB_FEATURES_SQL.replace(_name, _fragment)


def _ids_params(ids, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    return {
        "all": ids is None,
        "ids": list(ids or []),
        "today": today,
        "year": today.year,
        "now": timezone.now(),
    }


def candidate_features_refresh(user_ids=None, *, today: datetime.date | None = None) -> int:
    """Rebuild the match features of these candidates (every candidate with None) from
    their profile, experience, education and default CV, in one statement. Idempotent;
    any caller. Returns the number of rows written.

    Call it after any change to a profile, its entries or the default CV (see
    talent.signals.candidate_changed); a nightly full run keeps the years of
    experience of current jobs moving on.
    """
    with connection.cursor() as cursor:
        cursor.execute(_CANDIDATE_FEATURES_SQL, _ids_params(user_ids, today))
        return cursor.rowcount


def job_features_prune() -> int:
    """Delete the features of jobs that are no longer open (closed, expired, deleted
    drafts), so ranking a candidate's jobs only reads open ones. Idempotent; beat."""
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM matching_jobfeatures jf USING jobs_job j WHERE j.id = jf.job_id"
            " AND NOT (j.status = 'published' AND j.expires_at > %s)",
            [timezone.now()],
        )
        return cursor.rowcount


def job_features_refresh(job_ids=None) -> int:
    """Rebuild the match features of these jobs (every job with None) in one statement.
    Idempotent; any caller."""
    with connection.cursor() as cursor:
        cursor.execute(_JOB_FEATURES_SQL, _ids_params(job_ids))
        return cursor.rowcount


# --- Job → candidates ------------------------------------------------------------------

# A job keeps as matches the best this many candidates, and every one good enough to be
# emailed: the recommended candidates page shows the first 50, and recording thousands
# of weak matches would only slow the publication down.
MATCHES_KEPT = 1000

_JOB_PARAMS = sql.params("j_", sql.JOB_FIELDS)
_CANDIDATE_COLUMNS = sql.columns("c", sql.CANDIDATE_FIELDS)
_FACTORS = sql.factor_sql(_CANDIDATE_COLUMNS, _JOB_PARAMS, "earned")

# Built from code constants only (matching.sql); every value is a query parameter.
_MATCH_SQL = f"""
WITH scored AS (
    SELECT c.user_id, {", ".join(f"{expr} AS f_{name}" for name, expr in _FACTORS.items())}
    FROM (
        SELECT c.*, {sql.earned_sql(_CANDIDATE_COLUMNS, _JOB_PARAMS)} AS earned
        FROM matching_candidatefeatures c
        WHERE c.discoverable = true
          AND c.reach_ids && {_JOB_PARAMS["gate_ids"]}
          AND NOT {sql.hard_zero_sql(_CANDIDATE_COLUMNS, _JOB_PARAMS)}
    ) c
), pointed AS (
    SELECT user_id, {sql.points_from_factors_sql()} AS points,
        {sql.factors_json_sql()} AS factors
    FROM scored
), kept AS (
    SELECT * FROM pointed WHERE points >= %(notify)s
    UNION
    (SELECT * FROM pointed ORDER BY points DESC, user_id LIMIT %(kept)s)
)
INSERT INTO matching_match (
    job_id, candidate_id, score, points, factors, created_at, updated_at
)
SELECT %(job_id)s, user_id, points / {scoring.FULL}, points, factors, %(now)s, %(now)s
FROM kept
WHERE points >= %(threshold)s
ON CONFLICT (job_id, candidate_id) DO UPDATE SET
    score = EXCLUDED.score, points = EXCLUDED.points, factors = EXCLUDED.factors,
    updated_at = EXCLUDED.updated_at
RETURNING candidate_id, (xmax = 0) AS created, points
"""  # noqa: S608


@dataclasses.dataclass
class MatchRun:
    job_id: int
    created: list[int]  # candidates matched for the first time
    updated: int
    removed: int
    # Of those, the ones who fit well enough to be told (scoring.NOTIFY_THRESHOLD).
    to_notify: list[int] = dataclasses.field(default_factory=list)


def job_facts_params(job_id: int) -> dict | None:
    row = (
        Job.objects.filter(pk=job_id)
        .values(*[f"match_features__{name}" for name in sql.JOB_FIELDS])
        .first()
    )
    if row is None or row["match_features__seniority_rank"] is None:
        return None
    return {f"j_{name}": row[f"match_features__{name}"] for name in sql.JOB_FIELDS}


@transaction.atomic
def matches_for_job_record(job_id: int) -> MatchRun:
    """Record a Match for every discoverable candidate who fits this open job, in one
    set-based statement; for the Celery task after a job is published.

    Guarantees: only discoverable candidates; never a candidate who needs visa
    sponsorship for a job that offers none; one row per job and candidate (a rerun
    updates scores and keeps `created_at`, so it is idempotent); pairs that no longer
    fit are removed; the best MATCHES_KEPT candidates and every one good enough to be
    emailed are kept. A job that is not open gets no new matches. Returns the
    candidates matched for the first time, and those of them who fit well enough to be
    told (scoring.NOTIFY_THRESHOLD), for the notifications.
    """
    job = Job.objects.select_for_update().filter(pk=job_id).first()
    if job is None or not job.is_open:
        return MatchRun(job_id, [], 0, 0)
    job_features_refresh([job_id])
    job_params = job_facts_params(job_id)
    with connection.cursor() as cursor:
        cursor.execute(
            _MATCH_SQL,
            {
                **job_params,
                "job_id": job_id,
                "now": timezone.now(),
                "threshold": MATCH_THRESHOLD_POINTS,
                "notify": NOTIFY_THRESHOLD_POINTS,
                "kept": MATCHES_KEPT,
            },
        )
        rows = cursor.fetchall()
        kept = [candidate for candidate, _created, _points in rows]
        cursor.execute(
            "DELETE FROM matching_match WHERE job_id = %s AND NOT (candidate_id = ANY(%s))",
            [job_id, kept],
        )
        removed = cursor.rowcount
    created = [candidate for candidate, was_created, _points in rows if was_created]
    to_notify = [
        candidate
        for candidate, was_created, points in rows
        if was_created and points >= NOTIFY_THRESHOLD_POINTS
    ]
    return MatchRun(job_id, created, len(rows) - len(created), removed, to_notify)


# How many candidates are notified per batch: one query for their facts and languages,
# one for their email preferences, one INSERT of their ledger rows (two rows each, within
# notifications.services.INSERT_CHUNK).
NOTIFY_CHUNK = 5000


def _job_for_notifications(job_id: int) -> Job:
    return (
        Job.objects.select_related("company")
        .prefetch_related("required_skills", "preferred_skills")
        .get(pk=job_id)
    )


def _job_match_requests(job: Job, facts, candidates) -> list[NotificationRequest]:
    """The job-match notifications of these (user id, language, facts), reasons in each
    candidate's language: candidates are grouped by language, so one translation is
    activated (and the job's URL reversed) once per language, not once per candidate."""
    by_language: dict[str, list] = {}
    for user_id, language, candidate in candidates:
        by_language.setdefault(language or settings.LANGUAGE_CODE, []).append((user_id, candidate))
    requests = []
    for language, group in by_language.items():
        with translation.override(language):
            url = job.get_absolute_url()  # the job page in their language
            for user_id, candidate in group:
                result = scoring.score(candidate, facts)
                reasons = scoring.reasons(candidate, facts, result, scoring.CANDIDATE)
                requests.append(
                    NotificationRequest(
                        recipient_id=user_id,
                        kind=Kind.JOB_MATCH,
                        key=f"job-match:{job.pk}:{user_id}",
                        template="job_match",
                        context={
                            **localised_versions(job, "title", "job_title"),
                            **localised_versions(job.company, "name", "company_name"),
                            "score": result.score,
                            "reasons": [str(reason.text) for reason in reasons[:4]],
                        },
                        url=url,
                    )
                )
    return requests


def job_matches_notify(job_id: int, candidate_ids: list[int]) -> int:
    """Tell newly matched candidates, and the job's team once, through the ledger.

    Each candidate's email explains the match in their own language (the same reasons as
    the job page). Keys are per job and person, so a rerun sends nothing twice. A fixed
    number of queries per NOTIFY_CHUNK candidates (their facts, their preferences, the
    INSERT), whatever their languages. Returns how many candidates were notified.
    """
    if not candidate_ids:
        return 0
    job = _job_for_notifications(job_id)
    facts = job_facts(job)
    for start in range(0, len(candidate_ids), NOTIFY_CHUNK):
        candidates = candidate_facts_with_language(candidate_ids[start : start + NOTIFY_CHUNK])
        notifications_create_bulk(_job_match_requests(job, facts, candidates))
    team = CompanyMember.objects.filter(company_id=job.company_id).values_list(
        "user_id", "user__language"
    )
    requests = []
    for user_id, language in team:
        with translation.override(language):  # the page in the recruiter's language
            url = reverse("matching:job_candidates", args=[job_id])
        requests.append(
            NotificationRequest(
                recipient_id=user_id,
                kind=Kind.CANDIDATE_MATCH,
                key=f"candidate-match:{job_id}:{user_id}",
                template="candidate_match",
                context={
                    **localised_versions(job, "title", "job_title"),
                    "count": len(candidate_ids),
                },
                url=url,
            )
        )
    notifications_create_bulk(requests)
    return len(candidate_ids)


@transaction.atomic
def job_matches_record_and_notify(job_id: int) -> MatchRun:
    """The Celery task's work: record the matches and notify the new ones who fit well
    enough (scoring.NOTIFY_THRESHOLD) in ONE
    transaction, so a worker that dies in between leaves neither (the retry redoes both)
    instead of matches whose notifications are lost."""
    run = matches_for_job_record(job_id)
    job_matches_notify(job_id, run.to_notify)
    return run


# --- Invitations -----------------------------------------------------------------------


@transaction.atomic
def invitation_create(*, job: Job, candidate: User, by: User, message: str = "") -> Invitation:
    """A company member invites a discoverable candidate to apply for an open job, with
    an optional personal message (at most Invitation.MESSAGE_MAX_LENGTH characters, kept
    as written apart from the spaces around it; every page and email escapes it).

    Refused for a company that is not verified, another company's job, a closed job, a
    candidate who is not discoverable, one who already applied, or one already invited
    (one invitation per job and candidate, also enforced by the database). The candidate
    is notified in the portal and by email, with the message.
    """
    message = (message or "").strip()
    if len(message) > Invitation.MESSAGE_MAX_LENGTH:
        raise DomainError(
            _("Keep the message to %(limit)d characters (it has %(length)d).")
            % {"limit": Invitation.MESSAGE_MAX_LENGTH, "length": len(message)}
        )
    if not CompanyMember.objects.filter(company_id=job.company_id, user=by).exists():
        raise DomainError(_("Only the company's team can invite candidates to its jobs."))
    job = Job.objects.select_for_update().get(pk=job.pk)
    if not job.company.is_verified:
        raise DomainError(
            _("Only companies verified by HKSTP can see the Talent Pool and invite candidates.")
        )
    if not job.is_open:
        raise DomainError(_("This job is closed: nobody can be invited to it."))
    profile = getattr(candidate, "candidate_profile", None)
    if not candidate.is_candidate or profile is None or not profile.is_discoverable:
        raise DomainError(_("This candidate cannot be invited."))
    if Application.objects.filter(job=job, candidate=candidate).exists():
        raise DomainError(_("This candidate has already applied."))
    if Invitation.objects.filter(job=job, candidate=candidate).exists():
        raise DomainError(_("This candidate has already been invited."))
    invitation = Invitation.objects.create(
        job=job, candidate=candidate, invited_by=by, message=message
    )
    _invitation_notify(invitation)
    return invitation


def _invitation_notify(invitation: Invitation) -> None:
    job = _job_for_notifications(invitation.job_id)
    candidate = invitation.candidate
    facts = candidate_facts(candidate)
    result = scoring.score(facts, job_facts(job))
    with translation.override(candidate.language):
        reasons = [
            str(reason.text)
            for reason in scoring.reasons(facts, job_facts(job), result, scoring.CANDIDATE)
        ]
        url = job.get_absolute_url()
    notification_create(
        recipient=candidate,
        kind=Kind.INVITATION,
        key=f"invitation:{invitation.pk}",
        template="invitation",
        context={
            **localised_versions(job, "title", "job_title"),
            **localised_versions(job.company, "name", "company_name"),
            "reasons": reasons[:4],
            "message": invitation.message,
            "sender": invitation.invited_by.name if invitation.invited_by else "",
        },
        url=url,
    )


def matching_rebuild() -> dict:
    """Rebuild every feature row, then record the matches of every open job (each job one
    set-based statement). For data loaded without the services (the demo, an import) and
    after a change to the scoring weights. Idempotent; staff or management commands only.
    """
    candidates = candidate_features_refresh()
    jobs = job_features_refresh()
    created = 0
    for job_id in Job.objects.open().values_list("pk", flat=True):
        created += len(matches_for_job_record(job_id).created)
    return {"candidates": candidates, "jobs": jobs, "new_matches": created}
