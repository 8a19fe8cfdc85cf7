"""Writes for saved searches: saving, renaming, pausing, deleting, and recording the
new jobs each one finds.

Who may call what: the saved-search services act for the candidate who owns the
search (another user gets DomainError); the hit services are for tasks only.
"""

import datetime
from collections.abc import Iterable

from django.db import connection, transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from alerts.criteria import KEYWORD_MAX_LENGTH, search_criteria
from alerts.models import SavedSearch, SavedSearchHit
from alerts.selectors import saved_search_hits_due
from companies.models import Company
from hkstp_portal.errors import DomainError
from hkstp_portal.i18n import in_language, localised_versions
from jobs.models import Job
from jobs.search import keyword_query
from notifications.models import Kind
from notifications.services import NotificationRequest, notifications_create_bulk

Frequency = SavedSearch.Frequency


def _check_owner(saved_search: SavedSearch, by: User) -> None:
    if saved_search.user_id != by.pk:
        raise DomainError(_("This saved search is not yours."))


def _clean_name(user: User, name: str, *, exclude_pk: int | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(_("Give the search a name."))
    if len(name) > SavedSearch.NAME_MAX_LENGTH:
        raise DomainError(
            _("The name is too long: at most %(n)d characters.")
            % {"n": SavedSearch.NAME_MAX_LENGTH}
        )
    same = SavedSearch.objects.filter(user=user, name__iexact=name).exclude(pk=exclude_pk)
    if same.exists():
        raise DomainError(_("You already have a saved search called “%(name)s”.") % {"name": name})
    return name


def _clean_frequency(frequency: str) -> str:
    if frequency not in Frequency.values:
        raise DomainError(_("Choose how often to get alerts: instantly, daily, weekly or paused."))
    return frequency


@transaction.atomic
def saved_search_create(
    *, user: User, params: QueryDict, name: str, frequency: str = Frequency.DAILY
) -> SavedSearch:
    """Save the job search `params` (the GET parameters of /jobs/) for a candidate.

    Candidates only; at most SavedSearch.MAX_PER_USER each, names unique per
    candidate (ignoring case), and the same search only once. The keywords are
    parsed into a tsquery by the same function the search uses; keywords the
    search cannot use (only very common words) are refused. Nothing is written
    when anything is refused.
    """
    if not user.is_candidate:
        raise DomainError(_("Only candidates can save searches."))
    # One save at a time per candidate, so two parallel saves cannot pass the limit.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if SavedSearch.objects.filter(user=user).count() >= SavedSearch.MAX_PER_USER:
        raise DomainError(
            _("You have %(n)d saved searches, the most you can have. Delete one first.")
            % {"n": SavedSearch.MAX_PER_USER}
        )
    criteria = search_criteria(params)
    if len(criteria.keyword) > KEYWORD_MAX_LENGTH:
        raise DomainError(
            _("The keywords of a saved search are at most %(n)d characters.")
            % {"n": KEYWORD_MAX_LENGTH}
        )
    earlier = SavedSearch.objects.filter(user=user, query=criteria.query).first()
    if earlier is not None:
        raise DomainError(
            _("You have already saved this search as “%(name)s”.") % {"name": earlier.name}
        )
    saved_search = SavedSearch(
        user=user,
        name=_clean_name(user, name),
        query=criteria.query,
        frequency=_clean_frequency(frequency),
        **criteria.columns,
    )
    saved_search.full_clean()
    saved_search.save()
    query = keyword_query(criteria.keyword)
    if query is not None:
        # PostgreSQL parses the keywords once, exactly as the search does for each request.
        SavedSearch.objects.filter(pk=saved_search.pk).update(keyword_tsquery=query)
        saved_search.refresh_from_db(fields=["keyword_tsquery"])
        if not saved_search.keyword_tsquery:
            raise DomainError(
                _(
                    "“%(q)s” holds only very common words, which a search ignores. "
                    "Add a more specific word."
                )
                % {"q": criteria.keyword}
            )
    return saved_search


@transaction.atomic
def saved_search_update(
    *, saved_search: SavedSearch, by: User, name: str, frequency: str
) -> SavedSearch:
    """Rename a saved search or change its alert frequency (pausing stops new hits).

    Its owner only. The filters themselves do not change: save a new search instead.
    """
    _check_owner(saved_search, by)
    saved_search = SavedSearch.objects.select_for_update().get(pk=saved_search.pk)
    saved_search.name = _clean_name(by, name, exclude_pk=saved_search.pk)
    saved_search.frequency = _clean_frequency(frequency)
    saved_search.save(update_fields=["name", "frequency", "updated_at"])
    return saved_search


@transaction.atomic
def saved_search_delete(*, saved_search: SavedSearch, by: User) -> None:
    """Delete a saved search and its hits. Its owner only."""
    _check_owner(saved_search, by)
    SavedSearch.objects.filter(pk=saved_search.pk).delete()


# -- hits: the new jobs each saved search finds --------------------------------------

# One statement for all saved searches. The facets mirror jobs.filters.JobSearchFilter:
# OR within a facet (an array overlap), AND across facets, an empty array is "any";
# the salary floor counts only a salary the company shows; the keywords are the stored
# tsquery against the job's stored search vector. "Posted within" is left out: a job
# published moments ago is within every choice.
_HITS_SQL = """
WITH job AS MATERIALIZED (
    SELECT
        j.id,
        j.site,
        j.employment_type,
        j.seniority,
        j.education,
        j.field,
        j.programmes,
        c.clusters,
        array_remove(ARRAY[
            CASE WHEN j.open_to_overseas THEN 'open_to_overseas' END,
            CASE WHEN j.open_to_gba THEN 'open_to_gba' END,
            CASE WHEN j.visa_sponsorship THEN 'visa_sponsorship' END,
            CASE WHEN j.ttps_welcome THEN 'ttps_welcome' END
        ], NULL)::varchar[] AS eligibility,
        CASE WHEN j.show_salary AND j.salary_min IS NOT NULL
            THEN coalesce(j.salary_max, j.salary_min) END AS shown_salary_top,
        -- A copy made once: reading the (compressed, out-of-line) stored vector
        -- for each saved search would decompress it thousands of times.
        j.search_vector || ''::tsvector AS vector
    FROM {job} j
    JOIN {company} c ON c.id = j.company_id
    WHERE j.id = %(job_id)s AND j.status = %(published)s AND j.expires_at > %(now)s
)
INSERT INTO {hit} (saved_search_id, job_id, created_at)
SELECT s.id, job.id, %(now)s
FROM {search} s
CROSS JOIN job
JOIN {user} u ON u.id = s.user_id AND u.is_active
WHERE s.frequency <> %(paused)s
    AND (s.clusters = '{{}}' OR s.clusters && job.clusters)
    AND (s.sites = '{{}}' OR job.site = ANY (s.sites))
    AND (s.employment_types = '{{}}' OR job.employment_type = ANY (s.employment_types))
    AND (s.seniorities = '{{}}' OR job.seniority = ANY (s.seniorities))
    AND (s.educations = '{{}}' OR job.education = ANY (s.educations))
    AND (s.job_fields = '{{}}' OR job.field = ANY (s.job_fields))
    AND (s.eligibility = '{{}}' OR s.eligibility && job.eligibility)
    AND (s.programmes = '{{}}' OR s.programmes && job.programmes)
    AND (s.salary_floor IS NULL OR job.shown_salary_top >= s.salary_floor)
    AND (s.keyword_tsquery IS NULL OR job.vector @@ s.keyword_tsquery)
ON CONFLICT (saved_search_id, job_id) DO NOTHING
"""


def _hits_sql() -> str:
    quote = connection.ops.quote_name
    return _HITS_SQL.format(
        job=quote(Job._meta.db_table),
        company=quote(Company._meta.db_table),
        hit=quote(SavedSearchHit._meta.db_table),
        search=quote(SavedSearch._meta.db_table),
        user=quote(User._meta.db_table),
    )


@transaction.atomic
def saved_search_hits_record(job_id: int, *, now: datetime.datetime | None = None) -> int:
    """Record a hit for every saved search, not paused, whose filters the job meets.

    One INSERT … SELECT over all saved searches (no loop in Python). Finds what the
    public search would: only an open job, and a saved search finds it exactly when
    the job is among that search's results. Idempotent: the unique (saved search,
    job) pair makes a second run insert nothing, so each job alerts each saved
    search at most once. Returns the number of new hits. For tasks.
    """
    now = now or timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            _hits_sql(),
            {
                "job_id": job_id,
                "now": now,
                "published": Job.Status.PUBLISHED,
                "paused": Frequency.PAUSED,
            },
        )
        return cursor.rowcount


@transaction.atomic
def saved_search_hits_mark_notified(ids: Iterable[int], now: datetime.datetime) -> int:
    """Mark hits as notified and their saved searches as alerted at `now`.

    Hits already notified keep their first time, so marking twice changes nothing.
    Returns how many hits were marked. For the notification tasks.
    """
    pending = SavedSearchHit.objects.select_for_update().filter(
        pk__in=list(ids), notified_at__isnull=True
    )
    rows = list(pending.values_list("pk", "saved_search_id"))
    if not rows:
        return 0
    SavedSearchHit.objects.filter(pk__in=[pk for pk, _search in rows]).update(notified_at=now)
    SavedSearch.objects.filter(pk__in={search for _pk, search in rows}).update(last_notified_at=now)
    return len(rows)


@transaction.atomic
def saved_search_hits_notify(*, now: datetime.datetime | None = None) -> int:
    """Turn every hit still to notify into ledger notifications, and mark the hits.

    Instant searches get their email at once; daily and weekly ones wait in the ledger
    for the digest (notifications' beat tasks); every hit is also an item in the
    candidate's notification centre. One transaction: a worker that dies halfway leaves
    the hits unmarked and the ledger without the rows, and the next run (after the next
    job, or the beat task) does both; the ledger key per saved search and job means a
    hit is never sent twice. Hits of paused searches, and of jobs closed meanwhile, wait.
    Returns how many hits were notified. For tasks.
    """
    now = now or timezone.now()
    notified = []
    for frequency in (Frequency.INSTANT, Frequency.DAILY, Frequency.WEEKLY):
        hits = list(
            saved_search_hits_due(frequency, now).select_for_update(of=("self",), skip_locked=True)
        )
        notifications_create_bulk(
            NotificationRequest(
                recipient_id=hit.saved_search.user_id,
                kind=Kind.SAVED_SEARCH,
                key=f"saved-search:{hit.saved_search_id}:{hit.job_id}",
                template="saved_search",
                context={
                    "search_name": hit.saved_search.name,
                    **localised_versions(hit.job, "title", "job_title"),
                    **localised_versions(hit.job.company, "name", "company_name"),
                },
                url=in_language(hit.saved_search.user.language, hit.job.get_absolute_url),
                delivery=frequency,
            )
            for hit in hits
        )
        notified += [hit.pk for hit in hits]
    return saved_search_hits_mark_notified(notified, now)
