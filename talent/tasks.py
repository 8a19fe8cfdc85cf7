from celery import shared_task

from talent.services import cvs


@shared_task
def cv_parse(cv_id: int) -> str | None:
    """After an upload commits: read the CV's text and suggest skills from it.

    Idempotent and safe to retry: a CV already read is left alone, a deleted one is
    skipped, and a file that cannot be read is marked failed instead of raising.
    """
    return cvs.cv_parse(cv_id=cv_id)
