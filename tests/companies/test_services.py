import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import Image

from companies.models import Company
from companies.services import (
    company_register,
    company_reject,
    company_trust_set,
    company_update,
    company_verify,
    name_change_approve,
)
from hkstp_portal.errors import DomainError
from tests import factories

pytestmark = pytest.mark.django_db


def test_only_employers_register_companies(candidate):
    with pytest.raises(DomainError):
        company_register(user=candidate, name="X Ltd", programme="tenant")
    assert not Company.objects.exists()


def test_slugs_stay_unique(employer):
    factories.CompanyFactory(name="Same Name", slug="same-name")
    company = company_register(user=employer, name="Same Name", programme="tenant")
    assert company.slug == "same-name-2"


def test_invalid_fields_leave_no_row(employer):
    with pytest.raises(ValidationError) as error:
        company_register(user=employer, name="", programme="tenant")
    assert "name" in error.value.message_dict
    assert not Company.objects.exists()


# --- verification, trust, profile ------------------------------------------------


def test_staff_verify_a_company_and_its_admins_are_emailed_in_their_language(
    staff, mailoutbox, committed
):
    company = factories.CompanyFactory(name="Harbour Photonics")
    admin = factories.CompanyAdminFactory(company=company, user__language="zh-hant")
    factories.CompanyMemberFactory(company=company)  # recruiters are not emailed

    with committed():
        company = company_verify(company=company, by=staff, reason="Tenancy confirmed.")

    assert company.status == Company.Status.VERIFIED
    assert company.status_changed_by == staff
    assert company.status_changed_at is not None
    assert [m.to for m in mailoutbox] == [[admin.user.email]]
    assert "Harbour Photonics" in mailoutbox[0].subject
    assert "/zh-hant/employer/" in mailoutbox[0].body


def test_refusing_needs_a_reason_that_the_company_sees(staff, mailoutbox, committed):
    company = factories.CompanyFactory()
    factories.CompanyAdminFactory(company=company)
    with pytest.raises(DomainError):
        company_reject(company=company, by=staff, reason=" ")
    with committed():
        company_reject(company=company, by=staff, reason="No business registration found.")
    company.refresh_from_db()
    assert company.status == Company.Status.REJECTED
    assert company.status_reason == "No business registration found."
    assert "No business registration found." in mailoutbox[0].body


def test_only_staff_decide(employer):
    company = factories.CompanyFactory()
    with pytest.raises(DomainError):
        company_verify(company=company, by=employer)
    with pytest.raises(DomainError):
        company_reject(company=company, by=employer, reason="x")
    company.refresh_from_db()
    assert company.status == Company.Status.PENDING


def test_verifying_twice_is_refused(staff):
    company = factories.VerifiedCompanyFactory()
    with pytest.raises(DomainError):
        company_verify(company=company, by=staff)


def test_only_a_verified_company_can_be_trusted_and_refusal_removes_trust(staff):
    pending = factories.CompanyFactory()
    with pytest.raises(DomainError):
        company_trust_set(company=pending, by=staff, trusted=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Company.objects.filter(pk=pending.pk).update(is_trusted=True)

    trusted = factories.TrustedCompanyFactory()
    company_reject(company=trusted, by=staff, reason="Tenancy ended.")
    trusted.refresh_from_db()
    assert not trusted.is_trusted


def test_renaming_a_company_makes_its_jobs_findable_by_the_new_name(staff):
    company = factories.VerifiedCompanyFactory(name="Old Name")
    admin = factories.CompanyAdminFactory(company=company)
    job = factories.PublishedJobFactory(company=company, title="Chemist")
    company_update(company=company, by=admin.user, name="Quartzwave Materials")
    job.refresh_from_db()
    assert "quartzwav" not in str(job.search_vector)  # waits for HKSTP
    name_change_approve(change=company.name_changes.get(), by=staff)
    job.refresh_from_db()
    assert "quartzwav" in str(job.search_vector)


def test_only_company_admins_edit_the_profile():
    recruiter = factories.CompanyMemberFactory()
    with pytest.raises(DomainError):
        company_update(company=recruiter.company, by=recruiter.user, name="Hijacked")
    recruiter.company.refresh_from_db()
    assert recruiter.company.name != "Hijacked"


def test_a_replaced_logo_file_is_deleted_after_commit(settings, tmp_path, committed):
    settings.MEDIA_ROOT = tmp_path
    company = factories.VerifiedCompanyFactory()
    admin = factories.CompanyAdminFactory(company=company)
    with committed():
        company_update(company=company, by=admin.user, logo=png("first.png"))
    first = company.logo.name
    with committed():
        company_update(company=company, by=admin.user, logo=png("second.png"))
    assert first != company.logo.name
    assert not (tmp_path / first).exists()
    assert (tmp_path / company.logo.name).exists()
    assert first.startswith("logos/")
    assert "first" not in first


def png(name):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
