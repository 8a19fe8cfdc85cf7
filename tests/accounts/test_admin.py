"""Deleting a person in the admin anonymises their applications and removes their files."""

import pytest
from django.urls import reverse

from applications.models import Application
from tests import factories
from tests.helpers import messages_of
from tests.storage import assert_no_orphans, isolated_storage_fixture  # noqa: F401


@pytest.fixture
def applicant(isolated_storage):
    application = factories.ApplicationFactory()
    return application.candidate, application


def test_admin_delete_goes_through_the_privacy_service(
    client, superuser, applicant, isolated_storage, committed
):
    candidate, application = applicant
    client.force_login(superuser)
    with committed():
        response = client.post(
            reverse("admin:accounts_user_delete", args=[candidate.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    application = Application.objects.get(pk=application.pk)
    assert application.candidate is None
    assert application.anonymised_at is not None
    assert application.cover_note == ""
    assert_no_orphans(isolated_storage)


def test_admin_bulk_delete_also_anonymises(
    client, superuser, applicant, isolated_storage, committed
):
    candidate, application = applicant
    client.force_login(superuser)
    with committed():
        client.post(
            reverse("admin:accounts_user_changelist"),
            {"action": "delete_selected", "_selected_action": [candidate.pk], "post": "yes"},
        )
    assert Application.objects.get(pk=application.pk).candidate is None
    assert_no_orphans(isolated_storage)


def test_the_last_company_admin_is_refused_and_nothing_changes(client, superuser):
    admin_member = factories.CompanyAdminFactory()
    client.force_login(superuser)
    url = reverse("admin:accounts_user_delete", args=[admin_member.user.pk])
    response = client.post(url, {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert any("only admin" in message for message in messages_of(response))
    admin_member.user.refresh_from_db()


def test_bulk_delete_with_one_refusal_deletes_nobody(client, superuser):
    admin_member = factories.CompanyAdminFactory()
    candidate = factories.CandidateFactory()
    client.force_login(superuser)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [admin_member.user.pk, candidate.pk],
            "post": "yes",
        },
        follow=True,
    )
    assert response.status_code == 200
    candidate.refresh_from_db()
    admin_member.user.refresh_from_db()
    assert any("only admin" in message for message in messages_of(response))
