import pytest
from django.urls import reverse

from talent.models import CandidateProfile

pytestmark = pytest.mark.django_db

PREFS = reverse("accounts:preferences")
DASHBOARD = reverse("talent:dashboard")


def test_preferences_save_name_and_language(client, candidate):
    client.force_login(candidate)
    for _ in range(2):  # a repeated submit changes nothing more
        response = client.post(PREFS, {"name": "Chan Hiu Tung", "language": "zh-hans"})
        assert response.url == PREFS
    candidate.refresh_from_db()
    assert (candidate.name, candidate.language) == ("Chan Hiu Tung", "zh-hans")


@pytest.mark.parametrize(
    "data", [{"name": "", "language": "en"}, {"name": "A", "language": "klingon"}]
)
def test_bad_preferences_show_errors_and_change_nothing(client, candidate, data):
    client.force_login(candidate)
    response = client.post(PREFS, data)
    assert response.status_code == 200
    assert response.context["form"].errors
    candidate.refresh_from_db()
    assert candidate.language == "en"


def test_preferences_need_a_login(client):
    assert client.get(PREFS).status_code == 302
    assert client.post(PREFS, {"name": "X", "language": "en"}).status_code == 302


def test_candidate_saves_an_introduction_once(client, candidate):
    client.force_login(candidate)
    for _ in range(2):
        response = client.post(DASHBOARD, {"headline": "FPGA engineer", "summary": ""})
        assert response.url == DASHBOARD
    assert CandidateProfile.objects.get(user=candidate).headline == "FPGA engineer"
    assert CandidateProfile.objects.count() == 1


def test_too_long_headline_is_refused(client, candidate):
    client.force_login(candidate)
    response = client.post(DASHBOARD, {"headline": "x" * 161, "summary": ""})
    assert response.status_code == 200
    assert "headline" in response.context["form"].errors
    assert CandidateProfile.objects.get(user=candidate).headline == ""


def test_employer_cannot_post_a_candidate_introduction(client, employer):
    client.force_login(employer)
    assert client.post(DASHBOARD, {"headline": "x"}).status_code == 403
    assert not CandidateProfile.objects.exists()
