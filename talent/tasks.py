from celery import shared_task

from talent.services import cvs, privacy


@shared_task
def cv_parse(cv_id: int) -> str | None:
    """After an upload commits: read the CV's text and suggest skills from it.

    Idempotent and safe to retry: a CV already read is left alone, a deleted one is
    skipped, and a file that cannot be read is marked failed instead of raising.
    """
    return cvs.cv_parse(cv_id=cv_id)


# --- Privacy (PDPO) ------------------------------------------------------------


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
