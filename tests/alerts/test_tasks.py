"""The task that records hits, and publishing a job enqueueing it after commit."""

import pytest
from django.db import transaction

from alerts.models import SavedSearchHit
from alerts.tasks import saved_search_hits_record_task
from jobs.services import job_approve, job_submit
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_task_records_hits_and_is_idempotent():
    saved = factories.SavedSearchFactory(query="q=python")
    job = factories.PublishedJobFactory(title="Python Engineer")
    assert saved_search_hits_record_task.delay(job.pk).get() == 1
    assert saved_search_hits_record_task.delay(job.pk).get() == 0
    assert list(SavedSearchHit.objects.values_list("saved_search", "job")) == [(saved.pk, job.pk)]


def test_approving_a_job_records_its_hits_after_commit(staff, committed):
    saved = factories.SavedSearchFactory(query="q=python")
    job = factories.PendingJobFactory(title="Python Engineer")
    with committed():
        job_approve(job=job, by=staff)
        assert not SavedSearchHit.objects.exists()  # not before the commit
    assert SavedSearchHit.objects.get().saved_search == saved


def test_a_trusted_company_publishing_records_hits(committed):
    factories.SavedSearchFactory(query="q=python")
    member = factories.CompanyMemberFactory(company=factories.TrustedCompanyFactory())
    job = factories.JobFactory(company=member.company, title="Python Engineer")
    with committed():
        job_submit(job=job, by=member.user)
    assert SavedSearchHit.objects.filter(job=job).count() == 1


def test_a_rolled_back_publish_enqueues_nothing(staff, django_capture_on_commit_callbacks):
    factories.SavedSearchFactory(query="q=python")
    job = factories.PendingJobFactory(title="Python Engineer")

    @transaction.atomic
    def approve_then_fail():
        job_approve(job=job, by=staff)
        raise RuntimeError("rolled back")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        approve_then_fail()
    assert callbacks == []
    assert not SavedSearchHit.objects.exists()
