"""Reads for the privacy page (kept apart from talent/selectors.py, the profile reads)."""

from django.db.models import Count, Q

from accounts.models import User
from talent.models import DataExport


def data_export_list_for_user(user: User) -> list[DataExport]:
    """The person's own exports, newest first (one query)."""
    return list(DataExport.objects.filter(user=user).order_by("-requested_at"))


def privacy_data_summary(user: User) -> dict:
    """How much the portal holds about the person, for the privacy page (one query)."""
    return User.objects.filter(pk=user.pk).aggregate(
        cvs=Count("cvs", distinct=True),
        applications=Count("applications", distinct=True),
        open_applications=Count(
            "applications",
            filter=~Q(applications__stage__in=["hired", "rejected", "withdrawn"]),
            distinct=True,
        ),
        saved_jobs=Count("saved_jobs", distinct=True),
    )
