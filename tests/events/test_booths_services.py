"""CV drops at booths, what they let the company see, and applying from a booth."""

import datetime

import pytest
from django.utils import timezone

from applications.services import application_submit
from events.models import BoothDrop
from events.services.interviews import booth_drop_create, booth_drop_withdraw
from hkstp_portal.errors import DomainError
from talent.selectors import cv_can_view
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def exhibitor():
    return factories.ApprovedExhibitorFactory()


def test_any_candidate_drops_a_cv_without_a_ticket(exhibitor, candidate):
    cv = factories.CVFactory(owner=candidate)
    drop = booth_drop_create(exhibitor=exhibitor, candidate=candidate, cv=cv, message=" Hi! ")
    assert (drop.cv, drop.message) == (cv, "Hi!")


def test_a_profile_only_drop(exhibitor, candidate):
    drop = booth_drop_create(exhibitor=exhibitor, candidate=candidate, cv=None)
    assert drop.cv is None


def test_dropping_again_replaces_the_choice(exhibitor, candidate):
    first_cv = factories.CVFactory(owner=candidate)
    second_cv = factories.CVFactory(owner=candidate, is_default=False)
    booth_drop_create(exhibitor=exhibitor, candidate=candidate, cv=first_cv, message="One")
    booth_drop_create(exhibitor=exhibitor, candidate=candidate, cv=second_cv, message="Two")
    drop = BoothDrop.objects.get()
    assert (drop.cv, drop.message) == (second_cv, "Two")


def test_another_persons_cv_is_refused(exhibitor, candidate):
    with pytest.raises(DomainError, match="own CVs"):
        booth_drop_create(exhibitor=exhibitor, candidate=candidate, cv=factories.CVFactory())
    assert not BoothDrop.objects.exists()


def test_drops_need_a_live_booth_and_a_candidate(candidate, employer):
    for exhibitor in (
        factories.ExhibitorFactory(),  # pending
        factories.ApprovedExhibitorFactory(event__is_published=False),
        factories.ApprovedExhibitorFactory(
            event__starts_at=timezone.now() - datetime.timedelta(days=2),
            event__ends_at=timezone.now() - datetime.timedelta(days=1),
        ),
    ):
        with pytest.raises(DomainError):
            booth_drop_create(exhibitor=exhibitor, candidate=candidate, cv=None)
    with pytest.raises(DomainError, match="candidates"):
        booth_drop_create(
            exhibitor=factories.ApprovedExhibitorFactory(), candidate=employer, cv=None
        )
    assert not BoothDrop.objects.exists()


def test_a_long_message_is_refused(exhibitor, candidate):
    with pytest.raises(DomainError, match="500"):
        booth_drop_create(exhibitor=exhibitor, candidate=candidate, cv=None, message="x" * 501)
    assert not BoothDrop.objects.exists()


def test_only_the_candidate_withdraws(exhibitor, candidate):
    drop = factories.BoothDropFactory(exhibitor=exhibitor, candidate=candidate)
    with pytest.raises(DomainError):
        booth_drop_withdraw(drop=drop, by=factories.CandidateFactory())
    booth_drop_withdraw(drop=drop, by=candidate)
    assert not BoothDrop.objects.exists()


# --- what the company may see ---------------------------------------------------------------


def test_the_exhibitors_team_sees_the_dropped_cv_and_only_that_one(exhibitor, candidate):
    dropped = factories.CVFactory(owner=candidate)
    other = factories.CVFactory(owner=candidate, is_default=False)
    member = factories.CompanyMemberFactory(company=exhibitor.company).user
    outsider = factories.CompanyMemberFactory().user
    assert not cv_can_view(cv=dropped, user=member)

    drop = booth_drop_create(exhibitor=exhibitor, candidate=candidate, cv=dropped)
    assert cv_can_view(cv=dropped, user=member)
    assert not cv_can_view(cv=other, user=member)
    assert not cv_can_view(cv=dropped, user=outsider)

    booth_drop_withdraw(drop=drop, by=candidate)
    assert not cv_can_view(cv=dropped, user=member)


def test_after_withdrawing_a_drop_an_application_still_shows_the_cv(exhibitor, candidate):
    cv = factories.CVFactory(owner=candidate)
    job = factories.PublishedJobFactory(company=exhibitor.company)
    factories.ApplicationFactory(job=job, candidate=candidate, cv=cv)
    member = factories.CompanyMemberFactory(company=exhibitor.company).user
    drop = booth_drop_create(exhibitor=exhibitor, candidate=candidate, cv=cv)
    booth_drop_withdraw(drop=drop, by=candidate)
    assert cv_can_view(cv=cv, user=member)


# --- applying from the fair's Talent Pool ---------------------------------------------------


def test_an_application_from_a_booth_remembers_the_fair(exhibitor, candidate):
    job = factories.PublishedJobFactory(company=exhibitor.company)
    exhibitor.featured_jobs.add(job)
    application = application_submit(
        job=job,
        candidate=candidate,
        cv=factories.CVFactory(owner=candidate),
        source_event=exhibitor.event,
    )
    assert application.source_event == exhibitor.event


def test_a_job_not_featured_at_the_event_is_refused_with_it(exhibitor, candidate):
    job = factories.PublishedJobFactory(company=exhibitor.company)
    with pytest.raises(DomainError, match="not featured"):
        application_submit(
            job=job,
            candidate=candidate,
            cv=factories.CVFactory(owner=candidate),
            source_event=exhibitor.event,
        )
    assert not job.applications.exists()
