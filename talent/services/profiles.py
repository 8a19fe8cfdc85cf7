"""Writes for candidate profiles: the profile itself, its skills, experience and education.

Every service takes the acting user and works only on that user's own profile, so a
view cannot edit someone else's entry even if it forgets to check.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from hkstp_portal.errors import DomainError
from skills.models import Skill
from talent.models import CandidateProfile, EducationEntry, ExperienceEntry
from talent.signals import candidate_changed_on_commit

EXPERIENCE_FIELDS = ["title", "organisation", "started_on", "ended_on", "description"]
EDUCATION_FIELDS = ["institution", "level", "field_of_study", "graduation_year"]
MAX_SKILLS = 40
MAX_ENTRIES = 30


def profile_get_or_create(*, user) -> CandidateProfile:
    profile, _ = CandidateProfile.objects.get_or_create(user=user)
    return profile


def _candidate_profile(user: User) -> CandidateProfile:
    if not user.is_candidate:
        raise DomainError(_("Only candidates have a profile."))
    profile_get_or_create(user=user)
    candidate_changed_on_commit(user.pk)  # every profile change goes through here
    # Locked, so two saves of the same profile apply one after the other.
    return CandidateProfile.objects.select_for_update().get(user=user)


def _set(instance, allowed: list[str], fields: dict) -> None:
    for key, value in fields.items():
        if key not in allowed:
            raise TypeError(f"unexpected field {key!r}")
        setattr(instance, key, value)


@transaction.atomic
def profile_update(*, user: User, skills: list[Skill] | None = None, **fields) -> CandidateProfile:
    """Save the candidate's own profile fields (CandidateProfile.EDITABLE_FIELDS) and, if
    given, replace their skills. Candidates only; the whole change is validated before
    it is saved, so an invalid value changes nothing. Saving the same data twice is
    harmless."""
    profile = _candidate_profile(user)
    _set(profile, CandidateProfile.EDITABLE_FIELDS, fields)
    if skills is not None and len(skills) > MAX_SKILLS:
        raise DomainError(_("List at most %(max)d skills.") % {"max": MAX_SKILLS})
    profile.full_clean(exclude=["user"])
    profile.save()
    if skills is not None:
        profile.skills.set(skills)
    return profile


def _check_entry_count(profile: CandidateProfile, related: str) -> None:
    if getattr(profile, related).count() >= MAX_ENTRIES:
        raise DomainError(_("You can list at most %(max)d entries here.") % {"max": MAX_ENTRIES})


@transaction.atomic
def experience_create(*, user: User, **fields) -> ExperienceEntry:
    """Add a job to the candidate's own profile (validated; the end is not before the start)."""
    profile = _candidate_profile(user)
    _check_entry_count(profile, "experience")
    entry = ExperienceEntry(profile=profile)
    _set(entry, EXPERIENCE_FIELDS, fields)
    entry.full_clean()
    entry.save()
    return entry


def _own_entry(model, user: User, pk: int):
    profile = _candidate_profile(user)
    entry = model.objects.filter(pk=pk, profile=profile).first()
    if entry is None:
        raise DomainError(_("This entry is not on your profile."))
    return entry


@transaction.atomic
def experience_update(*, user: User, entry_id: int, **fields) -> ExperienceEntry:
    """Edit one of the candidate's own jobs; another candidate's entry is refused."""
    entry = _own_entry(ExperienceEntry, user, entry_id)
    _set(entry, EXPERIENCE_FIELDS, fields)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def experience_delete(*, user: User, entry_id: int) -> None:
    """Remove one of the candidate's own jobs; another candidate's entry is refused."""
    _own_entry(ExperienceEntry, user, entry_id).delete()


@transaction.atomic
def education_create(*, user: User, **fields) -> EducationEntry:
    """Add a degree to the candidate's own profile (graduation year 1950–2100)."""
    profile = _candidate_profile(user)
    _check_entry_count(profile, "education")
    entry = EducationEntry(profile=profile)
    _set(entry, EDUCATION_FIELDS, fields)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def education_update(*, user: User, entry_id: int, **fields) -> EducationEntry:
    """Edit one of the candidate's own degrees; another candidate's entry is refused."""
    entry = _own_entry(EducationEntry, user, entry_id)
    _set(entry, EDUCATION_FIELDS, fields)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def education_delete(*, user: User, entry_id: int) -> None:
    """Remove one of the candidate's own degrees; another candidate's entry is refused."""
    _own_entry(EducationEntry, user, entry_id).delete()
