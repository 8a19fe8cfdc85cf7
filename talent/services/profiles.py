from talent.models import CandidateProfile


def profile_get_or_create(*, user) -> CandidateProfile:
    profile, _ = CandidateProfile.objects.get_or_create(user=user)
    return profile
