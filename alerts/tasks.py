from celery import shared_task

from alerts.services import saved_search_hits_notify, saved_search_hits_record


@shared_task
def saved_search_hits_record_task(job_id: int) -> int:
    """After a job is published: record the saved searches it matches, then notify them
    (instant alerts at once, the others through the digests).

    Idempotent (a hit is unique per saved search and job, and so is its ledger key),
    so a retry or a second delivery records and sends nothing twice. Returns the number
    of new hits.
    """
    hits = saved_search_hits_record(job_id)
    saved_search_hits_notify()
    return hits


@shared_task
def saved_search_hits_notify_due() -> int:
    """Beat, every 5 minutes: notify hits a worker recorded but died before notifying,
    and hits of searches resumed after a pause. Idempotent."""
    return saved_search_hits_notify()
