"""What alerts does when another app announces something (connected in apps.py): it only
enqueues its own task."""

from alerts.tasks import saved_search_hits_record_task


def job_published_record_hits(sender, job_id: int, **kwargs) -> None:
    """A job was published (jobs.signals.job_published, after commit): record which saved
    searches it matches, in the worker."""
    saved_search_hits_record_task.delay(job_id)
