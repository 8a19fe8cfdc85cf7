"""Reads for jobs: the public search, a job's page, a company's jobs."""

import dataclasses
import functools

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.utils import translation

from hkstp_portal.cache import UNREACHABLE, cache_strict
from jobs.filters import FacetFilter, JobSearchFilter
from jobs.models import Job
from jobs.search_index import OrderedJobs, search_bitmaps_get
from skills.models import Skill

PAGE_SIZE = 20
# Long text stays in the database when a list only needs the card.
CARD_DEFERRED = [
    "description",
    "description_zh",
    "description_zh_hans",
    "responsibilities",
    "responsibilities_zh",
    "responsibilities_zh_hans",
    "requirements",
    "requirements_zh",
    "requirements_zh_hans",
    "search_vector",
    "rank_vector",
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


@functools.cache
def _skills_sql() -> str:
    required = Job.required_skills.through._meta
    preferred = Job.preferred_skills.through._meta
    return (
        f"SELECT s.id, s.name, s.name_zh, s.name_zh_hans, s.slug, s.weight, r.required FROM ("  # noqa: S608 - table names
        f"SELECT skill_id, TRUE AS required FROM {required.db_table} WHERE job_id = %(job)s "
        f"UNION ALL SELECT skill_id, FALSE FROM {preferred.db_table} WHERE job_id = %(job)s"
        f") r JOIN {Skill._meta.db_table} s ON s.id = r.skill_id ORDER BY s.name, s.id"
    )


def _attach_skills(job: Job | None) -> Job | None:
    """`job.required_skills.all()` and `job.preferred_skills.all()` (name order) in one
    query instead of two prefetches, stored where prefetch_related would keep them."""
    if job is None:
        return None
    skills = {True: [], False: []}
    for skill in Skill.objects.raw(_skills_sql(), {"job": job.pk}):
        skills[skill.required].append(skill)
    cache = job.__dict__.setdefault("_prefetched_objects_cache", {})
    for name, found in (("required_skills", skills[True]), ("preferred_skills", skills[False])):
        queryset = getattr(job, name).all()
        queryset._result_cache = found
        queryset._prefetch_done = True
        cache[name] = queryset
    return job


def job_get_public(pk: int) -> Job | None:
    """A job that has been published (open, closed or expired), with what its page shows."""
    return _attach_skills(
        Job.objects.public()
        .select_related("company")
        # The search's vectors are several kilobytes a job and never shown.
        .defer("search_vector", "rank_vector")
        .filter(pk=pk)
        .first()
    )


def job_get_for_company(company, pk: int) -> Job | None:
    """Any job of `company` (None for another company's job)."""
    return _attach_skills(company.jobs.select_related("company").filter(pk=pk).first())


@functools.lru_cache(maxsize=64)
def _facet_labels(name: str, language: str | None) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A facet's label and its options' (value, label), translated into `language` (the
    active one when called): the same for every search, so translated once per process
    rather than about sixty gettext calls a search."""
    filter_ = JobSearchFilter.base_filters[name]
    choices = tuple((value, str(label)) for value, label in filter_.extra["choices"])
    return str(filter_.label), choices


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
        """Each facet with its options, counts and what is ticked, in display order.

        The labels are plain strings in the active language (_facet_labels): as lazy
        strings, each use in a template would translate them again.
        """
        data = self.search.form.cleaned_data or {}
        language = translation.get_language()
        groups = []
        for name in self.search.FACETS:
            chosen = data.get(name) or []
            chosen = chosen if isinstance(chosen, list) else [chosen]
            label, choices = _facet_labels(name, language)
            groups.append(
                {
                    "name": name,
                    "label": label,
                    "multiple": isinstance(self.search.filters[name], FacetFilter),
                    "active": bool(chosen),
                    "options": [
                        {
                            "value": value,
                            "label": option_label,
                            "count": self.facets[name].get(value, 0),
                            "checked": value in chosen,
                        }
                        for value, option_label in choices
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


class _OrderedPage:
    """The jobs of a search in display order, for the Paginator.

    The order comes from a list of ids kept with the search bitmaps (a keyword's
    matches by relevance, or every open job by date or salary: jobs.search_index),
    filtered by the search's bitset, so a page costs one query by primary key however
    deep it is and whatever it is filtered by.
    """

    def __init__(self, ordered: OrderedJobs, allowed: int, total: int):
        self.ordered = ordered
        self.allowed = allowed
        self.total = total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[Job]:
        picked = self.ordered.pick(self.allowed, self.total, window.start or 0, window.stop)
        # open() again: a job that expired within the counts' few seconds is left out.
        jobs = job_list_open().defer(*CARD_DEFERRED).in_bulk(picked)
        return [jobs[job_id] for job_id in picked if job_id in jobs]


def job_search(
    params: QueryDict, *, page_number=None, page_size: int = PAGE_SIZE
) -> JobSearchResult:
    """One page of open jobs matching `params`, with facet counts.

    The counts, the total and the page's ids come from the search bitmaps and lists
    (jobs.search_index): exact as of the last committed job change, and at most
    FRESH_SECONDS behind the clock. Runs a constant number of queries whatever the page
    size and depth: one for the page, plus one when a job changed or the counts are a
    few seconds old, plus one for each list (a keyword's matches, an order) or the
    index when it is not in Redis.
    """
    search = JobSearchFilter(params, queryset=job_list_open())
    keyword = search.keyword
    sort = search.sort_key()
    order = None if sort == "relevance" else sort
    try:
        # Strict: with Redis down, the index would be rebuilt (~1 s) for every search.
        with cache_strict():
            bitmaps = search_bitmaps_get(search.keyword_text, keyword, order)
    except UNREACHABLE:
        # hkstp_portal.cache logs the outage once; this search is answered in SQL.
        return _job_search_in_sql(search, params, page_number=page_number, page_size=page_size)
    index = bitmaps.index
    base = index.open & bitmaps.keyword.bitset if keyword is not None else index.open
    chosen = search.chosen_values()
    matching, facets, without = index.counts(base, chosen, search.facet_choices())
    total = matching.bit_count()
    jobs = _OrderedPage(bitmaps.order if order else bitmaps.keyword, matching, total)
    paginator = Paginator(jobs, page_size)
    paginator.count = total  # already counted; saves a query
    page = paginator.get_page(page_number)
    loosen: list[tuple[str, int]] = []
    if total == 0:
        loosen = [(name, n) for name, n in without.items() if n]
        if keyword is not None and (n := index.counts(index.open, chosen, {})[0].bit_count()):
            loosen.append(("q", n))
        loosen.sort(key=lambda item: -item[1])
    query = params.copy()
    query.pop("page", None)
    return JobSearchResult(search, page, total, facets, loosen, query.urlencode())


def _job_search_in_sql(
    search: JobSearchFilter, params: QueryDict, *, page_number, page_size: int
) -> JobSearchResult:
    """job_search when Redis is unreachable: the SQL the bitmaps were built to replace.

    The same counts (each facet with every other active facet applied, one aggregate over
    the open jobs) and the same order (JobSearchFilter's ORDER BY), at the cost the index
    saves (hundreds of milliseconds at 100,000 jobs, docs/benchmarks.md) rather than no
    answer. tests/hkstp_portal/test_cache_down.py compares both.
    """
    base = job_list_open().order_by()
    if search.keyword is not None:
        base = base.filter(search_vector=search.keyword)
    active = search.active_conditions()

    def all_but(skip=None) -> Q:
        condition = Q()
        for name, q in active.items():
            if name != skip:
                condition &= q
        return condition

    def counted(condition: Q) -> Count:
        return Count("pk", filter=condition) if condition else Count("pk")

    choices = search.facet_choices()
    aggregates = {"total": counted(all_but())}
    aggregates |= {f"without.{name}": counted(all_but(name)) for name in active}
    for name, values in choices.items():
        others = all_but(name)
        for value in values:
            aggregates[f"{name}.{value}"] = counted(
                others & search.filters[name].condition([value])
            )
    row = base.aggregate(**aggregates)
    total = row.pop("total")
    facets = {
        name: {value: row[f"{name}.{value}"] for value in values}
        for name, values in choices.items()
    }
    paginator = Paginator(search.qs.defer(*CARD_DEFERRED), page_size)
    paginator.count = total  # counted above; saves a query
    page = paginator.get_page(page_number)
    loosen: list[tuple[str, int]] = []
    if total == 0:
        loosen = [(name, n) for name in active if (n := row[f"without.{name}"])]
        if search.keyword is not None and (
            n := job_list_open().order_by().filter(all_but()).count()
        ):
            loosen.append(("q", n))
        loosen.sort(key=lambda item: -item[1])
    query = params.copy()
    query.pop("page", None)
    return JobSearchResult(search, page, total, facets, loosen, query.urlencode())
