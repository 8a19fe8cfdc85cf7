"""The event pages, registering from them, tickets, .ics, sessions and "My events"."""

import datetime
import re

import pytest
import segno
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Registration
from events.tickets import ticket_qr_svg
from hkstp_portal.vocabulary import WorkEligibility
from tests import factories
from tests.helpers import messages_of

pytestmark = pytest.mark.django_db
Status = Registration.Status


def _detail(event):
    return reverse("events:event_detail", args=[event.slug])


def _session(event, **fields):
    return event.sessions.create(
        title=fields.pop("title", "Personal branding workshop"),
        starts_at=fields.pop("starts_at", event.starts_at + datetime.timedelta(hours=1)),
        ends_at=fields.pop("ends_at", event.starts_at + datetime.timedelta(hours=2)),
        **fields,
    )


# --- The list --------------------------------------------------------------------------------


def test_the_list_shows_upcoming_published_events_with_places(client):
    now = timezone.now()
    upcoming = factories.EventFactory(title="AI in Action", capacity=10)
    factories.RegistrationFactory(event=upcoming)
    factories.EventFactory(title="Secret draft", is_published=False)
    factories.EventFactory(
        title="Last year's expo",
        starts_at=now - datetime.timedelta(days=30),
        ends_at=now - datetime.timedelta(days=29),
    )
    html = client.get(reverse("events:event_list")).content.decode()
    assert "AI in Action" in html
    assert "9 places left" in html
    assert "Secret draft" not in html
    assert "Last year" not in html


def test_the_list_filters_by_kind_and_theme(client):
    factories.EventFactory(title="AI day", kind=Event.Kind.THEMED_CAREER_DAY, theme="ai")
    factories.EventFactory(title="Fintech day", kind=Event.Kind.THEMED_CAREER_DAY, theme="fintech")
    factories.EventFactory(title="General fair", kind=Event.Kind.RECRUITMENT_FAIR, theme="")
    url = reverse("events:event_list")
    html = client.get(url, {"kind": "themed_career_day", "theme": "ai"}).content.decode()
    assert "AI day" in html
    assert "Fintech day" not in html
    assert "General fair" not in html
    html = client.get(url, {"theme": "general"}).content.decode()
    assert "General fair" in html
    assert "AI day" not in html
    # An unknown value is ignored, not an error.
    response = client.get(url, {"kind": "rave"})
    assert response.status_code == 200
    assert "AI day" in response.content.decode()


def test_a_full_event_says_waitlist_open(client):
    event = factories.EventFactory(title="Small workshop", capacity=1)
    factories.RegistrationFactory(event=event)
    assert "Full: waitlist open" in client.get(reverse("events:event_list")).content.decode()


def test_the_list_takes_the_same_queries_for_2_or_20_events(client, django_assert_num_queries):
    for _ in range(2):
        factories.RegistrationFactory(event=factories.EventFactory())
    with django_assert_num_queries(1):
        client.get(reverse("events:event_list"))
    for _ in range(18):
        factories.RegistrationFactory(event=factories.EventFactory())
    with django_assert_num_queries(1):
        response = client.get(reverse("events:event_list"))
    assert response.content.decode().count('class="card event-card"') == 20


def test_the_home_page_links_to_the_events(client):
    event = factories.EventFactory(title="AI in Action")
    html = client.get(reverse("home")).content.decode()
    assert _detail(event) in html
    assert reverse("events:event_list") in html


# --- The event page --------------------------------------------------------------------------


def test_the_page_is_in_the_visitors_language_with_fallback(client):
    event = factories.EventFactory(
        title="Top Talent Fair",
        title_zh="高端人才招聘會",
        description="Meet 40 companies.",
        description_zh="",
        description_zh_hans="与四十家公司见面。",
    )
    url = _detail(event)  # a request leaves its language active: reverse once, in English
    html = client.get("/zh-hant" + url).content.decode()
    assert "高端人才招聘會" in html
    assert "与四十家公司见面。" in html  # no Traditional text: the Simplified one before English
    html = client.get("/zh-hans" + url).content.decode()
    assert "高端人才招聘會" in html  # no Simplified title: the Traditional one
    html = client.get(url).content.decode()
    assert "Top Talent Fair" in html
    assert "Meet 40 companies." in html


def test_the_page_shows_time_in_hong_kong_venue_audience_partners_and_sessions(client):
    starts = datetime.datetime(2031, 3, 14, 2, 0, tzinfo=datetime.UTC)  # 10:00 in Hong Kong
    event = factories.EventFactory(
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=7),
        venue="Charles K. Kao Auditorium",
        audience=Event.Audience.UNIVERSITIES,
        audience_universities=["HKUST", "CityU"],
        partners=["HKUST Career Centre"],
    )
    _session(event, title="Talent show", room="Lecture Theatre 1", speakers="Dr Lam\nMs Ho")
    html = client.get(_detail(event)).content.decode()
    assert "10:00" in html
    assert "17:00" in html
    assert "Hong Kong time" in html
    assert "Charles K. Kao Auditorium" in html
    assert "HKUST" in html
    assert "CityU" in html
    assert "HKUST Career Centre" in html
    assert "Talent show" in html
    assert "Lecture Theatre 1" in html


def test_unpublished_or_unknown_events_are_404(client):
    draft = factories.EventFactory(is_published=False)
    assert client.get(_detail(draft)).status_code == 404
    assert client.get("/events/no-such-event/").status_code == 404


def test_anonymous_visitors_are_asked_to_sign_in(client):
    event = factories.EventFactory()
    html = client.get(_detail(event)).content.decode()
    assert "Sign in to register" in html


def test_the_button_says_register_when_open(client, candidate):
    event = factories.EventFactory()
    client.force_login(candidate)
    html = client.get(_detail(event)).content.decode()
    assert reverse("events:register", args=[event.slug]) in html
    assert ">Register<" in html


def test_the_button_says_when_registration_opens(client, candidate):
    event = factories.EventFactory(
        registration_opens_at=timezone.now() + datetime.timedelta(days=3)
    )
    client.force_login(candidate)
    html = client.get(_detail(event)).content.decode()
    assert "Registration opens on" in html
    assert reverse("events:register", args=[event.slug]) not in html


def test_the_button_says_closed(client, candidate):
    now = timezone.now()
    event = factories.EventFactory(
        registration_opens_at=now - datetime.timedelta(days=3),
        registration_closes_at=now - datetime.timedelta(days=1),
    )
    client.force_login(candidate)
    assert "Registration is closed." in client.get(_detail(event)).content.decode()


def test_the_button_offers_the_waitlist_when_full(client, candidate):
    event = factories.EventFactory(capacity=1)
    factories.RegistrationFactory(event=event)
    client.force_login(candidate)
    assert "Join the waitlist" in client.get(_detail(event)).content.decode()
    event.waitlist_enabled = False
    event.save()
    assert "This event is full." in client.get(_detail(event)).content.decode()


def test_a_registered_candidate_sees_the_ticket_link_and_the_stream(client):
    event = factories.EventFactory(
        format=Event.Format.HYBRID, stream_url="https://stream.example.com/ai-day"
    )
    registration = factories.RegistrationFactory(event=event)
    client.force_login(registration.candidate)
    html = client.get(_detail(event)).content.decode()
    assert "You are registered." in html
    assert reverse("events:ticket", args=[event.slug]) in html
    assert "https://stream.example.com/ai-day" in html


def test_the_stream_link_is_only_for_registered_people(client, candidate):
    event = factories.EventFactory(
        format=Event.Format.HYBRID, stream_url="https://stream.example.com/ai-day"
    )
    factories.WaitlistedRegistrationFactory(event=event, candidate=candidate)
    assert "stream.example.com" not in client.get(_detail(event)).content.decode()
    client.force_login(candidate)
    html = client.get(_detail(event)).content.decode()
    assert "stream.example.com" not in html
    assert "You are number 1 on the waitlist." in html


def test_recordings_show_after_a_session(client):
    now = timezone.now()
    event = factories.EventFactory(
        starts_at=now - datetime.timedelta(days=2), ends_at=now - datetime.timedelta(days=1)
    )
    _session(event, recording_url="https://video.example.com/talk-1")
    upcoming = factories.EventFactory()
    _session(upcoming, recording_url="https://video.example.com/not-yet")
    assert "video.example.com/talk-1" in client.get(_detail(event)).content.decode()
    assert "not-yet" not in client.get(_detail(upcoming)).content.decode()


# --- Registering -----------------------------------------------------------------------------


def test_register_then_land_on_the_ticket(client, candidate):
    event = factories.EventFactory()
    client.force_login(candidate)
    response = client.post(reverse("events:register", args=[event.slug]))
    assert response.status_code == 302
    assert response["Location"] == reverse("events:ticket", args=[event.slug])
    assert Registration.objects.get(event=event, candidate=candidate).status == Status.CONFIRMED


def test_registering_twice_from_the_page_says_so(client):
    registration = factories.RegistrationFactory()
    client.force_login(registration.candidate)
    response = client.post(reverse("events:register", args=[registration.event.slug]))
    assert messages_of(response) == ["You are already registered for this event."]
    assert Registration.objects.count() == 1


def test_a_refused_registration_is_a_clear_message(client):
    event = factories.EventFactory(audience=Event.Audience.TTPS)
    candidate = factories.CandidateProfileFactory(eligibility=WorkEligibility.HK_PERMANENT).user
    client.force_login(candidate)
    response = client.post(reverse("events:register", args=[event.slug]))
    assert response.status_code == 302
    assert "Top Talent Pass Scheme" in messages_of(response)[0]
    assert not Registration.objects.exists()


def test_a_full_event_puts_the_candidate_on_the_waitlist(client, candidate):
    event = factories.EventFactory(capacity=1)
    factories.RegistrationFactory(event=event)
    client.force_login(candidate)
    response = client.post(reverse("events:register", args=[event.slug]))
    assert response["Location"] == _detail(event)
    assert "number 1 on the waitlist" in messages_of(response)[0]


def test_register_is_post_only_and_for_candidates(client, employer):
    event = factories.EventFactory()
    url = reverse("events:register", args=[event.slug])
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(employer)
    assert client.post(url).status_code == 403
    client.force_login(factories.CandidateFactory())
    assert client.get(url).status_code == 405
    assert not Registration.objects.exists()


def test_cancel_frees_the_place_for_the_waitlist(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    event = factories.EventFactory(capacity=1)
    holder = factories.RegistrationFactory(event=event)
    waiting = factories.WaitlistedRegistrationFactory(event=event)
    client.force_login(holder.candidate)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:cancel", args=[event.slug]))
    assert messages_of(response) == ["Your registration is cancelled."]
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert mailoutbox[0].to == [waiting.candidate.email]
    client.force_login(waiting.candidate)
    html = client.get(_detail(event)).content.decode()
    assert "A place is free for you" in html
    response = client.post(reverse("events:offer_accept", args=[event.slug]))
    assert response["Location"] == reverse("events:ticket", args=[event.slug])
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_cancel_or_confirm_without_a_registration_is_404(client, candidate):
    event = factories.EventFactory()
    factories.RegistrationFactory(event=event)  # someone else's
    client.force_login(candidate)
    assert client.post(reverse("events:cancel", args=[event.slug])).status_code == 404
    assert client.post(reverse("events:offer_accept", args=[event.slug])).status_code == 404


def test_a_refused_offer_acceptance_is_a_message(client):
    waiting = factories.WaitlistedRegistrationFactory()
    client.force_login(waiting.candidate)
    response = client.post(reverse("events:offer_accept", args=[waiting.event.slug]))
    assert messages_of(response) == ["No place is being offered to you for this event."]


# --- The ticket ------------------------------------------------------------------------------


def test_the_ticket_shows_the_qr_and_the_grouped_code(client):
    registration = factories.RegistrationFactory(event__venue="Conference Hall")
    client.force_login(registration.candidate)
    response = client.get(reverse("events:ticket", args=[registration.event.slug]))
    html = response.content.decode()
    code = registration.code
    assert response.status_code == 200
    assert f"{code[:4]}-{code[4:]}" in html
    assert ticket_qr_svg(code) in html
    assert "Conference Hall" in html
    assert reverse("events:ticket_ics", args=[registration.event.slug]) in html


def test_the_qr_code_holds_the_ticket_code_and_nothing_else():
    registration = factories.RegistrationFactory(candidate__name="Chan Tai Man")
    svg = ticket_qr_svg(registration.code)
    # The same symbol segno makes from the bare code: no name, no email, no URL inside.
    expected = segno.make_qr(registration.code, error="m")
    assert svg == expected.svg_inline(
        scale=8, border=2, title=f"{registration.code[:4]}-{registration.code[4:]}"
    )
    assert expected.mode == "alphanumeric"
    assert expected.version <= 2
    assert "Chan" not in svg
    assert registration.candidate.email not in svg


def test_another_candidates_ticket_is_404(client, candidate):
    registration = factories.RegistrationFactory()
    client.force_login(candidate)
    for name in ("ticket", "ticket_ics"):
        assert (
            client.get(reverse(f"events:{name}", args=[registration.event.slug])).status_code == 404
        )


@pytest.mark.parametrize("name", ["ticket", "ticket_ics", "my_events"])
def test_tickets_need_a_candidate_login(client, employer, name):
    event = factories.EventFactory()
    url = reverse(f"events:{name}", args=[] if name == "my_events" else [event.slug])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(employer)
    assert client.get(url).status_code == 403


def test_a_cancelled_registration_has_no_ticket(client):
    cancelled = factories.CancelledRegistrationFactory()
    client.force_login(cancelled.candidate)
    assert client.get(reverse("events:ticket", args=[cancelled.event.slug])).status_code == 404


def test_a_waitlisted_registration_shows_its_position_and_no_qr(client):
    waiting = factories.WaitlistedRegistrationFactory()
    client.force_login(waiting.candidate)
    html = client.get(reverse("events:ticket", args=[waiting.event.slug])).content.decode()
    assert "number 1 on the waitlist" in html
    assert "ticket-qr" not in html


def test_the_ics_file_follows_rfc_5545(client):
    starts = datetime.datetime(2031, 3, 14, 2, 0, tzinfo=datetime.UTC)
    registration = factories.RegistrationFactory(
        event__title="AI in Action; Career Day, 2031",
        event__starts_at=starts,
        event__ends_at=starts + datetime.timedelta(hours=7),
        event__venue="Charles K. Kao Auditorium, Science Park",
    )
    event = registration.event
    client.force_login(registration.candidate)
    response = client.get(reverse("events:ticket_ics", args=[event.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="{event.slug}.ics"' in response["Content-Disposition"]
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    assert "\r\n" in body
    assert "\n" not in body.replace("\r\n", "")
    unfolded = body.replace("\r\n ", "")
    lines = unfolded.split("\r\n")
    assert "VERSION:2.0" in lines
    assert f"UID:event-{event.pk}-{registration.code}@127.0.0.1" in lines
    assert "DTSTART:20310314T020000Z" in lines
    assert "DTEND:20310314T090000Z" in lines
    assert "SUMMARY:AI in Action\\; Career Day\\, 2031" in lines
    assert any(
        line.startswith("LOCATION:Charles K. Kao Auditorium\\, Science Park") for line in lines
    )
    assert f"URL:http://testserver{_detail(event)}" in lines
    assert any(re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", line) for line in lines)
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


# --- Sessions --------------------------------------------------------------------------------


def test_a_registered_candidate_joins_and_leaves_a_session(client):
    registration = factories.RegistrationFactory()
    event = registration.event
    session = _session(event, title="Personal branding", capacity=30)
    client.force_login(registration.candidate)
    html = client.get(_detail(event)).content.decode()
    assert "Take a place" in html
    response = client.post(reverse("events:session_join", args=[event.slug, session.pk]))
    assert "You have a place in “Personal branding”." in messages_of(response)
    html = client.get(reverse("events:ticket", args=[event.slug])).content.decode()
    assert "Personal branding" in html
    response = client.post(reverse("events:session_leave", args=[event.slug, session.pk]))
    assert not session.registrations.exists()


def test_joining_a_session_without_a_place_is_a_message(client, candidate):
    event = factories.EventFactory()
    session = _session(event)
    client.force_login(candidate)
    response = client.post(reverse("events:session_join", args=[event.slug, session.pk]))
    assert messages_of(response) == ["Register for the event (with a confirmed place) first."]


def test_a_session_of_another_event_is_404(client):
    registration = factories.RegistrationFactory()
    other_session = _session(factories.EventFactory())
    client.force_login(registration.candidate)
    url = reverse("events:session_join", args=[registration.event.slug, other_session.pk])
    assert client.post(url).status_code == 404
    assert not other_session.registrations.exists()


# --- My events -------------------------------------------------------------------------------


def test_my_events_lists_only_my_registrations(client, candidate):
    mine = factories.RegistrationFactory(candidate=candidate, event__title="AI in Action")
    factories.WaitlistedRegistrationFactory(candidate=candidate, event__title="Fintech Day")
    factories.RegistrationFactory(event__title="Someone else's fair")
    client.force_login(candidate)
    html = client.get(reverse("events:my_events")).content.decode()
    assert "AI in Action" in html
    assert "Fintech Day" in html
    assert "On the waitlist" in html
    assert "Someone else" not in html
    assert reverse("events:ticket", args=[mine.event.slug]) in html
