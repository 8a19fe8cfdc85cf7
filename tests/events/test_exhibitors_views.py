"""The company's fair pages and the staff admin for exhibitors."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Exhibitor, InterviewSlot
from tests import factories
from tests.helpers import messages_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return factories.EventFactory(exhibitor_registration_open=True)


@pytest.fixture
def member():
    return factories.CompanyAdminFactory(company=factories.VerifiedCompanyFactory())


@pytest.fixture
def exhibitor(event, member):
    return factories.ApprovedExhibitorFactory(event=event, company=member.company, booth="C3")


def _employer_urls(exhibitor, slot_pk=1, drop_pk=1):
    slug = exhibitor.event.slug
    return [
        ("get", reverse("events:fair_dashboard", args=[slug])),
        ("get", reverse("events:exhibitor_edit", args=[slug])),
        ("post", reverse("events:exhibitor_withdraw", args=[slug])),
        ("post", reverse("events:slot_series", args=[slug])),
        ("post", reverse("events:slot_delete", args=[slug, slot_pk])),
        ("post", reverse("events:slot_cancel", args=[slug, slot_pk])),
        ("post", reverse("events:slot_outcome", args=[slug, slot_pk])),
        ("get", reverse("events:drop_detail", args=[slug, drop_pk])),
    ]


def test_every_employer_url_is_404_for_another_company(client, exhibitor):
    slot = factories.InterviewSlotFactory(exhibitor=exhibitor)
    drop = factories.BoothDropFactory(exhibitor=exhibitor)
    client.force_login(factories.CompanyAdminFactory().user)
    for method, url in _employer_urls(exhibitor, slot.pk, drop.pk):
        assert getattr(client, method)(url).status_code == 404, url
    assert InterviewSlot.objects.filter(pk=slot.pk).exists()


def test_a_slot_or_drop_of_another_booth_is_404_even_for_an_exhibitor(client, exhibitor, member):
    other_slot = factories.InterviewSlotFactory(
        exhibitor=factories.ApprovedExhibitorFactory(event=exhibitor.event)
    )
    other_drop = factories.BoothDropFactory(exhibitor=other_slot.exhibitor)
    client.force_login(member.user)
    for method, url in _employer_urls(exhibitor, other_slot.pk, other_drop.pk)[4:]:
        assert getattr(client, method)(url).status_code == 404, url


def test_candidates_get_403_and_visitors_sign_in(client, exhibitor):
    urls = [("get", reverse("events:fair_list")), *_employer_urls(exhibitor)]
    urls.append(("get", reverse("events:exhibitor_apply", args=[exhibitor.event.slug])))
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    client.force_login(factories.CandidateFactory())
    for method, url in urls:
        assert getattr(client, method)(url).status_code == 403, url


def test_the_fair_list_shows_open_events_and_own_booths(
    client, member, exhibitor, django_assert_num_queries
):
    other_open = factories.EventFactory(exhibitor_registration_open=True, title="Fintech Day")
    factories.EventFactory(exhibitor_registration_open=False, title="Closed Expo")
    for _ in range(3):
        factories.ExhibitorFactory(company=member.company)
    client.force_login(member.user)
    # session, user, membership, the company's exhibitions, the open events
    # +1: the header's unread-notification count (cold cache in tests).
    with django_assert_num_queries(6):
        response = client.get(reverse("events:fair_list"))
    html = response.content.decode()
    assert other_open.title in html
    assert "Closed Expo" not in html
    assert exhibitor.event.title in html
    assert "C3" in html
    assert reverse("events:exhibitor_apply", args=[other_open.slug]) in html


def test_apply_to_exhibit(client, event, member):
    job = factories.PublishedJobFactory(company=member.company, title="Robot Whisperer")
    foreign = factories.PublishedJobFactory(title="Someone Else's Job")
    client.force_login(member.user)
    url = reverse("events:exhibitor_apply", args=[event.slug])
    page = client.get(url).content.decode()
    assert "Robot Whisperer" in page
    assert "Someone Else" not in page

    response = client.post(url, {"featured_jobs": [foreign.pk], "pitch": "x"})
    assert response.status_code == 400
    assert not Exhibitor.objects.exists()

    response = client.post(
        url,
        {
            "featured_jobs": [job.pk],
            "attendees": [member.user.pk],
            "pitch": "Come and see us",
            "contact_email": "fair@example.com",
        },
    )
    assert response.status_code == 302
    exhibitor = Exhibitor.objects.get()
    assert exhibitor.status == "pending"
    assert list(exhibitor.featured_jobs.all()) == [job]
    # Applying again leads to the existing booth.
    assert client.get(url)["Location"] == reverse("events:fair_dashboard", args=[event.slug])


def test_an_unverified_company_is_told_and_nothing_is_created(client, event):
    member = factories.CompanyAdminFactory(company=factories.CompanyFactory())
    client.force_login(member.user)
    response = client.post(reverse("events:exhibitor_apply", args=[event.slug]), {"pitch": "x"})
    assert response.status_code == 400
    assert "verified" in response.content.decode()
    assert not Exhibitor.objects.exists()


def test_an_event_not_taking_exhibitors_is_404(client, member):
    event = factories.EventFactory(exhibitor_registration_open=False)
    client.force_login(member.user)
    assert client.get(reverse("events:exhibitor_apply", args=[event.slug])).status_code == 404


def test_edit_and_withdraw_a_pending_application(client, event, member):
    pending = factories.ExhibitorFactory(event=event, company=member.company)
    client.force_login(member.user)
    response = client.post(
        reverse("events:exhibitor_edit", args=[event.slug]), {"pitch": "Better words"}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.pitch == "Better words"
    response = client.post(reverse("events:exhibitor_withdraw", args=[event.slug]))
    assert response["Location"] == reverse("events:fair_list")
    assert not Exhibitor.objects.exists()


def test_an_approved_booth_cannot_be_withdrawn_by_the_company(client, exhibitor, member):
    client.force_login(member.user)
    response = client.post(reverse("events:exhibitor_withdraw", args=[exhibitor.event.slug]))
    assert "pending" in " ".join(messages_of(response))
    assert Exhibitor.objects.filter(pk=exhibitor.pk).exists()


def test_the_fair_dashboard(client, exhibitor, member, django_assert_num_queries):
    job = factories.PublishedJobFactory(company=member.company, title="Featured Role")
    exhibitor.featured_jobs.add(job)
    drops = [factories.BoothDropFactory(exhibitor=exhibitor) for _ in range(3)]
    factories.BoothDropFactory(exhibitor=exhibitor, cv=None)
    for index in range(3):
        factories.InterviewSlotFactory(
            exhibitor=exhibitor,
            index=index,
            candidate=factories.RegistrationFactory(event=exhibitor.event).candidate,
            booked_at=timezone.now(),
        )
    factories.ApplicationFactory(job=job, source_event=exhibitor.event)
    client.force_login(member.user)
    # +1: the header's unread-notification count (cold cache in tests).
    with django_assert_num_queries(10):
        response = client.get(reverse("events:fair_dashboard", args=[exhibitor.event.slug]))
    html = response.content.decode()
    assert "Featured Role" in html
    assert "Booth C3" in html
    for drop in drops:
        assert drop.cv.download_url in html
        assert drop.candidate.name in html
    assert "3 of 3 slots booked" in html
    assert "Profile only" in html


def test_the_fair_dashboard_counts_bookings_against_the_slots(client, exhibitor, member):
    # "1 of 3 slots booked", not "1 of 3 slot booked": the plural follows the slots.
    for index in range(3):
        factories.InterviewSlotFactory(exhibitor=exhibitor, index=index)
    slot = exhibitor.interview_slots.first()
    slot.candidate = factories.RegistrationFactory(event=exhibitor.event).candidate
    slot.booked_at = timezone.now()
    slot.save()
    client.force_login(member.user)
    html = client.get(reverse("events:fair_dashboard", args=[exhibitor.event.slug])).text
    assert "1 of 3 slots booked." in html


@pytest.mark.parametrize("prefix", ["", "/zh-hant", "/zh-hans"])
def test_the_slot_form_s_date_input_holds_an_iso_date_in_every_language(
    client, exhibitor, member, prefix
):
    # A browser's <input type="date"> shows nothing for "2027/01/21" (the Chinese format).
    client.force_login(member.user)
    html = client.get(f"{prefix}/employer/fairs/{exhibitor.event.slug}/").text
    day = timezone.localtime(exhibitor.event.starts_at).date().isoformat()
    assert f'<input type="date" name="day" value="{day}"' in html


def test_publish_slots_from_the_dashboard(client, exhibitor, member):
    client.force_login(member.user)
    start = timezone.localtime(exhibitor.event.starts_at).replace(
        minute=0, second=0, microsecond=0
    ) + datetime.timedelta(hours=1)
    data = {
        "day": start.date().isoformat(),
        "start": start.strftime("%H:%M"),
        "end": (start + datetime.timedelta(hours=1)).strftime("%H:%M"),
        "minutes": 15,
        "mode": "booth",
    }
    url = reverse("events:slot_series", args=[exhibitor.event.slug])
    response = client.post(url, data)
    assert "4 interview slots published." in messages_of(response)
    response = client.post(url, data)
    assert "These slots overlap slots you have already published." in messages_of(response)
    response = client.post(url, {**data, "mode": "online"})
    assert "Online interviews need a meeting link." in messages_of(response)
    assert InterviewSlot.objects.count() == 4


def test_delete_cancel_and_record_outcomes(client, exhibitor, member, mailoutbox, committed):
    free = factories.InterviewSlotFactory(exhibitor=exhibitor, index=0)
    candidate = factories.RegistrationFactory(event=exhibitor.event).candidate
    booked = factories.InterviewSlotFactory(
        exhibitor=exhibitor, index=1, candidate=candidate, booked_at=timezone.now()
    )
    slug = exhibitor.event.slug
    client.force_login(member.user)
    client.post(reverse("events:slot_delete", args=[slug, free.pk]))
    assert not InterviewSlot.objects.filter(pk=free.pk).exists()
    response = client.post(reverse("events:slot_delete", args=[slug, booked.pk]))
    assert "cancel the booking first" in " ".join(messages_of(response))

    response = client.post(
        reverse("events:slot_outcome", args=[slug, booked.pk]), {"outcome": "held"}
    )
    assert "started" in " ".join(messages_of(response))

    with committed():
        client.post(reverse("events:slot_cancel", args=[slug, booked.pk]))
    booked.refresh_from_db()
    assert booked.candidate is None
    assert [m.to for m in mailoutbox] == [[candidate.email]]

    start = timezone.now() - datetime.timedelta(minutes=30)
    past = factories.InterviewSlotFactory(
        exhibitor=exhibitor,
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=15),
        candidate=candidate,
        booked_at=start - datetime.timedelta(days=1),
    )
    response = client.post(
        reverse("events:slot_outcome", args=[slug, past.pk]),
        {"outcome": "offer", "note": "Great fit"},
    )
    assert "Outcome saved." in messages_of(response)
    past.refresh_from_db()
    assert (past.outcome, past.outcome_note) == ("offer", "Great fit")


def test_the_drop_page_shows_the_profile_summary(client, exhibitor, member):
    profile = factories.CandidateProfileFactory(headline="FPGA engineer", summary="I build chips.")
    drop = factories.BoothDropFactory(exhibitor=exhibitor, candidate=profile.user, message="Hello")
    client.force_login(member.user)
    response = client.get(reverse("events:drop_detail", args=[exhibitor.event.slug, drop.pk]))
    html = response.content.decode()
    assert "FPGA engineer" in html
    assert "I build chips." in html
    assert "Hello" in html
    assert drop.cv.download_url in html
    # ... and the CV opens for the company through the drop.
    assert client.get(drop.cv.download_url).status_code == 200


def test_the_company_dashboard_links_to_fairs(client, member):
    client.force_login(member.user)
    html = client.get(reverse("companies:dashboard")).content.decode()
    assert reverse("events:fair_list") in html


# --- the staff admin ---------------------------------------------------------------------------


def test_staff_approve_in_the_admin_with_a_reason(client, superuser, mailoutbox, committed):
    exhibitor = factories.ExhibitorFactory()
    factories.CompanyAdminFactory(company=exhibitor.company)
    client.force_login(superuser)
    url = reverse("admin:events_exhibitor_changelist")
    page = client.post(url, {"action": "approve", "_selected_action": [exhibitor.pk]})
    assert page.status_code == 200
    assert b"Reason given to the company" in page.content
    with committed():
        response = client.post(
            url,
            {
                "action": "approve",
                "_selected_action": [exhibitor.pk],
                "apply": "1",
                "reason": "See you there.",
            },
        )
    assert response.status_code == 302
    exhibitor.refresh_from_db()
    assert exhibitor.status == "approved"
    assert exhibitor.decision_reason == "See you there."
    assert len(mailoutbox) == 1


def test_staff_decline_needs_a_reason_in_the_admin(client, superuser):
    exhibitor = factories.ExhibitorFactory()
    client.force_login(superuser)
    url = reverse("admin:events_exhibitor_changelist")
    data = {"action": "decline", "_selected_action": [exhibitor.pk], "apply": "1", "reason": ""}
    assert client.post(url, data).status_code == 200  # the form again, with the error
    exhibitor.refresh_from_db()
    assert exhibitor.status == "pending"
    client.post(url, {**data, "reason": "Full."})
    exhibitor.refresh_from_db()
    assert exhibitor.status == "declined"


def test_booth_numbers_edited_in_the_list_refuse_a_duplicate(client, superuser):
    first = factories.ApprovedExhibitorFactory(booth="A1")
    second = factories.ApprovedExhibitorFactory(event=first.event, booth="A2")
    client.force_login(superuser)
    url = reverse("admin:events_exhibitor_changelist") + f"?event__id__exact={first.event.pk}"
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-id": first.pk,
        "form-0-booth": "A1",
        "form-1-id": second.pk,
        "form-1-booth": "A1",
        "_save": "Save",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Another exhibitor already has this booth." in response.content.decode()
    second.refresh_from_db()
    assert second.booth == "A2"

    response = client.post(url, {**data, "form-1-booth": "B7"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.booth == "B7"


def test_admin_lists_of_slots_and_drops_open(client, superuser):
    factories.InterviewSlotFactory()
    factories.BoothDropFactory()
    client.force_login(superuser)
    for name in ("interviewslot", "boothdrop", "exhibitor"):
        assert client.get(reverse(f"admin:events_{name}_changelist")).status_code == 200


def test_the_exhibitor_change_form_saves_a_booth_through_the_service(client, superuser):
    exhibitor = factories.ApprovedExhibitorFactory(booth="")
    exhibitor.featured_jobs.add(factories.PublishedJobFactory(company=exhibitor.company))
    taken = factories.ApprovedExhibitorFactory(event=exhibitor.event, booth="Z9")
    client.force_login(superuser)
    url = reverse("admin:events_exhibitor_change", args=[exhibitor.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert reverse("events:event_report", args=[exhibitor.event.slug]) in client.get(
        reverse("admin:events_exhibitor_changelist")
    ).content.decode("utf-8")
    data = {"booth": "Z9", "pitch": "Hello", "contact_email": ""}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Another exhibitor already has this booth." in response.content.decode()
    assert client.post(url, {**data, "booth": "Z8"}).status_code == 302
    exhibitor.refresh_from_db()
    taken.refresh_from_db()
    assert (exhibitor.booth, exhibitor.pitch, taken.booth) == ("Z8", "Hello", "Z9")
