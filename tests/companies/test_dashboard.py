"""The employer dashboard: each job's applicants, and what is new since the member's last
visit, remembered per member (not per browser)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from companies.models import CompanyMember
from companies.services import DASHBOARD_VISIT_GAP, member_dashboard_visit
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("companies:dashboard")


@pytest.fixture
def member():
    return factories.CompanyMemberFactory()


def applied(job, n, *, ago):
    applications = factories.ApplicationFactory.create_batch(n, job=job)
    for application in applications:
        application.created_at = timezone.now() - ago
        application.save(update_fields=["created_at"])
    return applications


def rows(response):
    return {
        job.title: (job.applicant_count, job.new_applicant_count)
        for job in response.context["jobs"]
    }


def visited(member, ago):
    CompanyMember.objects.filter(pk=member.pk).update(
        dashboard_visited_at=timezone.now() - ago, dashboard_previous_visit_at=None
    )


def test_each_job_shows_its_applicants_and_links_to_them(client, member):
    job = factories.PublishedJobFactory(company=member.company, title="Robotics Engineer")
    factories.JobFactory(company=member.company, title="Draft Role")
    applied(job, 3, ago=datetime.timedelta(days=2))
    factories.WithdrawnApplicationFactory(job=job)
    client.force_login(member.user)

    response = client.get(URL)

    assert rows(response) == {"Robotics Engineer": (4, 0), "Draft Role": (0, 0)}
    html = response.content.decode()
    pipeline = reverse("applications:pipeline", args=[job.pk])
    assert f'<a href="{pipeline}">4 applicants</a>' in html
    # The first visit has nothing to compare with: nothing is marked new.
    assert response.context["since"] is None
    assert "since your last visit" not in html


def test_the_next_visit_marks_what_came_since_the_last(client, member):
    job = factories.PublishedJobFactory(company=member.company, title="Robotics Engineer")
    applied(job, 2, ago=datetime.timedelta(days=3))
    visited(member, datetime.timedelta(days=1))
    applied(job, 3, ago=datetime.timedelta(hours=2))
    client.force_login(member.user)

    response = client.get(URL)

    assert rows(response) == {"Robotics Engineer": (5, 3)}
    html = response.content.decode()
    assert "3 new applicants since your last visit" in html
    assert '<span class="tag tag-brand">3 new</span>' in html


def test_a_reload_keeps_the_marks_and_a_later_visit_clears_them(client, member):
    job = factories.PublishedJobFactory(company=member.company, title="Robotics Engineer")
    visited(member, datetime.timedelta(days=1))
    applied(job, 1, ago=datetime.timedelta(hours=2))
    client.force_login(member.user)

    assert rows(client.get(URL)) == {"Robotics Engineer": (1, 1)}
    assert rows(client.get(URL)) == {"Robotics Engineer": (1, 1)}  # the same visit

    # Back after a break: the applicant was seen on the last visit.
    CompanyMember.objects.filter(pk=member.pk).update(
        dashboard_visited_at=timezone.now() - DASHBOARD_VISIT_GAP - datetime.timedelta(minutes=1)
    )
    response = client.get(URL)
    assert rows(response) == {"Robotics Engineer": (1, 0)}
    assert "No new applicants since your last visit" in response.content.decode()


def test_the_last_visit_belongs_to_the_member_on_any_device(member):
    colleague = factories.CompanyMemberFactory(company=member.company)
    job = factories.PublishedJobFactory(company=member.company, title="Robotics Engineer")
    visited(member, datetime.timedelta(days=2))
    visited(colleague, datetime.timedelta(days=2))
    applied(job, 2, ago=datetime.timedelta(hours=5))
    laptop, phone, colleagues = Client(), Client(), Client()
    laptop.force_login(member.user)
    phone.force_login(member.user)
    colleagues.force_login(colleague.user)

    assert rows(laptop.get(URL)) == {"Robotics Engineer": (2, 2)}
    # The same member on another device, later: what the laptop showed is not new any more.
    CompanyMember.objects.filter(pk=member.pk).update(
        dashboard_visited_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert rows(phone.get(URL)) == {"Robotics Engineer": (2, 0)}
    # A colleague's marks are their own.
    assert rows(colleagues.get(URL)) == {"Robotics Engineer": (2, 2)}


def test_the_visit_service_counts_from_the_previous_visit():
    member = factories.CompanyMemberFactory()
    start = timezone.now()

    assert member_dashboard_visit(member=member, now=start) is None
    within = start + DASHBOARD_VISIT_GAP / 2
    assert member_dashboard_visit(member=member, now=within) is None
    later = within + DASHBOARD_VISIT_GAP * 3
    assert member_dashboard_visit(member=member, now=later) == within
    member.refresh_from_db()
    assert member.dashboard_visited_at == later
    assert member.dashboard_previous_visit_at == within


def test_the_dashboard_costs_the_same_queries_for_2_or_12_jobs(
    client, member, django_assert_num_queries
):
    def add_jobs(n):
        for _ in range(n):
            job = factories.PublishedJobFactory(company=member.company)
            applied(job, 2, ago=datetime.timedelta(hours=1))

    add_jobs(2)
    visited(member, datetime.timedelta(days=1))
    client.force_login(member.user)
    client.get(URL)  # the header's unread badge, cached from then on
    # The session, the user, the membership with its company, the visit, the jobs with
    # their applicants counted.
    with django_assert_num_queries(5):
        assert len(client.get(URL).context["jobs"]) == 2
    add_jobs(10)
    with django_assert_num_queries(5):
        response = client.get(URL)
    assert len(response.context["jobs"]) == 12
    assert all(count == (2, 2) for count in rows(response).values())
