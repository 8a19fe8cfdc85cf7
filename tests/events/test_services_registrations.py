"""Registering for events: the rules, the waitlist and its offers, sessions, reminders."""

import datetime

import pytest
from django.utils import timezone

from events.models import Event, Registration
from events.selectors import registration_waitlist_position
from events.services.registrations import (
    AlreadyRegistered,
    registration_cancel,
    registration_create,
    registration_offer_accept,
    registration_offers_expire,
    registrations_remind,
    session_cancel,
    session_register,
)
from hkstp_portal.errors import DomainError
from hkstp_portal.vocabulary import Education, WorkEligibility
from talent.models import EducationEntry
from tests import factories

pytestmark = pytest.mark.django_db
Status = Registration.Status


def _candidate(**profile):
    return factories.CandidateProfileFactory(**profile).user


# --- Registering -------------------------------------------------------------------------------


def test_a_candidate_registers_and_is_emailed_the_ticket(mailoutbox, committed):
    event = factories.EventFactory(title="AI in Action Career Day")
    candidate = factories.CandidateFactory(name="Chan Tai Man")
    with committed():
        registration = registration_create(event=event, candidate=candidate)
    assert registration.status == Status.CONFIRMED
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [candidate.email]
    assert "AI in Action Career Day" in message.subject
    code = registration.code
    assert f"{code[:4]}-{code[4:]}" in message.body
    assert f"/events/{event.slug}/ticket/" in message.body


def test_the_confirmation_is_in_the_candidates_language(mailoutbox, committed):
    event = factories.EventFactory(title="Top Talent Fair", title_zh="高端人才招聘會")
    candidate = factories.CandidateFactory(language="zh-hant")
    with committed():
        registration_create(event=event, candidate=candidate)
    assert "高端人才招聘會" in mailoutbox[0].subject
    assert f"/zh-hant/events/{event.slug}/ticket/" in mailoutbox[0].body


def test_registering_twice_is_refused_and_changes_nothing():
    registration = factories.RegistrationFactory()
    with pytest.raises(AlreadyRegistered) as exc:
        registration_create(event=registration.event, candidate=registration.candidate)
    assert exc.value.registration == registration
    assert "already registered" in str(exc.value)
    assert Registration.objects.count() == 1


def test_a_waitlisted_candidate_cannot_register_again():
    waiting = factories.WaitlistedRegistrationFactory()
    with pytest.raises(AlreadyRegistered):
        registration_create(event=waiting.event, candidate=waiting.candidate)


def test_after_cancelling_a_candidate_may_register_again():
    cancelled = factories.CancelledRegistrationFactory()
    again = registration_create(event=cancelled.event, candidate=cancelled.candidate)
    assert again.status == Status.CONFIRMED
    assert again.code != cancelled.code


def test_only_candidates_register(employer, staff):
    event = factories.EventFactory()
    for user in (employer, staff):
        with pytest.raises(DomainError, match="Only candidates"):
            registration_create(event=event, candidate=user)
    assert not Registration.objects.exists()


def test_an_unpublished_event_takes_no_registrations(candidate):
    event = factories.EventFactory(is_published=False)
    with pytest.raises(DomainError, match="not open"):
        registration_create(event=event, candidate=candidate)


def test_registration_not_open_yet(candidate):
    event = factories.EventFactory(
        registration_opens_at=timezone.now() + datetime.timedelta(days=2)
    )
    with pytest.raises(DomainError, match="Registration opens on"):
        registration_create(event=event, candidate=candidate)
    assert not Registration.objects.exists()


def test_registration_closed(candidate):
    now = timezone.now()
    event = factories.EventFactory(
        registration_opens_at=now - datetime.timedelta(days=5),
        registration_closes_at=now - datetime.timedelta(minutes=1),
    )
    with pytest.raises(DomainError, match="closed"):
        registration_create(event=event, candidate=candidate)


def test_without_a_closing_time_registration_closes_when_the_event_starts(candidate):
    now = timezone.now()
    event = factories.EventFactory(
        starts_at=now - datetime.timedelta(minutes=5), ends_at=now + datetime.timedelta(hours=3)
    )
    with pytest.raises(DomainError, match="closed"):
        registration_create(event=event, candidate=candidate)


def test_ttps_only_event_refuses_others_with_what_to_do():
    event = factories.EventFactory(audience=Event.Audience.TTPS)
    local = _candidate(eligibility=WorkEligibility.HK_PERMANENT)
    no_profile = factories.CandidateFactory()
    for candidate in (local, no_profile):
        with pytest.raises(DomainError, match="Top Talent Pass Scheme") as exc:
            registration_create(event=event, candidate=candidate)
        assert "work eligibility" in str(exc.value)
    ttps = _candidate(eligibility=WorkEligibility.TTPS)
    assert registration_create(event=event, candidate=ttps).status == Status.CONFIRMED
    assert Registration.objects.count() == 1


def test_listed_universities_match_ignoring_case_and_spaces():
    event = factories.EventFactory(
        audience=Event.Audience.UNIVERSITIES,
        audience_universities=["The Hong Kong University of Science and Technology", "CityU"],
    )
    graduate = _candidate()
    EducationEntry.objects.create(
        profile=graduate.candidate_profile,
        institution="  the hong kong university of  science and technology ",
        level=Education.BACHELOR,
        graduation_year=2026,
    )
    assert registration_create(event=event, candidate=graduate).status == Status.CONFIRMED


def test_listed_universities_refuse_others_naming_the_list():
    event = factories.EventFactory(
        audience=Event.Audience.UNIVERSITIES, audience_universities=["HKU", "CUHK"]
    )
    other = _candidate()
    EducationEntry.objects.create(
        profile=other.candidate_profile,
        institution="University of Oxford",
        level=Education.MASTER,
        graduation_year=2020,
    )
    with pytest.raises(DomainError, match="HKU; CUHK"):
        registration_create(event=event, candidate=other)
    with pytest.raises(DomainError, match="students and graduates"):
        registration_create(event=event, candidate=factories.CandidateFactory())
    assert not Registration.objects.exists()


# --- Capacity and the waitlist -----------------------------------------------------------------


def test_when_full_the_next_joins_the_waitlist_with_a_position(mailoutbox, committed):
    event = factories.EventFactory(capacity=1)
    factories.RegistrationFactory(event=event)
    with committed():
        first = registration_create(event=event, candidate=factories.CandidateFactory())
        second = registration_create(event=event, candidate=factories.CandidateFactory())
    assert (first.status, second.status) == (Status.WAITLISTED, Status.WAITLISTED)
    assert registration_waitlist_position(first) == 1
    assert registration_waitlist_position(second) == 2
    assert "waitlist" in mailoutbox[-1].subject
    assert "number 2" in mailoutbox[-1].body


def test_when_full_without_a_waitlist_registration_is_refused(candidate):
    event = factories.EventFactory(capacity=1, waitlist_enabled=False)
    factories.RegistrationFactory(event=event)
    with pytest.raises(DomainError, match="full"):
        registration_create(event=event, candidate=candidate)
    assert event.registrations.count() == 1


def test_an_offered_place_counts_as_taken(candidate):
    event = factories.EventFactory(capacity=1)
    factories.RegistrationFactory(
        event=event,
        status=Status.OFFERED,
        offer_expires_at=timezone.now() + datetime.timedelta(hours=5),
    )
    assert registration_create(event=event, candidate=candidate).status == Status.WAITLISTED


def test_cancelled_and_waitlisted_do_not_take_places(candidate):
    event = factories.EventFactory(capacity=1)
    factories.CancelledRegistrationFactory(event=event)
    factories.WaitlistedRegistrationFactory(event=event)
    assert registration_create(event=event, candidate=candidate).status == Status.CONFIRMED


def _full_event_with_queue(capacity=1, waiting=2, hours=24):
    event = factories.EventFactory(capacity=capacity, waitlist_offer_hours=hours)
    holders = [factories.RegistrationFactory(event=event) for _ in range(capacity)]
    queue = [factories.WaitlistedRegistrationFactory(event=event) for _ in range(waiting)]
    return event, holders, queue


def test_a_freed_place_is_offered_to_the_oldest_on_the_waitlist(mailoutbox, committed):
    _event, (holder,), (first, second) = _full_event_with_queue(hours=12)
    before = timezone.now()
    with committed():
        registration_cancel(registration=holder, by=holder.candidate)
    holder.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert holder.status == Status.CANCELLED
    assert holder.cancelled_at is not None
    assert first.status == Status.OFFERED
    assert before + datetime.timedelta(hours=12) <= first.offer_expires_at
    assert first.offer_expires_at <= timezone.now() + datetime.timedelta(hours=12)
    assert second.status == Status.WAITLISTED
    assert registration_waitlist_position(second) == 1
    assert [m.to for m in mailoutbox] == [[first.candidate.email]]
    assert "A place is free" in mailoutbox[0].subject


def test_an_offer_never_outlives_the_event_start():
    event, (holder,), (first, _) = _full_event_with_queue(hours=24)
    event.starts_at = timezone.now() + datetime.timedelta(hours=3)
    event.ends_at = event.starts_at + datetime.timedelta(hours=3)
    event.save()
    registration_cancel(registration=holder, by=holder.candidate)
    first.refresh_from_db()
    assert first.offer_expires_at == event.starts_at


def test_leaving_the_waitlist_offers_nothing(mailoutbox, committed):
    _event, _, (first, second) = _full_event_with_queue()
    with committed():
        registration_cancel(registration=first, by=first.candidate)
    second.refresh_from_db()
    assert second.status == Status.WAITLISTED
    assert mailoutbox == []


def test_the_offered_candidate_confirms_before_the_deadline(mailoutbox, committed):
    _event, (holder,), (first, _) = _full_event_with_queue()
    registration_cancel(registration=holder, by=holder.candidate)
    first.refresh_from_db()
    with committed():
        confirmed = registration_offer_accept(registration=first, by=first.candidate)
    assert confirmed.status == Status.CONFIRMED
    assert confirmed.offer_expires_at is None
    assert "Your ticket" in mailoutbox[-1].subject


def test_an_offer_cannot_be_confirmed_after_its_deadline():
    event = factories.EventFactory(capacity=1)
    offered = factories.RegistrationFactory(
        event=event,
        status=Status.OFFERED,
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    with pytest.raises(DomainError, match="expired"):
        registration_offer_accept(registration=offered, by=offered.candidate)
    offered.refresh_from_db()
    assert offered.status == Status.OFFERED


def test_only_the_owner_confirms_or_cancels(candidate):
    offered = factories.RegistrationFactory(
        status=Status.OFFERED, offer_expires_at=timezone.now() + datetime.timedelta(hours=2)
    )
    with pytest.raises(DomainError, match="not your"):
        registration_offer_accept(registration=offered, by=candidate)
    with pytest.raises(DomainError, match="not your"):
        registration_cancel(registration=offered, by=candidate)
    offered.refresh_from_db()
    assert offered.status == Status.OFFERED


def test_nothing_to_confirm_when_no_offer():
    waiting = factories.WaitlistedRegistrationFactory()
    with pytest.raises(DomainError, match="No place"):
        registration_offer_accept(registration=waiting, by=waiting.candidate)


def test_expired_offers_are_cancelled_and_passed_on(mailoutbox, committed):
    event, (holder,), (first, second) = _full_event_with_queue()
    registration_cancel(registration=holder, by=holder.candidate)
    later = timezone.now() + datetime.timedelta(hours=25)
    with committed():
        assert registration_offers_expire(now=later) == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.CANCELLED
    assert second.status == Status.OFFERED
    assert second.offer_expires_at == min(later + datetime.timedelta(hours=24), event.starts_at)
    assert [m.to[0] for m in mailoutbox] == [first.candidate.email, second.candidate.email]
    assert "expired" in mailoutbox[0].subject
    # Idempotent: a second run finds nothing more to do.
    with committed():
        assert registration_offers_expire(now=later) == 0
    assert len(mailoutbox) == 2
    second.refresh_from_db()
    assert second.status == Status.OFFERED


def test_offers_still_valid_are_left_alone():
    _event, (holder,), (first, _) = _full_event_with_queue()
    registration_cancel(registration=holder, by=holder.candidate)
    assert registration_offers_expire() == 0
    first.refresh_from_db()
    assert first.status == Status.OFFERED


def test_a_cancelled_registration_cannot_be_cancelled_again():
    cancelled = factories.CancelledRegistrationFactory()
    with pytest.raises(DomainError, match="already cancelled"):
        registration_cancel(registration=cancelled, by=cancelled.candidate)


def test_no_cancelling_after_the_event_started():
    now = timezone.now()
    event = factories.EventFactory(
        starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(hours=2)
    )
    registration = factories.RegistrationFactory(event=event)
    with pytest.raises(DomainError, match="started"):
        registration_cancel(registration=registration, by=registration.candidate)


# --- Sessions ----------------------------------------------------------------------------------


def _session(event, **fields):
    return event.sessions.create(
        title=fields.pop("title", "Personal branding workshop"),
        starts_at=fields.pop("starts_at", event.starts_at + datetime.timedelta(hours=1)),
        ends_at=fields.pop("ends_at", event.starts_at + datetime.timedelta(hours=2)),
        **fields,
    )


def test_a_registered_candidate_takes_a_session_place_once():
    registration = factories.RegistrationFactory()
    session = _session(registration.event, capacity=10)
    session_register(session=session, candidate=registration.candidate)
    with pytest.raises(DomainError, match="already have a place"):
        session_register(session=session, candidate=registration.candidate)
    assert session.registrations.count() == 1


def test_a_session_needs_a_confirmed_registration():
    waiting = factories.WaitlistedRegistrationFactory()
    session = _session(waiting.event)
    with pytest.raises(DomainError, match="confirmed place"):
        session_register(session=session, candidate=waiting.candidate)
    with pytest.raises(DomainError, match="confirmed place"):
        session_register(session=session, candidate=factories.CandidateFactory())
    assert not session.registrations.exists()


def test_a_full_session_refuses(candidate):
    event = factories.EventFactory()
    session = _session(event, capacity=1)
    first = factories.RegistrationFactory(event=event)
    second = factories.RegistrationFactory(event=event)
    session_register(session=session, candidate=first.candidate)
    with pytest.raises(DomainError, match="full"):
        session_register(session=session, candidate=second.candidate)


def test_a_started_session_refuses():
    now = timezone.now()
    registration = factories.RegistrationFactory()
    session = _session(
        registration.event,
        starts_at=now - datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(hours=1),
    )
    with pytest.raises(DomainError, match="started"):
        session_register(session=session, candidate=registration.candidate)


def test_leaving_a_session_frees_its_place_and_cancelling_frees_all():
    registration = factories.RegistrationFactory()
    talk = _session(registration.event, capacity=1)
    panel = _session(registration.event, title="Panel")
    session_register(session=talk, candidate=registration.candidate)
    session_register(session=panel, candidate=registration.candidate)
    session_cancel(session=talk, candidate=registration.candidate)
    session_cancel(session=talk, candidate=registration.candidate)  # idempotent
    assert not talk.registrations.exists()
    registration_cancel(registration=registration, by=registration.candidate)
    assert not panel.registrations.exists()


# --- Reminders ---------------------------------------------------------------------------------


def test_reminders_go_once_to_confirmed_registrations_of_events_within_a_day(mailoutbox, committed):
    now = timezone.now()
    soon = factories.EventFactory(
        title="Soon fair",
        title_zh="快將舉行",
        starts_at=now + datetime.timedelta(hours=20),
        ends_at=now + datetime.timedelta(hours=26),
    )
    later = factories.EventFactory(starts_at=now + datetime.timedelta(days=3))
    due = factories.RegistrationFactory(
        event=soon, candidate=factories.CandidateFactory(language="zh-hant")
    )
    factories.WaitlistedRegistrationFactory(event=soon)
    factories.CancelledRegistrationFactory(event=soon)
    factories.RegistrationFactory(event=later)
    with committed():
        assert registrations_remind(now=now) == 1
    assert [m.to for m in mailoutbox] == [[due.candidate.email]]
    assert "快將舉行" in mailoutbox[0].subject
    due.refresh_from_db()
    assert due.reminded_at == now
    with committed():
        assert registrations_remind(now=now + datetime.timedelta(hours=1)) == 0
    assert len(mailoutbox) == 1


def test_no_reminder_for_an_event_already_started():
    now = timezone.now()
    started = factories.EventFactory(
        starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(hours=3)
    )
    factories.RegistrationFactory(event=started)
    assert registrations_remind(now=now) == 0
