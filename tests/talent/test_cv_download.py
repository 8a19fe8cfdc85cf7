"""A CV is reachable only through the download view, and only by people allowed to see it."""

import uuid

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from applications.models import Stage
from applications.services import application_withdraw
from talent.services.cvs import cv_delete
from talent.services.privacy import applications_retention_apply
from tests import factories


@pytest.fixture
def cv(db):
    return factories.CVFactory(original_name='../../etc/passwd "CV".pdf')


def _url(cv):
    return cv.download_url


def test_owner_downloads_their_cv_with_a_safe_filename(client, cv):
    client.force_login(cv.owner)
    response = client.get(_url(cv))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "/" not in disposition.split("filename", 1)[1].replace("filename*=", "")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_another_candidate_gets_404(client, cv):
    client.force_login(factories.CandidateFactory())
    assert client.get(_url(cv)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, cv):
    response = client.get(_url(cv))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_company_the_candidate_applied_to_may_read_it(client, cv):
    application = factories.ApplicationFactory(candidate=cv.owner, cv=cv)
    member = factories.CompanyMemberFactory(company=application.job.company)
    client.force_login(member.user)
    assert client.get(_url(cv)).status_code == 200


def test_another_company_gets_404(client, cv):
    factories.ApplicationFactory(candidate=cv.owner, cv=cv)
    client.force_login(factories.CompanyMemberFactory().user)
    assert client.get(_url(cv)).status_code == 404


def test_staff_may_read_it(client, cv):
    client.force_login(factories.StaffFactory())
    assert client.get(_url(cv)).status_code == 200


def test_cv_files_have_no_media_url(client, cv, settings):
    assert not cv.file.path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError, match="no URL"):
        cv.file.url  # noqa: B018 - the private storage must refuse to build a URL
    response = client.get(f"{settings.MEDIA_URL}{cv.file.name}")
    assert response.status_code == 404


# --- A job application shares exactly the CV sent with it ----------------------------------


@pytest.fixture
def applied(db):
    """An application with its CV, a recruiter of the job's company, and a second CV the
    candidate uploaded after applying (never sent to anyone)."""
    application = factories.ApplicationFactory()
    later = factories.CVFactory(owner=application.candidate, is_default=False)
    member = factories.CompanyMemberFactory(company=application.job.company)
    return application, later, member.user


def test_the_company_opens_the_cv_sent_and_not_one_uploaded_later(client, applied):
    application, later, recruiter = applied
    client.force_login(recruiter)
    assert client.get(_url(application.cv)).status_code == 200
    assert client.get(_url(later)).status_code == 404


def test_a_cv_sent_to_another_company_stays_closed_to_this_one(client, applied):
    application, later, recruiter = applied
    factories.ApplicationFactory(candidate=application.candidate, cv=later)  # elsewhere
    client.force_login(recruiter)
    assert client.get(_url(later)).status_code == 404


def test_after_withdrawal_the_company_no_longer_opens_the_cv(client, applied):
    application, _later, recruiter = applied
    application_withdraw(application=application, by=application.candidate)
    client.force_login(recruiter)
    assert client.get(_url(application.cv)).status_code == 404
    client.force_login(application.candidate)  # the candidate keeps their own file
    assert client.get(_url(application.cv)).status_code == 200


def test_an_application_past_retention_no_longer_opens_the_cv(client, applied, settings):
    application, _later, recruiter = applied
    cv = application.cv
    application.stage = Stage.REJECTED
    application.rejection_reason = "skills"
    application.save()
    client.force_login(recruiter)
    assert client.get(_url(cv)).status_code == 200  # not selected: kept until retention ends
    later = timezone.now() + relativedelta(months=settings.APPLICATION_RETENTION_MONTHS, days=1)
    assert applications_retention_apply(now=later) == 1
    assert client.get(_url(cv)).status_code == 404


def test_staff_open_every_cv(client, applied, staff):
    application, later, _recruiter = applied
    client.force_login(staff)
    assert client.get(_url(application.cv)).status_code == 200
    assert client.get(_url(later)).status_code == 200


# --- The address cannot be found by counting ---------------------------------------------


def test_the_old_integer_address_is_404_even_to_the_owner(client, cv):
    client.force_login(cv.owner)
    assert client.get(f"/me/cvs/{cv.pk}/download/").status_code == 404
    assert client.get(f"/zh-hant/me/cvs/{cv.pk}/download/").status_code == 404


def test_the_address_carries_a_random_token_not_the_id(client, cv):
    other = factories.CVFactory(owner=cv.owner, is_default=False)
    assert cv.download_url == f"/me/cvs/{cv.token}/download/"
    assert cv.token != other.token
    client.force_login(cv.owner)
    assert client.get(cv.download_url).status_code == 200
    assert client.get(f"/me/cvs/{uuid.uuid4()}/download/").status_code == 404
    assert client.get("/me/cvs/not-a-token/download/").status_code == 404


def test_deleting_the_cv_sent_shares_no_other_in_its_place(client, applied):
    """The application keeps existing with no CV; the candidate's next default is theirs."""
    application, later, recruiter = applied
    sent = application.cv
    cv_delete(cv=sent, by=application.candidate)
    later.refresh_from_db()
    assert later.is_default
    application.refresh_from_db()
    assert application.cv is None
    client.force_login(recruiter)
    assert client.get(later.download_url).status_code == 404
    assert client.get(sent.download_url).status_code == 404
    page = client.get(reverse("applications:application", args=[application.pk]))
    assert later.download_url not in page.content.decode()
