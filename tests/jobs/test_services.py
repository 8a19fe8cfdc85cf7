import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hkstp_portal.errors import DomainError
from jobs.models import Job
from jobs.services import (
    job_approve,
    job_close,
    job_create,
    job_delete,
    job_reject,
    job_submit,
    job_update,
    job_withdraw_submission,
    jobs_expire,
)
from skills.models import Skill
from tests import factories

pytestmark = pytest.mark.django_db

Status = Job.Status


def job_fields(**overrides):
    fields = {
        "title": "Analogue IC Design Engineer",
        "description": "Design low-power analogue blocks.",
        "employment_type": "full_time",
        "seniority": "mid",
        "education": "master",
        "field": "engineering",
        "site": "science_park",
        "work_mode": "on_site",
        "salary_min": 40000,
        "salary_max": 60000,
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def member():
    return factories.CompanyMemberFactory(company=factories.VerifiedCompanyFactory())


@pytest.fixture
def trusted_member():
    return factories.CompanyMemberFactory(company=factories.TrustedCompanyFactory())


def test_a_draft_with_skills_is_searchable_by_them(member):
    verilog = Skill.objects.get(slug="verilog")
    job = job_create(
        company=member.company, by=member.user, required_skills=[verilog], **job_fields()
    )
    job.refresh_from_db()
    assert job.status == Status.DRAFT
    assert list(job.required_skills.all()) == [verilog]
    assert "'verilog':" in str(job.search_vector)


def test_only_the_company_s_own_team_can_draft(member):
    outsider = factories.CompanyMemberFactory()
    with pytest.raises(DomainError):
        job_create(company=member.company, by=outsider.user, **job_fields())
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"salary_min": 70000, "salary_max": 50000}, ValidationError),
        ({"title": ""}, ValidationError),
        ({"deadline": datetime.date(2020, 1, 1)}, DomainError),
        ({"employment_type": "forever"}, ValidationError),
    ],
)
def test_bad_fields_are_refused_and_leave_no_row(member, overrides, error):
    with pytest.raises(error):
        job_create(company=member.company, by=member.user, **job_fields(**overrides))
    assert not Job.objects.exists()


def test_a_preferred_skill_that_is_also_required_is_kept_only_as_required(member):
    python = Skill.objects.get(slug="python")
    rust = Skill.objects.get(slug="rust")
    job = job_create(
        company=member.company,
        by=member.user,
        required_skills=[python],
        preferred_skills=[python, rust],
        **job_fields(),
    )
    assert list(job.preferred_skills.all()) == [rust]


def test_submitting_sends_a_draft_to_review(member):
    job = factories.JobFactory(company=member.company)
    job = job_submit(job=job, by=member.user)
    assert job.status == Status.PENDING
    assert job.submitted_at is not None
    assert job.published_at is None


def test_a_trusted_company_publishes_without_review(trusted_member):
    job = factories.JobFactory(company=trusted_member.company)
    job = job_submit(job=job, by=trusted_member.user)
    assert job.status == Status.PUBLISHED
    assert job.expires_at == job.published_at + datetime.timedelta(days=60)
    assert Job.objects.open().filter(pk=job.pk).exists()


@pytest.mark.parametrize(
    "company_factory", [factories.CompanyFactory, factories.RejectedCompanyFactory]
)
def test_an_unverified_company_can_draft_but_not_publish(company_factory):
    member = factories.CompanyMemberFactory(company=company_factory())
    job = job_create(company=member.company, by=member.user, **job_fields())
    with pytest.raises(DomainError, match="verified"):
        job_submit(job=job, by=member.user)
    job.refresh_from_db()
    assert job.status == Status.DRAFT


def test_staff_approve_and_the_job_expires_at_the_end_of_its_deadline_day(member, staff):
    deadline = timezone.localdate() + datetime.timedelta(days=10)
    job = factories.PendingJobFactory(company=member.company, deadline=deadline)
    job = job_approve(job=job, by=staff)
    assert job.status == Status.PUBLISHED
    expires = timezone.localtime(job.expires_at)
    assert (expires.date(), expires.hour, expires.minute) == (
        deadline + datetime.timedelta(days=1),
        0,
        0,
    )


def test_only_staff_moderate(member):
    job = factories.PendingJobFactory(company=member.company)
    with pytest.raises(DomainError):
        job_approve(job=job, by=member.user)
    with pytest.raises(DomainError):
        job_reject(job=job, by=member.user, reason="no")
    job.refresh_from_db()
    assert job.status == Status.PENDING


def test_rejection_needs_a_reason_and_emails_the_team(member, staff, mailoutbox, committed):
    job = factories.PendingJobFactory(company=member.company)
    with pytest.raises(DomainError):
        job_reject(job=job, by=staff, reason="  ")
    with committed():
        job = job_reject(job=job, by=staff, reason="Please add the salary range.")
    assert job.status == Status.DRAFT
    assert job.moderation_note == "Please add the salary range."
    assert [m.to for m in mailoutbox] == [[member.user.email]]
    assert "Please add the salary range." in mailoutbox[0].body


@pytest.mark.parametrize(
    ("factory", "action"),
    [
        (factories.JobFactory, "approve"),
        (factories.PublishedJobFactory, "submit"),
        (factories.PublishedJobFactory, "approve"),
        (factories.ClosedJobFactory, "close"),
        (factories.ExpiredJobFactory, "close"),
        (factories.JobFactory, "close"),
        (factories.PendingJobFactory, "submit"),
        (factories.PublishedJobFactory, "withdraw"),
        (factories.PendingJobFactory, "delete"),
        (factories.ClosedJobFactory, "update"),
    ],
)
def test_invalid_transitions_are_refused_by_the_service(member, staff, factory, action):
    job = factory(company=member.company)
    before = job.status
    calls = {
        "approve": lambda: job_approve(job=job, by=staff),
        "submit": lambda: job_submit(job=job, by=member.user),
        "close": lambda: job_close(job=job, by=member.user, reason="filled"),
        "withdraw": lambda: job_withdraw_submission(job=job, by=member.user),
        "delete": lambda: job_delete(job=job, by=member.user),
        "update": lambda: job_update(job=job, by=member.user, title="New title"),
    }
    with pytest.raises(DomainError):
        calls[action]()
    job.refresh_from_db()
    assert job.status == before


def test_closing_records_why_and_leaves_search(member):
    job = factories.PublishedJobFactory(company=member.company)
    job = job_close(job=job, by=member.user, reason="filled")
    assert (job.status, job.closed_reason) == (Status.CLOSED, "filled")
    assert not Job.objects.open().filter(pk=job.pk).exists()
    with pytest.raises(DomainError):
        job_close(
            job=factories.PublishedJobFactory(company=member.company),
            by=member.user,
            reason="bored",
        )


def test_editing_a_live_job_sends_it_back_to_review_unless_trusted(member, trusted_member):
    job = factories.PublishedJobFactory(company=member.company)
    job = job_update(job=job, by=member.user, title="Senior Analogue IC Designer")
    assert job.status == Status.PENDING
    assert not Job.objects.open().filter(pk=job.pk).exists()

    trusted_job = factories.PublishedJobFactory(company=trusted_member.company)
    trusted_job = job_update(job=trusted_job, by=trusted_member.user, title="Renamed")
    assert trusted_job.status == Status.PUBLISHED


def test_a_draft_can_be_deleted_but_a_submitted_job_stays(member):
    draft = factories.JobFactory(company=member.company)
    job_delete(job=draft, by=member.user)
    assert not Job.objects.filter(pk=draft.pk).exists()
    returned = factories.JobFactory(company=member.company, submitted_at=timezone.now())
    with pytest.raises(DomainError):
        job_delete(job=returned, by=member.user)


def test_expiry_is_hidden_at_once_and_marked_by_the_beat_task():
    now = timezone.now()
    due = factories.PublishedJobFactory(expires_at=now - datetime.timedelta(minutes=1))
    live = factories.PublishedJobFactory(expires_at=now + datetime.timedelta(days=1))

    assert list(Job.objects.open()) == [live]  # hidden before the task runs
    assert jobs_expire(now=now) == 1
    assert jobs_expire(now=now) == 0  # idempotent
    due.refresh_from_db()
    live.refresh_from_db()
    assert (due.status, live.status) == (Status.EXPIRED, Status.PUBLISHED)


def test_the_expiry_task_is_on_the_beat_schedule(settings):
    from jobs.tasks import jobs_expire_due

    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "jobs.tasks.jobs_expire_due" in schedule
    factories.PublishedJobFactory(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert jobs_expire_due.delay().get() == 1


def test_the_database_refuses_a_published_job_without_dates():
    job = factories.JobFactory()
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.filter(pk=job.pk).update(status=Status.PUBLISHED)
