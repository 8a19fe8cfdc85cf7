"""A verified company's new name waits for HKSTP: the old name stays public until staff
approve it from the work queue or the change's page; refusing keeps the old name and tells
the company why; a company not yet verified renames itself freely."""

import pytest
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.urls import reverse

from companies.models import Company, CompanyNameChange
from companies.services import (
    company_update,
    name_change_approve,
    name_change_refuse,
    name_change_withdraw,
)
from hkstp_portal.errors import DomainError
from jobs.selectors import job_search
from tests import factories
from tests.companies.test_views import company_data
from tests.helpers import messages_of
from tests.html_check import html_errors

pytestmark = pytest.mark.django_db

PROFILE = reverse("companies:profile_edit")
INDEX = reverse("admin:index")
OFFICIAL = "HKSTP Official Recruitment Office"
Status = CompanyNameChange.Status


@pytest.fixture
def admin():
    company = factories.VerifiedCompanyFactory(
        name="Harbour Photonics Limited", name_zh="港灣光子有限公司"
    )
    return factories.CompanyAdminFactory(company=company)


def _rename(client, admin, **names):
    client.force_login(admin.user)
    return client.post(PROFILE, company_data(**names))


def _decide_url(change, decision):
    return reverse("admin:companies_companynamechange_decide", args=[change.pk, decision])


def test_a_verified_company_s_new_name_waits_and_the_old_one_stays_public(client, admin):
    job = factories.PublishedJobFactory(company=admin.company, title="Optical Engineer")

    response = _rename(client, admin, name=OFFICIAL, name_zh="科技園官方招聘處", size="51-200")

    assert response.status_code == 302
    assert "Your new name waits for HKSTP's review." in " ".join(messages_of(response))
    company = Company.objects.get()
    assert (company.name, company.name_zh) == ("Harbour Photonics Limited", "港灣光子有限公司")
    assert company.size == "51-200"  # the rest of the profile is saved at once
    change = CompanyNameChange.objects.get()
    assert (change.status, change.name, change.name_zh, change.requested_by) == (
        Status.PENDING,
        OFFICIAL,
        "科技園官方招聘處",
        admin.user,
    )
    public = client.get(company.get_absolute_url()).content.decode()
    assert "Harbour Photonics Limited" in public
    assert OFFICIAL not in public
    assert OFFICIAL not in client.get(job.get_absolute_url()).content.decode()
    assert job_search(QueryDict("q=official")).total == 0

    form = client.get(PROFILE).content.decode()
    assert html_errors(form) == []
    assert "Pending review:" in form
    assert OFFICIAL in form
    assert 'value="Harbour Photonics Limited"' in form  # the field holds the live name


def test_saving_the_profile_without_a_new_name_asks_no_review(client, admin):
    _rename(client, admin, name="Harbour Photonics Limited", description="New description.")
    assert not CompanyNameChange.objects.exists()
    admin.company.refresh_from_db()
    assert admin.company.description == "New description."


def test_a_second_new_name_replaces_the_pending_one(client, admin):
    _rename(client, admin, name=OFFICIAL)
    _rename(client, admin, name="Harbour Photonics Group")
    change = CompanyNameChange.objects.get()
    assert (change.status, change.name) == (Status.PENDING, "Harbour Photonics Group")
    # One pending change per company, whoever writes it.
    with pytest.raises(IntegrityError), transaction.atomic():
        CompanyNameChange.objects.create(company=admin.company, name="Another", status="pending")


def test_an_empty_new_name_is_a_form_error_and_changes_nothing(client, admin):
    response = _rename(client, admin, name="   ")
    assert response.status_code == 200
    assert not CompanyNameChange.objects.exists()
    admin.company.refresh_from_db()
    assert admin.company.name == "Harbour Photonics Limited"


def test_a_company_not_yet_verified_renames_itself_at_once(client):
    admin = factories.CompanyAdminFactory(company=factories.CompanyFactory(name="Old Name"))
    _rename(client, admin, name="Quartzwave Materials")
    admin.company.refresh_from_db()
    assert admin.company.name == "Quartzwave Materials"
    assert not CompanyNameChange.objects.exists()


def test_the_company_admin_withdraws_the_new_name(client, admin):
    _rename(client, admin, name=OFFICIAL)
    change = CompanyNameChange.objects.get()

    response = client.post(reverse("companies:name_change_withdraw", args=[change.pk]))

    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == Status.WITHDRAWN
    assert "Pending review:" not in client.get(PROFILE).content.decode()
    with pytest.raises(DomainError):
        name_change_withdraw(change=change, by=admin.user)


def test_only_the_company_s_own_admins_withdraw_it(client, admin):
    _rename(client, admin, name=OFFICIAL)
    change = CompanyNameChange.objects.get()
    url = reverse("companies:name_change_withdraw", args=[change.pk])
    client.force_login(factories.CompanyAdminFactory().user)
    assert client.post(url).status_code == 404
    client.force_login(factories.CompanyMemberFactory(company=admin.company).user)
    assert client.post(url).status_code == 403
    assert client.get(url).status_code in (403, 405)
    change.refresh_from_db()
    assert change.status == Status.PENDING


def test_the_work_queue_shows_the_new_name_and_approving_it_applies_it(
    client, admin, superuser, mailoutbox, committed
):
    job = factories.PublishedJobFactory(company=admin.company, title="Optical Engineer")
    _rename(client, admin, name="Quartzwave Photonics", name_zh="石英波光子")
    change = CompanyNameChange.objects.get()
    client.force_login(superuser)

    index = client.get(INDEX)
    html = index.content.decode()
    assert html_errors(html) == []
    line = next(line for line in index.context["work_queue"].lines if line.count)
    assert str(line.label) == "Company names to review"
    assert "Quartzwave Photonics" in html
    assert f'action="{_decide_url(change, "approve")}"' in html
    assert f'href="{_decide_url(change, "refuse")}"' in html

    with committed():
        response = client.post(_decide_url(change, "approve"))

    assert response.status_code == 302
    admin.company.refresh_from_db()
    assert (admin.company.name, admin.company.name_zh) == ("Quartzwave Photonics", "石英波光子")
    change.refresh_from_db()
    assert (change.status, change.decided_by) == (Status.APPROVED, superuser)
    assert [job.pk for job in job_search(QueryDict("q=quartzwave")).page] == [job.pk]
    assert [m.to for m in mailoutbox] == [[admin.user.email]]
    assert "Quartzwave Photonics" in mailoutbox[0].subject
    client.force_login(admin.user)
    assert "Quartzwave Photonics" in client.get(admin.company.get_absolute_url()).content.decode()
    assert "Pending review:" not in client.get(PROFILE).content.decode()


def test_refusing_keeps_the_old_name_and_tells_the_company_why(
    client, admin, moderator, mailoutbox, committed
):
    _rename(client, admin, name=OFFICIAL)
    change = CompanyNameChange.objects.get()
    client.force_login(moderator)
    url = _decide_url(change, "refuse")
    assert client.post(url, {"reason": ""}).status_code == 400  # a reason is required

    with committed():
        client.post(url, {"reason": "Only HKSTP may use its name."})

    admin.company.refresh_from_db()
    assert admin.company.name == "Harbour Photonics Limited"
    change.refresh_from_db()
    assert (change.status, change.reason) == (Status.REFUSED, "Only HKSTP may use its name.")
    assert [m.to for m in mailoutbox] == [[admin.user.email]]
    assert "Only HKSTP may use its name." in mailoutbox[0].body
    client.force_login(admin.user)
    form = client.get(PROFILE).content.decode()
    assert "HKSTP did not approve the new name" in form
    assert "Only HKSTP may use its name." in form


def test_only_staff_decide_and_a_decided_change_cannot_be_decided_again(admin, staff):
    company_update(company=admin.company, by=admin.user, name=OFFICIAL)
    change = CompanyNameChange.objects.get()
    with pytest.raises(DomainError):
        name_change_approve(change=change, by=admin.user)
    with pytest.raises(DomainError):
        name_change_refuse(change=change, by=staff, reason=" ")
    name_change_refuse(change=change, by=staff, reason="No.")
    with pytest.raises(DomainError):
        name_change_approve(change=change, by=staff)
    admin.company.refresh_from_db()
    assert admin.company.name == "Harbour Photonics Limited"
