"""Celery tasks for privacy (PDPO): data exports and the retention limit.

Kept apart from talent/tasks.py (CV reading); hkstp_portal/celery.py discovers this
module by name. Each task takes ids and is idempotent.
"""

from celery import shared_task

from talent.services import privacy


@shared_task
def data_export_build_task(export_id: int) -> None:
    """Build one requested export (enqueued after the request commits)."""
    privacy.data_export_build(export_id=export_id)


@shared_task
def data_exports_expire() -> int:
    """Beat, hourly: delete exports past DataExport.VALID_DAYS, with their files."""
    return privacy.data_exports_expire()


@shared_task
def applications_retention_apply() -> int:
    """Beat, daily: anonymise unsuccessful applications past the retention limit."""
    return privacy.applications_retention_apply()
