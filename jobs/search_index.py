"""The public search's counts and keyword matches, kept as bitmaps of job ids.

Counting ~100,000 open jobs across 53 facet values in SQL costs 250–400 ms, and ranking
every match of a broad keyword ("engineer" matches 97% of jobs) about as much
(docs/benchmarks.md). Here the set of open jobs with each facet value is a Python int
used as a bitset (bit n set = job n has it), so a disjunctive facet count is a few
big-int AND/OR operations and a popcount: well under a millisecond. A keyword's open
matches are kept the same way, with their ids in relevance order, so a page of a broad
keyword is read from that list instead of ranking every match again.

Both live in Redis (shared by every web process), under the database's name.

How fresh they are:
- Every committed job change appends the job ids to a change log in Redis
  (`search_changes_record`, called on commit by `jobs.services.search_changed`). The
  next search re-reads only those jobs, in one small query, and patches the bitmaps and
  keyword lists: the counts reflect a change from the first search after its commit.
- Time alone moves jobs out of the open set (expiry) and out of the "posted within"
  windows. The index re-reads the jobs that crossed such a boundary since it was last
  brought up to date whenever it is more than FRESH_SECONDS old, so counts lag the clock
  by at most that long. The page of jobs itself is always filtered exactly (open now).
- A lost change-log entry, a burst of changes too big to patch, or an index evicted
  from Redis make the next search rebuild everything from one query of the open jobs.
"""

import bisect
import dataclasses
import datetime
import hashlib
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import BigIntegerField, BooleanField, ExpressionWrapper, F, Func, Q, Value
from django.utils import timezone

from hkstp_portal.vocabulary import Eligibility
from jobs import filters
from jobs.models import Job

# Counts may lag the clock (a job passing its expiry, a "posted within" window) this long.
FRESH_SECONDS = 10
CHANGE_LOG_SECONDS = 24 * 3600
INDEX_SECONDS = 24 * 3600
# A keyword's list is kept while people search for it; a broad one is about 1.5 MB.
KEYWORD_SECONDS = 3600
# Beyond this, re-reading every open job is cheaper than patching.
MAX_PATCH_ENTRIES = 500
MAX_PATCH_IDS = 2_000
REBUILD = "*"  # a change-log entry meaning "too many jobs changed: rebuild"

SALARY_FLOORS = tuple(int(value) for value, _label in filters.SALARY_FLOORS)
POSTED_DAYS = tuple(int(value) for value, _label in filters.POSTED_WITHIN)
# The columns the bitmaps are made of; every facet of jobs.filters.JobSearchFilter.
COLUMNS = [
    "pk",
    "status",
    "published_at",
    "expires_at",
    "company__clusters",
    "site",
    "employment_type",
    "seniority",
    "education",
    "field",
    *Eligibility.values,
    "programmes",
    "show_salary",
    "salary_min",
    "salary_max",
]
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
MICROSECOND = datetime.timedelta(microseconds=1)


def bits(ids: Iterable[int]) -> int:
    """The bitset of `ids` (bit n set for each id n)."""
    ids = list(ids)
    if not ids:
        return 0
    buffer = bytearray(max(ids) // 8 + 1)
    for job_id in ids:
        buffer[job_id >> 3] |= 1 << (job_id & 7)
    return int.from_bytes(buffer, "little")


def _key(*parts) -> str:
    # The bench database and the developer's share one Redis.
    return ":".join(["jobs:search", connection.settings_dict["NAME"], *map(str, parts)])


# -- the change log ----------------------------------------------------------------


def search_changes_record(job_ids: Iterable[int]) -> None:
    """Append a committed change of these jobs to the log the search patches itself from.

    Call it after commit only (jobs.services.search_changed does), so a search that
    reads the entry also reads the changed rows. Safe from any process.
    """
    ids = sorted(set(job_ids))
    if not ids:
        return
    seq_key = _key("seq")
    cache.add(seq_key, 0, timeout=None)
    try:
        seq = cache.incr(seq_key)
    except ValueError:  # evicted between add and incr: the readers will rebuild
        cache.add(seq_key, 1, timeout=None)
        return
    entry = REBUILD if len(ids) > MAX_PATCH_IDS else ids
    cache.set(_key("change", seq), entry, CHANGE_LOG_SECONDS)


def _changes_since(seq: int, latest: int) -> tuple[int, set[int] | None]:
    """The jobs changed after log entry `seq`: (last entry read, ids), None for "rebuild".

    An entry may be missing for two reasons: it expired (the reader is too far behind:
    rebuild) or its writer has incremented the sequence but not yet stored it (stop
    just before it; the next search reads it).
    """
    if latest <= seq:
        return seq, set()
    if latest - seq > MAX_PATCH_ENTRIES:
        return latest, None
    keys = [_key("change", n) for n in range(seq + 1, latest + 1)]
    entries = cache.get_many(keys)
    ids: set[int] = set()
    last = seq
    for n, key in enumerate(keys, start=seq + 1):
        entry = entries.get(key)
        if entry is None:
            if any(k in entries for k in keys[n - seq :]):
                return latest, None  # a gap before later entries: it expired
            break
        if entry == REBUILD:
            return latest, None
        ids.update(entry)
        last = n
    if len(ids) > MAX_PATCH_IDS:
        return latest, None
    return last, ids


# -- the rows ------------------------------------------------------------------------


def _is_open(row: dict, now: datetime.datetime) -> bool:
    # The same rule as JobQuerySet.open().
    return row["status"] == Job.Status.PUBLISHED and row["expires_at"] > now


def _facet_values(row: dict, now: datetime.datetime) -> Iterable[tuple[str, str]]:
    """(facet, value) for each facet value the job has; the rules of jobs.filters."""
    for cluster in row["company__clusters"] or ():
        yield "cluster", cluster
    for name in ("site", "employment_type", "seniority", "education", "field"):
        yield name, row[name]
    for flag in Eligibility.values:
        if row[flag]:
            yield "eligibility", flag
    for programme in row["programmes"] or ():
        yield "programme", programme
    # A hidden salary is never counted (jobs.filters._salary_at_least).
    if row["show_salary"] and row["salary_min"] is not None:
        top = row["salary_max"] if row["salary_max"] is not None else row["salary_min"]
        for floor in SALARY_FLOORS:
            if top >= floor:
                yield "salary", str(floor)
    for days in POSTED_DAYS:
        if row["published_at"] >= now - datetime.timedelta(days=days):
            yield "posted", str(days)


def _rows(where: Q, keyword: SearchQuery | None) -> list[dict]:
    """The facet columns of the jobs matching `where`, and with a keyword its match and rank."""
    jobs = Job.objects.filter(where).order_by()
    fields = list(COLUMNS)
    if keyword is not None:
        jobs = jobs.annotate(
            keyword_match=ExpressionWrapper(Q(search_vector=keyword), BooleanField()),
            keyword_rank=SearchRank(F("rank_vector"), keyword),
        )
        fields += ["keyword_match", "keyword_rank"]
    return list(jobs.values(*fields))


def _crossed(since: datetime.datetime, now: datetime.datetime) -> Q:
    """Jobs that expired, or left a "posted within" window, between `since` and `now`."""
    # No status condition on expiry: the beat task may already have marked it expired.
    q = Q(expires_at__gt=since, expires_at__lte=now)
    for days in POSTED_DAYS:
        window = datetime.timedelta(days=days)
        q |= Q(
            status=Job.Status.PUBLISHED,
            published_at__gte=since - window,
            published_at__lt=now - window,
        )
    return q


def _index_build(seq: int, now: datetime.datetime) -> "FacetIndex":
    """The whole index from one aggregate over the open jobs: an id array per facet value.

    Each array is filtered by the search filter's own condition (jobs.filters), the SQL
    the page of results is filtered by; `_facet_values`, which patches single jobs, is
    checked against the same conditions in tests/jobs/test_search_index.py. One row of
    ~55 arrays arrives far faster than 100,000 rows of facet columns (seconds, in
    psycopg and Python, on the benchmark machine).
    """
    search = filters.JobSearchFilter(queryset=Job.objects.none())
    aggregates = {"open": ArrayAgg("pk", default=Value([]))}
    for name, values in search.facet_choices().items():
        for value in values:
            if name == "posted":  # at the index's own moment, not the filter's
                condition = Q(published_at__gte=now - datetime.timedelta(days=int(value)))
            else:
                condition = search.filters[name].condition([value])
            aggregates[f"{name}.{value}"] = ArrayAgg("pk", filter=condition, default=Value([]))
    row = Job.objects.open(now).order_by().aggregate(**aggregates)
    index = FacetIndex(seq, now)
    index.open = bits(row.pop("open"))
    for key, ids in row.items():
        name, value = key.split(".", 1)
        index.values.setdefault(name, {})[value] = bits(ids)
    return index


# -- the facet index -------------------------------------------------------------------


@dataclasses.dataclass
class FacetIndex:
    """Bitsets of the open jobs, whole and by facet value, true as of `as_of`."""

    seq: int  # the last change-log entry applied
    as_of: datetime.datetime
    open: int = 0
    values: dict[str, dict[str, int]] = dataclasses.field(default_factory=dict)

    def apply(self, changed: Iterable[int], rows: Sequence[dict], now) -> None:
        """Make the bits of `changed` (and of `rows`) say what `rows`, read at `now`, say.

        Idempotent; a changed id with no row (deleted) ends up in no set.
        """
        clear = bits({*changed, *(row["pk"] for row in rows)})
        if clear:
            self.open &= ~clear
            for facet in self.values.values():
                for value in facet:
                    facet[value] &= ~clear
        open_ids = []
        by_value: dict[tuple[str, str], list[int]] = defaultdict(list)
        for row in rows:
            if _is_open(row, now):
                open_ids.append(row["pk"])
                for pair in _facet_values(row, now):
                    by_value[pair].append(row["pk"])
        self.open |= bits(open_ids)
        for (name, value), ids in by_value.items():
            facet = self.values.setdefault(name, {})
            facet[value] = facet.get(value, 0) | bits(ids)
        self.as_of = now

    def get(self, name: str, value: str) -> int:
        return self.values.get(name, {}).get(value, 0)

    def chosen(self, chosen: dict[str, list[str]]) -> dict[str, int]:
        """Each active facet's bitset: the jobs with any of its ticked values."""
        sets = {}
        for name, values in chosen.items():
            union = 0
            for value in values:
                union |= self.get(name, value)
            sets[name] = union
        return sets

    def counts(
        self, base: int, chosen: dict[str, list[str]], choices: dict[str, list[str]]
    ) -> tuple[int, dict[str, dict[str, int]], dict[str, int]]:
        """(matching jobs, {facet: {value: jobs}}, {active facet: jobs without it}).

        `base` is the open jobs the keyword matches. Each facet is counted with every
        other active facet applied but not its own (disjunctive facets), like the
        aggregate query this replaces.
        """
        sets = self.chosen(chosen)

        def all_but(skip=None) -> int:
            result = base
            for name, union in sets.items():
                if name != skip:
                    result &= union
            return result

        total = all_but().bit_count()
        without = {name: all_but(name).bit_count() for name in sets}
        counts = {}
        for name, values in choices.items():
            others = all_but(name)
            counts[name] = {value: (others & self.get(name, value)).bit_count() for value in values}
        return total, counts, without


# -- a keyword's matches -----------------------------------------------------------------


def _micros(moment: datetime.datetime) -> int:
    return (moment - EPOCH) // MICROSECOND


@dataclasses.dataclass
class KeywordMatches:
    """The open jobs matching a keyword, in relevance order, and as a bitset.

    Relevance order is the SQL one (jobs.filters.JobSearchFilter.filter_queryset):
    ts_rank on the title/skills/company vector, highest first, then newest, then id.
    """

    seq: int
    ids: array = dataclasses.field(default_factory=lambda: array("l"))
    ranks: array = dataclasses.field(default_factory=lambda: array("f"))
    published: array = dataclasses.field(default_factory=lambda: array("q"))
    bitset: int = 0

    def _sort_key(self, i: int) -> tuple:
        return (-self.ranks[i], -self.published[i], -self.ids[i])

    def apply(self, changed: Iterable[int], rows: Sequence[dict], now) -> None:
        """Remove the changed jobs, then insert those of `rows` that are open and match."""
        for job_id in {*changed, *(row["pk"] for row in rows)}:
            if self.bitset >> job_id & 1:
                i = self.ids.index(job_id)
                del self.ids[i], self.ranks[i], self.published[i]
        self.bitset &= ~bits({*changed, *(row["pk"] for row in rows)})
        added = []
        for row in rows:
            if not (row["keyword_match"] and _is_open(row, now)):
                continue
            rank = array("f", [row["keyword_rank"]])[0]  # as stored: float4
            published = _micros(row["published_at"])
            key = (-rank, -published, -row["pk"])
            i = bisect.bisect_left(range(len(self.ids)), key, key=self._sort_key)
            self.ids.insert(i, row["pk"])
            self.ranks.insert(i, rank)
            self.published.insert(i, published)
            added.append(row["pk"])
        self.bitset |= bits(added)

    @classmethod
    def from_rows(cls, seq: int, rows: Sequence[tuple[int, float, int]]):
        """From (id, rank, published in µs since 1970) rows already in relevance order."""
        matches = cls(seq)
        if rows:
            ids, ranks, published = zip(*rows, strict=True)
            matches.ids = array("l", ids)
            matches.ranks = array("f", ranks)
            matches.published = array("q", published)
            matches.bitset = bits(ids)
        return matches


class _EpochMicros(Func):
    template = "(extract(epoch FROM %(expressions)s) * 1000000)::bigint"
    output_field = BigIntegerField()


def _keyword_build(seq: int, keyword: SearchQuery, now: datetime.datetime) -> KeywordMatches:
    """Every open match of the keyword, ranked and ordered in one query."""
    rank = SearchRank(F("rank_vector"), keyword)
    found = (
        Job.objects.open(now)
        .filter(search_vector=keyword)
        .order_by(rank.desc(), F("published_at").desc(), F("id").desc())
        .values_list("pk", rank, _EpochMicros("published_at"))
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # A broad word ("engineer": 97% of jobs) makes the planner pick a sequential
        # scan, which unpacks every TOASTed search vector (~500 ms); the GIN index's
        # bitmap answers a plain word exactly when it is not lossy (~100 ms), hence
        # the memory. Both settings end with this transaction.
        cursor.execute(
            "SELECT set_config('enable_seqscan', 'off', true), set_config('work_mem', '32MB', true)"
        )
        rows = list(found)
    return KeywordMatches.from_rows(seq, rows)


def _keyword_key(text: str) -> str:
    return _key("keyword", hashlib.sha256(text.encode()).hexdigest()[:32])


# -- reading them -----------------------------------------------------------------------


@dataclasses.dataclass
class SearchBitmaps:
    index: FacetIndex
    keyword: KeywordMatches | None


def search_bitmaps_get(keyword_text: str, keyword: SearchQuery | None) -> SearchBitmaps:
    """The facet index and the keyword's matches, brought up to date.

    Runs at most two queries: one to patch (or rebuild) the index and the keyword's
    list together, and one to list a keyword's matches when they are not in Redis.
    """
    now = timezone.now()
    seq_key, index_key = _key("seq"), _key("index")
    keyword_key = _keyword_key(keyword_text) if keyword is not None else None
    stored = cache.get_many([k for k in (seq_key, index_key, keyword_key) if k])
    latest = stored.get(seq_key, 0)
    index: FacetIndex | None = stored.get(index_key)
    matches: KeywordMatches | None = stored.get(keyword_key) if keyword_key else None

    if index is None:
        return _rebuild(latest, now, keyword, keyword_key)
    last, changed = _changes_since(index.seq, latest)
    if changed is None:  # too much changed, or the log has a gap: start afresh
        return _rebuild(latest, now, keyword, keyword_key)

    keyword_dirty = False
    if matches is not None and matches.seq < index.seq:
        # Another keyword's searches moved the index on since this list was patched.
        _last, behind = _changes_since(matches.seq, index.seq)
        if behind is None:
            matches = None
        else:
            changed |= behind
    if keyword is not None and matches is None:
        matches = _keyword_build(index.seq, keyword, index.as_of)
        keyword_dirty = True

    if changed or now - index.as_of > datetime.timedelta(seconds=FRESH_SECONDS):
        rows = _rows(Q(pk__in=sorted(changed)) | _crossed(index.as_of, now), keyword)
        if matches is not None:
            matches.apply(changed, rows, now)
            matches.seq = last
            keyword_dirty = True
        index.apply(changed, rows, now)
        index.seq = last
        cache.set(index_key, index, INDEX_SECONDS)
    if keyword_dirty:
        cache.set(keyword_key, matches, KEYWORD_SECONDS)
    elif keyword_key:
        cache.touch(keyword_key, KEYWORD_SECONDS)
    return SearchBitmaps(index, matches)


def _rebuild(seq: int, now, keyword: SearchQuery | None, keyword_key: str | None):
    """Everything afresh (the log up to `seq` is in what the queries read)."""
    index = _index_build(seq, now)
    cache.set(_key("index"), index, INDEX_SECONDS)
    matches = None
    if keyword is not None:
        matches = _keyword_build(seq, keyword, now)
        cache.set(keyword_key, matches, KEYWORD_SECONDS)
    return SearchBitmaps(index, matches)


def keyword_matches_forget(text: str) -> None:
    """Drop a keyword's cached matches (the benchmark's "first search of a keyword")."""
    cache.delete(_keyword_key(text.strip()[: filters.MAX_LENGTH]))


def search_bitmaps_forget() -> None:
    """Drop the facet index, so the next search rebuilds it (as after an eviction)."""
    cache.delete(_key("index"))
