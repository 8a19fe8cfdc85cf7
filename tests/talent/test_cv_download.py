"""A CV is reachable only through the download view, and only by people allowed to see it."""

import pytest
from django.urls import reverse

from tests import factories


@pytest.fixture
def cv(db):
    return factories.CVFactory(original_name='../../etc/passwd "CV".pdf')


def _url(cv):
    return reverse("talent:cv_download", args=[cv.pk])


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
