"""Demo candidates with real PDF CVs, and applications in every stage of a pipeline.

Everything goes through the same services as the pages (upload checks, parsing,
applying, stage moves), so the demo shows what a real candidate and recruiter see.
Idempotent: a person's profile is refreshed on every run; CVs, applications, moves
and saved jobs are made only when missing.
"""

import io

from django.db.models import Q

from accounts.models import User
from applications.models import Application, ScreeningQuestion, Stage
from applications.services import (
    application_stage_set,
    application_submit,
    question_create,
    saved_job_add,
)
from hkstp_portal.demo.documents import cv_pdf
from hkstp_portal.demo.people import PEOPLE, Person
from hkstp_portal.vocabulary import Education
from jobs.models import Job
from skills.models import Skill
from talent.models import CV, CandidateProfile, EducationEntry, ExperienceEntry
from talent.services.cvs import cv_parse, cv_upload
from tests import factories

# Where each applicant ends up in the demo employer's pipeline (in order of PEOPLE[1:]).
STAGE_PLAN = [
    Stage.INTERVIEW,
    Stage.SCREENING,
    Stage.NEW,
    Stage.OFFER,
    Stage.REJECTED,
    Stage.SCREENING,
    Stage.NEW,
    Stage.HIRED,
    Stage.INTERVIEW,
    Stage.NEW,
    Stage.REJECTED,
    Stage.NEW,
]
PATH = [Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED]
QUESTIONS = [
    ("Do you have the right to work in Hong Kong, or hold a TTPS visa?", "yes_no", "no"),
    ("When could you start?", "text", ""),
]


def _profile(person: Person, user: User) -> CandidateProfile:
    profile, _ = CandidateProfile.objects.update_or_create(
        user=user,
        defaults={
            "headline": person.headline,
            "summary": person.summary,
            "residence": person.residence,
            "eligibility": person.eligibility,
            "languages": list(person.languages),
            "desired_fields": list(person.fields),
            "desired_employment_types": list(person.types),
            "desired_sites": list(person.sites),
            "desired_work_modes": list(person.modes),
            "min_salary": person.min_salary,
            "visibility": CandidateProfile.Visibility.DISCOVERABLE
            if person.discoverable
            else CandidateProfile.Visibility.PRIVATE,
        },
    )
    profile.skills.set(Skill.objects.filter(slug__in=person.skills))
    profile.experience.all().delete()
    ExperienceEntry.objects.bulk_create(
        ExperienceEntry(
            profile=profile,
            title=title,
            organisation=organisation,
            started_on=f"{start}-06-01",
            ended_on=f"{end}-08-31" if end else None,
        )
        for title, organisation, start, end in person.experience
    )
    profile.education.all().delete()
    EducationEntry.objects.bulk_create(
        EducationEntry(
            profile=profile,
            institution=institution,
            level=level,
            field_of_study=field,
            graduation_year=year,
        )
        for institution, level, field, year in person.education
    )
    return profile


# How a CV names each level of degree.
DEGREES = {
    Education.ASSOCIATE: "Higher Diploma in",
    Education.BACHELOR: "BSc in",
    Education.MASTER: "MSc in",
    Education.PHD: "PhD in",
}


def _cv(person: Person, user: User) -> CV:
    cv = CV.objects.filter(owner=user, is_default=True).first()
    if cv is not None:
        return cv
    names = dict(Skill.objects.filter(slug__in=person.skills).values_list("slug", "name"))
    data = cv_pdf(
        name=person.name,
        headline=person.headline,
        skills=[names[slug] for slug in person.skills if slug in names],
        experience=[
            f"{start} – {end or 'Present'}  {title}, {organisation}"
            for title, organisation, start, end in person.experience
        ],
        education=[
            f"{DEGREES.get(level, '')} {field}, {institution}, {year}".strip()
            for institution, level, field, year in person.education
        ],
    )
    cv = cv_upload(owner=user, file=io.BytesIO(data), name=f"{person.name} CV.pdf", size=len(data))
    # Read it now, so the demo shows suggested skills without waiting for a worker.
    cv_parse(cv_id=cv.pk)
    return cv


def _answers(job: Job) -> dict[int, str]:
    return {
        question.pk: "yes" if question.kind == ScreeningQuestion.Kind.YES_NO else "Next month"
        for question in job.questions.all()
    }


def _apply(job: Job, user: User, cv: CV, recruiter: User, stage: str) -> None:
    if Application.objects.filter(job=job, candidate=user).exists():
        return
    application = application_submit(
        job=job,
        candidate=user,
        cv=cv,
        cover_note="I have followed your work for a while and would love to help build it.",
        answers=_answers(job),
    )
    if stage == Stage.REJECTED:
        application_stage_set(
            application=application, to_stage=stage, by=recruiter, reason="other_candidate",
            notify=False,
        )  # fmt: skip
        return
    for step in PATH[: PATH.index(stage) + 1] if stage in PATH else []:
        application = application_stage_set(
            application=application, to_stage=step, by=recruiter, notify=False
        )


def demo_talent_load(*, password, company) -> dict:
    """Candidates, their CVs, and applications to `company`'s open jobs (its first admin
    moves them through the pipeline)."""
    recruiter = company.members.filter(role="admin").select_related("user").first().user
    jobs = list(Job.objects.open().filter(company=company).order_by("pk"))
    if jobs and not jobs[0].questions.exists():
        for text, kind, knockout in QUESTIONS:
            question_create(
                job=jobs[0], by=recruiter, text=text, kind=kind, knockout_answer=knockout
            )
    for index, person in enumerate(PEOPLE):
        user = factories.CandidateFactory(
            email=person.email, name=person.name, password=password, language=person.language
        )
        User.objects.filter(pk=user.pk).update(name=person.name, language=person.language)
        _profile(person, user)
        cv = _cv(person, user)
        if not jobs:
            continue
        # People apply where their wanted fields are; anyone else, anywhere.
        fitting = [job for job in jobs if job.field in person.fields] or jobs
        if index == 0:
            # The demo candidate: one application under way, one just sent, jobs saved.
            _apply(fitting[0], user, cv, recruiter, Stage.INTERVIEW)
            if len(fitting) > 1:
                _apply(fitting[1], user, cv, recruiter, Stage.NEW)
            for job in (
                Job.objects.open()
                .exclude(company=company)
                .filter(Q(field="data_ai") | Q(title__icontains="engineer"))[:3]
            ):
                saved_job_add(user=user, job=job)
            continue
        _apply(
            fitting[index % len(fitting)],
            user,
            cv,
            recruiter,
            STAGE_PLAN[(index - 1) % len(STAGE_PLAN)],
        )
    return {"applications": Application.objects.filter(job__company=company).count()}
