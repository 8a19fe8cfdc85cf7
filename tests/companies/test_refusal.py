"""A company HKSTP refuses to verify has nothing live: its open jobs close (and leave the
search, the feed and the sitemap), nobody can apply, and verifying it again reopens what
the refusal closed."""

import datetime

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from applications.models import Application
from applications.services import application_submit
from companies.models import Company
from companies.services import company_reject, company_update, company_verify
from hkstp_portal.errors import DomainError
from jobs.models import Job
from jobs.selectors import job_search
from jobs.services import job_close, job_update
from tests import factories
from tests.helpers import messages_of
from tests.races import race

pytestmark = pytest.mark.django_db

UNVERIFIED = "unverified"  # Job.ClosedReason.COMPANY_NOT_VERIFIED


@pytest.fixture
def company():
    return factories.VerifiedCompanyFactory(name="Lantern Robotics")


@pytest.fixture
def open_job(company):
    return factories.PublishedJobFactory(company=company, title="Robotics Engineer")


def _refuse(company, staff, committed):
    with committed():
        return company_reject(company=company, by=staff, reason="Tenancy ended in March.")


def test_refusing_closes_the_open_jobs_with_a_reason_and_leaves_the_others(
    company, open_job, staff, committed
):
    second = factories.PublishedJobFactory(company=company, title="Robotics Lead")
    draft = factories.JobFactory(company=company)
    filled = factories.ClosedJobFactory(company=company)
    other = factories.PublishedJobFactory(title="Robotics Technician")  # another company

    _refuse(company, staff, committed)

    for job in (open_job, second):
        job.refresh_from_db()
        assert (job.status, job.closed_reason) == (Job.Status.CLOSED, UNVERIFIED)
        assert job.closed_at is not None
    draft.refresh_from_db()
    filled.refresh_from_db()
    other.refresh_from_db()
    assert draft.status == Job.Status.DRAFT
    assert filled.closed_reason == Job.ClosedReason.FILLED
    assert other.status == Job.Status.PUBLISHED


def test_a_refused_company_s_jobs_leave_search_feed_and_sitemap_at_once(
    client, company, open_job, staff, committed
):
    assert job_search(QueryDict("q=robotics")).total == 1
    assert open_job.get_absolute_url() in client.get("/sitemap-jobs.xml").content.decode()
    assert "Robotics Engineer" in client.get(reverse("jobs:job_feed")).content.decode()

    _refuse(company, staff, committed)

    assert job_search(QueryDict("q=robotics")).total == 0
    assert job_search(QueryDict("")).total == 0
    cache.clear()  # the sitemap is cached for an hour (hkstp_portal.urls), like any change
    assert open_job.get_absolute_url() not in client.get("/sitemap-jobs.xml").content.decode()
    assert "Robotics Engineer" not in client.get(reverse("jobs:job_feed")).content.decode()
    assert client.get(company.get_absolute_url()).status_code == 404


def test_nobody_can_apply_once_the_company_is_refused(
    client, company, open_job, staff, committed, candidate
):
    cv = factories.CVFactory(owner=candidate)
    _refuse(company, staff, committed)

    with pytest.raises(DomainError, match="no longer taking applications"):
        application_submit(job=open_job, candidate=candidate, cv=cv)
    client.force_login(candidate)
    page = client.get(open_job.get_absolute_url()).content.decode()
    assert "This job is closed." in page
    assert "Apply with" not in page
    response = client.post(reverse("applications:apply", args=[open_job.pk]), {"cv": cv.pk})
    assert response.status_code == 302
    assert "no longer taking applications" in messages_of(response)[0]
    assert not Application.objects.exists()


def test_the_team_and_staff_see_why_the_job_closed(
    client, company, open_job, staff, committed, superuser
):
    member = factories.CompanyMemberFactory(company=company).user
    _refuse(company, staff, committed)

    client.force_login(member)
    page = client.get(reverse("jobs:employer_job", args=[open_job.pk])).content.decode()
    assert "Company not verified by HKSTP" in page
    assert "HKSTP closed this job because your company is not verified" in page
    client.force_login(superuser)
    admin_page = client.get(reverse("admin:jobs_job_change", args=[open_job.pk]))
    assert "Company not verified by HKSTP" in admin_page.content.decode()


def test_every_member_is_emailed_how_many_jobs_closed(
    company, open_job, staff, committed, mailoutbox
):
    admin = factories.CompanyAdminFactory(company=company)
    recruiter = factories.CompanyMemberFactory(company=company)
    _refuse(company, staff, committed)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([admin.user.email, recruiter.user.email])
    assert "Tenancy ended in March." in mailoutbox[0].body
    assert "Your open job was closed and no longer takes applications." in mailoutbox[0].body


def test_a_company_cannot_close_a_job_as_unverified_itself(company, open_job):
    member = factories.CompanyMemberFactory(company=company).user
    with pytest.raises(DomainError):
        job_close(job=open_job, by=member, reason=UNVERIFIED)
    open_job.refresh_from_db()
    assert open_job.status == Job.Status.PUBLISHED


def test_verifying_again_reopens_the_jobs_the_refusal_closed_that_can_still_run(
    client, company, open_job, staff, committed, mailoutbox
):
    admin = factories.CompanyAdminFactory(company=company)
    now = timezone.now()
    run_out = factories.PublishedJobFactory(
        company=company,
        title="Robotics Intern",
        published_at=now - datetime.timedelta(days=59),
        expires_at=now + datetime.timedelta(hours=1),
    )
    filled = factories.ClosedJobFactory(company=company)
    _refuse(company, staff, committed)
    # Time passes: one job's expiry goes by while the company is refused.
    Job.objects.filter(pk=run_out.pk).update(expires_at=now - datetime.timedelta(minutes=1))
    mailoutbox.clear()

    with committed():
        company_verify(company=company, by=staff)

    open_job.refresh_from_db()
    run_out.refresh_from_db()
    filled.refresh_from_db()
    assert (open_job.status, open_job.closed_reason, open_job.closed_at) == (
        Job.Status.PUBLISHED,
        "",
        None,
    )
    assert (run_out.status, run_out.closed_reason) == (Job.Status.EXPIRED, "")
    assert filled.closed_reason == Job.ClosedReason.FILLED
    assert [job.pk for job in job_search(QueryDict("q=robotics")).page] == [open_job.pk]
    assert "Robotics Engineer" in client.get(reverse("jobs:job_feed")).content.decode()
    assert [m.to for m in mailoutbox] == [[admin.user.email]]
    assert "closed when verification was refused is open again" in mailoutbox[0].body


def test_a_job_past_its_application_deadline_is_not_reopened(company, staff, committed):
    job = factories.PublishedJobFactory(
        company=company, deadline=timezone.localdate() + datetime.timedelta(days=3)
    )
    _refuse(company, staff, committed)
    Job.objects.filter(pk=job.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=1))
    company_verify(company=company, by=staff)
    job.refresh_from_db()
    assert job.status == Job.Status.EXPIRED


@pytest.mark.django_db(transaction=True)
def test_a_refusal_and_an_application_at_the_same_moment_leave_no_late_application():
    """Whichever wins, no application is made on a job already closed: either it was made
    while the job was still open (and the refusal then closed it), or it was refused."""
    for _ in range(5):
        company = factories.VerifiedCompanyFactory()
        job = factories.PublishedJobFactory(company=company)
        staff = factories.StaffFactory()
        candidate = factories.CandidateFactory()
        cv = factories.CVFactory(owner=candidate)
        results = race(
            lambda company=company, staff=staff: company_reject(
                company=company, by=staff, reason="Not a park company."
            ),
            lambda job=job, candidate=candidate, cv=cv: application_submit(
                job=job, candidate=candidate, cv=cv
            ),
        )
        refused, applied = results
        assert isinstance(refused, Company), refused
        job.refresh_from_db()
        assert (job.status, job.closed_reason) == (Job.Status.CLOSED, UNVERIFIED)
        if isinstance(applied, Application):
            assert applied.created_at <= job.closed_at
        else:
            assert isinstance(applied, DomainError), applied
            assert not Application.objects.filter(job=job).exists()


def test_a_refusal_made_while_the_profile_form_is_open_sticks(client, company, staff):
    admin = factories.CompanyAdminFactory(company=company)
    client.force_login(admin.user)
    client.get(reverse("companies:profile_edit"))  # the admin opens the form: verified
    company_reject(company=Company.objects.get(pk=company.pk), by=staff, reason="Moved out.")

    # The form is saved with the copy of the company loaded before the refusal.
    company_update(company=company, by=admin.user, description="We build robots.")

    company.refresh_from_db()
    assert (company.status, company.status_reason) == (Company.Status.REJECTED, "Moved out.")
    assert company.description == "We build robots."


@pytest.mark.django_db(transaction=True)
def test_a_refusal_and_a_trusted_company_s_job_edit_at_the_same_moment_both_finish():
    """Both lock the company and then the job, so neither waits for the other in a circle
    (a deadlock would end one of them with a database error): the edit is made before the
    refusal closes the job, or refused because it is closed."""
    for _ in range(5):
        company = factories.TrustedCompanyFactory()
        job = factories.PublishedJobFactory(company=company, title="Robotics Engineer")
        member = factories.CompanyMemberFactory(company=company).user
        staff = factories.StaffFactory()
        refused, edited = race(
            lambda company=company, staff=staff: company_reject(
                company=company, by=staff, reason="Tenancy ended."
            ),
            lambda job=job, member=member: job_update(job=job, by=member, title="Robotics Lead"),
        )
        assert isinstance(refused, Company), refused
        assert isinstance(edited, Job | DomainError), edited
        job.refresh_from_db()
        assert (job.status, job.closed_reason) == (Job.Status.CLOSED, UNVERIFIED)
