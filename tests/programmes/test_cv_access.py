"""talent.selectors.cv_can_view: a ranked company sees a programme CV once shortlisted."""

from programmes.services import (
    programme_application_withdraw,
    programme_not_select,
    programme_shortlist,
)
from talent.selectors import cv_can_view
from tests import factories
from tests.programmes.conftest import apply, student


def test_the_ranked_company_sees_the_cv_once_shortlisted(application, member, staff, client):
    cv = application.cv
    assert not cv_can_view(cv=cv, user=member.user)  # submitted only
    programme_shortlist(application=application, by=staff)
    assert cv_can_view(cv=cv, user=member.user)
    client.force_login(member.user)
    assert client.get(cv.download_url).status_code == 200


def test_a_company_not_ranked_never_sees_it(shortlisted, client):
    outsider = factories.CompanyMemberFactory()
    assert not cv_can_view(cv=shortlisted.cv, user=outsider.user)
    client.force_login(outsider.user)
    assert client.get(shortlisted.cv.download_url).status_code == 404


def test_not_selected_or_withdrawn_before_the_shortlist_stay_private(
    programme, placements, member, staff
):
    closed = apply(programme, student(), placements[:1])
    programme_not_select(application=closed, by=staff)
    withdrawn = apply(programme, student(), placements[:1])
    programme_application_withdraw(application=withdrawn, by=withdrawn.candidate)
    assert not cv_can_view(cv=closed.cv, user=member.user)
    assert not cv_can_view(cv=withdrawn.cv, user=member.user)


def test_only_the_cv_sent_with_the_application(shortlisted, member):
    other_cv = factories.CVFactory(owner=shortlisted.candidate, is_default=False)
    assert cv_can_view(cv=shortlisted.cv, user=member.user)
    assert not cv_can_view(cv=other_cv, user=member.user)


def test_through_the_download_only_the_cv_sent_and_only_until_withdrawal(
    shortlisted, member, placements, client
):
    sent = shortlisted.cv
    later = factories.CVFactory(owner=shortlisted.candidate, is_default=False)
    not_ranked = factories.CompanyMemberFactory(company=placements[2].company)
    client.force_login(member.user)
    assert client.get(sent.download_url).status_code == 200
    assert client.get(later.download_url).status_code == 404
    client.force_login(not_ranked.user)  # a placement of the programme, but not chosen
    assert client.get(sent.download_url).status_code == 404

    programme_application_withdraw(application=shortlisted, by=shortlisted.candidate)
    client.force_login(member.user)
    assert client.get(sent.download_url).status_code == 404


def test_an_offer_keeps_the_cv_open_to_the_ranked_companies(offer, member, client):
    client.force_login(member.user)
    assert client.get(offer.cv.download_url).status_code == 200
