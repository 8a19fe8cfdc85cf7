"""Reads for the privacy page (kept apart from talent/selectors.py, the profile reads)."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from accounts.models import User
from applications.models import Application, Stage
from talent.models import CV, DataExport, SavedJob

FINISHED_STAGES = [Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN]


def data_export_list_for_user(user: User) -> list[DataExport]:
    """The person's own exports, newest first (one query)."""
    return list(DataExport.objects.filter(user=user).order_by("-requested_at"))


def _count(queryset, field):
    # A scalar subquery per count: joining the three relations would multiply the rows.
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def privacy_data_summary(user: User) -> dict:
    """How much the portal holds about the person, for the privacy page (one query)."""
    return (
        User.objects.filter(pk=user.pk)
        .annotate(
            cv_count=_count(CV.objects.all(), "owner"),
            application_count=_count(Application.objects.all(), "candidate"),
            open_application_count=_count(
                Application.objects.exclude(stage__in=FINISHED_STAGES), "candidate"
            ),
            saved_job_count=_count(SavedJob.objects.all(), "user"),
        )
        .values("cv_count", "application_count", "open_application_count", "saved_job_count")
        .get()
    )
