import datetime
import random

import pytest

from hkstp_portal.vocabulary import (
    Education,
    JobField,
    Residence,
    Seniority,
    Site,
    WorkEligibility,
    WorkMode,
)
from skills.models import Skill
from talent.models import EducationEntry, ExperienceEntry
from tests import factories


@pytest.fixture
def skills(db):
    """Skills by name, from the synced taxonomy: six of the old tests, and narrower and
    broader ones (SystemVerilog is a kind of Verilog, Scrum of Agile)."""
    names = [
        *["Python", "PyTorch", "Verilog", "Kubernetes", "SQL", "Docker"],
        *["SystemVerilog", "Scrum", "Agile", "Deep learning"],
    ]
    found = {skill.name: skill for skill in Skill.objects.filter(name__in=names)}
    assert len(found) == len(names)
    return found


def make_candidate(
    *,
    skills=(),
    visibility="discoverable",
    eligibility=WorkEligibility.HK_PERMANENT,
    residence=Residence.HONG_KONG,
    years=3,
    education=Education.BACHELOR,
    graduation_year=2018,
    title="Engineer",
    cv=None,
    **fields,
):
    """A candidate with a profile; `cv` gives them a default CV as read, instead of
    profile entries: (suggested skills, suggested experience, suggested education)."""
    profile = factories.CandidateProfileFactory(
        visibility=visibility, eligibility=eligibility, residence=residence, **fields
    )
    profile.skills.set(skills)
    if cv is not None:
        found, experience, degrees = cv
        upload = factories.CVFactory(
            owner=profile.user,
            is_default=True,
            parse_status="parsed",
            suggested_experience=experience,
            suggested_education=degrees,
        )
        upload.suggested_skills.set(found)
        return profile.user
    if years:
        ExperienceEntry.objects.create(
            profile=profile,
            title=title,
            organisation="Harbour Labs",
            started_on=datetime.date(2020, 1, 1),
            ended_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=365 * years + 1),
        )
    if education:
        EducationEntry.objects.create(
            profile=profile,
            institution="HKUST",
            level=education,
            graduation_year=graduation_year,
        )
    return profile.user


def make_job(*, required=(), preferred=(), factory=None, **fields):
    job = (factory or factories.PublishedJobFactory)(**fields)
    job.required_skills.set(required)
    job.preferred_skills.set(preferred)
    return job


TITLES = ["Engineer", "Data Scientist", "Verification Engineer", "Scrum Master", "Chemist", ""]


def _cv_reading(rng: random.Random, skill_list):
    """What a default CV was read as: skills, a dated job or none, a degree or none."""
    experience = []
    if rng.random() < 0.7:
        started = datetime.date(rng.randint(2010, 2024), rng.randint(1, 12), 1)
        ended = rng.choice([None, started + datetime.timedelta(days=rng.randint(100, 2000))])
        experience.append(
            {
                "title": rng.choice(TITLES[:-1]),
                "organisation": "Tolo Robotics",
                "started_on": started.isoformat(),
                "ended_on": ended and ended.isoformat(),
            }
        )
    education = []
    if rng.random() < 0.7:
        education.append(
            {
                "level": rng.choice(Education.values),
                "institution": "CUHK",
                "field_of_study": "",
                "graduation_year": rng.choice([2012, 2020, 2030]),
            }
        )
    return rng.sample(skill_list, rng.randint(0, 4)), experience, education


def random_pairs(rng: random.Random, skill_list, candidates: int, jobs: int):
    """Candidates and jobs with every factor varied, for SQL == Python: skills with their
    broader and narrower ones, titles, and some candidates known only by their CV."""
    users, job_rows = [], []
    for _ in range(candidates):
        users.append(
            make_candidate(
                cv=_cv_reading(rng, skill_list) if rng.random() < 0.3 else None,
                title=rng.choice(TITLES),
                skills=rng.sample(skill_list, rng.randint(0, len(skill_list))),
                visibility=rng.choice(["discoverable", "private"]),
                eligibility=rng.choice([*WorkEligibility.values, ""]),
                residence=rng.choice([*Residence.values, ""]),
                years=rng.choice([0, 1, 2, 4, 6, 12]),
                education=rng.choice([*Education.values, None]),
                graduation_year=rng.choice([2010, 2019, 2035]),
                desired_sites=rng.sample(Site.values, rng.randint(0, 2)),
                desired_work_modes=rng.sample(WorkMode.values, rng.randint(0, 2)),
                desired_fields=rng.sample(JobField.values, rng.randint(0, 2)),
                min_salary=rng.choice([None, 20000, 40000, 60000]),
            )
        )
    for _ in range(jobs):
        low = rng.choice([None, 25000, 35000])
        job_rows.append(
            make_job(
                title=rng.choice(["Verification Engineer", "Senior Data Scientist", "Chemist"]),
                required=rng.sample(skill_list, rng.randint(0, 4)),
                preferred=rng.sample(skill_list, rng.randint(0, 2)),
                seniority=rng.choice(Seniority.values),
                education=rng.choice(Education.values),
                field=rng.choice(JobField.values),
                site=rng.choice(Site.values),
                work_mode=rng.choice(WorkMode.values),
                salary_min=low,
                salary_max=None if low is None else rng.choice([None, low + 15000]),
                show_salary=rng.choice([True, False]),
                open_to_overseas=rng.choice([True, False]),
                open_to_gba=rng.choice([True, False]),
                visa_sponsorship=rng.choice([True, False]),
                ttps_welcome=rng.choice([True, False]),
            )
        )
    return users, job_rows
