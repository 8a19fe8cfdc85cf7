"""The demo exhibitors load through the services and a second run duplicates nothing."""

import pytest

from applications.models import Application
from events.models import BoothDrop, Exhibitor, InterviewSlot, Registration
from hkstp_portal import demo
from hkstp_portal.demo.catalogue import COMPANIES
from hkstp_portal.demo.fair_exhibitors import demo_fair_exhibitors_load
from tests.storage import isolated_storage_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Exhibitor.objects.count(),
        Exhibitor.objects.filter(status="approved").exclude(booth="").count(),
        InterviewSlot.objects.count(),
        InterviewSlot.objects.filter(candidate__isnull=False).count(),
        BoothDrop.objects.count(),
        Registration.objects.count(),
        Application.objects.filter(source_event__isnull=False).count(),
    )


def test_demo_exhibitors_are_complete_and_idempotent(isolated_storage):
    demo.demo_data_load()
    result = demo_fair_exhibitors_load()
    first = _counts()
    assert result["exhibitors"] == first[0]
    demo_fair_exhibitors_load()
    assert _counts() == first

    for slug in ("ai-in-action-career-day", "top-talent-recruitment-fair"):
        exhibitors = Exhibitor.objects.filter(event__slug=slug)
        approved = exhibitors.filter(status="approved")
        assert approved.filter(company__slug=COMPANIES[0].slug).exists()
        assert exhibitors.filter(status="pending").count() == 1
        assert approved.count() >= 4
        assert all(e.featured_jobs.exists() and e.booth for e in approved)
        assert InterviewSlot.objects.filter(exhibitor__event__slug=slug, candidate__isnull=False)
        assert BoothDrop.objects.filter(exhibitor__event__slug=slug).exists()
    assert InterviewSlot.objects.filter(mode="online").exclude(meeting_url="").exists()
    assert Application.objects.filter(source_event__slug="ai-in-action-career-day").exists()
