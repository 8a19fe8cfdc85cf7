"""The company verification queue in the admin: its list, and the verify/refuse actions."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from companies.models import Company
from tests import factories
from tests.helpers import messages_of

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:companies_company_changelist")
PENDING_QUEUE = f"{CHANGELIST}?status__exact=pending"
# Measured: the session, the user, the filtered and the total count, and one
# query for the page of rows (member counts annotated, nothing per row).
QUEUE_QUERIES = 5


def decision_state():
    return list(
        Company.objects.order_by("pk").values_list(
            "pk", "status", "status_reason", "status_changed_at", "status_changed_by", "is_trusted"
        )
    )


def pending_companies(n):
    companies = factories.CompanyFactory.create_batch(n)
    for company in companies:
        factories.CompanyAdminFactory(company=company)
        factories.CompanyMemberFactory(company=company)
    return companies


def queue_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PENDING_QUEUE)
    assert response.status_code == 200
    return len(queries), response


def test_the_pending_queue_lists_only_pending_companies_oldest_first(client, superuser):
    companies = pending_companies(3)
    factories.VerifiedCompanyFactory(name="Already Verified Limited")
    client.force_login(superuser)

    response = client.get(PENDING_QUEUE)

    assert response.status_code == 200
    rows = list(response.context["cl"].result_list)
    assert rows == companies  # created in this order
    assert [row.member_count for row in rows] == [2, 2, 2]
    assert b"Already Verified Limited" not in response.content


def test_the_pending_queue_runs_the_same_queries_for_3_or_30_companies(
    client, superuser, django_assert_max_num_queries
):
    client.force_login(superuser)
    pending_companies(3)
    few, _ = queue_queries(client)
    pending_companies(27)
    many, response = queue_queries(client)

    assert response.context["cl"].result_count == 30
    assert many == few

    with django_assert_max_num_queries(QUEUE_QUERIES):
        assert client.get(PENDING_QUEUE).status_code == 200


def select(action, companies, **extra):
    return {"action": action, ACTION_CHECKBOX_NAME: [c.pk for c in companies], **extra}


def test_verify_asks_for_a_reason_first_and_changes_nothing_yet(client, superuser, mailoutbox):
    companies = pending_companies(2)
    before = decision_state()
    client.force_login(superuser)

    response = client.post(PENDING_QUEUE, select("verify", companies))

    assert response.status_code == 200
    assert "admin/decision.html" in [t.name for t in response.templates]
    assert list(response.context["objects"]) == companies
    assert response.context["action"] == "verify"
    for company in companies:
        assert f'value="{company.pk}"'.encode() in response.content
    assert decision_state() == before
    assert mailoutbox == []


def test_verify_through_the_intermediate_page_verifies_and_emails_the_admins(
    client, superuser, mailoutbox, committed
):
    company = pending_companies(1)[0]
    admin = company.members.get(role="admin")
    client.force_login(superuser)
    client.post(PENDING_QUEUE, select("verify", [company]))

    with committed():
        response = client.post(
            PENDING_QUEUE, select("verify", [company], apply="1", reason="Registration checked.")
        )

    assert response.status_code == 302
    company.refresh_from_db()
    assert company.status == Company.Status.VERIFIED
    assert company.status_reason == "Registration checked."
    assert company.status_changed_by == superuser
    assert company.status_changed_at is not None
    assert [m.to for m in mailoutbox] == [[admin.user.email]]  # admins only, not the recruiter
    assert company.name in mailoutbox[0].subject
    assert "Verify: 1 done." in messages_of(response)


def test_verify_reports_a_company_that_is_already_verified_and_does_the_rest(
    client, superuser, mailoutbox, committed
):
    pending = pending_companies(1)[0]
    verified = factories.VerifiedCompanyFactory(name="Old Hand Limited")
    client.force_login(superuser)

    with committed():
        response = client.post(
            CHANGELIST, select("verify", [pending, verified], apply="1", reason="")
        )

    assert response.status_code == 302
    pending.refresh_from_db()
    verified.refresh_from_db()
    assert pending.status == Company.Status.VERIFIED
    assert verified.status_changed_by is None
    texts = messages_of(response)
    assert "Verify: 1 done." in texts
    assert "Old Hand Limited: Old Hand Limited is already verified." in texts
    assert len(mailoutbox) == 1


def test_refuse_without_a_reason_is_a_form_error_and_changes_nothing(
    client, superuser, mailoutbox, committed
):
    companies = pending_companies(2)
    before = decision_state()
    client.force_login(superuser)

    with committed():
        response = client.post(PENDING_QUEUE, select("refuse", companies, apply="1", reason="   "))

    assert response.status_code == 200
    assert "admin/decision.html" in [t.name for t in response.templates]
    assert response.context["form"].errors["reason"]
    assert decision_state() == before
    assert mailoutbox == []


def test_refuse_with_a_reason_rejects_and_tells_the_company_why(
    client, superuser, mailoutbox, committed
):
    company = pending_companies(1)[0]
    client.force_login(superuser)

    with committed():
        response = client.post(
            PENDING_QUEUE,
            select("refuse", [company], apply="1", reason="No business registration on file."),
        )

    assert response.status_code == 302
    company.refresh_from_db()
    assert company.status == Company.Status.REJECTED
    assert company.status_reason == "No business registration on file."
    assert company.status_changed_by == superuser
    # Every member: the refusal closes the jobs each of them posted.
    team = sorted(company.members.values_list("user__email", flat=True))
    assert sorted(m.to[0] for m in mailoutbox) == team
    assert "Refuse verification: 1 done." in messages_of(response)


def test_refusing_a_trusted_company_takes_its_trust_away(client, superuser, committed):
    company = factories.TrustedCompanyFactory()
    client.force_login(superuser)

    with committed():
        client.post(CHANGELIST, select("refuse", [company], apply="1", reason="Moved out."))

    company.refresh_from_db()
    assert company.status == Company.Status.REJECTED
    assert company.is_trusted is False


def test_trust_is_refused_for_an_unverified_company(client, superuser):
    pending = pending_companies(1)[0]
    verified = factories.VerifiedCompanyFactory()
    client.force_login(superuser)

    response = client.post(CHANGELIST, select("trust", [pending, verified]))

    assert response.status_code == 302
    pending.refresh_from_db()
    verified.refresh_from_db()
    assert pending.is_trusted is False
    assert verified.is_trusted is True
    assert any("Only a verified company can be trusted." in t for t in messages_of(response))


def test_a_moderator_verifies_and_refuses_companies(client, moderator, mailoutbox, committed):
    to_verify, to_refuse = pending_companies(2)
    client.force_login(moderator)
    assert client.get(PENDING_QUEUE).status_code == 200

    with committed():
        client.post(PENDING_QUEUE, select("verify", [to_verify], apply="1", reason=""))
        client.post(PENDING_QUEUE, select("refuse", [to_refuse], apply="1", reason="Not a tenant."))

    to_verify.refresh_from_db()
    to_refuse.refresh_from_db()
    assert (to_verify.status, to_verify.status_changed_by) == (Company.Status.VERIFIED, moderator)
    assert (to_refuse.status, to_refuse.status_changed_by) == (Company.Status.REJECTED, moderator)
    assert len(mailoutbox) == 3  # the verified company's admin; the refused one's team of two


def test_staff_outside_the_moderators_group_cannot_decide(client, staff):
    company = pending_companies(1)[0]
    before = decision_state()
    client.force_login(staff)

    response = client.post(CHANGELIST, select("verify", [company], apply="1", reason=""))

    assert response.status_code == 403
    assert decision_state() == before
