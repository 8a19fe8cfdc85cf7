from celery import shared_task

from jobs.search_index import search_changes_prune, search_index_rebuild
from jobs.services import jobs_expire


@shared_task
def jobs_expire_due() -> int:
    """Beat: mark published jobs past their deadline or lifetime as expired (idempotent)."""
    return jobs_expire()


@shared_task
def search_index_refresh() -> int:
    """Beat, daily: rebuild the search's facet index off the request path, and prune the
    triggers' change records it no longer needs (idempotent)."""
    search_index_rebuild()
    return search_changes_prune()
