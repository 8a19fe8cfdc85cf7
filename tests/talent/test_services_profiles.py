"""Profile, experience and education writes: own profile only, validated before saving."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hkstp_portal.errors import DomainError
from skills.models import Skill
from talent.models import CandidateProfile, EducationEntry, ExperienceEntry
from talent.services import profiles
from tests import factories

pytestmark = pytest.mark.django_db


def test_profile_update_saves_fields_and_skills_and_is_repeatable(candidate):
    skills = list(Skill.objects.filter(slug__in=["python", "verilog"]))
    for _ in range(2):
        profile = profiles.profile_update(
            user=candidate,
            headline="FPGA engineer",
            desired_sites=["science_park"],
            min_salary=30000,
            visibility=CandidateProfile.Visibility.DISCOVERABLE,
            skills=skills,
        )
    profile.refresh_from_db()
    assert profile.headline == "FPGA engineer"
    assert profile.is_discoverable
    assert sorted(profile.skills.values_list("slug", flat=True)) == ["python", "verilog"]
    assert CandidateProfile.objects.count() == 1


def test_an_invalid_value_changes_nothing(candidate):
    profiles.profile_update(user=candidate, headline="Before")
    with pytest.raises(ValidationError):
        profiles.profile_update(user=candidate, headline="After", desired_sites=["moon_base"])
    assert CandidateProfile.objects.get(user=candidate).headline == "Before"


def test_only_editable_fields(candidate):
    with pytest.raises(TypeError):
        profiles.profile_update(user=candidate, user_id=1)


def test_employers_have_no_profile(employer):
    with pytest.raises(DomainError):
        profiles.profile_update(user=employer, headline="x")
    assert not CandidateProfile.objects.exists()


def test_experience_ending_before_it_starts_is_refused(candidate):
    with pytest.raises(ValidationError):
        profiles.experience_create(
            user=candidate,
            title="Intern",
            organisation="Harbour Labs",
            started_on=datetime.date(2025, 6, 1),
            ended_on=datetime.date(2025, 1, 1),
        )
    assert not ExperienceEntry.objects.exists()


def test_entries_belong_to_their_candidate(candidate):
    entry = profiles.education_create(
        user=candidate, institution="HKUST", level="master", graduation_year=2026
    )
    intruder = factories.CandidateFactory()
    with pytest.raises(DomainError):
        profiles.education_update(user=intruder, entry_id=entry.pk, institution="Fake U")
    with pytest.raises(DomainError):
        profiles.education_delete(user=intruder, entry_id=entry.pk)
    entry.refresh_from_db()
    assert entry.institution == "HKUST"
    profiles.education_delete(user=candidate, entry_id=entry.pk)
    assert not EducationEntry.objects.exists()


def test_graduation_year_must_be_plausible(candidate):
    with pytest.raises(ValidationError):
        profiles.education_create(
            user=candidate, institution="HKU", level="bachelor", graduation_year=1800
        )
    assert not EducationEntry.objects.exists()
