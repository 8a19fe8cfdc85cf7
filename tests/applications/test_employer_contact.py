"""A recruiter can reach an applicant: the application page shows the candidate's email to
the company's team only. (The portal holds no phone number: neither the account nor the
profile has one, so there is none to show.)"""

import pytest
from django.urls import reverse

from accounts.models import User
from talent.models import CandidateProfile
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return factories.CompanyMemberFactory()


@pytest.fixture
def application(member):
    job = factories.PublishedJobFactory(company=member.company, title="Robotics Engineer")
    candidate = factories.CandidateFactory(name="Chan Siu Ming", email="siuming@student.example")
    factories.CandidateProfileFactory(user=candidate, headline="Robotics graduate")
    return factories.ApplicationFactory(job=job, candidate=candidate)


def url(application):
    return reverse("applications:application", args=[application.pk])


def test_the_application_page_shows_the_candidates_email_as_a_link(client, member, application):
    client.force_login(member.user)

    html = client.get(url(application)).content.decode()

    assert '<a href="mailto:siuming@student.example">siuming@student.example</a>' in html


def test_there_is_no_phone_number_anywhere_to_show():
    # If one is added, the application page should show it too (issue 16, item 12).
    fields = {f.name for f in User._meta.get_fields()} | {
        f.name for f in CandidateProfile._meta.get_fields()
    }
    assert not {name for name in fields if "phone" in name or "mobile" in name}


def test_another_companys_member_gets_404_and_never_the_email(client, application):
    client.force_login(factories.CompanyMemberFactory().user)

    response = client.get(url(application))

    assert response.status_code == 404
    assert "siuming@student.example" not in response.content.decode()


def test_candidates_and_visitors_never_see_it(client, application):
    assert client.get(url(application)).status_code == 302
    client.force_login(factories.CandidateFactory())
    assert client.get(url(application)).status_code == 403


def test_an_anonymised_application_has_no_contact(client, member):
    job = factories.PublishedJobFactory(company=member.company)
    anonymised = factories.ApplicationFactory(job=job, candidate=None, cv=None)
    client.force_login(member.user)

    html = client.get(url(anonymised)).content.decode()

    assert "mailto:" not in html


def test_the_application_page_costs_the_same_queries_with_more_history(
    client, member, application, django_assert_num_queries
):
    client.force_login(member.user)
    client.get(url(application))  # the header's unread badge, cached from then on
    # The session, the user, the membership, the application with its job, candidate,
    # profile and CV; then the profile's skills, experience and education, the answers,
    # the history and the notes.
    with django_assert_num_queries(10):
        client.get(url(application))
    profile = application.candidate.candidate_profile
    for n in range(5):
        application.notes.create(author=member.user, body=f"Note {n}")
        application.answers.create(question_text=f"Question {n}", answer="yes")
        application.history.create(from_stage="new", to_stage="screening", by=member.user)
        profile.experience.create(title="Intern", organisation=f"Lab {n}", started_on="2024-01-01")
    with django_assert_num_queries(10):
        response = client.get(url(application))
    assert response.content.decode().count("Note ") >= 5
