"""The public search's counts and orders, kept as bitmaps and lists of job ids.

Counting ~100,000 open jobs across 53 facet values in SQL costs 250–400 ms, and ranking
every match of a broad keyword ("engineer" matches 97% of jobs) about as much
(docs/benchmarks.md). Here the set of open jobs with each facet value is a Python int
used as a bitset (bit n set = job n has it), so a disjunctive facet count is a few
big-int AND/OR operations and a popcount: under a millisecond. A keyword's open
matches are kept as a bitset too, with their ids in relevance order, so a page of a
broad keyword is read from that list instead of ranking every match again; pages by
date or salary come from such lists of every open job, so no page is sorted in SQL.

All of it lives in Redis (shared by every web process), under the database's name, and
each process keeps the copies it last used (`_shared_get`): Redis holds a short version
token beside each value, so a search reads a few bytes when nothing changed, not the
megabyte of an index or a list of 100,000 ids. The copies are never changed in place
(other threads of the process read them): patching works on a copy, then stores it.

How fresh they are:
- Every committed job change appends the job ids to a change log in Redis
  (`search_changes_record`, called on commit by `jobs.services.search_changed`). The
  next search re-reads only those jobs, in one small query, and patches the bitmaps and
  lists: the counts reflect a change from the first search after its commit.
- Time alone moves jobs out of the open set (expiry) and out of the "posted within"
  windows. The index re-reads the jobs that crossed such a boundary since it was last
  brought up to date whenever it is more than FRESH_SECONDS old, so counts lag the clock
  by at most that long. The page of jobs itself is always filtered exactly (open now).
- Writes that bypass the services (the admin's company form, a bulk UPDATE, raw SQL)
  are recorded by database triggers in jobs_searchchange (jobs.models.SearchChange);
  the index and each list read that table along with the clock's re-read, so such a
  write shows within FRESH_SECONDS too.
- A lost change-log entry, a burst of changes too big to patch, half a day without
  any search, or an index evicted from Redis make the next search rebuild the index
  from one query of the open jobs (~0.6-1 s for 100,000), and a list from one query
  each. The beat task jobs.tasks.search_index_refresh rebuilds it daily, off the
  request path, for whatever both logs missed.
"""

import bisect
import dataclasses
import datetime
import functools
import hashlib
import secrets
import threading
import time
from array import array
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence

from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import (
    BigIntegerField,
    BooleanField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Q,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from hkstp_portal.vocabulary import Eligibility
from jobs import filters
from jobs.models import Job, SearchChange, salary_sort_key

# Counts may lag the clock (a job passing its expiry, a "posted within" window) this long.
FRESH_SECONDS = 10
CHANGE_LOG_SECONDS = 24 * 3600
INDEX_SECONDS = 24 * 3600
# A keyword's (or an order's) list is kept while people use it; a long one is ~2 MB.
LIST_SECONDS = 3600
# One that took long to build (a broad word: "engineer" matches 97% of jobs, ~300 ms)
# is kept for a day, so that only its first search of the day pays for it.
COSTLY_BUILD = datetime.timedelta(milliseconds=50)
COSTLY_LIST_SECONDS = 24 * 3600
# Sorting an id of a page by its place in a list costs about this many ids walked.
SORT_COST = 4
# Beyond this, re-reading every open job is cheaper than patching.
MAX_PATCH_ENTRIES = 500
MAX_PATCH_IDS = 2_000
# An index nobody read for this long has too many jobs past a time boundary to re-read.
MAX_PATCH_AGE = datetime.timedelta(hours=12)
# Writes that bypass the services (the admin's company form, a bulk or raw UPDATE) are
# found in the triggers' table (jobs.models.SearchChange) with the time-boundary re-read.
# Each re-read looks this far back before the last one, for transactions that wrote
# a while before they committed.
TRIGGER_LOG_OVERLAP = datetime.timedelta(minutes=1)
# A bypassing write committed more than TRIGGER_LOG_OVERLAP after it was made, or while
# the index was being rebuilt, is seen at the next rebuild: daily, by the beat task
# jobs.tasks.search_index_refresh, or by a search if no worker has done it.
REBUILD_EVERY = datetime.timedelta(hours=25)
REBUILD = "*"  # a change-log entry meaning "too many jobs changed: rebuild"
REBUILD_WAIT_SECONDS = 5

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


def _set_bits(bitset: int) -> list[int]:
    """The ids whose bits are set, highest first (one string search per id)."""
    digits = bin(bitset)  # "0b1…": the highest bit first
    last = len(digits) - 1
    found = []
    at = digits.find("1", 2)
    while at != -1:
        found.append(last - at)
        at = digits.find("1", at + 1)
    return found


def _key(*parts) -> str:
    # The bench database and the developer's share one Redis.
    return ":".join(["jobs:search", connection.settings_dict["NAME"], *map(str, parts)])


# -- Redis, with this process's copies --------------------------------------------------

# Copies of the index and of lists, most recently used last. A process keeps at most
# this many, and this many list entries in all (~20 bytes each: id, rank, date).
LOCAL_COPIES = 64
LOCAL_LIST_ENTRIES = 2_000_000
# A list in use has its expiry in Redis pushed back at most this often per process.
TOUCH_EVERY_SECONDS = 60


@dataclasses.dataclass
class _Copy:
    token: str
    value: object
    touched: float  # time.monotonic() of the last push-back of its expiry in Redis


_local: OrderedDict[str, _Copy] = OrderedDict()
_local_lock = threading.Lock()


def _token_key(key: str) -> str:
    return f"{key}:token"


def _size(value) -> int:
    """A copy's weight in list entries (~20 bytes each); its positions, 4 bytes a job id
    up to the highest, once it has needed them (OrderedJobs.pick)."""
    if not isinstance(value, OrderedJobs):
        return 0
    return len(value.ids) + len(value.__dict__.get("_positions", ())) // 5


def _remember(key: str, token: str, value) -> None:
    with _local_lock:
        _local[key] = _Copy(token, value, time.monotonic())
        _local.move_to_end(key)
        entries = sum(_size(copy.value) for copy in _local.values())
        while len(_local) > 1 and (len(_local) > LOCAL_COPIES or entries > LOCAL_LIST_ENTRIES):
            _old_key, old = _local.popitem(last=False)
            entries -= _size(old.value)


def local_copies_forget() -> None:
    """Drop this process's copies (tests acting as another process)."""
    with _local_lock:
        _local.clear()


def _shared_get(keys: Sequence[str], *, also: Sequence[str] = ()) -> dict:
    """The values of `keys` in Redis, from this process's copies when Redis holds the
    same version, and the plain values of `also` (small keys read in the same trip)."""
    first = cache.get_many([*also, *map(_token_key, keys)])
    found = {key: first[key] for key in also if key in first}
    missing = []
    with _local_lock:
        for key in keys:
            token = first.get(_token_key(key))
            copy = _local.get(key)
            if token is None:
                continue  # not in Redis (or stored before tokens): missing
            if copy is not None and copy.token == token:
                found[key] = copy.value
                _local.move_to_end(key)
            else:
                missing.append(key)
    if missing:
        # The value with its token, in one read: another process may store between.
        fetched = cache.get_many([*missing, *map(_token_key, missing)])
        for key in missing:
            value, token = fetched.get(key), fetched.get(_token_key(key))
            if value is not None and token is not None:
                found[key] = value
                _remember(key, token, value)
    return found


def _shared_set(key: str, value, timeout: int) -> None:
    """Store `value` for every process. Never change it afterwards: copy it to patch."""
    token = secrets.token_hex(8)
    cache.set_many({key: value, _token_key(key): token}, timeout)
    _remember(key, token, value)


def _shared_touch(key: str, timeout: int) -> None:
    """Push back the expiry of a value in use (at most every TOUCH_EVERY_SECONDS)."""
    copy = _local.get(key)
    now = time.monotonic()
    if copy is not None and now - copy.touched < TOUCH_EVERY_SECONDS:
        return
    cache.touch(key, timeout)
    cache.touch(_token_key(key), timeout)
    if copy is not None:
        copy.touched = now


def _shared_delete(*keys: str) -> None:
    cache.delete_many([*keys, *map(_token_key, keys)])


# -- the change log ----------------------------------------------------------------


def search_changes_record(job_ids: Iterable[int]) -> None:
    """Append a change of these jobs to the log the search patches itself from.

    Call it after commit (jobs.services.search_changed does), so a search that reads
    the entry also reads the changed rows; an extra entry is harmless (the jobs are
    read once more). Safe from any process.
    """
    ids = sorted(set(job_ids))
    if not ids:
        return
    seq_key = _sequence_start()
    try:
        seq = cache.incr(seq_key)
    except ValueError:  # lost between add and incr: the new sequence makes all rebuild
        _sequence_start()
        return
    entry = REBUILD if len(ids) > MAX_PATCH_IDS else ids
    cache.set(_key("change", seq), entry, CHANGE_LOG_SECONDS)


def _sequence_start() -> str:
    """Make sure the log's sequence number exists; returns its key.

    A new sequence (first use, or Redis lost the key) starts at the clock in
    milliseconds, above any number of an earlier sequence (unless it logged over 1,000
    changes a second), so everything patched from the earlier log is rebuilt.
    """
    seq_key = _key("seq")
    cache.add(seq_key, int(time.time() * 1000), timeout=None)
    return seq_key


def _changes_since(seq: int, latest: int) -> tuple[int, set[int] | None]:
    """The jobs changed after log entry `seq`: (last entry read, ids), None for "rebuild".

    An entry may be missing for two reasons: it expired (the reader is too far behind:
    rebuild) or its writer has incremented the sequence but not yet stored it (stop
    just before it; the next search reads it).
    """
    if latest < seq:  # the sequence itself was lost and started again
        return latest, None
    if latest == seq:
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
    """The facet columns and sort keys of the jobs matching `where`, and with a keyword
    its match and rank."""
    jobs = Job.objects.filter(where).order_by().annotate(salary_rank=_salary_rank())
    fields = [*COLUMNS, "salary_rank"]
    if keyword is not None:
        jobs = jobs.annotate(
            keyword_match=ExpressionWrapper(Q(search_vector=keyword), BooleanField()),
            keyword_rank=SearchRank(F("rank_vector"), keyword),
        )
        fields += ["keyword_match", "keyword_rank"]
    return list(jobs.values(*fields))


def _changes_logged_by_triggers(
    since: datetime.datetime,
) -> list[tuple[int, datetime.datetime]] | None:
    """(job id, when) of the writes the database triggers saw after `since`, or None when
    too many to patch (a bulk write: rebuilding is cheaper)."""
    # In changed_at order, so the planner walks the index even before it has statistics
    # of a table a bulk write has just filled (a sequential scan cost ~40 ms a search).
    logged = list(
        SearchChange.objects.filter(changed_at__gt=since)
        .order_by("changed_at")
        .values_list("job_id", "changed_at")[: MAX_PATCH_IDS + 1]
    )
    return None if len(logged) > MAX_PATCH_IDS else logged


@dataclasses.dataclass(frozen=True)
class TriggerLogPosition:
    """How far the index, or a list, has read the triggers' log (jobs.models.SearchChange)."""

    built: datetime.datetime  # what was committed then is in it already
    read: datetime.datetime  # when it last read the log

    def start(self) -> datetime.datetime:
        """Where the next read starts: a little before the last one, for transactions
        that commit a while after they write, but never before the build."""
        return max(self.read - TRIGGER_LOG_OVERLAP, self.built)

    def moved_to(self, now: datetime.datetime) -> "TriggerLogPosition":
        return dataclasses.replace(self, read=now)


NEVER_READ = TriggerLogPosition(EPOCH, EPOCH)


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


# -- the facet index -------------------------------------------------------------------


@dataclasses.dataclass
class FacetIndex:
    """Bitsets of the open jobs, whole and by facet value, true as of `as_of`."""

    seq: int  # the last change-log entry applied
    as_of: datetime.datetime
    open: int = 0
    values: dict[str, dict[str, int]] = dataclasses.field(default_factory=dict)
    built_at: datetime.datetime | None = None
    # What it has read of the triggers' log (stored before the triggers existed: nothing).
    log: TriggerLogPosition = NEVER_READ

    def copy(self) -> "FacetIndex":
        """A copy to patch (the bitsets are immutable ints; only the dicts are copied)."""
        return dataclasses.replace(
            self, values={name: dict(facet) for name, facet in self.values.items()}
        )

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
        """(the matching jobs' bitset, {facet: {value: jobs}}, {active facet: jobs without it}).

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

        without = {name: all_but(name).bit_count() for name in sets}
        counts = {}
        for name, values in choices.items():
            others = all_but(name)
            counts[name] = {value: (others & self.get(name, value)).bit_count() for value in values}
        return all_but(), counts, without


def _index_build(seq: int, now: datetime.datetime) -> FacetIndex:
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
    index = FacetIndex(seq, now, built_at=now, log=TriggerLogPosition(now, now))
    index.open = bits(row.pop("open"))
    for key, ids in row.items():
        name, value = key.split(".", 1)
        index.values.setdefault(name, {})[value] = bits(ids)
    return index


# -- jobs in a display order ------------------------------------------------------------


def _micros(moment: datetime.datetime) -> int:
    return (moment - EPOCH) // MICROSECOND


@dataclasses.dataclass
class OrderedJobs:
    """Open job ids in a display order, with their sort keys, and as a bitset.

    The order is the SQL one (jobs.filters.JobSearchFilter.filter_queryset): `ranks`
    highest first, then newest, then the highest id. A keyword's list holds its
    matches ranked by ts_rank on the title/skills/company vector; the "newest" list
    every open job with rank 0; the "salary" list every open job ranked by the shown
    top of its salary range, -1 for none (last, as NULLS LAST).
    """

    seq: int  # the last change-log entry applied
    ids: array = dataclasses.field(default_factory=lambda: array("i"))
    ranks: array = dataclasses.field(default_factory=lambda: array("d"))
    published: array = dataclasses.field(default_factory=lambda: array("q"))  # µs
    bitset: int = 0
    # What it has read of the triggers' log (stored before the triggers existed: nothing).
    log: TriggerLogPosition = NEVER_READ
    build_time: datetime.timedelta = datetime.timedelta(0)

    @property
    def keep_seconds(self) -> int:
        return COSTLY_LIST_SECONDS if self.build_time > COSTLY_BUILD else LIST_SECONDS

    def __getstate__(self):
        # The positions are this process's, rebuilt when needed (see pick).
        return {k: v for k, v in self.__dict__.items() if k != "_positions"}

    def copy(self) -> "OrderedJobs":
        """A copy to patch: other threads may be reading this one."""
        return dataclasses.replace(
            self, ids=self.ids[:], ranks=self.ranks[:], published=self.published[:]
        )

    def _sort_key(self, i: int) -> tuple:
        return (-self.ranks[i], -self.published[i], -self.ids[i])

    def _position_of(self) -> array:
        """Each job id's place in the list (-1: not in it), built once per copy."""
        positions = self.__dict__.get("_positions")
        if positions is None:
            positions = array("i", [-1]) * ((max(self.ids) + 1) if self.ids else 0)
            for place, job_id in enumerate(self.ids):
                positions[job_id] = place
            self.__dict__["_positions"] = positions  # the same for any thread that builds it
        return positions

    def pick(self, allowed: int, total: int, start: int, stop: int) -> list[int]:
        """The ids of the list that are in the bitset `allowed` (`total` of them), from
        the `start`th to before the `stop`th, in the list's order.

        Two ways, the cheaper one for this search: walk the list until `stop` allowed
        ids are seen (about stop × len / total ids, so a narrow search or a deep page
        walks far), or take the allowed ids out of the bitset and sort them by their
        place in the list (a few times the cost per id, but only `total` of them).
        """
        if total <= start or not self.ids:
            return []
        walk = stop * len(self.ids) / total
        if walk <= SORT_COST * total:
            return self._walk(allowed, start, stop)
        positions = self._position_of()
        size = len(positions)
        placed = [positions[job_id] for job_id in _set_bits(allowed) if job_id < size]
        placed = sorted(place for place in placed if place >= 0)
        return [self.ids[place] for place in placed[start:stop]]

    def _walk(self, allowed: int, start: int, stop: int) -> list[int]:
        mask = allowed.to_bytes((allowed.bit_length() + 7) // 8, "little")
        size = len(mask)
        picked: list[int] = []
        seen = 0
        for job_id in self.ids:
            byte = job_id >> 3
            if byte < size and mask[byte] >> (job_id & 7) & 1:
                if seen >= start:
                    picked.append(job_id)
                    if len(picked) >= stop - start:
                        break
                seen += 1
        return picked

    def apply(self, changed: Iterable[int], rows: Sequence[dict], now, rank_of) -> None:
        """Take out the changed jobs, then put back those of `rows` that are open and
        have a rank (`rank_of(row)` is None for a keyword's non-matches). Idempotent."""
        gone = {*changed, *(row["pk"] for row in rows)}
        if len(gone) > 20:  # one pass instead of a search per job
            keep = [i for i, job_id in enumerate(self.ids) if job_id not in gone]
            self.ids = array("i", (self.ids[i] for i in keep))
            self.ranks = array("d", (self.ranks[i] for i in keep))
            self.published = array("q", (self.published[i] for i in keep))
        else:
            for job_id in gone:
                if self.bitset >> job_id & 1:
                    i = self.ids.index(job_id)
                    del self.ids[i], self.ranks[i], self.published[i]
        self.bitset &= ~bits(gone)
        added = []
        for row in rows:
            rank = rank_of(row)
            if rank is None or not _is_open(row, now):
                continue
            published = _micros(row["published_at"])
            key = (-rank, -published, -row["pk"])
            i = bisect.bisect_left(range(len(self.ids)), key, key=self._sort_key)
            self.ids.insert(i, row["pk"])
            self.ranks.insert(i, rank)
            self.published.insert(i, published)
            added.append(row["pk"])
        self.bitset |= bits(added)


class _EpochMicros(Func):
    template = "(extract(epoch FROM %(expressions)s) * 1000000)::bigint"
    output_field = BigIntegerField()


def _ordered_build(seq: int, jobs, rank) -> OrderedJobs:
    """`jobs` in the order of `rank`, then newest, then id, as three arrays in one row.

    100,000 rows take psycopg several times longer than three arrays. The rank is
    computed once, in the inner query; each aggregate then sorts narrow tuples.
    """
    inner, params = (
        jobs.order_by()
        .annotate(sort_rank=rank, sort_published=_EpochMicros("published_at"))
        .values_list("pk", "sort_rank", "sort_published")
        .query.sql_with_params()
    )
    order = "ORDER BY m.rank DESC, m.published DESC, m.id DESC"
    started = timezone.now()
    with connection.cursor() as cursor:
        # MATERIALIZED: inlined, the planner sorted whole rows (the rank vector too) and
        # ranked each twice, 430 ms instead of 170 for "engineer".
        cursor.execute(
            f"WITH m (id, rank, published) AS MATERIALIZED ({inner})"  # noqa: S608 - no input
            f" SELECT array_agg(m.id {order}), array_agg(m.rank {order}),"
            f" array_agg(m.published {order}) FROM m",
            params,
        )
        ids, ranks, published = cursor.fetchone()
    ordered = OrderedJobs(seq, log=TriggerLogPosition(started, started))
    ordered.build_time = timezone.now() - started
    ordered.ids = array("i", ids or ())
    ordered.ranks = array("d", ranks or ())
    ordered.published = array("q", published or ())
    ordered.bitset = bits(ordered.ids)
    return ordered


def _keyword_build(seq: int, keyword: SearchQuery, now: datetime.datetime) -> OrderedJobs:
    """Every open match of the keyword, ranked and ordered in one query."""
    with transaction.atomic(), connection.cursor() as cursor:
        # A broad word ("engineer": 97% of jobs) makes the planner pick a sequential
        # scan, which unpacks every TOASTed search vector (~500 ms); the GIN index's
        # bitmap answers a plain word exactly when it is not lossy (~100 ms), hence
        # the memory. Both settings end with this transaction.
        cursor.execute(
            "SELECT set_config('enable_seqscan', 'off', true), set_config('work_mem', '32MB', true)"
        )
        return _ordered_build(
            seq,
            Job.objects.open(now).filter(search_vector=keyword),
            SearchRank(F("rank_vector"), keyword),
        )


def _salary_rank():
    return Cast(Coalesce(salary_sort_key(), Value(-1)), FloatField())


ORDERS = {
    # name: (the rank in SQL, to build; the rank of a re-read row, to patch)
    "newest": (lambda: Value(0.0, output_field=FloatField()), lambda row: 0.0),
    "salary": (_salary_rank, lambda row: float(row["salary_rank"])),
}


def _keyword_rank(row: dict) -> float | None:
    return row["keyword_rank"] if row["keyword_match"] else None


# -- reading them -----------------------------------------------------------------------


@dataclasses.dataclass
class SearchBitmaps:
    index: FacetIndex
    keyword: OrderedJobs | None  # the keyword's matches, in relevance order
    order: OrderedJobs | None  # every open job in the asked order


def search_bitmaps_get(
    keyword_text: str, keyword: SearchQuery | None, order: str | None = None
) -> SearchBitmaps:
    """The facet index, the keyword's matches and the jobs in `order` ("newest" or
    "salary"), each brought up to date.

    Queries: one to re-read the jobs changed (or past a time boundary) since the
    bitmaps were last patched, if any; one to rebuild the index if it is not in
    Redis; and one for each list not in Redis (a keyword's first search in an hour).
    """
    now = timezone.now()
    seq_key, index_key = _key("seq"), _key("index")
    lists = {}  # name: (Redis key, how to build it, the rank of a re-read row)
    if keyword is not None:
        build = functools.partial(_keyword_build, keyword=keyword)
        lists["keyword"] = (_keyword_key(keyword_text), build, _keyword_rank)
    if order is not None:
        sql_rank, rank_of = ORDERS[order]
        build = functools.partial(_order_build, rank=sql_rank)
        lists["order"] = (_key("order", order), build, rank_of)
    stored = _shared_get([index_key, *(key for key, _b, _r in lists.values())], also=[seq_key])
    latest = stored.get(seq_key)
    if latest is None:
        latest = cache.get(_sequence_start(), 0)

    index: FacetIndex | None = stored.get(index_key)
    last, changed = latest, None
    if index is not None and now - index.as_of < MAX_PATCH_AGE:
        last, changed = _changes_since(index.seq, latest)
    # Due for a rebuild (writes that bypassed the log); if another process is on it,
    # keep patching this one meanwhile.
    if (
        changed is not None
        and now - (index.built_at or EPOCH) > REBUILD_EVERY
        and (rebuilt := _index_rebuilt(latest, now, wait=False))
    ):
        index, last, changed = rebuilt, latest, set()
    if changed is None:  # missing, long idle, too much changed, or a gap in the log
        index, last, changed = _index_patchable(latest, now)

    found: dict[str, OrderedJobs | None] = {}
    for name, (key, _build, _rank_of) in lists.items():
        ordered: OrderedJobs | None = stored.get(key)
        if ordered is not None and ordered.seq < index.seq:
            # Other searches moved the index on since this list was last patched.
            _last, behind = _changes_since(ordered.seq, index.seq)
            if behind is None:
                ordered = None
            else:
                changed |= behind
        found[name] = ordered

    stale = now - index.as_of > datetime.timedelta(seconds=FRESH_SECONDS)
    refresh = bool(changed) or stale
    loaded = [ordered for ordered in found.values() if ordered is not None]
    if refresh or any(ordered.log.read < index.log.read for ordered in loaded):
        # What the database triggers saw written that the services did not log, since
        # the index or a list last read it.
        readers = [index, *loaded]
        oldest_read = min(x.log.read for x in readers)
        # The overlap (writes committed late) only with the clock's refresh, every
        # FRESH_SECONDS: re-read with every job change, it cost a minute's worth of jobs.
        since = min(x.log.start() for x in readers) if stale else oldest_read
        logged = _changes_logged_by_triggers(since)
        if logged is None:  # a bulk write: start again
            index, last, changed = _index_build(latest, now), latest, set()
            _shared_set(index_key, index, INDEX_SECONDS)
            found, refresh = dict.fromkeys(found), False
        elif refresh or any(at > oldest_read for _job, at in logged):
            # A write none of them has read yet makes a refresh.
            changed |= {job_id for job_id, _at in logged}
            refresh = True

    dirty = set()
    for name, ordered in found.items():
        if ordered is None:
            found[name] = lists[name][1](index.seq, now=index.as_of)
            dirty.add(name)

    if refresh:
        rows = _rows(Q(pk__in=sorted(changed)) | _crossed(index.as_of, now), keyword)
        index = index.copy()
        index.apply(changed, rows, now)
        index.seq = last
        index.log = index.log.moved_to(now)
        _shared_set(index_key, index, INDEX_SECONDS)
        for name, ordered in found.items():
            found[name] = ordered = ordered.copy()
            ordered.apply(changed, rows, now, lists[name][2])
            ordered.seq = last
            ordered.log = ordered.log.moved_to(now)
            dirty.add(name)
    for name, (key, _build, _rank_of) in lists.items():
        if name in dirty:
            _shared_set(key, found[name], found[name].keep_seconds)
        else:
            _shared_touch(key, found[name].keep_seconds)
    return SearchBitmaps(index, found.get("keyword"), found.get("order"))


def _index_patchable(latest: int, now: datetime.datetime):
    """(index, last log entry, jobs changed since it): an index rebuilt here or by another
    process, with what the change log holds since it was built."""
    index = _index_rebuilt(latest, now)
    last, changed = _changes_since(index.seq, latest)
    if changed is None:  # another process's, and out of date already
        index, last, changed = _index_build(latest, now), latest, set()
        _shared_set(_key("index"), index, INDEX_SECONDS)
    return index, last, changed


def _index_rebuilt(latest: int, now: datetime.datetime, *, wait: bool = True):
    """An index that log entries up to `latest` can patch, built here or by another process.

    One process at a time scans the catalogue: on two cores, several web processes
    rebuilding at once (after Redis lost the index) would only slow each other down.
    The others wait up to REBUILD_WAIT_SECONDS for its result, then build their own;
    with `wait=False` they get None at once.
    """
    lock_key = _key("index", "building")
    if cache.add(lock_key, 1, timeout=REBUILD_WAIT_SECONDS):
        try:
            index = _index_build(latest, now)
            _shared_set(_key("index"), index, INDEX_SECONDS)
            return index
        finally:
            cache.delete(lock_key)
    if not wait:
        return None
    deadline = time.monotonic() + REBUILD_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.05)
        index = _shared_get([_key("index")]).get(_key("index"))
        if (
            index is not None
            and now - index.as_of < MAX_PATCH_AGE
            and _changes_since(index.seq, latest)[1] is not None
        ):
            return index  # the other process's, or anything patchable
    index = _index_build(latest, now)
    _shared_set(_key("index"), index, INDEX_SECONDS)
    return index


def _order_build(seq: int, *, now: datetime.datetime, rank) -> OrderedJobs:
    return _ordered_build(seq, Job.objects.open(now), rank())


def _keyword_key(text: str) -> str:
    return _key("keyword", hashlib.sha256(text.encode()).hexdigest()[:32])


def keyword_matches_forget(text: str) -> None:
    """Drop a keyword's cached matches (the benchmark's "first search of a keyword")."""
    _shared_delete(_keyword_key(text.strip()[: filters.MAX_LENGTH]))


def search_bitmaps_forget() -> None:
    """Drop the index and start a new change log, so that the index and every list are
    rebuilt when next used: after writes that bypassed the log (the benchmark's fill),
    or to time a rebuild."""
    _shared_delete(_key("index"))
    cache.delete(_key("seq"))


def search_index_rebuild() -> None:
    """Build the facet index afresh and store it (the daily beat task): it takes in any
    write the change logs missed, without a search paying for the rebuild."""
    now = timezone.now()
    index = _index_build(cache.get(_sequence_start(), 0), now)
    _shared_set(_key("index"), index, INDEX_SECONDS)


# The triggers' records are read at most MAX_PATCH_AGE back; a day on top is spare.
SEARCH_CHANGES_KEPT = MAX_PATCH_AGE + datetime.timedelta(days=1)


def search_changes_prune(now: datetime.datetime | None = None) -> int:
    """Delete the triggers' records too old to be read again. Idempotent."""
    cutoff = (now or timezone.now()) - SEARCH_CHANGES_KEPT
    deleted, _by_model = SearchChange.objects.filter(changed_at__lt=cutoff).delete()
    return deleted
