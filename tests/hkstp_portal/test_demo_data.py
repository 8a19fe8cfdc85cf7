import datetime
import re

import pytest
from django.core.management import CommandError, call_command
from django.http import QueryDict
from django.utils import timezone

from accounts.models import User
from applications.models import Application, Stage, StageChange
from companies.models import Company
from events.models import Event
from hkstp_portal import demo
from hkstp_portal.vocabulary import (
    Education,
    Eligibility,
    EmploymentType,
    JobField,
    ProgrammeTag,
    Seniority,
    Site,
    WorkMode,
)
from jobs.models import Job
from jobs.selectors import job_search
from jobs.services import job_expiry
from skills.models import Skill
from talent.models import CV, SavedJob
from tests.storage import isolated_storage_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def counts():
    return (User.objects.count(), Company.objects.count(), Job.objects.count(),
            Event.objects.count(), CV.objects.count(), Application.objects.count(),
            StageChange.objects.count(), SavedJob.objects.count())  # fmt: skip


@pytest.fixture
def loaded(isolated_storage):
    return demo.demo_data_load()


def test_demo_data_fills_every_cluster_and_is_idempotent(client, isolated_storage):
    call_command("demo_data", force=True)
    first = counts()
    open_ids = set(Job.objects.open().values_list("pk", flat=True))
    call_command("demo_data", force=True)

    assert counts() == first
    assert set(Job.objects.open().values_list("pk", flat=True)) == open_ids
    clusters = {c for company in Company.objects.verified() for c in company.clusters}
    assert len(clusters) == 9
    assert 120 <= Job.objects.open().count() <= 160
    assert Event.objects.upcoming(timezone.now()).filter(kind="recruitment_fair").exists()
    assert Event.objects.upcoming(timezone.now()).filter(kind="themed_career_day").exists()
    for email in ("staff@demo.hkstp.example", "employer@demo.hkstp.example",
                  "candidate@demo.hkstp.example"):  # fmt: skip
        response = client.post("/accounts/login/", {"login": email, "password": "portal-pass-2026"})
        assert response.status_code == 302, email
        assert response.url == "/account/start/"
        client.post("/accounts/logout/")


def test_demo_data_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo_data")


def test_every_role_uses_known_skills_and_reads_as_a_real_title():
    slugs = set(Skill.objects.values_list("slug", flat=True))
    for role in demo.ALL_ROLES:
        required, preferred = role.skills.split(), role.nice.split()
        assert set(required) <= slugs, role.title
        assert set(preferred) <= slugs, role.title
        assert 2 <= len(required) <= 6, role.title
        assert len(preferred) <= 4, role.title
        assert not set(required) & set(preferred), role.title
        titles = [role.titled(level) for level in role.seniorities]
        assert len({title for title, _ in titles}) == len(titles), role.title
        assert not re.search(r"\d+$", role.title), role.title


@pytest.mark.parametrize(
    ("field", "choices"),
    [
        ("site", Site),
        ("employment_type", EmploymentType),
        ("seniority", Seniority),
        ("education", Education),
        ("field", JobField),
        ("work_mode", WorkMode),
    ],
)
def test_every_facet_value_has_open_jobs(loaded, field, choices):
    used = set(Job.objects.open().values_list(field, flat=True))
    assert used == set(choices.values)


def test_every_search_facet_counts_open_jobs(loaded):
    facets = job_search(QueryDict("")).facets
    for name in ("cluster", "site", "employment_type", "seniority", "education", "field",
                 "eligibility", "programme"):  # fmt: skip
        assert all(facets[name].values()), (name, facets[name])
    assert all(facets["salary"].values())
    assert facets["posted"]["30"] > 0


def test_eligibility_and_programmes_are_used_as_the_expo_reported(loaded):
    jobs = Job.objects.open()
    total = jobs.count()
    for value in Eligibility.values:
        assert jobs.filter(**{value: True}).exists(), value
    overseas_or_gba = (
        jobs.filter(open_to_overseas=True).count()
        + jobs.filter(open_to_overseas=False, open_to_gba=True).count()
    )
    assert overseas_or_gba >= 0.7 * total

    for value in ProgrammeTag.values:
        assert jobs.filter(programmes__contains=[value]).exists(), value
    innohk = jobs.filter(programmes__contains=[ProgrammeTag.INNOHK])
    assert set(innohk.values_list("company__programme", flat=True)) == {Company.Programme.INNOHK}
    innopark = jobs.filter(programmes__contains=[ProgrammeTag.INNOPARK])
    assert set(innopark.values_list("site", flat=True)) == set(demo.INNOPARKS)
    gip = jobs.filter(programmes__contains=[ProgrammeTag.GLOBAL_INTERNSHIP])
    assert set(gip.values_list("employment_type", flat=True)) == {EmploymentType.INTERNSHIP}
    assert jobs.filter(show_salary=False).exists()
    assert jobs.filter(deadline__isnull=False).exists()


def test_open_jobs_are_complete_and_consistent_with_the_lifecycle(loaded):
    jobs = Job.objects.open().prefetch_related("required_skills", "preferred_skills")
    today = timezone.localdate()
    for job in jobs:
        assert job.submitted_at is not None, job
        assert job.submitted_at <= job.published_at, job
        assert job.published_at >= timezone.now() - datetime.timedelta(days=51), job
        assert job.expires_at == job_expiry(job, job.published_at), job
        if job.deadline:
            assert today <= job.deadline <= today + datetime.timedelta(days=42), job
        assert 3 <= job.responsibilities.count("\n- ") + 1 <= 6, job
        assert 3 <= job.requirements.count("\n- ") + 1 <= 6, job
        assert job.responsibilities.startswith("- ")
        assert job.requirements.startswith("- ")
        required = {s.slug for s in job.required_skills.all()}
        preferred = {s.slug for s in job.preferred_skills.all()}
        assert 2 <= len(required) <= 6, job
        assert len(preferred) <= 4, job
        assert not required & preferred, job
        assert 1 <= job.openings <= 5, job
        low, high = demo.SALARY_BANDS[job.seniority]
        assert low <= job.salary_min < job.salary_max <= high, job
        if job.site == Site.SHENZHEN_BRANCH:
            assert job.open_to_gba, job
            assert "cmn" in job.languages, job


def test_most_jobs_read_in_chinese_too(loaded):
    jobs = Job.objects.open()
    total = jobs.count()
    assert jobs.exclude(description_zh="").count() * 3 >= total
    assert jobs.exclude(title_zh="").count() >= 0.8 * total
    for company in Company.objects.all():
        assert company.description_zh, company


def test_some_jobs_and_companies_read_in_simplified_chinese(loaded):
    """Hand-written (hkstp_portal/demo/simplified.py); the rest show the fallback."""
    companies = Company.objects.exclude(name_zh_hans="")
    assert 5 <= companies.count() < Company.objects.count()
    assert companies.filter(sites__contains=[Site.SHENZHEN_BRANCH]).count() == (
        Company.objects.filter(sites__contains=[Site.SHENZHEN_BRANCH]).count()
    )
    jobs = Job.objects.open()
    simplified = jobs.exclude(title_zh_hans="").exclude(description_zh_hans="")
    assert 10 <= simplified.count() < jobs.count()
    for job in simplified:
        assert job.company.name_zh_hans in job.description_zh_hans, job
    assert job_search(QueryDict("q=工程师")).total > 0  # 师, not 師: only Simplified text


@pytest.mark.parametrize(
    "query", ["q=machine learning", "q=工程師", "q=機器學習", "q=verilog", "q=實習生"]
)
def test_keyword_search_finds_demo_jobs(loaded, query):
    assert job_search(QueryDict(query)).total > 0


def test_the_moderation_and_verification_queues_have_content(loaded):
    pending = Company.objects.get(status=Company.Status.PENDING, slug="skyward-survey")
    assert pending.members.filter(user__email=demo.PENDING_EMPLOYER_EMAIL).exists()
    assert not pending.jobs.exclude(status=Job.Status.DRAFT).exists()
    rejected = Company.objects.get(status=Company.Status.REJECTED)
    assert rejected.status_reason
    assert 4 <= Company.objects.filter(is_trusted=True).count() <= 5

    for company in Company.objects.verified().filter(slug__in=[c.slug for c in demo.COMPANIES]):
        statuses = set(company.jobs.values_list("status", flat=True))
        assert statuses == set(Job.Status.values), company
    assert Job.objects.filter(status=Job.Status.PENDING, published_at__isnull=True).count() >= 15
    assert not Job.objects.filter(status=Job.Status.CLOSED, closed_reason="").exists()
    assert Job.objects.filter(status=Job.Status.DRAFT).exclude(moderation_note="").exists()
    expired = Job.objects.filter(status=Job.Status.EXPIRED)
    assert expired.exists()
    assert not expired.filter(expires_at__gt=timezone.now()).exists()


def test_a_rerun_removes_demo_jobs_the_plan_dropped_but_keeps_other_jobs(loaded):
    company = Company.objects.get(slug="kowloon-quantum")
    planned = set(company.jobs.values_list("title", flat=True))
    dropped = next(
        title
        for role in demo.ALL_ROLES
        for title, _ in map(role.titled, role.seniorities)
        if title not in planned
    )
    stale = Job.objects.get(pk=company.jobs.first().pk)
    stale.pk, stale.title = None, dropped
    stale.save()
    own = Job.objects.get(pk=company.jobs.first().pk)
    own.pk, own.title = None, "Cryogenic Systems Engineer"
    own.save()

    demo.demo_data_load()

    titles = set(company.jobs.values_list("title", flat=True))
    assert titles == planned | {"Cryogenic Systems Engineer"}


def test_demo_candidates_have_real_cvs_and_a_pipeline(client, isolated_storage):
    demo.demo_data_load()
    employer_company = Company.objects.get(slug=demo.COMPANIES[0].slug)
    stages = set(
        Application.objects.filter(job__company=employer_company).values_list("stage", flat=True)
    )
    assert {Stage.NEW, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED} <= stages
    assert Stage.REJECTED in stages
    # Every CV went through the real checks and was read: the PDF's skills were found.
    assert CV.objects.count() >= 10
    assert not CV.objects.exclude(parse_status=CV.ParseStatus.PARSED).exists()
    cv = CV.objects.get(owner__email=demo.CANDIDATE_EMAIL)
    assert {"Python", "PyTorch"} <= set(cv.suggested_skills.values_list("name", flat=True))
    assert Application.objects.filter(candidate__email=demo.CANDIDATE_EMAIL).count() == 2
    assert SavedJob.objects.filter(user__email=demo.CANDIDATE_EMAIL).exists()
    client.force_login(User.objects.get(email=demo.EMPLOYER_EMAIL))
    job = Application.objects.filter(job__company=employer_company).first().job
    response = client.get(f"/employer/jobs/{job.pk}/applicants/")
    assert response.status_code == 200
