"""jobs announces a published job after commit; alerts and matching listen (layers: jobs
imports neither)."""

import pytest
from django.db import transaction

from jobs.models import Job
from jobs.services import job_approve, job_submit
from jobs.signals import job_published
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """The job ids announced by job_published while the test runs."""
    ids = []

    def listener(sender, job_id, **kwargs):
        ids.append(job_id)

    job_published.connect(listener, dispatch_uid="test_listener")
    yield ids
    job_published.disconnect(dispatch_uid="test_listener")


def test_a_trusted_company_s_job_is_announced_once_published_and_committed(heard, committed):
    member = factories.CompanyMemberFactory(company=factories.TrustedCompanyFactory())
    job = factories.JobFactory(company=member.company)
    with committed():
        job_submit(job=job, by=member.user)
        assert heard == []  # not before the commit
    assert heard == [job.pk]


def test_a_job_sent_to_review_is_announced_when_staff_approve_it(heard, committed, staff):
    member = factories.CompanyMemberFactory(company=factories.VerifiedCompanyFactory())
    job = factories.JobFactory(company=member.company)
    with committed():
        job_submit(job=job, by=member.user)
    assert heard == []
    with committed():
        job_approve(job=job, by=staff)
    assert heard == [job.pk]


def test_a_rolled_back_publication_is_not_announced(heard, committed):
    member = factories.CompanyMemberFactory(company=factories.TrustedCompanyFactory())
    job = factories.JobFactory(company=member.company)

    def publish_then_fail():
        with transaction.atomic():
            job_submit(job=job, by=member.user)
            raise RuntimeError("the request failed after publishing")

    with committed(), pytest.raises(RuntimeError):
        publish_then_fail()
    assert heard == []
    assert Job.objects.get(pk=job.pk).status == Job.Status.DRAFT


def test_alerts_and_matching_listen():
    receivers = {receiver[0][0] for receiver in job_published.receivers}  # dispatch_uids
    assert {"alerts_job_published", "matching_job_published"} <= receivers
