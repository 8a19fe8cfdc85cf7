"""Privacy pages: my data, export and download, account deletion, the privacy notice."""

import datetime
import time
from types import SimpleNamespace

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from applications.models import Application
from talent.models import CV, DataExport
from talent.selectors import privacy_data_summary
from talent.services import privacy
from tests import factories
from tests.helpers import messages_of
from tests.storage import assert_no_orphans, isolated_storage_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

PRIVACY = reverse("talent:privacy")
EXPORT = reverse("talent:privacy_export")
DELETE = reverse("talent:privacy_delete")
PASSWORD = factories.DEFAULT_PASSWORD


def _download(export):
    return reverse("talent:privacy_export_download", args=[export.pk])


@pytest.fixture
def ready_export(isolated_storage, candidate):
    export = DataExport.objects.create(user=candidate)
    privacy.data_export_build(export_id=export.pk)
    export.refresh_from_db()
    return export


# --- The privacy page ---------------------------------------------------------------


@pytest.mark.parametrize("url", [PRIVACY, DELETE])
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_page_lists_my_exports_in_a_fixed_number_of_queries(
    client, candidate, ready_export, django_assert_num_queries
):
    for _ in range(5):
        DataExport.objects.create(user=candidate, status=DataExport.Status.FAILED)
    client.force_login(candidate)
    # session, user, exports, summary, the header's unread count (then cached a minute)
    with django_assert_num_queries(5):
        response = client.get(PRIVACY)
    assert response.status_code == 200
    content = response.content.decode()
    assert _download(ready_export) in content
    assert content.count('class="status status-failed"') == 5
    assert DELETE in content


def test_an_employer_has_a_privacy_page_too(client, employer):
    client.force_login(employer)
    response = client.get(PRIVACY)
    assert response.status_code == 200
    assert "Download my data" in response.content.decode()


def test_the_account_menu_links_to_the_privacy_page(client, candidate):
    client.force_login(candidate)
    assert f'href="{PRIVACY}"' in client.get(reverse("accounts:preferences")).content.decode()


# --- Export request and download --------------------------------------------------------


def test_asking_for_my_data_builds_it_and_emails_me(
    client,
    candidate,
    isolated_storage,
    committed,
    mailoutbox,
):
    client.force_login(candidate)
    with committed():
        response = client.post(EXPORT)
    assert response.url == PRIVACY
    assert "preparing your data" in messages_of(response)[0]
    export = DataExport.objects.get(user=candidate)
    assert export.status == DataExport.Status.READY
    assert mailoutbox[0].to == [candidate.email]

    download = client.get(_download(export))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    disposition = download["Content-Disposition"]
    assert disposition.startswith('attachment; filename="hkstp-talent-my-data-')
    assert b"".join(download.streaming_content).startswith(b"PK")


def test_get_on_the_export_url_changes_nothing(client, candidate):
    client.force_login(candidate)
    assert client.get(EXPORT).status_code == 405
    assert not DataExport.objects.exists()


def test_a_second_request_while_one_is_pending_gets_a_clear_message(client, candidate):
    client.force_login(candidate)
    client.post(EXPORT)  # no commit in this test: it stays pending
    response = client.post(EXPORT, follow=True)
    assert "already being prepared" in messages_of(response)[-1]
    assert DataExport.objects.filter(user=candidate).count() == 1


def test_the_fourth_request_in_a_day_is_refused(client, candidate):
    for _ in range(3):
        DataExport.objects.create(
            user=candidate,
            status=DataExport.Status.READY,
            file="exports/old.zip",
            ready_at=timezone.now(),
        )
    client.force_login(candidate)
    response = client.post(EXPORT, follow=True)
    assert "at most 3 times in 24 hours" in messages_of(response)[-1]
    assert DataExport.objects.filter(user=candidate).count() == 3


def test_another_users_export_is_404(client, ready_export):
    client.force_login(factories.CandidateFactory())
    assert client.get(_download(ready_export)).status_code == 404
    client.force_login(factories.StaffFactory())
    assert client.get(_download(ready_export)).status_code == 404


def test_anonymous_download_is_sent_to_sign_in(client, ready_export):
    response = client.get(_download(ready_export))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_an_expired_or_unfinished_export_is_404(client, candidate, ready_export):
    client.force_login(candidate)
    DataExport.objects.filter(pk=ready_export.pk).update(
        ready_at=timezone.now() - datetime.timedelta(days=DataExport.VALID_DAYS, seconds=1)
    )
    assert client.get(_download(ready_export)).status_code == 404
    pending = DataExport.objects.create(user=candidate)
    assert client.get(_download(pending)).status_code == 404


# --- Account deletion -------------------------------------------------------------------


@pytest.fixture
def applicant(isolated_storage):
    application = factories.InterviewApplicationFactory()
    return application.candidate


def test_the_delete_page_explains_and_get_changes_nothing(client, applicant):
    client.force_login(applicant)
    response = client.get(DELETE)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Every CV you uploaded" in content
    assert "Kept, without your identity" in content
    assert 'autocomplete="current-password"' in content
    assert User.objects.filter(pk=applicant.pk).exists()
    assert CV.objects.filter(owner=applicant).exists()


def test_a_wrong_password_deletes_nothing(client, applicant, isolated_storage):
    client.force_login(applicant)
    response = client.post(DELETE, {"password": "not-my-password"})
    assert response.status_code == 200
    assert "That is not your password." in response.content.decode()
    assert User.objects.filter(pk=applicant.pk).exists()
    assert Application.objects.get().candidate == applicant
    assert CV.objects.filter(owner=applicant).exists()
    assert_no_orphans(isolated_storage)
    assert client.session[SESSION_KEY] == str(applicant.pk)


def test_an_empty_password_deletes_nothing(client, applicant):
    client.force_login(applicant)
    response = client.post(DELETE, {})
    assert response.status_code == 200
    assert User.objects.filter(pk=applicant.pk).exists()


def test_the_right_password_deletes_the_account_and_signs_out(
    client,
    applicant,
    isolated_storage,
    committed,
    mailoutbox,
):
    application = Application.objects.get()
    company_member = factories.CompanyMemberFactory(company=application.job.company)
    client.force_login(applicant)
    with committed():
        response = client.post(DELETE, {"password": PASSWORD})

    assert response.url == reverse("home")
    assert not User.objects.filter(pk=applicant.pk).exists()
    assert SESSION_KEY not in client.session
    assert "deleted" in messages_of(response)[0]
    assert [m.to for m in mailoutbox] == [[applicant.email]]
    assert_no_orphans(isolated_storage)
    # The company still counts the application, but sees no name and no CV.
    rows = Application.objects.filter(job__company=company_member.company)
    assert rows.count() == 1
    assert rows.filter(candidate__isnull=True, cv__isnull=True, cover_note="").count() == 1
    assert client.get(PRIVACY).status_code == 302


def test_password_checks_are_limited_like_a_login(client, applicant, committed, monkeypatch):
    """Five tries in five minutes; then even the right password gets the 429 page and
    deletes nothing until the window has passed."""
    client.force_login(applicant)
    for _ in range(5):
        response = client.post(DELETE, {"password": "not-my-password"})
        assert "That is not your password." in response.content.decode()

    response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= 5 * 60
    assert User.objects.filter(pk=applicant.pk).exists()
    assert client.session[SESSION_KEY] == str(applicant.pk)
    # Looking at the page is not a try.
    assert client.get(DELETE).status_code == 200

    # Another person is not affected.
    other = factories.CandidateFactory()
    client.force_login(other)
    assert client.post(DELETE, {"password": "wrong"}).status_code == 200

    # Five minutes later (django-ratelimit's fixed windows read time.time()).
    later = time.time() + 5 * 60 + 1
    monkeypatch.setattr("django_ratelimit.core.time", SimpleNamespace(time=lambda: later))
    client.force_login(applicant)
    with committed():
        response = client.post(DELETE, {"password": PASSWORD})
    assert response.url == reverse("home")
    assert not User.objects.filter(pk=applicant.pk).exists()


def test_an_account_without_a_password_confirms_by_typing_delete(client, committed):
    user = factories.CandidateFactory()
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    assert "Type DELETE to confirm" in client.get(DELETE).content.decode()

    response = client.post(DELETE, {"confirmation": "delete"})
    assert response.status_code == 200
    assert User.objects.filter(pk=user.pk).exists()

    with committed():
        response = client.post(DELETE, {"confirmation": "DELETE"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()


def test_staff_cannot_delete_themselves(client, staff):
    client.force_login(staff)
    assert client.get(DELETE).status_code == 403
    response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 403
    assert "staff accounts cannot be deleted" in response.content.decode()
    assert User.objects.filter(pk=staff.pk).exists()


def test_the_last_company_admin_is_told_to_hand_over_first(client):
    member = factories.CompanyAdminFactory()
    client.force_login(member.user)
    response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 200
    content = response.content.decode()
    assert "only admin" in content
    assert reverse("companies:team") in content
    assert User.objects.filter(pk=member.user.pk).exists()


def test_a_recruiter_deletes_their_account(client, committed):
    member = factories.CompanyMemberFactory()
    client.force_login(member.user)
    with committed():
        response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=member.user.pk).exists()


# --- The privacy notice and sign-up consent ----------------------------------------------


def test_the_privacy_notice_is_specific(client, settings):
    settings.APPLICATION_RETENTION_MONTHS = 18
    content = client.get(reverse("privacy")).content.decode()
    for text in [
        "Personal Data (Privacy) Ordinance",
        "only when you apply to one of their jobs",
        "Discoverable profiles",
        "18 months after their last change",
        "private notes",
        "Download my data",
        "Delete my account",
        "40 days",
        "Data Protection Officer",
    ]:
        assert text in content, text


def test_the_signup_form_links_to_the_privacy_notice(client):
    content = client.get(reverse("account_signup")).content.decode()
    assert f'href="{reverse("privacy")}"' in content
    assert 'name="privacy"' in content


def test_the_page_sums_up_what_we_hold(client, isolated_storage):
    cv = factories.CVFactory()
    factories.InterviewApplicationFactory(candidate=cv.owner, cv=cv)
    factories.RejectedApplicationFactory(candidate=cv.owner, cv=cv)
    factories.SavedJobFactory(user=cv.owner)
    client.force_login(cv.owner)
    assert privacy_data_summary(cv.owner) == {
        "cv_count": 1,
        "application_count": 2,
        "open_application_count": 1,
        "saved_job_count": 1,
    }
    assert "2 (1 in progress)" in client.get(PRIVACY).content.decode()


def test_a_ready_export_whose_file_is_missing_is_404_not_500(client, candidate, ready_export):
    ready_export.file.storage.delete(ready_export.file.name)
    client.force_login(candidate)
    assert client.get(_download(ready_export)).status_code == 404
