"""The main pages keep clear of the HTML errors the Nu Html Checker found in them
(tests/html_check.py holds those rules), in the three languages."""

import datetime

import pytest
from django.urls import reverse

from talent.models import EducationEntry, ExperienceEntry
from tests import factories
from tests.html_check import html_errors

pytestmark = pytest.mark.django_db

LANGUAGES = ["", "/zh-hant", "/zh-hans"]


def test_the_checker_finds_what_the_nu_checker_found():
    assert html_errors("<span><form></form></span>") == ["<form> inside <span> (line 1)"]
    assert html_errors('<strong aria-label="Code">AB</strong>') == [
        "aria-label on <strong> without a role (line 1)"
    ]
    assert html_errors('<input type="date" value="2027/01/21">') == [
        'date input with value "2027/01/21" (line 1)'
    ]
    assert html_errors("<h1>Jobs</h1><h3>Engineer</h3>") == ["<h3> after <h1> (line 1)"]
    assert html_errors('<div><a href="/"><div>card</div></a><input type="date"></div>') == []
    assert html_errors("<h1>A</h1><h2>B</h2><h3>C</h3><h2>D</h2>") == []


def _get(client, prefix, path):
    response = client.get(f"{prefix}{path}")
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_the_candidate_profile_ticket_and_event_pages(client, prefix):
    candidate = factories.CandidateFactory()
    profile = factories.CandidateProfileFactory(user=candidate)
    ExperienceEntry.objects.create(
        profile=profile,
        title="Research Assistant",
        organisation="HKUST",
        started_on=datetime.date(2024, 9, 1),
    )
    EducationEntry.objects.create(
        profile=profile, institution="HKU", level="bachelor", graduation_year=2025
    )
    registration = factories.RegistrationFactory(candidate=candidate)
    factories.ApprovedExhibitorFactory(event=registration.event)
    client.force_login(candidate)
    slug = registration.event.slug
    for path in (
        "/me/profile/",
        f"/events/{slug}/ticket/",
        f"/events/{slug}/",
        "/me/events/",
        f"/events/{slug}/exhibitors/",
    ):
        assert html_errors(_get(client, prefix, path)) == [], path


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_the_employer_fair_dashboard(client, prefix):
    member = factories.CompanyAdminFactory(company=factories.VerifiedCompanyFactory())
    exhibitor = factories.ApprovedExhibitorFactory(company=member.company)
    client.force_login(member.user)
    html = _get(client, prefix, reverse("events:fair_dashboard", args=[exhibitor.event.slug]))
    assert html_errors(html) == []


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_the_public_pages(client, prefix):
    job = factories.PublishedJobFactory()
    exhibitor = factories.ApprovedExhibitorFactory(company=job.company)
    exhibitor.featured_jobs.add(job)
    programme = factories.ProgrammeFactory()
    slug = exhibitor.event.slug
    for path in (
        "/",
        "/jobs/",
        f"/jobs/{job.pk}/",
        "/companies/",
        f"/companies/{job.company.slug}/",
        "/events/",
        f"/events/{slug}/exhibitors/",
        f"/events/{slug}/exhibitors/{job.company.slug}/",
        "/programmes/",
        f"/programmes/{programme.slug}/",
    ):
        assert html_errors(_get(client, prefix, path)) == [], path
