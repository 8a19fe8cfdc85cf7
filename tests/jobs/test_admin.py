"""The job moderation queue in the admin: its list, and the approve/send-back actions."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobs.models import Job
from tests import factories
from tests.helpers import messages_of

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:jobs_job_changelist")
PENDING_QUEUE = f"{CHANGELIST}?status__exact=pending"
# Measured: the session, the user, the filtered and the total count, one query
# for the page of rows with their companies, and two for the date hierarchy
# (published_at range, then its years); nothing per row.
QUEUE_QUERIES = 7


def moderation_state():
    return list(
        Job.objects.order_by("pk").values_list(
            "pk", "status", "moderation_note", "published_at", "expires_at", "updated_at"
        )
    )


def pending_jobs(n):
    """Pending jobs of as many companies, submitted one minute apart, oldest first."""
    start = timezone.now() - datetime.timedelta(hours=1)
    jobs = []
    for i in range(n):
        member = factories.CompanyMemberFactory()
        jobs.append(
            factories.PendingJobFactory(
                company=member.company, submitted_at=start + datetime.timedelta(minutes=i)
            )
        )
    return jobs


def select(action, jobs, **extra):
    return {"action": action, ACTION_CHECKBOX_NAME: [job.pk for job in jobs], **extra}


def queue_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PENDING_QUEUE)
    assert response.status_code == 200
    return len(queries), response


def test_the_pending_queue_lists_only_pending_jobs_oldest_submission_first(client, superuser):
    jobs = pending_jobs(3)
    factories.PublishedJobFactory(title="Already Live Role")
    client.force_login(superuser)

    response = client.get(PENDING_QUEUE)

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == jobs
    assert b"Already Live Role" not in response.content


def test_the_pending_queue_runs_the_same_queries_for_3_or_30_jobs(
    client, superuser, django_assert_max_num_queries
):
    client.force_login(superuser)
    pending_jobs(3)
    few, _ = queue_queries(client)
    pending_jobs(27)
    many, response = queue_queries(client)

    assert response.context["cl"].result_count == 30
    assert many == few

    with django_assert_max_num_queries(QUEUE_QUERIES):
        assert client.get(PENDING_QUEUE).status_code == 200


def test_approve_publishes_at_once_without_an_intermediate_page(client, superuser):
    job, other = pending_jobs(2)
    client.force_login(superuser)

    response = client.post(PENDING_QUEUE, select("approve", [job]))

    assert response.status_code == 302
    job.refresh_from_db()
    other.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED
    assert job.published_at is not None
    assert job.expires_at == job.published_at + datetime.timedelta(days=Job.DEFAULT_LIFETIME_DAYS)
    assert list(Job.objects.open()) == [job]
    assert other.status == Job.Status.PENDING  # only what was selected
    assert "Approve and publish: 1 done." in messages_of(response)


def test_approve_clears_an_earlier_moderation_note(client, superuser):
    job = pending_jobs(1)[0]
    Job.objects.filter(pk=job.pk).update(moderation_note="Add a salary range.")
    client.force_login(superuser)

    client.post(PENDING_QUEUE, select("approve", [job]))

    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED
    assert job.moderation_note == ""


@pytest.mark.parametrize(
    "make_job",
    [
        pytest.param(lambda: factories.JobFactory(title="Draft Role"), id="draft"),
        pytest.param(lambda: factories.PublishedJobFactory(title="Live Role"), id="published"),
        pytest.param(
            lambda: factories.PendingJobFactory(
                title="Pending Role", company=factories.RejectedCompanyFactory()
            ),
            id="pending-of-an-unverified-company",
        ),
    ],
)
def test_approve_reports_a_job_it_cannot_approve_and_changes_nothing(client, superuser, make_job):
    job = make_job()
    before = moderation_state()
    client.force_login(superuser)

    response = client.post(CHANGELIST, select("approve", [job]))

    assert response.status_code == 302
    texts = messages_of(response)
    assert any(text.startswith(f"{job.title}: ") for text in texts), texts
    assert not any("done" in text for text in texts)
    assert moderation_state() == before


def test_approve_reports_the_refused_job_and_approves_the_rest(client, superuser):
    pending = pending_jobs(1)[0]
    draft = factories.JobFactory(title="Draft Role")
    client.force_login(superuser)

    response = client.post(CHANGELIST, select("approve", [pending, draft]))

    pending.refresh_from_db()
    draft.refresh_from_db()
    assert pending.status == Job.Status.PUBLISHED
    assert draft.status == Job.Status.DRAFT
    texts = messages_of(response)
    assert "Approve and publish: 1 done." in texts
    assert "Draft Role: Only a job pending review can be approved." in texts


def test_send_back_asks_for_a_reason_first_and_changes_nothing_yet(client, superuser):
    jobs = pending_jobs(2)
    before = moderation_state()
    client.force_login(superuser)

    response = client.post(PENDING_QUEUE, select("send_back", jobs))

    assert response.status_code == 200
    assert "admin/decision.html" in [t.name for t in response.templates]
    assert list(response.context["objects"]) == jobs
    assert moderation_state() == before


def test_send_back_without_a_reason_is_a_form_error_and_changes_nothing(
    client, superuser, mailoutbox, committed
):
    job = pending_jobs(1)[0]
    before = moderation_state()
    client.force_login(superuser)

    with committed():
        response = client.post(PENDING_QUEUE, select("send_back", [job], apply="1", reason=""))

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert moderation_state() == before
    assert mailoutbox == []


def test_send_back_with_a_reason_returns_the_job_to_draft_and_emails_the_team(
    client, superuser, mailoutbox, committed
):
    job = pending_jobs(1)[0]
    factories.CompanyAdminFactory(company=job.company)
    team = sorted(job.company.members.values_list("user__email", flat=True))
    client.force_login(superuser)
    client.post(PENDING_QUEUE, select("send_back", [job]))

    with committed():
        response = client.post(
            PENDING_QUEUE,
            select("send_back", [job], apply="1", reason="  Add a salary range.  "),
        )

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Job.Status.DRAFT
    assert job.moderation_note == "Add a salary range."
    assert job.published_at is None
    assert sorted(m.to[0] for m in mailoutbox) == team
    assert all(job.title in m.subject for m in mailoutbox)
    assert "Send back to the company: 1 done." in messages_of(response)


def test_a_moderator_approves_and_sends_back_jobs(client, moderator, committed):
    to_approve, to_send_back = pending_jobs(2)
    client.force_login(moderator)
    assert client.get(PENDING_QUEUE).status_code == 200

    client.post(PENDING_QUEUE, select("approve", [to_approve]))
    with committed():
        client.post(
            PENDING_QUEUE, select("send_back", [to_send_back], apply="1", reason="Too vague.")
        )

    to_approve.refresh_from_db()
    to_send_back.refresh_from_db()
    assert to_approve.status == Job.Status.PUBLISHED
    assert (to_send_back.status, to_send_back.moderation_note) == (
        Job.Status.DRAFT,
        "Too vague.",
    )


def test_staff_outside_the_moderators_group_cannot_moderate(client, staff):
    job = pending_jobs(1)[0]
    before = moderation_state()
    client.force_login(staff)

    response = client.post(CHANGELIST, select("approve", [job]))

    assert response.status_code == 403
    assert moderation_state() == before
