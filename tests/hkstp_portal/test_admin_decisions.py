"""Verify / Refuse, Approve / Send back and Approve / Decline as buttons on the object's own
admin page: POST only, through the same services as the list actions, with a reason where
the company is told one."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.services import EVENT_ORGANISERS, MODERATORS
from companies.models import Company
from events.models import Exhibitor
from jobs.models import Job
from tests import factories
from tests.helpers import messages_of

pytestmark = pytest.mark.django_db


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def decide_url(obj, decision):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_decide", args=[obj.pk, decision])


def buttons(response):
    return [decision.name for decision, _url in response.context.get("decisions", [])]


def staff_in(group_name):
    user = factories.StaffFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def pending_company():
    company = factories.CompanyFactory(name="Skyward Survey Drones Limited")
    factories.CompanyAdminFactory(company=company)
    return company


# --- Companies --------------------------------------------------------------------------------


def test_a_pending_company_page_offers_verify_and_refuse_as_forms(
    client, moderator, pending_company
):
    client.force_login(moderator)

    response = client.get(change_url(pending_company))

    assert response.status_code == 200
    assert buttons(response) == ["verify", "refuse"]
    html = response.content.decode()
    # Verify posts from the page itself; Refuse first asks for the reason.
    assert f'<form method="post" action="{decide_url(pending_company, "verify")}">' in html
    assert f'href="{decide_url(pending_company, "refuse")}"' in html


def test_verify_from_the_company_page_verifies_emails_and_goes_back(
    client, moderator, pending_company, mailoutbox, committed
):
    client.force_login(moderator)

    with committed():
        response = client.post(decide_url(pending_company, "verify"))

    assert response.status_code == 302
    assert response.url == change_url(pending_company)
    pending_company.refresh_from_db()
    assert pending_company.status == Company.Status.VERIFIED
    assert pending_company.status_changed_by == moderator
    assert len(mailoutbox) == 1
    assert "The company is verified; its admins are emailed." in messages_of(response)
    entry = LogEntry.objects.get(object_id=str(pending_company.pk))
    assert entry.user == moderator
    # The page now offers only what is left to decide.
    assert buttons(client.get(change_url(pending_company))) == ["refuse"]


def test_opening_a_decision_by_get_changes_nothing(client, moderator, pending_company, mailoutbox):
    client.force_login(moderator)

    response = client.get(decide_url(pending_company, "verify"))

    assert response.status_code == 200
    assert "admin/decision_object.html" in [t.name for t in response.templates]
    pending_company.refresh_from_db()
    assert pending_company.status == Company.Status.PENDING
    assert mailoutbox == []


def test_refuse_asks_for_a_reason_and_refuses_without_one(
    client, moderator, pending_company, mailoutbox, committed
):
    client.force_login(moderator)
    page = client.get(decide_url(pending_company, "refuse"))
    assert 'name="reason"' in page.content.decode()

    with committed():
        response = client.post(decide_url(pending_company, "refuse"), {"reason": "  "})

    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    pending_company.refresh_from_db()
    assert pending_company.status == Company.Status.PENDING
    assert mailoutbox == []


def test_refuse_with_a_reason_tells_the_company_why(
    client, moderator, pending_company, mailoutbox, committed
):
    client.force_login(moderator)

    with committed():
        response = client.post(
            decide_url(pending_company, "refuse"), {"reason": "No business registration on file."}
        )

    assert response.status_code == 302
    pending_company.refresh_from_db()
    assert pending_company.status == Company.Status.REJECTED
    assert pending_company.status_reason == "No business registration on file."
    assert len(mailoutbox) == 1
    assert any("open jobs are closed" in message for message in messages_of(response))
    assert "No business registration on file." in LogEntry.objects.get().get_change_message()


def test_a_stale_decision_is_refused_with_the_services_words(client, moderator, mailoutbox):
    company = factories.VerifiedCompanyFactory(name="Old Hand Limited")
    client.force_login(moderator)

    response = client.post(decide_url(company, "verify"))

    assert response.status_code == 302
    assert "Old Hand Limited is already verified." in messages_of(response)
    assert mailoutbox == []
    assert not LogEntry.objects.exists()


def test_staff_who_may_only_look_at_companies_get_no_buttons_and_403(client, pending_company):
    organiser = staff_in(EVENT_ORGANISERS)  # may view companies, not change them
    client.force_login(organiser)

    page = client.get(change_url(pending_company))
    assert page.status_code == 200
    assert buttons(page) == []
    assert "decision-bar" not in page.content.decode()

    assert client.post(decide_url(pending_company, "verify")).status_code == 403
    pending_company.refresh_from_db()
    assert pending_company.status == Company.Status.PENDING


def test_an_unknown_decision_or_object_is_a_404(client, moderator, pending_company):
    client.force_login(moderator)

    assert client.post(decide_url(pending_company, "trust")).status_code == 404
    missing = reverse("admin:companies_company_decide", args=[999_999, "verify"])
    assert client.post(missing).status_code == 404


def test_candidates_and_anonymous_visitors_cannot_decide(client, candidate, pending_company):
    url = decide_url(pending_company, "verify")
    assert client.post(url).status_code == 302  # to the admin login
    client.force_login(candidate)
    assert client.post(url).status_code == 302
    pending_company.refresh_from_db()
    assert pending_company.status == Company.Status.PENDING


# --- Jobs ------------------------------------------------------------------------------------


def test_a_pending_job_is_approved_from_its_page(client, moderator):
    job = factories.PendingJobFactory()
    client.force_login(moderator)
    assert buttons(client.get(change_url(job))) == ["approve", "send-back"]

    response = client.post(decide_url(job, "approve"))

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED
    assert "The job is published." in messages_of(response)
    assert buttons(client.get(change_url(job))) == []


def test_a_pending_job_is_sent_back_with_the_reason(client, moderator, mailoutbox, committed):
    job = factories.PendingJobFactory()
    factories.CompanyAdminFactory(company=job.company)
    client.force_login(moderator)

    assert client.post(decide_url(job, "send-back"), {"reason": ""}).status_code == 400
    with committed():
        response = client.post(
            decide_url(job, "send-back"), {"reason": "Please state the salary range."}
        )

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Job.Status.DRAFT
    assert job.moderation_note == "Please state the salary range."
    assert len(mailoutbox) == 1


# --- Exhibitors ------------------------------------------------------------------------------


def test_an_exhibitor_is_approved_or_declined_from_its_page(client, mailoutbox, committed):
    organiser = staff_in(EVENT_ORGANISERS)
    exhibitor = factories.ExhibitorFactory()
    factories.CompanyAdminFactory(company=exhibitor.company)
    client.force_login(organiser)
    assert buttons(client.get(change_url(exhibitor))) == ["approve", "decline"]

    with committed():
        client.post(decide_url(exhibitor, "approve"))
    exhibitor.refresh_from_db()
    assert exhibitor.status == Exhibitor.Status.APPROVED
    assert buttons(client.get(change_url(exhibitor))) == ["decline"]

    with committed():
        client.post(decide_url(exhibitor, "decline"), {"reason": "The hall is full."})
    exhibitor.refresh_from_db()
    assert exhibitor.status == Exhibitor.Status.DECLINED
    assert exhibitor.decision_reason == "The hall is full."
    assert len(mailoutbox) == 2


def test_moderators_cannot_decide_exhibitors(client):
    exhibitor = factories.ExhibitorFactory()
    client.force_login(staff_in(MODERATORS))

    assert client.post(decide_url(exhibitor, "approve")).status_code == 403
    exhibitor.refresh_from_db()
    assert exhibitor.status == Exhibitor.Status.PENDING


def test_a_decision_answers_only_get_and_post(client, moderator, pending_company):
    client.force_login(moderator)

    assert client.put(decide_url(pending_company, "verify")).status_code == 405
    pending_company.refresh_from_db()
    assert pending_company.status == Company.Status.PENDING
