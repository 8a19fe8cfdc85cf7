"""Reads for jobs: the public search, a job's page, a company's jobs."""

import dataclasses
import functools
import hashlib

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import QueryDict

from jobs.filters import FacetFilter, JobSearchFilter
from jobs.models import Job
from skills.models import Skill

PAGE_SIZE = 20
# Long text stays in the database when a list only needs the card.
CARD_DEFERRED = [
    "description",
    "description_zh",
    "responsibilities",
    "requirements",
    "search_vector",
    "moderation_note",
]


def job_list_open() -> QuerySet[Job]:
    """Open jobs with their company, newest first."""
    return Job.objects.open().select_related("company").order_by("-published_at", "-id")


def job_list_for_company(company) -> QuerySet[Job]:
    """Every job of a company, for its own team: newest first."""
    return company.jobs.defer(*CARD_DEFERRED).order_by("-created_at")


def job_list_open_for_company(company) -> QuerySet[Job]:
    return job_list_open().filter(company=company).defer(*CARD_DEFERRED)


def _skills_prefetch() -> list[Prefetch]:
    skills = Skill.objects.only("name", "name_zh", "slug").order_by("name")
    return [
        Prefetch("required_skills", queryset=skills),
        Prefetch("preferred_skills", queryset=skills),
    ]


def job_get_public(pk: int) -> Job | None:
    """A job that has been published (open, closed or expired), with what its page shows."""
    return (
        Job.objects.public()
        .select_related("company")
        .prefetch_related(*_skills_prefetch())
        .filter(pk=pk)
        .first()
    )


def job_get_for_company(company, pk: int) -> Job | None:
    """Any job of `company` (None for another company's job)."""
    return (
        company.jobs.select_related("company")
        .prefetch_related(*_skills_prefetch())
        .filter(pk=pk)
        .first()
    )


SEARCH_VERSION_KEY = "jobs:search-version"
# Counts can lag a job that passes its expiry time by at most this long; anything a
# service changes (publish, close, expire, edit) makes them stale at once.
FACET_CACHE_SECONDS = 120


def search_version() -> int:
    return cache.get_or_set(SEARCH_VERSION_KEY, 1, timeout=None)


def search_version_bump() -> None:
    try:
        cache.incr(SEARCH_VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new value starts afresh
        cache.set(SEARCH_VERSION_KEY, search_version() + 1, timeout=None)


def _facet_cache_key(params: QueryDict) -> str:
    """One key per keyword and filters; the page and the sort share the same counts."""
    items = sorted(
        (key, value)
        for key, values in params.lists()
        if key not in ("page", "sort")
        for value in values
    )
    digest = hashlib.sha256(repr(items).encode()).hexdigest()[:32]
    return f"jobs:facets:{search_version()}:{digest}"


def _facet_counts(search: JobSearchFilter, params: QueryDict):
    """The search's counts, from the cache when the same filters were counted recently.

    Counting ~100,000 open jobs across 53 facet values costs a few hundred ms of
    PostgreSQL CPU (docs/benchmarks.md); paging and re-sorting reuse the counts.
    """
    key = _facet_cache_key(params)
    counts = cache.get(key)
    if counts is None:
        counts = search.facet_counts()
        cache.set(key, counts, FACET_CACHE_SECONDS)
    return counts


@dataclasses.dataclass
class JobSearchResult:
    search: JobSearchFilter
    page: Page
    total: int
    facets: dict[str, dict[str, int]]
    # When nothing matches: [(filter name, jobs found without it)], most useful first.
    loosen: list[tuple[str, int]]
    query: str  # the search's query string without the page, for links

    @functools.cached_property
    def facet_groups(self) -> list[dict]:
        """Each facet with its options, counts and what is ticked, in display order."""
        data = self.search.form.cleaned_data or {}
        groups = []
        for name in self.search.FACETS:
            chosen = data.get(name) or []
            chosen = chosen if isinstance(chosen, list) else [chosen]
            filter_ = self.search.filters[name]
            groups.append(
                {
                    "name": name,
                    "label": filter_.label,
                    "multiple": isinstance(filter_, FacetFilter),
                    "active": bool(chosen),
                    "options": [
                        {
                            "value": value,
                            "label": label,
                            "count": self.facets[name].get(value, 0),
                            "checked": value in chosen,
                        }
                        for value, label in filter_.extra["choices"]
                    ],
                }
            )
        return groups

    @functools.cached_property
    def active_filters(self) -> list[dict]:
        """The ticked values as removable chips: {name, value, label}."""
        return [
            {"name": group["name"], "value": option["value"], "label": option["label"]}
            for group in self.facet_groups
            for option in group["options"]
            if option["checked"]
        ]

    def loosen_labels(self) -> list[dict]:
        labels = {name: self.search.filters[name].label for name in self.search.FACETS}
        return [
            {"name": name, "label": labels.get(name), "count": count} for name, count in self.loosen
        ]


def job_search(
    params: QueryDict, *, page_number=None, page_size: int = PAGE_SIZE
) -> JobSearchResult:
    """One page of open jobs matching `params`, with facet counts.

    Runs a constant number of queries whatever the page size: one for every
    count (none when they are cached), one for the page (and, only when nothing
    matches a keyword, one to count the jobs without it).
    """
    search = JobSearchFilter(params, queryset=job_list_open())
    total, facets, without = _facet_counts(search, params)
    paginator = Paginator(search.qs.defer(*CARD_DEFERRED), page_size)
    paginator.count = total  # already counted with the facets; saves a query
    page = paginator.get_page(page_number)
    loosen: list[tuple[str, int]] = []
    if total == 0:
        loosen = [(name, n) for name, n in without.items() if n]
        if search.form.cleaned_data.get("q"):
            conditions = search.active_conditions().values()
            if n := job_list_open().filter(*conditions).count():
                loosen.append(("q", n))
        loosen.sort(key=lambda item: -item[1])
    query = params.copy()
    query.pop("page", None)
    return JobSearchResult(search, page, total, facets, loosen, query.urlencode())
