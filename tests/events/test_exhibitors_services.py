"""Companies apply to exhibit; HKSTP staff decide and give booth numbers."""

import datetime

import pytest
from django.utils import timezone

from events.models import Exhibitor
from events.services.exhibitors import (
    exhibitor_apply,
    exhibitor_approve,
    exhibitor_booth_set,
    exhibitor_decline,
    exhibitor_update,
    exhibitor_withdraw,
)
from hkstp_portal.errors import DomainError
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return factories.EventFactory(exhibitor_registration_open=True)


@pytest.fixture
def admin_member():
    return factories.CompanyAdminFactory(company=factories.VerifiedCompanyFactory())


def test_a_verified_company_applies_with_its_own_jobs_and_people(event, admin_member):
    company = admin_member.company
    job = factories.PublishedJobFactory(company=company)
    recruiter = factories.CompanyMemberFactory(company=company)
    exhibitor = exhibitor_apply(
        event=event,
        company=company,
        by=admin_member.user,
        featured_jobs=[job],
        attendees=[admin_member.user, recruiter.user],
        pitch="  Meet our robots.  ",
        contact_email="fair@harbour.example",
    )
    assert exhibitor.status == Exhibitor.Status.PENDING
    assert exhibitor.pitch == "Meet our robots."
    assert list(exhibitor.featured_jobs.all()) == [job]
    assert set(exhibitor.attendees.all()) == {admin_member.user, recruiter.user}


def test_an_unverified_company_cannot_apply(event):
    member = factories.CompanyAdminFactory(company=factories.CompanyFactory())
    with pytest.raises(DomainError, match="verified"):
        exhibitor_apply(event=event, company=member.company, by=member.user)
    assert not Exhibitor.objects.exists()


def test_someone_outside_the_company_cannot_apply_for_it(event, admin_member):
    outsider = factories.CompanyAdminFactory()
    with pytest.raises(DomainError, match="team"):
        exhibitor_apply(event=event, company=admin_member.company, by=outsider.user)
    assert not Exhibitor.objects.exists()


def test_another_companys_job_cannot_be_featured(event, admin_member):
    other_job = factories.PublishedJobFactory()
    with pytest.raises(DomainError, match="own company"):
        exhibitor_apply(
            event=event,
            company=admin_member.company,
            by=admin_member.user,
            featured_jobs=[other_job],
        )
    assert not Exhibitor.objects.exists()


def test_a_closed_or_draft_job_cannot_be_featured(event, admin_member):
    for job in (
        factories.ClosedJobFactory(company=admin_member.company),
        factories.JobFactory(company=admin_member.company),
    ):
        with pytest.raises(DomainError, match="open"):
            exhibitor_apply(
                event=event, company=admin_member.company, by=admin_member.user, featured_jobs=[job]
            )
    assert not Exhibitor.objects.exists()


def test_only_the_companys_members_can_attend(event, admin_member):
    stranger = factories.CompanyMemberFactory().user
    with pytest.raises(DomainError, match="team"):
        exhibitor_apply(
            event=event, company=admin_member.company, by=admin_member.user, attendees=[stranger]
        )
    assert not Exhibitor.objects.exists()


def test_events_not_taking_exhibitors_refuse(admin_member):
    closed = factories.EventFactory(exhibitor_registration_open=False)
    unpublished = factories.EventFactory(exhibitor_registration_open=True, is_published=False)
    past = factories.EventFactory(
        exhibitor_registration_open=True,
        starts_at=timezone.now() - datetime.timedelta(days=2),
        ends_at=timezone.now() - datetime.timedelta(days=1),
    )
    for event in (closed, unpublished):
        with pytest.raises(DomainError, match="not taking"):
            exhibitor_apply(event=event, company=admin_member.company, by=admin_member.user)
    with pytest.raises(DomainError, match="over"):
        exhibitor_apply(event=past, company=admin_member.company, by=admin_member.user)
    assert not Exhibitor.objects.exists()


def test_a_company_applies_once_per_event(event, admin_member):
    exhibitor_apply(event=event, company=admin_member.company, by=admin_member.user)
    with pytest.raises(DomainError, match="already applied"):
        exhibitor_apply(event=event, company=admin_member.company, by=admin_member.user)
    assert Exhibitor.objects.count() == 1


def test_update_while_pending_or_approved_but_not_once_declined(event, admin_member):
    company = admin_member.company
    exhibitor = exhibitor_apply(event=event, company=company, by=admin_member.user)
    job = factories.PublishedJobFactory(company=company)
    exhibitor_update(exhibitor=exhibitor, by=admin_member.user, featured_jobs=[job], pitch="New")
    exhibitor.refresh_from_db()
    assert exhibitor.pitch == "New"
    assert list(exhibitor.featured_jobs.all()) == [job]

    Exhibitor.objects.filter(pk=exhibitor.pk).update(status=Exhibitor.Status.DECLINED)
    with pytest.raises(DomainError, match="declined"):
        exhibitor_update(exhibitor=exhibitor, by=admin_member.user, pitch="Again")
    exhibitor.refresh_from_db()
    assert exhibitor.pitch == "New"


def test_update_refuses_another_companys_jobs_and_changes_nothing(event, admin_member):
    exhibitor = factories.ExhibitorFactory(event=event, company=admin_member.company, pitch="Old")
    with pytest.raises(DomainError):
        exhibitor_update(
            exhibitor=exhibitor,
            by=admin_member.user,
            featured_jobs=[factories.PublishedJobFactory()],
            pitch="New",
        )
    exhibitor.refresh_from_db()
    assert exhibitor.pitch == "Old"
    assert not exhibitor.featured_jobs.exists()


def test_withdraw_only_while_pending(event, admin_member):
    pending = factories.ExhibitorFactory(event=event, company=admin_member.company)
    exhibitor_withdraw(exhibitor=pending, by=admin_member.user)
    assert not Exhibitor.objects.filter(pk=pending.pk).exists()

    approved = factories.ApprovedExhibitorFactory(event=event, company=admin_member.company)
    with pytest.raises(DomainError, match="pending"):
        exhibitor_withdraw(exhibitor=approved, by=admin_member.user)
    assert Exhibitor.objects.filter(pk=approved.pk).exists()


def test_staff_approve_and_the_company_admins_are_emailed_in_their_language(
    staff, mailoutbox, committed
):
    exhibitor = factories.ExhibitorFactory()
    admin = factories.CompanyAdminFactory(company=exhibitor.company, user__language="zh-hant")
    factories.CompanyMemberFactory(company=exhibitor.company)  # recruiters are not emailed
    with committed():
        exhibitor_approve(exhibitor=exhibitor, by=staff, reason="Welcome aboard.")
    exhibitor.refresh_from_db()
    assert exhibitor.status == Exhibitor.Status.APPROVED
    assert exhibitor.decided_at is not None
    assert exhibitor.decision_reason == "Welcome aboard."
    assert [m.to for m in mailoutbox] == [[admin.user.email]]
    assert exhibitor.event.title in mailoutbox[0].subject
    assert "Welcome aboard." in mailoutbox[0].body
    assert f"/zh-hant/employer/fairs/{exhibitor.event.slug}/" in mailoutbox[0].body


def test_decline_needs_a_reason_and_clears_the_booth(staff, mailoutbox, committed):
    exhibitor = factories.ApprovedExhibitorFactory(booth="A1")
    admin = factories.CompanyAdminFactory(company=exhibitor.company)
    with pytest.raises(DomainError, match="reason"):
        exhibitor_decline(exhibitor=exhibitor, by=staff, reason="  ")
    with committed():
        exhibitor_decline(exhibitor=exhibitor, by=staff, reason="No space left.")
    exhibitor.refresh_from_db()
    assert exhibitor.status == Exhibitor.Status.DECLINED
    assert exhibitor.booth == ""
    assert [m.to for m in mailoutbox] == [[admin.user.email]]
    assert "No space left." in mailoutbox[0].body


def test_decline_is_refused_while_interviews_are_booked(staff):
    slot = factories.InterviewSlotFactory(
        candidate=factories.CandidateFactory(), booked_at=timezone.now()
    )
    with pytest.raises(DomainError, match="booked interviews"):
        exhibitor_decline(exhibitor=slot.exhibitor, by=staff, reason="No.")
    slot.exhibitor.refresh_from_db()
    assert slot.exhibitor.status == Exhibitor.Status.APPROVED


def test_only_staff_decide(employer):
    exhibitor = factories.ExhibitorFactory()
    with pytest.raises(DomainError, match="staff"):
        exhibitor_approve(exhibitor=exhibitor, by=employer)
    with pytest.raises(DomainError, match="staff"):
        exhibitor_decline(exhibitor=exhibitor, by=employer, reason="x")
    with pytest.raises(DomainError, match="staff"):
        exhibitor_booth_set(exhibitor=exhibitor, by=employer, booth="A1")
    exhibitor.refresh_from_db()
    assert exhibitor.status == Exhibitor.Status.PENDING


def test_approving_twice_is_refused(staff):
    exhibitor = factories.ApprovedExhibitorFactory()
    with pytest.raises(DomainError, match="already approved"):
        exhibitor_approve(exhibitor=exhibitor, by=staff)


def test_booth_numbers_are_unique_per_event_with_a_clear_error(staff):
    first = factories.ApprovedExhibitorFactory(booth="A1")
    second = factories.ApprovedExhibitorFactory(event=first.event, booth="")
    with pytest.raises(DomainError) as error:
        exhibitor_booth_set(exhibitor=second, by=staff, booth="A1")
    assert "A1" in str(error.value)
    assert first.company.name in str(error.value)
    second.refresh_from_db()
    assert second.booth == ""
    # The same number at another event is fine.
    elsewhere = factories.ApprovedExhibitorFactory(booth="")
    exhibitor_booth_set(exhibitor=elsewhere, by=staff, booth="A1")
    elsewhere.refresh_from_db()
    assert elsewhere.booth == "A1"


def test_only_an_approved_exhibitor_gets_a_booth(staff):
    pending = factories.ExhibitorFactory()
    with pytest.raises(DomainError, match="approved"):
        exhibitor_booth_set(exhibitor=pending, by=staff, booth="B2")
    pending.refresh_from_db()
    assert pending.booth == ""
