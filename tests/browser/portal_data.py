"""Realistic data for the accessibility and keyboard tests, and signing people in.

Every page the tests visit shows real content (a job with skills and a salary, a
company with jobs, a fair with sessions and a booth, an application in a pipeline),
because an empty page hides most of what axe and a keyboard user would meet.
"""

import datetime
from types import SimpleNamespace

from django.conf import settings
from django.test import Client

from applications.models import ScreeningQuestion
from events.models import EventSession
from hkstp_portal.vocabulary import Education
from jobs.services import job_search_index
from notifications.models import Channel, Kind
from notifications.services import notification_create
from skills.models import Skill
from talent.models import EducationEntry, ExperienceEntry
from tests import factories


def portal_make() -> SimpleNamespace:
    """One park company with an admin and two open jobs (one with screening questions),
    a candidate with a profile and CV who applied to the other job, a fair with
    sessions and the company's booth, an HKSTP staff member, and a notification."""
    skills = list(Skill.objects.filter(slug__in=["python", "pytorch", "docker", "kubernetes"]))
    company = factories.VerifiedCompanyFactory(
        name="Lumen Robotics Limited",
        slug="lumen-robotics",
        description="Service robots for hospitals and warehouses, built at Science Park.",
    )
    employer = factories.CompanyAdminFactory(
        company=company, user__name="Wong Ka Yan", user__email="hiring@lumen.example"
    ).user
    job = factories.PublishedJobFactory(
        company=company,
        title="Robotics Software Engineer",
        description="Build the navigation stack of our hospital delivery robots.",
        salary_min=35000,
        salary_max=52000,
    )
    job.required_skills.set(skills[:3])
    job.preferred_skills.set(skills[3:])
    job_with_questions = factories.PublishedJobFactory(
        company=company,
        title="Machine Learning Engineer",
        description="Train perception models for robots that share corridors with people.",
    )
    job_with_questions.required_skills.set(skills[:2])
    factories.ScreeningQuestionFactory(job=job_with_questions, position=1)
    factories.ScreeningQuestionFactory(
        job=job_with_questions,
        position=2,
        text="Which robotics projects have you shipped?",
        kind=ScreeningQuestion.Kind.TEXT,
        knockout_answer="",
    )
    # Skills are set after the factory indexed the job: index it again, as the services do.
    job_search_index([job.pk, job_with_questions.pk])

    candidate = factories.CandidateFactory(name="Chan Tai Man", email="taiman@example.com")
    profile = factories.CandidateProfileFactory(
        user=candidate,
        headline="Machine learning engineer",
        summary="Three years of perception models for service robots.",
    )
    profile.skills.set(skills)
    ExperienceEntry.objects.create(
        profile=profile,
        title="Machine Learning Engineer",
        organisation="Harbour Vision Limited",
        started_on=datetime.date(2022, 9, 1),
    )
    EducationEntry.objects.create(
        profile=profile,
        institution="The Hong Kong University of Science and Technology",
        level=Education.BACHELOR,
        field_of_study="Computer Science",
        graduation_year=2022,
    )
    cv = factories.CVFactory(owner=candidate)
    application = factories.ApplicationFactory(job=job, candidate=candidate, cv=cv)
    notification_create(
        recipient=candidate,
        kind=Kind.APPLICATION_STAGE,
        key=f"a11y:stage:{application.pk}",
        template="application_stage",
        context={"job_title": job.title, "company_name": company.name, "stage": "interview"},
        url=f"/me/applications/{application.pk}/",
        channels=(Channel.IN_APP,),
    )

    event = factories.EventFactory(
        title="AI in Action Career Day",
        slug="ai-in-action",
        description="Meet 150 AI companies at Science Park and online.",
        venue="Charles K. Kao Auditorium, Hong Kong Science Park",
    )
    starts = event.starts_at
    EventSession.objects.create(
        event=event,
        kind=EventSession.Kind.WORKSHOP,
        title="Personal branding for engineers",
        starts_at=starts + datetime.timedelta(hours=1),
        ends_at=starts + datetime.timedelta(hours=2),
        room="Lecture Theatre 1",
        capacity=80,
    )
    EventSession.objects.create(
        event=event,
        kind=EventSession.Kind.PANEL,
        title="Where robotics is hiring",
        speakers="Dr Lee Wing Sze\nProf. Ho Chi Keung",
        starts_at=starts + datetime.timedelta(hours=3),
        ends_at=starts + datetime.timedelta(hours=4),
    )
    exhibitor = factories.ApprovedExhibitorFactory(event=event, company=company, booth="A12")
    exhibitor.featured_jobs.set([job, job_with_questions])
    factories.InterviewSlotFactory(exhibitor=exhibitor)
    registration = factories.RegistrationFactory(event=event, candidate=candidate)
    # A second fair the candidate has not registered for, for the registration journey.
    open_event = factories.EventFactory(title="Microelectronics Talent Day", slug="micro-day")

    staff = factories.StaffFactory(name="Ho Mei Ling", email="door@hkstp.example")
    return SimpleNamespace(
        company=company,
        employer=employer,
        job=job,
        job_with_questions=job_with_questions,
        candidate=candidate,
        application=application,
        event=event,
        open_event=open_event,
        exhibitor=exhibitor,
        registration=registration,
        staff=staff,
    )


def sign_in_with_cookie(context, live_server, user) -> None:
    """Signs `user` in for a browser context: Django's test client logs in and its session
    cookie is handed to the browser (the login form itself is tested elsewhere)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
