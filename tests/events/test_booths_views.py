"""The fair's Talent Pool, the booth pages, booking, CV drops and applying from a booth."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applications.models import Application
from companies.services import company_reject
from events.models import BoothDrop, InterviewSlot
from hkstp_portal.vocabulary import Cluster
from tests import factories
from tests.helpers import messages_of
from tests.races import race

pytestmark = pytest.mark.django_db


@pytest.fixture
def exhibitor():
    exhibitor = factories.ApprovedExhibitorFactory(
        booth="D4", company__name="Kowloon Robotics", pitch="We build warehouse robots."
    )
    job = factories.PublishedJobFactory(company=exhibitor.company, title="Robotics Engineer")
    exhibitor.featured_jobs.add(job)
    return exhibitor


def _booth_url(exhibitor):
    return reverse("events:booth_detail", args=[exhibitor.event.slug, exhibitor.company.slug])


def test_the_talent_pool_lists_approved_exhibitors_with_jobs(
    client, exhibitor, django_assert_num_queries
):
    event = exhibitor.event
    for _ in range(3):
        other = factories.ApprovedExhibitorFactory(event=event)
        other.featured_jobs.add(factories.PublishedJobFactory(company=other.company))
    factories.ExhibitorFactory(event=event, company__name="Pending Co")
    with django_assert_num_queries(3):  # event, exhibitors, featured jobs
        response = client.get(reverse("events:exhibitor_list", args=[event.slug]))
    html = response.content.decode()
    assert "Kowloon Robotics" in html
    assert "Booth D4" in html
    assert "Robotics Engineer" in html
    assert "Pending Co" not in html
    assert "4 exhibitors" in html


def test_the_talent_pool_filters_by_cluster(client, exhibitor):
    factories.ApprovedExhibitorFactory(
        event=exhibitor.event,
        company__name="Fin Ledger",
        company__clusters=[Cluster.FINTECH],
    )
    url = reverse("events:exhibitor_list", args=[exhibitor.event.slug])
    html = client.get(url, {"cluster": Cluster.FINTECH}).content.decode()
    assert "Fin Ledger" in html
    assert "Kowloon Robotics" not in html
    html = client.get(url, {"cluster": "nonsense"}).content.decode()
    assert "Fin Ledger" in html
    assert "Kowloon Robotics" in html


def test_unpublished_events_and_unapproved_booths_are_404(client, exhibitor):
    hidden = factories.ApprovedExhibitorFactory(event__is_published=False)
    assert client.get(reverse("events:exhibitor_list", args=[hidden.event.slug])).status_code == 404
    assert client.get(_booth_url(hidden)).status_code == 404
    pending = factories.ExhibitorFactory(event=exhibitor.event)
    assert client.get(_booth_url(pending)).status_code == 404
    # A company exhibiting at another event has no booth at this one.
    elsewhere = factories.ApprovedExhibitorFactory()
    url = reverse("events:booth_detail", args=[exhibitor.event.slug, elsewhere.company.slug])
    assert client.get(url).status_code == 404


def test_the_booth_of_a_company_refused_verification_is_no_longer_public(client, exhibitor, staff):
    event = exhibitor.event
    kept = factories.ApprovedExhibitorFactory(event=event, company__name="Harbour Optics")
    slot = factories.InterviewSlotFactory(exhibitor=exhibitor)
    company_reject(company=exhibitor.company, by=staff, reason="Tenancy ended.")

    listing = client.get(reverse("events:exhibitor_list", args=[event.slug])).content.decode()
    assert "Harbour Optics" in listing
    assert "Kowloon Robotics" not in listing
    assert client.get(_booth_url(exhibitor)).status_code == 404
    client.force_login(factories.RegistrationFactory(event=event).candidate)
    book = reverse("events:interview_book", args=[event.slug, exhibitor.company.slug, slot.pk])
    assert client.post(book).status_code == 404
    slot.refresh_from_db()
    assert slot.candidate is None
    event_page = client.get(event.get_absolute_url()).content.decode()
    assert "1 park company exhibits here." in event_page
    assert kept.status == "approved"


def test_the_booth_page_for_a_visitor(client, exhibitor):
    factories.InterviewSlotFactory(exhibitor=exhibitor)
    html = client.get(_booth_url(exhibitor)).content.decode()
    job = exhibitor.featured_jobs.get()
    assert "We build warehouse robots." in html
    assert (
        f"{reverse('applications:apply', args=[job.pk])}?from_event={exhibitor.event.slug}" in html
    )
    assert "to book an interview" in html
    assert "to leave your CV or profile" in html


@pytest.mark.parametrize("who", ["employer", "staff"])
def test_the_booth_page_offers_apply_only_to_those_who_may(client, exhibitor, who):
    """A recruiter or HKSTP staff browsing a booth sees its jobs, but no Apply button that
    would answer them 403."""
    job = exhibitor.featured_jobs.get()
    user = factories.CompanyAdminFactory().user if who == "employer" else factories.StaffFactory()
    client.force_login(user)
    html = client.get(_booth_url(exhibitor)).content.decode()
    assert reverse("jobs:job_detail", args=[job.pk]) in html
    assert reverse("applications:apply", args=[job.pk]) not in html


def test_the_booth_page_for_a_candidate(client, exhibitor, candidate, django_assert_num_queries):
    factories.CVFactory(owner=candidate)
    for index in range(3):
        factories.InterviewSlotFactory(exhibitor=exhibitor, index=index)
    client.force_login(candidate)
    # event, booth, featured jobs, free slots, sessions, session, user, ticket, my slot,
    # my drop, default CV, CV choices: the same whatever the number of slots or jobs.
    # +1: the header's unread-notification count (cold cache in tests).
    with django_assert_num_queries(13):
        html = client.get(_booth_url(exhibitor)).content.decode()
    assert "Drop my CV" in html
    assert (
        "The company sees only the CV you choose here, not your other CVs, "
        "until you take it back." in html
    )
    assert html.count("/book/") == 3
    assert "Register for the event first" in html
    factories.RegistrationFactory(event=exhibitor.event, candidate=candidate)
    assert "Register for the event first" not in client.get(_booth_url(exhibitor)).content.decode()


def test_book_and_cancel_from_the_booth(client, exhibitor, mailoutbox, committed):
    slot = factories.InterviewSlotFactory(exhibitor=exhibitor)
    candidate = factories.RegistrationFactory(event=exhibitor.event).candidate
    client.force_login(candidate)
    book = reverse(
        "events:interview_book", args=[exhibitor.event.slug, exhibitor.company.slug, slot.pk]
    )
    with committed():
        response = client.post(book)
    assert response["Location"] == _booth_url(exhibitor)
    slot.refresh_from_db()
    assert slot.candidate == candidate
    assert len(mailoutbox) == 1
    assert "Your interview:" in client.get(_booth_url(exhibitor)).content.decode()
    assert (
        "Booth D4"
        in client.get(reverse("events:my_fair", args=[exhibitor.event.slug])).content.decode()
    )

    response = client.post(reverse("events:interview_cancel", args=[exhibitor.event.slug, slot.pk]))
    assert "Your interview was cancelled." in messages_of(response)
    slot.refresh_from_db()
    assert slot.candidate is None


def test_booking_without_a_ticket_or_a_taken_slot_is_a_clear_message(client, exhibitor):
    slot = factories.InterviewSlotFactory(exhibitor=exhibitor)
    url = reverse(
        "events:interview_book", args=[exhibitor.event.slug, exhibitor.company.slug, slot.pk]
    )
    client.force_login(factories.CandidateFactory())
    assert "Register for the event before booking an interview." in messages_of(client.post(url))
    slot.candidate = factories.RegistrationFactory(event=exhibitor.event).candidate
    slot.booked_at = timezone.now()
    slot.save()
    client.force_login(factories.RegistrationFactory(event=exhibitor.event).candidate)
    assert any("Someone has just booked" in m for m in messages_of(client.post(url)))


@pytest.mark.django_db(transaction=True)
def test_four_simultaneous_booking_requests_at_one_booth_book_one_slot():
    """Four browser tabs posting at once: one booking, three clear messages, no 500."""
    exhibitor = factories.ApprovedExhibitorFactory()
    slots = [factories.InterviewSlotFactory(exhibitor=exhibitor, index=i) for i in range(4)]
    candidate = factories.RegistrationFactory(event=exhibitor.event).candidate

    def book(slot):
        tab = Client()
        tab.force_login(candidate)
        url = reverse(
            "events:interview_book", args=[exhibitor.event.slug, exhibitor.company.slug, slot.pk]
        )
        response = tab.post(url)
        return response.status_code, messages_of(response)

    results = race(*[lambda s=s: book(s) for s in slots])

    assert [status for status, _ in results] == [302] * 4, results
    said = sorted(message for _, shown in results for message in shown)
    assert said == sorted(
        ["Interview booked. We have emailed you the details."]
        + ["You already have an interview at this booth."] * 3
    )
    assert InterviewSlot.objects.filter(candidate=candidate).count() == 1


def test_someone_elses_booking_cannot_be_cancelled(client, exhibitor):
    owner = factories.RegistrationFactory(event=exhibitor.event).candidate
    slot = factories.InterviewSlotFactory(
        exhibitor=exhibitor, candidate=owner, booked_at=timezone.now()
    )
    client.force_login(factories.CandidateFactory())
    url = reverse("events:interview_cancel", args=[exhibitor.event.slug, slot.pk])
    assert client.post(url).status_code == 404
    slot.refresh_from_db()
    assert slot.candidate == owner


def test_a_slot_of_another_booth_is_404(client, exhibitor, candidate):
    other = factories.InterviewSlotFactory()
    client.force_login(candidate)
    url = reverse(
        "events:interview_book", args=[exhibitor.event.slug, exhibitor.company.slug, other.pk]
    )
    assert client.post(url).status_code == 404


def test_candidate_only_actions(client, exhibitor):
    slot = factories.InterviewSlotFactory(exhibitor=exhibitor)
    slug, company = exhibitor.event.slug, exhibitor.company.slug
    urls = [
        reverse("events:interview_book", args=[slug, company, slot.pk]),
        reverse("events:interview_cancel", args=[slug, slot.pk]),
        reverse("events:booth_drop", args=[slug, company]),
        reverse("events:booth_drop_withdraw", args=[slug, company]),
    ]
    for url in urls:
        response = client.post(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    assert (
        reverse("account_login") in client.get(reverse("events:my_fair", args=[slug]))["Location"]
    )
    client.force_login(factories.CompanyMemberFactory(company=exhibitor.company).user)
    for url in urls:
        assert client.post(url).status_code == 403
    assert client.get(_booth_url(exhibitor)).status_code == 200


def test_drop_a_cv_then_replace_then_withdraw(client, exhibitor, candidate):
    cv = factories.CVFactory(owner=candidate)
    client.force_login(candidate)
    url = reverse("events:booth_drop", args=[exhibitor.event.slug, exhibitor.company.slug])
    response = client.post(url, {"cv": cv.pk, "message": "Hello from the fair"})
    assert any("Kowloon Robotics can now see" in m for m in messages_of(response))
    assert BoothDrop.objects.get().cv == cv

    client.post(url, {"cv": "", "message": "Profile only now"})
    drop = BoothDrop.objects.get()
    assert drop.cv is None
    assert drop.message == "Profile only now"

    client.post(
        reverse("events:booth_drop_withdraw", args=[exhibitor.event.slug, exhibitor.company.slug])
    )
    assert not BoothDrop.objects.exists()


def test_dropping_another_persons_cv_is_refused(client, exhibitor, candidate):
    client.force_login(candidate)
    url = reverse("events:booth_drop", args=[exhibitor.event.slug, exhibitor.company.slug])
    response = client.post(url, {"cv": factories.CVFactory().pk})
    assert response.status_code == 302
    assert messages_of(response)  # the form refuses a CV that is not in the list
    assert not BoothDrop.objects.exists()


def test_withdrawing_without_a_drop_is_404(client, exhibitor, candidate):
    factories.BoothDropFactory(exhibitor=exhibitor)  # someone else's
    client.force_login(candidate)
    url = reverse("events:booth_drop_withdraw", args=[exhibitor.event.slug, exhibitor.company.slug])
    assert client.post(url).status_code == 404
    assert BoothDrop.objects.count() == 1


def test_the_cv_is_visible_to_the_exhibitor_through_a_drop_only(client, exhibitor):
    drop = factories.BoothDropFactory(exhibitor=exhibitor)
    url = drop.cv.download_url
    client.force_login(factories.CompanyMemberFactory(company=exhibitor.company).user)
    assert client.get(url).status_code == 200
    client.force_login(factories.CompanyMemberFactory().user)
    assert client.get(url).status_code == 404
    drop.delete()
    client.force_login(factories.CompanyMemberFactory(company=exhibitor.company).user)
    assert client.get(url).status_code == 404


# --- applying from a booth -------------------------------------------------------------------


def test_applying_from_a_booth_records_the_fair(client, exhibitor, candidate):
    job = exhibitor.featured_jobs.get()
    cv = factories.CVFactory(owner=candidate)
    client.force_login(candidate)
    url = reverse("applications:apply", args=[job.pk]) + f"?from_event={exhibitor.event.slug}"
    assert exhibitor.event.title in client.get(url).content.decode()
    response = client.post(url, {"cv": cv.pk})
    assert response.status_code == 302
    assert Application.objects.get().source_event == exhibitor.event


@pytest.mark.parametrize("case", ["unknown", "not_featured", "unpublished"])
def test_a_bogus_from_event_is_ignored(client, exhibitor, candidate, case):
    job = exhibitor.featured_jobs.get()
    slug = {
        "unknown": "no-such-fair",
        "not_featured": factories.ApprovedExhibitorFactory(company=exhibitor.company).event.slug,
        "unpublished": exhibitor.event.slug,
    }[case]
    if case == "unpublished":
        exhibitor.event.is_published = False
        exhibitor.event.save()
    cv = factories.CVFactory(owner=candidate)
    client.force_login(candidate)
    url = reverse("applications:apply", args=[job.pk]) + f"?from_event={slug}"
    assert client.post(url, {"cv": cv.pk}).status_code == 302
    assert Application.objects.get().source_event is None


def test_past_events_show_no_bookable_slots(client, exhibitor, candidate):
    start = timezone.now() - datetime.timedelta(hours=1)
    factories.InterviewSlotFactory(
        exhibitor=exhibitor, starts_at=start, ends_at=start + datetime.timedelta(minutes=15)
    )
    client.force_login(candidate)
    assert "/book/" not in client.get(_booth_url(exhibitor)).content.decode()


def test_a_drop_shares_only_its_cv_and_a_new_choice_replaces_it(client, exhibitor, candidate):
    first = factories.CVFactory(owner=candidate, original_name="First.pdf")
    second = factories.CVFactory(owner=candidate, is_default=False, original_name="Second.pdf")
    drop_url = reverse("events:booth_drop", args=[exhibitor.event.slug, exhibitor.company.slug])
    team = factories.CompanyMemberFactory(company=exhibitor.company).user
    client.force_login(candidate)
    client.post(drop_url, {"cv": first.pk, "message": ""})

    client.force_login(team)
    assert client.get(first.download_url).status_code == 200
    assert client.get(second.download_url).status_code == 404  # never sent

    client.force_login(candidate)
    client.post(drop_url, {"cv": second.pk, "message": ""})  # changes their mind
    client.force_login(team)
    assert client.get(first.download_url).status_code == 404
    assert client.get(second.download_url).status_code == 200

    client.force_login(candidate)
    withdraw = reverse(
        "events:booth_drop_withdraw", args=[exhibitor.event.slug, exhibitor.company.slug]
    )
    client.post(withdraw)
    client.force_login(team)
    assert client.get(second.download_url).status_code == 404
