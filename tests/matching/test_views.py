import re

import pytest
from django.urls import reverse
from django.utils import translation

from companies.models import Company
from companies.services import company_reject
from matching.models import Invitation
from matching.services import candidate_features_refresh, matches_for_job_record
from tests import factories
from tests.helpers import messages_of
from tests.html_check import html_errors
from tests.matching.conftest import make_candidate, make_job


@pytest.fixture
def setup(skills):
    python, torch, sql = skills["Python"], skills["PyTorch"], skills["SQL"]
    job = make_job(required=[python, torch, sql], title="ML Engineer")
    member = factories.CompanyMemberFactory(company=job.company).user
    best = make_candidate(skills=[python, torch, sql], headline="ML engineer, PyTorch")
    good = make_candidate(skills=[python, torch], headline="Data scientist")
    candidate_features_refresh()
    matches_for_job_record(job.pk)
    return job, member, best, good


def _url(job):
    return reverse("matching:job_candidates", args=[job.pk])


def test_recommended_candidates_are_ranked_with_reasons_and_no_contact_details(client, setup):
    job, member, best, good = setup
    client.force_login(member)
    response = client.get(_url(job))
    assert response.status_code == 200
    html = response.content.decode()
    assert html_errors(html) == []  # each candidate's heading is an h2 under the h1
    assert html.index("ML engineer, PyTorch") < html.index("Data scientist")
    assert "Has all 3 required skills" in html
    assert "Has 2 of 3 required skills; missing: SQL" in html
    assert best.email not in html
    assert good.email not in html
    assert "Invite to apply" in html


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_recommended_candidates_query_count_is_pinned(
    client, setup, django_assert_num_queries, language
):
    job, member, _best, _good = setup
    for _ in range(5):
        make_candidate(skills=list(job.required_skills.all()))
    candidate_features_refresh()
    matches_for_job_record(job.pk)
    client.force_login(member)
    # session, user, membership, job, skills (both lists in one query), matches, the
    # skills related to theirs (one query for all), profiles, profile skills,
    # applications, invitations
    # +1: the header's unread-notification count (cold cache in tests).
    # The same in Chinese, where the skills are shown by their Chinese names.
    with translation.override(language):
        url, invite = _url(job), translation.gettext("Invite to apply")
    with django_assert_num_queries(12):
        response = client.get(url)
    assert response.content.decode().count(invite) == 7


def test_another_company_gets_404_anonymous_the_login_page_a_candidate_403(
    client, setup, candidate
):
    job, _member, best, _good = setup
    invite = reverse("matching:candidate_invite", args=[job.pk, best.pk])
    client.force_login(factories.CompanyMemberFactory().user)
    assert client.get(_url(job)).status_code == 404
    assert client.post(invite).status_code == 404
    client.logout()
    assert reverse("account_login") in client.get(_url(job))["Location"]
    assert reverse("account_login") in client.post(invite)["Location"]
    client.force_login(candidate)
    assert client.get(_url(job)).status_code == 403
    assert not Invitation.objects.exists()


def test_inviting_a_recommended_candidate(client, setup):
    job, member, best, _good = setup
    client.force_login(member)
    url = reverse("matching:candidate_invite", args=[job.pk, best.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    assert Invitation.objects.filter(job=job, candidate=best, invited_by=member).exists()
    response = client.post(url, follow=True)
    assert "already been invited" in messages_of(response)[-1]
    assert Invitation.objects.count() == 1
    assert "Invited" in client.get(_url(job)).content.decode()


@pytest.mark.parametrize("status", [Company.Status.REJECTED, Company.Status.PENDING])
def test_a_company_that_is_not_verified_sees_no_candidates_and_invites_none(
    client, setup, staff, status
):
    job, member, best, _good = setup
    if status == Company.Status.REJECTED:
        company_reject(company=job.company, by=staff, reason="Not a park company.")
    else:  # verification withdrawn some other way: the page still answers only verified
        Company.objects.filter(pk=job.company_id).update(status=status)
    client.force_login(member)

    response = client.get(_url(job))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Only companies verified by HKSTP can see the Talent Pool" in html
    assert "ML engineer, PyTorch" not in html
    assert "Data scientist" not in html

    response = client.post(reverse("matching:candidate_invite", args=[job.pk, best.pk]))
    assert response.status_code == 302
    assert "Only companies verified by HKSTP" in messages_of(response)[0]
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("prefix", ["/zh-hans", "/zh-hant"])
def test_the_applied_tag_says_applied_not_the_date_column_s_word(client, setup, prefix):
    """One msgid used to serve the pipeline's date column and this tag, so the Simplified
    catalogue's "申请时间" (application time) tagged a candidate who applied."""
    job, member, best, _good = setup
    factories.ApplicationFactory(job=job, candidate=best)
    client.force_login(member)
    html = client.get(prefix + _url(job)).content.decode()
    (tag,) = re.findall(r'<span class="tag tag-brand">([^<]*)</span>', html)
    assert tag not in ("申请时间", "提交申請", "申請時間")


def test_inviting_someone_not_recommended_for_the_job_is_404(client, setup, skills):
    job, member, _best, _good = setup
    stranger = make_candidate(skills=[skills["Verilog"]])
    client.force_login(member)
    url = reverse("matching:candidate_invite", args=[job.pk, stranger.pk])
    assert client.post(url).status_code == 404


def test_the_job_page_explains_the_fit_to_a_signed_in_candidate(client, setup):
    job, member, _best, good = setup
    client.force_login(good)
    html = client.get(job.get_absolute_url()).content.decode()
    assert "How you fit" in html
    assert "You have 2 of 3 required skills; missing: SQL" in html
    client.force_login(member)
    assert "How you fit" not in client.get(job.get_absolute_url()).content.decode()
    client.logout()
    assert "How you fit" not in client.get(job.get_absolute_url()).content.decode()


def test_the_job_page_shows_an_invitation_banner(client, setup):
    job, member, best, _good = setup
    Invitation.objects.create(job=job, candidate=best, invited_by=member)
    client.force_login(best)
    html = client.get(job.get_absolute_url()).content.decode()
    assert f"{job.company.name} invited you to apply" in html


def test_the_dashboard_recommends_jobs_with_reasons_and_invitations(
    client, setup, skills, django_assert_num_queries
):
    job, member, _best, good = setup
    other = make_job(required=[skills["Verilog"]], title="FPGA Engineer")
    Invitation.objects.create(job=job, candidate=good, invited_by=member)
    from matching.services import job_features_refresh

    job_features_refresh()
    client.force_login(good)
    client.get(reverse("talent:dashboard"))
    # The page before matching, plus: the candidate's facts (4), the ranking query, the
    # jobs with their skills (3) and the invitations.
    with django_assert_num_queries(17):
        response = client.get(reverse("talent:dashboard"))
    html = response.content.decode()
    recommended = html[html.index("Recommended for you") : html.index("New at the park")]
    assert "ML Engineer" in recommended
    assert other.title not in recommended
    assert "You have 2 of 3 required skills; missing: SQL" in recommended
    assert "invited you to apply" in html


def test_the_dashboard_without_skills_invites_to_fill_the_profile(client, candidate):
    client.force_login(candidate)
    html = client.get(reverse("talent:dashboard")).content.decode()
    assert "jobs that fit you will appear here" in html
