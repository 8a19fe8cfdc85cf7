"""Reads for candidates: profiles and who may see a CV."""

from django.db.models import Q

from accounts.models import User
from talent.models import CV


def cv_can_view(*, cv: CV, user: User) -> bool:
    """May `user` open this CV? The owner, HKSTP staff, and members of a company the
    candidate applied to with this CV or another (a CV shared at a fair booth joins
    this rule with the events issue). Everyone else gets 404 from the views."""
    if not user.is_authenticated:
        return False
    if user.pk == cv.owner_id or user.is_staff:
        return True
    if not user.is_employer:
        return False
    return cv.owner.applications.filter(
        Q(job__company__members__user=user), anonymised_at__isnull=True
    ).exists()


def cv_list_for_owner(user: User):
    return CV.objects.filter(owner=user).order_by("-is_default", "-uploaded_at")
