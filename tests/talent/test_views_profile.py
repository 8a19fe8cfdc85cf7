"""The profile page and its entries through the client, good and bad input."""

import pytest
from django.urls import reverse

from talent.models import CandidateProfile, EducationEntry, ExperienceEntry
from tests import factories
from tests.helpers import messages_of

pytestmark = pytest.mark.django_db

PROFILE = reverse("talent:profile")


def profile_data(**overrides):
    data = {
        "headline": "Final-year EE student, FPGA and embedded C",
        "summary": "I build things that blink.",
        "skills": "Verilog, fpga, Python",
        "residence": "hong_kong",
        "eligibility": "hk_permanent",
        "languages": ["en", "yue"],
        "desired_fields": ["engineering"],
        "desired_employment_types": ["full_time"],
        "desired_sites": ["science_park", "innocentre"],
        "desired_work_modes": ["hybrid"],
        "min_salary": "28000",
        "available_from": "2026-09-01",
        "visibility": "discoverable",
    }
    data.update(overrides)
    return data


def test_the_page_explains_discoverable(client, candidate):
    client.force_login(candidate)
    response = client.get(PROFILE)
    assert response.status_code == 200
    assert "Talent Pool" in response.content.decode()
    assert CandidateProfile.objects.filter(user=candidate).exists()


def test_a_candidate_saves_every_field(client, candidate):
    client.force_login(candidate)
    for _ in range(2):  # saving twice changes nothing more
        response = client.post(PROFILE, profile_data())
        assert response.status_code == 302, response.context["form"].errors
        assert response.url == PROFILE
    profile = CandidateProfile.objects.get(user=candidate)
    assert profile.headline.startswith("Final-year")
    assert profile.languages == ["en", "yue"]
    assert profile.desired_sites == ["science_park", "innocentre"]
    assert profile.min_salary == 28000
    assert str(profile.available_from) == "2026-09-01"
    assert profile.is_discoverable
    assert sorted(profile.skills.values_list("slug", flat=True)) == ["fpga", "python", "verilog"]
    assert "Your profile is saved." in messages_of(response)


def test_the_form_shows_the_saved_skills(client, candidate):
    client.force_login(candidate)
    client.post(PROFILE, profile_data(skills="Python"))
    assert 'value="Python"' in client.get(PROFILE).content.decode()


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("min_salary", "-1", "greater than or equal to 0"),
        ("min_salary", "5000000", "monthly salary"),
        ("min_salary", "abc", "whole number"),
        ("skills", "Pythn, Verilog", "Did you mean “Python”?"),
        ("skills", "Underwater basket weaving", "Unknown skill"),
        ("desired_sites", ["moon_base"], "Select a valid choice"),
        ("visibility", "public", "Select a valid choice"),
        ("headline", "x" * 161, "at most 160 characters"),
        ("available_from", "next week", "valid date"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(client, candidate, field, value, error):
    client.force_login(candidate)
    response = client.post(PROFILE, profile_data(**{field: value}))
    assert response.status_code == 200
    assert error in " ".join(response.context["form"].errors[field])
    profile = CandidateProfile.objects.get(user=candidate)
    assert profile.headline == ""
    assert not profile.skills.exists()


def test_experience_add_edit_delete(client, candidate):
    client.force_login(candidate)
    data = {
        "title": "Research assistant",
        "organisation": "Harbour Labs",
        "started_on": "2024-06-01",
        "ended_on": "",
        "description": "",
    }
    response = client.post(reverse("talent:experience_new"), data)
    assert response.url == PROFILE
    entry = ExperienceEntry.objects.get()
    assert entry.profile.user == candidate
    assert entry.ended_on is None
    assert "Research assistant" in client.get(PROFILE).content.decode()
    data["ended_on"] = "2025-05-31"
    client.post(reverse("talent:experience_edit", args=[entry.pk]), data)
    entry.refresh_from_db()
    assert str(entry.ended_on) == "2025-05-31"
    client.post(reverse("talent:experience_delete", args=[entry.pk]))
    assert not ExperienceEntry.objects.exists()


def test_experience_ending_before_it_starts_is_refused(client, candidate):
    client.force_login(candidate)
    response = client.post(
        reverse("talent:experience_new"),
        {
            "title": "Intern",
            "organisation": "Harbour Labs",
            "started_on": "2025-06-01",
            "ended_on": "2025-01-01",
        },
    )
    assert response.status_code == 200
    assert "before the start date" in str(response.context["form"].errors["ended_on"])
    assert not ExperienceEntry.objects.exists()


def test_education_with_a_graduation_year_of_1800_is_refused(client, candidate):
    client.force_login(candidate)
    response = client.post(
        reverse("talent:education_new"),
        {"institution": "HKU", "level": "bachelor", "field_of_study": "", "graduation_year": 1800},
    )
    assert response.status_code == 200
    assert "graduation_year" in response.context["form"].errors
    assert not EducationEntry.objects.exists()


def test_education_add_and_edit(client, candidate):
    client.force_login(candidate)
    data = {"institution": "CUHK", "level": "phd", "field_of_study": "Biology"}
    client.post(reverse("talent:education_new"), {**data, "graduation_year": 2027})
    entry = EducationEntry.objects.get()
    client.post(
        reverse("talent:education_edit", args=[entry.pk]), {**data, "graduation_year": 2028}
    )
    entry.refresh_from_db()
    assert entry.graduation_year == 2028


def test_an_edit_of_another_candidates_entry_changes_nothing(client, candidate):
    profile = factories.CandidateProfileFactory()
    entry = profile.education.create(institution="HKU", level="bachelor", graduation_year=2020)
    client.force_login(candidate)
    response = client.post(
        reverse("talent:education_edit", args=[entry.pk]),
        {"institution": "Fake U", "level": "phd", "graduation_year": 2020},
    )
    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.institution == "HKU"
