from celery import shared_task

from alerts.services import saved_search_hits_record


@shared_task
def saved_search_hits_record_task(job_id: int) -> int:
    """After a job is published: record the saved searches it matches.

    Idempotent (a hit is unique per saved search and job), so a retry or a
    second delivery records nothing twice. Returns the number of new hits.
    """
    return saved_search_hits_record(job_id)
