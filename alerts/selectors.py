"""Reads for saved searches: a candidate's list, one of theirs, the alerts due."""

import datetime

from django.db.models import Count, Q, QuerySet

from accounts.models import User
from alerts.models import SavedSearch, SavedSearchHit
from jobs.models import Job
from jobs.selectors import CARD_DEFERRED


def saved_search_list_for_user(user: User) -> QuerySet[SavedSearch]:
    """The candidate's saved searches, newest first, each with how many jobs it found
    and how many are still waiting for an alert. One query."""
    return SavedSearch.objects.filter(user=user).annotate(
        hit_count=Count("hits"),
        pending_count=Count("hits", filter=Q(hits__notified_at__isnull=True)),
    )


def saved_search_get_for_owner(user: User, pk: int) -> SavedSearch | None:
    """One of the user's own saved searches; None for anyone else's."""
    return SavedSearch.objects.filter(user=user, pk=pk).first()


def saved_search_hits_due(frequency: str, now: datetime.datetime) -> QuerySet[SavedSearchHit]:
    """The hits still to notify for saved searches of `frequency`, found up to `now`.

    Paused searches never have hits due. Only jobs still open at `now` are
    returned: an alert must not point to a closed job (such hits simply stay
    unnotified). Ordered by candidate, then saved search, newest job first, so a
    digest can group them; the saved search, its candidate, the job and its
    company come in the same query.
    """
    if frequency not in SavedSearch.Frequency.values or frequency == SavedSearch.Frequency.PAUSED:
        raise ValueError(f"no alerts are due for frequency {frequency!r}")
    return (
        SavedSearchHit.objects.filter(
            notified_at__isnull=True,
            created_at__lte=now,
            saved_search__frequency=frequency,
            job__status=Job.Status.PUBLISHED,
            job__expires_at__gt=now,
        )
        .select_related("saved_search__user", "job__company")
        .defer(*(f"job__{name}" for name in CARD_DEFERRED))
        .order_by("saved_search__user_id", "saved_search_id", "-job__published_at", "-job_id")
    )
