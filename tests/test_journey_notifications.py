"""Issue 5's "done when": what reaches people through the ledger when things happen.

A candidate whose profile fits a newly published job gets an in-app notification and an
email that explains the match; the job's team hears about its recommended candidates;
an invitation, a saved-search hit and an application's move each reach the candidate;
nothing is sent twice when a task runs again.
"""

import pytest
from django.http import QueryDict

from alerts.models import SavedSearchHit
from alerts.services import saved_search_create
from alerts.tasks import saved_search_hits_record_task
from applications.services import application_stage_set
from jobs.services import job_submit
from matching.services import candidate_features_refresh, invitation_create
from matching.tasks import job_matches_record
from notifications.models import Notification
from skills.models import Skill
from tests import factories
from tests.matching.conftest import make_candidate, make_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def skills():
    return {skill.name: skill for skill in Skill.objects.filter(name__in=["Python", "PyTorch"])}


@pytest.fixture
def published(skills, committed, mailoutbox):
    """A trusted company publishes a Python + PyTorch job; one candidate fits it."""
    python, torch = skills["Python"], skills["PyTorch"]
    fits = make_candidate(skills=[python, torch])
    fits.language = "zh-hant"
    fits.save(update_fields=["language"])
    private = make_candidate(skills=[python, torch], visibility="private")
    candidate_features_refresh()
    member = factories.CompanyMemberFactory(company=factories.TrustedCompanyFactory())
    job = make_job(
        required=[python, torch],
        factory=factories.JobFactory,
        company=member.company,
        title="Machine Learning Engineer",
    )
    with committed():
        job_submit(job=job, by=member.user)
    return job, fits, private, member.user


def _rows(user, kind):
    return Notification.objects.filter(recipient=user, kind=kind)


def test_a_fitting_candidate_gets_an_in_app_item_and_an_email_that_explains_it(
    published, mailoutbox
):
    job, fits, private, _recruiter = published
    rows = _rows(fits, "job_match")
    assert set(rows.values_list("channel", flat=True)) == {"in_app", "email"}
    assert rows.get(channel="email").status == "sent"
    (email,) = [m for m in mailoutbox if fits.email in m.to]
    # In the candidate's language, with the reasons of the job page.
    assert "Machine Learning Engineer" in email.subject
    reasons = rows.get(channel="in_app").context["reasons"]
    assert reasons
    for reason in reasons:
        assert reason in email.body
    assert f"/zh-hant/jobs/{job.pk}/" in email.body
    assert "List-Unsubscribe" in email.extra_headers
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Private profiles are never matched, so never notified.
    assert not _rows(private, "job_match").exists()


def test_the_team_hears_about_its_recommended_candidates_once(published):
    job, _fits, _private, recruiter = published
    (item,) = _rows(recruiter, "candidate_match").filter(channel="in_app")
    assert item.context["count"] == 1
    assert item.url.endswith(f"/employer/jobs/{job.pk}/candidates/")


def test_running_the_matching_task_again_sends_nothing_twice(published, mailoutbox, committed):
    job, _fits, _private, _recruiter = published
    before = (Notification.objects.count(), len(mailoutbox))
    with committed():
        job_matches_record.delay(job.pk)
    assert (Notification.objects.count(), len(mailoutbox)) == before


def test_an_invitation_reaches_the_candidate_with_the_reasons(published, committed, mailoutbox):
    job, fits, _private, recruiter = published
    with committed():
        invitation_create(job=job, candidate=fits, by=recruiter)
    rows = _rows(fits, "invitation")
    assert set(rows.values_list("channel", flat=True)) == {"in_app", "email"}
    assert rows.get(channel="in_app").context["reasons"]


@pytest.mark.parametrize(("frequency", "email_status"), [("instant", "sent"), ("daily", "pending")])
def test_saved_search_hits_are_alerted_at_their_frequency(
    committed, mailoutbox, frequency, email_status
):
    candidate = factories.CandidateFactory()
    saved = saved_search_create(
        user=candidate, params=QueryDict("q=robotics"), name="Robots", frequency=frequency
    )
    job = factories.PublishedJobFactory(title="Robotics Software Engineer")
    with committed():
        saved_search_hits_record_task.delay(job.pk)
    hit = SavedSearchHit.objects.get(saved_search=saved, job=job)
    assert hit.notified_at is not None
    email = _rows(candidate, "saved_search").get(channel="email")
    assert (email.delivery, email.status) == (frequency, email_status)
    assert _rows(candidate, "saved_search").filter(channel="in_app").exists()
    # Again: the hit and its ledger key exist, nothing new.
    count = Notification.objects.count()
    with committed():
        saved_search_hits_record_task.delay(job.pk)
    assert Notification.objects.count() == count


def test_a_paused_search_alerts_nobody(committed):
    candidate = factories.CandidateFactory()
    saved_search_create(
        user=candidate, params=QueryDict("q=robotics"), name="Robots", frequency="paused"
    )
    job = factories.PublishedJobFactory(title="Robotics Software Engineer")
    with committed():
        saved_search_hits_record_task.delay(job.pk)
    assert not _rows(candidate, "saved_search").exists()


def test_a_stage_change_is_also_an_item_in_the_candidates_centre(committed, mailoutbox):
    application = factories.ApplicationFactory()
    recruiter = factories.CompanyMemberFactory(company=application.job.company).user
    with committed():
        application_stage_set(application=application, to_stage="interview", by=recruiter)
    rows = _rows(application.candidate, "application_stage")
    assert set(rows.values_list("channel", flat=True)) == {"in_app", "email"}
    item = rows.get(channel="in_app")
    assert item.url == f"/me/applications/{application.pk}/"  # the candidate reads English
    assert len([m for m in mailoutbox if application.candidate.email in m.to]) == 1


def test_no_email_when_the_recruiter_unticks_notify(committed, mailoutbox):
    application = factories.ApplicationFactory()
    recruiter = factories.CompanyMemberFactory(company=application.job.company).user
    with committed():
        application_stage_set(
            application=application, to_stage="screening", by=recruiter, notify=False
        )
    assert not _rows(application.candidate, "application_stage").exists()
    assert not [m for m in mailoutbox if application.candidate.email in m.to]
