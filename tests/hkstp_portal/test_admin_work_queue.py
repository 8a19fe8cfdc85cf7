"""The admin home's work queue: what waits for HKSTP staff, with counts and links."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.services import EVENT_ORGANISERS, MODERATORS
from companies.models import CompanyNameChange
from hkstp_portal.work_queue import NAME_CHANGES_SHOWN
from notifications.models import Channel, Kind, Notification, Status
from tests import factories

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def dead_notification(recipient, n):
    return Notification.objects.create(
        recipient=recipient,
        kind=Kind.ACCOUNT,
        channel=Channel.EMAIL,
        key=f"test:dead:{recipient.pk}:{n}",
        subject="Your export is ready",
        status=Status.DEAD,
        tries=5,
    )


def waiting_work(n):
    """`n` of each kind of work, and one of each that is done already."""
    for i in range(n):
        factories.CompanyFactory()
        CompanyNameChange.objects.create(company=factories.VerifiedCompanyFactory(), name="New")
        factories.PendingJobFactory()
        factories.ExhibitorFactory()
        dead_notification(factories.CandidateFactory(), i)
        event = factories.EventFactory(capacity=50 + i)
        factories.RegistrationFactory.create_batch(2, event=event)
        factories.WaitlistedRegistrationFactory(event=event)
    CompanyNameChange.objects.create(
        company=factories.VerifiedCompanyFactory(), name="Decided", status="approved"
    )
    factories.PublishedJobFactory()
    factories.ApprovedExhibitorFactory()


def lines(response):
    queue = response.context["work_queue"]
    return {str(line.label): (line.count, line.url) for line in queue.lines}


def test_the_home_page_counts_what_waits_and_links_to_each_list(client, superuser):
    waiting_work(2)
    # A past fair's pending exhibitor is history, not work.
    past = factories.EventFactory(
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=3) + datetime.timedelta(hours=7),
    )
    factories.ExhibitorFactory(event=past)
    client.force_login(superuser)

    response = client.get(INDEX)

    assert response.status_code == 200
    assert lines(response) == {
        "Companies pending verification": (
            2,
            reverse("admin:companies_company_changelist") + "?status__exact=pending",
        ),
        "Company names to review": (
            2,
            reverse("admin:companies_companynamechange_changelist") + "?status__exact=pending",
        ),
        "Jobs pending review": (2, reverse("admin:jobs_job_changelist") + "?status__exact=pending"),
        "Exhibitors to approve": (
            2,
            reverse("admin:events_exhibitor_changelist") + "?status__exact=pending",
        ),
        "Notifications that could not be sent": (
            2,
            reverse("admin:notifications_notification_changelist") + "?status__exact=dead",
        ),
    }
    html = response.content.decode()
    for _count, url in lines(response).values():
        assert f'href="{url.replace("&", "&amp;")}"' in html
    # Each list the queue links to opens and shows exactly the counted rows.
    for count, url in lines(response).values():
        listed = client.get(url)
        assert listed.status_code == 200
        if "exhibitor" not in url:  # the list shows past fairs' exhibitors too
            assert listed.context["cl"].result_count == count


def test_coming_events_show_registrations_against_capacity(client, superuser):
    soon = factories.EventFactory(
        title="AI in Action Career Day",
        capacity=3,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        ends_at=timezone.now() + datetime.timedelta(days=2, hours=6),
    )
    factories.RegistrationFactory.create_batch(3, event=soon)
    factories.WaitlistedRegistrationFactory(event=soon)
    factories.CancelledRegistrationFactory(event=soon)
    later = factories.EventFactory(title="Campus Talk at HKU", capacity=None, is_published=False)
    factories.RegistrationFactory(event=later)
    factories.EventFactory(
        title="Last Year's Expo",
        starts_at=timezone.now() - datetime.timedelta(days=300),
        ends_at=timezone.now() - datetime.timedelta(days=299),
    )
    client.force_login(superuser)

    response = client.get(INDEX)

    events = response.context["work_queue"].events
    assert [(e.title, e.confirmed, e.waitlisted) for e in events] == [
        ("AI in Action Career Day", 3, 1),
        ("Campus Talk at HKU", 1, 0),
    ]
    html = response.content.decode()
    assert "3 of 3" in html
    assert "1 (no limit)" in html
    assert "not published" in html
    assert "Last Year" not in html
    assert reverse("events:check_in", args=[soon.slug]) in html
    assert f"?event__id__exact={soon.pk}" in html


def test_the_queue_costs_the_same_queries_for_2_or_20_of_everything(
    client, superuser, django_assert_num_queries
):
    waiting_work(2)
    client.force_login(superuser)
    client.get(INDEX)  # warm the content types and permissions caches

    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)
    waiting_work(18)
    with CaptureQueriesContext(connection) as many:
        response = client.get(INDEX)

    assert len(response.context["work_queue"].events) == 6
    assert len(response.context["work_queue"].name_changes) == NAME_CHANGES_SHOWN
    assert len(many) == len(few)
    # The session, the user, the admin's log of recent actions, four counts, the new names
    # with their count, the events.
    with django_assert_num_queries(9):
        client.get(INDEX)


def test_staff_see_only_the_lines_their_group_may_open(client):
    factories.CompanyFactory()
    exhibitor = factories.ExhibitorFactory()
    moderator = factories.StaffFactory()
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    organiser = factories.StaffFactory()
    organiser.groups.add(Group.objects.get(name=EVENT_ORGANISERS))

    client.force_login(moderator)
    response = client.get(INDEX)
    assert set(lines(response)) == {
        "Companies pending verification",
        "Company names to review",
        "Jobs pending review",
    }
    assert response.context["work_queue"].events is None
    assert "Coming events" not in response.content.decode()

    client.force_login(organiser)
    response = client.get(INDEX)
    # Organisers may look at companies (to judge an exhibitor), so they see that line too.
    assert set(lines(response)) == {"Companies pending verification", "Exhibitors to approve"}
    assert response.context["work_queue"].events == [exhibitor.event]


def test_an_organiser_is_told_when_no_event_is_coming(client):
    organiser = factories.StaffFactory()
    organiser.groups.add(Group.objects.get(name=EVENT_ORGANISERS))
    client.force_login(organiser)

    response = client.get(INDEX)

    assert response.context["work_queue"].events == []
    assert "No event is coming up." in response.content.decode()


def test_staff_without_any_permission_see_no_queue(client):
    client.force_login(factories.StaffFactory())

    response = client.get(INDEX)

    assert response.status_code == 200
    assert not response.context["work_queue"]
    assert 'id="work-queue"' not in response.content.decode()
