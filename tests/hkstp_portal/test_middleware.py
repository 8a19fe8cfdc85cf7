"""A NUL character anywhere a person could type is refused with the 400 page before any
view runs (hkstp_portal.middleware.RejectNulMiddleware): PostgreSQL text cannot hold one."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def assert_400_page(response):
    assert response.status_code == 400
    content = response.content.decode()
    assert "This request cannot be carried out" in content
    assert "Nothing was changed." in content
    assert 'class="site-header"' in content
    assert "Content-Security-Policy" in response


@pytest.mark.parametrize("who", ["visitor", "employer"])
def test_a_nul_in_an_invitation_token_is_400(client, who):
    if who == "employer":
        client.force_login(factories.EmployerFactory())
    assert_400_page(client.get("/employer/join/%00/"))
    assert_400_page(client.get("/employer/join/abc\x00def/"))


def test_a_nul_in_the_apply_page_s_event_is_400(client, signed_in_candidate):
    job = factories.PublishedJobFactory()
    url = reverse("applications:apply", args=[job.pk])
    assert client.get(url + "?from_event=fair").status_code == 200
    assert_400_page(client.get(url + "?from_event=%00"))
    assert_400_page(client.get(url + "?%00=fair"))


def test_a_nul_in_an_admin_changelist_filter_is_400(client, superuser):
    client.force_login(superuser)
    url = reverse("admin:jobs_job_changelist")
    assert client.get(url + "?status__exact=published").status_code == 200
    assert_400_page(client.get(url + "?status__exact=%00"))
    assert_400_page(client.get(url + "?q=a%00b"))


def test_a_nul_in_the_language_prefixed_path_is_400_in_that_language(client):
    response = client.get("/zh-hant/companies/%00/")
    assert response.status_code == 400
    assert '<html lang="zh-Hant-HK">' in response.content.decode()


def test_a_nul_in_a_posted_field_is_400_and_changes_nothing(client, candidate):
    client.force_login(candidate)
    url = reverse("accounts:preferences")
    response = client.post(url, {"name": "Chan\x00Tai Man", "language": "en"})
    assert_400_page(response)
    candidate.refresh_from_db()
    assert candidate.name != "Chan\x00Tai Man"
    assert_400_page(client.post(url, {"name\x00": "Chan", "language": "en"}))


def test_a_nul_in_a_multipart_field_is_400_but_a_file_may_hold_nul_bytes(client, candidate):
    client.force_login(candidate)
    url = reverse("talent:cv_list")
    pdf = SimpleUploadedFile("cv.pdf", b"%PDF-1.4\x00\x00binary", content_type="application/pdf")
    assert_400_page(client.post(url, {"label": "a\x00b", "file": pdf}))
    pdf.seek(0)
    # The file's bytes are the upload checks' business, not this refusal's.
    assert client.post(url, {"file": pdf}).status_code != 400


def test_a_nul_in_the_session_cookie_is_400_not_a_database_error(client):
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"
    assert_400_page(client.get("/"))


def test_django_s_own_bad_requests_get_the_portal_page(client):
    response = client.get("/", HTTP_HOST="not-allowed.example")
    assert response.status_code == 400
    assert "This request cannot be carried out" in response.content.decode()


def test_ordinary_requests_pass(client, signed_in_candidate):
    assert client.get(reverse("jobs:job_list") + "?q=機器學習&page=2").status_code == 200
