"""The demo's fair registrations: realistic, made through the services, and idempotent."""

import pytest
from django.utils import timezone

from events.models import Event, EventSession, Registration, SessionRegistration
from hkstp_portal import demo
from hkstp_portal.demo.catalogue import CANDIDATE_EMAIL
from hkstp_portal.demo.fair_registrations import (
    AI_DAY,
    PAST_WORKSHOP,
    TOP_TALENT,
    demo_fair_registrations_load,
)
from hkstp_portal.vocabulary import WorkEligibility
from tests.storage import isolated_storage_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Event.objects.count(),
        EventSession.objects.count(),
        Registration.objects.count(),
        SessionRegistration.objects.count(),
        Registration.objects.filter(checked_in_at__isnull=False).count(),
    )


def test_demo_registrations_are_realistic_and_idempotent(isolated_storage):
    demo.demo_data_load()
    demo_fair_registrations_load()
    first = _counts()
    demo_fair_registrations_load()
    assert _counts() == first

    now = timezone.now()
    ai_day = Event.objects.get(slug=AI_DAY)
    top_talent = Event.objects.get(slug=TOP_TALENT)
    assert ai_day.format == Event.Format.HYBRID
    assert ai_day.stream_url
    assert top_talent.audience == Event.Audience.TTPS
    assert ai_day.sessions.count() >= 3
    assert top_talent.sessions.exists()
    # The demo candidate holds a ticket for the AI day, with a workshop place.
    mine = Registration.objects.get(event=ai_day, candidate__email=CANDIDATE_EMAIL)
    assert mine.status == Registration.Status.CONFIRMED
    assert mine.session_registrations.exists()
    # Only TTPS people hold places at the Top Talent fair.
    assert set(
        top_talent.registrations.values_list("candidate__candidate_profile__eligibility", flat=True)
    ) <= {WorkEligibility.TTPS}
    # Upcoming events have no check-ins; the past workshop has some, and some no-shows.
    assert not Registration.objects.filter(
        event__starts_at__gt=now, checked_in_at__isnull=False
    ).exists()
    past = Event.objects.get(slug=PAST_WORKSHOP)
    assert past.ends_at < now
    attended = past.registrations.filter(checked_in_at__isnull=False).count()
    assert 0 < attended < past.registrations.count()
