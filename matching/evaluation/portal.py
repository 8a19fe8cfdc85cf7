"""A labelled set as portal data, and the portal's own rankings of it.

Rows are written with the models' managers and the services a person's actions call:
a company verified by staff, its jobs published with their skills, candidates who
uploaded a CV and confirmed what the portal read from it. Called inside a transaction
that the evaluation rolls back.
"""

import datetime

from django.utils import timezone

from accounts.models import User
from companies.models import Company
from hkstp_portal.vocabulary import Education, JobField, Site, WorkMode
from jobs.models import Job
from matching import scoring
from matching.evaluation.datasets import JobAd, LabelledSet, Resume
from matching.models import Match
from matching.selectors import candidate_facts, job_recommendation_ids
from matching.services import (
    candidate_features_refresh,
    job_features_refresh,
    matches_for_job_record,
)
from skills.selectors import skill_resolve, skills_find_in_text
from talent.cv_reading import cv_read
from talent.models import CandidateProfile, EducationEntry, ExperienceEntry

_LEVEL_OF_RANK = {rank: level for level, rank in scoring.SENIORITY_RANK.items()}


def _job_level(years: int) -> str:
    rank = scoring.seniority_rank(years=years, education_rank=0, studying=False)
    return _LEVEL_OF_RANK[rank]


def _job(company: Company, ad: JobAd, index: int) -> Job:
    now = timezone.now()
    job = Job.objects.create(
        company=company,
        title=ad.title,
        description=ad.text or f"{ad.title} at {company.name}.",
        seniority=_job_level(ad.years),
        education=Education.BACHELOR,
        field=JobField.ENGINEERING,
        site=Site.SCIENCE_PARK,
        work_mode=WorkMode.HYBRID,
        salary_min=30000,
        salary_max=45000,
        status=Job.Status.PUBLISHED,
        published_at=now - datetime.timedelta(minutes=index),
        expires_at=now + datetime.timedelta(days=30),
    )
    if ad.text:  # a pasted ad: every skill it names is asked for
        job.required_skills.set(skills_find_in_text(ad.text))
    else:  # typed into the job form, one field each; what does not resolve is dropped
        required, _unknown = skill_resolve(ad.required)
        preferred, _unknown = skill_resolve(ad.preferred)
        job.required_skills.set(required)
        job.preferred_skills.set([skill for skill in preferred if skill not in required])
    return job


def _candidate(resume: Resume, index: int) -> User:
    """A discoverable candidate who uploaded this CV and confirmed everything the portal
    read from it (skills, jobs, degrees), as the CV page lets them in one click."""
    user = User.objects.create_user(
        email=f"eval-{index}@candidates.example",
        password=None,
        kind=User.Kind.CANDIDATE,
        name=f"Candidate {index}",
    )
    profile = CandidateProfile.objects.create(
        user=user, visibility=CandidateProfile.Visibility.DISCOVERABLE
    )
    profile.skills.set(skills_find_in_text(resume.text))
    reading = cv_read(resume.text)
    for entry in reading.experience:
        ExperienceEntry.objects.create(
            profile=profile,
            title=entry["title"],
            organisation=entry["organisation"] or "-",
            started_on=datetime.date.fromisoformat(entry["started_on"]),
            ended_on=entry["ended_on"] and datetime.date.fromisoformat(entry["ended_on"]),
        )
    for entry in reading.education:
        EducationEntry.objects.create(profile=profile, **entry)
    return user


def load(labelled: LabelledSet, today: datetime.date):
    """The set as rows: (job key → Job, resume key → candidate User), features fresh."""
    company = Company.objects.create(
        name="Evaluation Labs", slug="evaluation-labs", status=Company.Status.VERIFIED
    )
    jobs = {ad.key: _job(company, ad, index) for index, ad in enumerate(labelled.jobs)}
    candidates = {
        resume.key: _candidate(resume, index) for index, resume in enumerate(labelled.resumes)
    }
    job_features_refresh([job.pk for job in jobs.values()])
    candidate_features_refresh([user.pk for user in candidates.values()], today=today)
    return jobs, candidates


def job_skill_ids(job: Job) -> set[int]:
    return set(job.required_skills.values_list("pk", flat=True)) | set(
        job.preferred_skills.values_list("pk", flat=True)
    )


def candidate_skill_ids(user: User) -> set[int]:
    return set(user.candidate_profile.skills.values_list("pk", flat=True))


def jobs_for(user: User, jobs: dict[str, Job]) -> list[tuple[str, int]]:
    """The candidate's recommended jobs with their points, best first: the dashboard's
    query, unlimited."""
    keys = {job.pk: key for key, job in jobs.items()}
    # Room for the open jobs of the database the set was added to (they are skipped).
    limit = Job.objects.open().count()
    ranked = job_recommendation_ids(user, candidate_facts(user), limit=limit)
    return [(keys[pk], points) for pk, points in ranked if pk in keys]


def candidates_for(job: Job, candidates: dict[str, User]) -> list[tuple[str, int]]:
    """The job's matched candidates with their points, best first, as recorded when it
    is published (the recommended-candidates page's order)."""
    matches_for_job_record(job.pk)
    keys = {user.pk: key for key, user in candidates.items()}
    ranked = Match.objects.filter(job=job).order_by("-points", "candidate_id")
    return [
        (keys[pk], points)
        for pk, points in ranked.values_list("candidate_id", "points")
        if pk in keys
    ]
