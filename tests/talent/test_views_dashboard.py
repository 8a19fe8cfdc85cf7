"""The candidate dashboard: profile completeness with links, the CV summary, jobs, events."""

import pytest
from django.urls import reverse

from skills.models import Skill
from talent.selectors import profile_completeness
from talent.services.profiles import profile_update
from tests import factories

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("talent:dashboard")


def test_a_new_candidate_sees_what_is_missing_with_links(client, candidate):
    client.force_login(candidate)
    response = client.get(DASHBOARD)
    page = response.content.decode()
    assert "Your profile is 0% complete." in page
    assert reverse("talent:cv_list") in page
    assert reverse("talent:experience_new") in page
    assert f"{reverse('talent:profile')}#id_headline" in page
    assert "You have not uploaded a CV yet." not in page
    assert "Upload a CV" in page


def test_completeness_counts_what_is_filled_in(candidate):
    profile_update(
        user=candidate,
        headline="Biostatistician",
        summary="Trials.",
        eligibility="ttps",
        desired_fields=["rnd"],
        skills=list(Skill.objects.filter(slug="biostatistics")),
    )
    factories.CVFactory(owner=candidate)
    completeness = profile_completeness(candidate)
    assert completeness.percent == 75
    assert [str(item.label) for item in completeness.missing] == ["Work experience", "Education"]


def test_the_dashboard_lists_cvs_and_links_the_profile(client, candidate):
    factories.CVFactory(owner=candidate, original_name="Main CV.pdf")
    client.force_login(candidate)
    page = client.get(DASHBOARD).content.decode()
    assert "Main CV.pdf" in page
    assert "Manage my CVs" in page
    assert reverse("talent:profile") in page
    assert "New at the park" in page
    assert "Fairs and events" in page


def test_the_dashboard_query_count_is_pinned(client, candidate, django_assert_num_queries):
    factories.CVFactory.create_batch(3, owner=candidate, is_default=False)
    for _ in range(3):
        factories.PublishedJobFactory()
    factories.EventFactory()
    client.force_login(candidate)
    client.get(DASHBOARD)
    # 8, plus matching: the candidate's facts (4) and invitations.
    with django_assert_num_queries(13):
        response = client.get(DASHBOARD)
    assert len(response.context["cvs"]) == 3
    assert len(response.context["jobs"]) == 3
