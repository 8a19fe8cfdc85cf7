"""The search bitmaps: counts equal SQL's, relevance order equals SQL's, changes show."""

import datetime
import random
import time

import pytest
from django.contrib.postgres.search import SearchVector
from django.core.cache import cache
from django.db.models import Value
from django.http import QueryDict
from django.utils import timezone

from jobs import search_index
from jobs.filters import JobSearchFilter
from jobs.models import Job, SearchChange
from jobs.search_index import bits, search_changes_record
from jobs.selectors import job_list_open, job_search
from jobs.services import job_close, jobs_expire
from jobs.tasks import search_index_refresh
from tests import factories

pytestmark = pytest.mark.django_db

CLUSTERS = ["ai_robotics", "fintech", "healthtech", "medtech", "microelectronics"]
SITES = ["science_park", "innocentre", "shenzhen_branch"]
TITLES = [
    "Machine Learning Engineer",
    "Senior Embedded Engineer",
    "Research Scientist, Gene Therapy",
    "Accountant",
    "Product Manager",
    "Data Engineer",
    "機器學習工程師",
]


def make_varied_jobs():
    """Jobs with every kind of facet value, and jobs that are not open."""
    rng = random.Random(7)  # noqa: S311 - test data
    companies = [
        factories.VerifiedCompanyFactory(clusters=rng.sample(CLUSTERS, rng.randint(1, 3)))
        for _ in range(5)
    ]
    now = timezone.now()
    for i in range(40):
        salary_min = rng.choice([None, 18000, 25000, 35000, 50000, 70000, 90000])
        salary_max = None
        if salary_min is not None and rng.random() < 0.7:
            salary_max = salary_min + rng.choice([0, 5000, 20000, 40000])
        title = rng.choice(TITLES)
        factory = rng.choice(
            [factories.PublishedJobFactory] * 6
            + [factories.JobFactory, factories.ClosedJobFactory, factories.ExpiredJobFactory]
        )
        published = now - datetime.timedelta(hours=rng.choice([2, 30, 100, 400, 1000]))
        extra = {}
        if factory is factories.PublishedJobFactory:
            extra = {"published_at": published, "expires_at": published + datetime.timedelta(60)}
            if i % 13 == 0:  # past its expiry, not yet marked expired
                extra["expires_at"] = now - datetime.timedelta(minutes=1)
        factory(
            company=rng.choice(companies),
            title=title.replace("機器學習工程師", f"Job {i}"),
            title_zh="機器學習工程師" if "機器" in title else "",
            description=rng.choice(["Python and SQL every day.", "Lab work.", "Engineer things."]),
            site=rng.choice(SITES),
            employment_type=rng.choice(["full_time", "contract", "internship"]),
            seniority=rng.choice(["entry", "mid", "senior"]),
            education=rng.choice(["bachelor", "master", "phd"]),
            field=rng.choice(["engineering", "data_ai", "rnd"]),
            open_to_overseas=rng.random() < 0.5,
            open_to_gba=rng.random() < 0.5,
            visa_sponsorship=rng.random() < 0.3,
            programmes=rng.sample(["innohk", "innopark", "gip"], rng.randint(0, 2)),
            salary_min=salary_min,
            salary_max=salary_max,
            show_salary=rng.random() < 0.8,
            **extra,
        )


def sql_counts(params: str):
    """The counts the old aggregate gave: each value with the other active facets applied."""
    search = JobSearchFilter(QueryDict(params), queryset=job_list_open())
    base = job_list_open()
    if search.keyword is not None:
        base = base.filter(search_vector=search.keyword)
    active = search.active_conditions()

    def all_but(skip=None):
        jobs = base
        for name, condition in active.items():
            if name != skip:
                jobs = jobs.filter(condition)
        return jobs

    counts = {
        name: {
            value: all_but(name).filter(search.filters[name].condition([value])).count()
            for value in values
        }
        for name, values in search.facet_choices().items()
    }
    return all_but().count(), counts


@pytest.mark.parametrize(
    "params",
    [
        "",
        "site=science_park",
        "cluster=fintech&cluster=medtech&salary=30000",
        "eligibility=open_to_overseas&eligibility=visa_sponsorship&programme=innohk",
        "seniority=senior&education=phd&posted=7",
        "posted=7&field=data_ai&field=rnd",
        "q=engineer",
        "q=engineer&site=innocentre&salary=60000",
        "q=機器學習&cluster=ai_robotics",
        "q=engineer -senior&employment_type=full_time&employment_type=internship",
    ],
)
@pytest.mark.parametrize("index", ["built", "patched"])
def test_bitmap_counts_equal_the_sql_counts(params, index):
    if index == "patched":  # built empty, then every job arrives as a recorded change
        job_search(QueryDict(params))
    make_varied_jobs()
    result = job_search(QueryDict(params))
    total, counts = sql_counts(params)
    assert result.total == total
    assert result.facets == counts
    assert total > 0


@pytest.mark.parametrize(
    "params",
    [
        "q=engineer",
        "q=engineer&cluster=fintech&cluster=ai_robotics",
        "q=sql lab",
        "sort=newest",
        "sort=salary&site=science_park",
        "q=engineer&sort=salary",
        "q=機器學習&sort=newest",
    ],
)
@pytest.mark.parametrize("index", ["built", "patched"])
def test_pages_from_the_ordered_lists_follow_the_sql_order(params, index):
    if index == "patched":
        job_search(QueryDict(params), page_number=2, page_size=3)
    make_varied_jobs()
    expected = list(JobSearchFilter(QueryDict(params), queryset=job_list_open()).qs)
    assert expected
    seen = []
    for page in range(1, 20):
        result = job_search(QueryDict(params), page_number=page, page_size=3)
        seen += list(result.page)
        if not result.page.has_next():
            break
    assert [job.pk for job in seen] == [job.pk for job in expected]


def test_a_job_change_shows_in_counts_and_pages_once_committed(employer, committed):
    company = factories.VerifiedCompanyFactory(is_trusted=True)
    factories.CompanyAdminFactory(company=company, user=employer)
    kept = factories.PublishedJobFactory(company=company, title="Robotics Engineer")
    closing = factories.PublishedJobFactory(
        company=company, title="Robotics Engineer, Vision", site="innocentre"
    )
    assert job_search(QueryDict("q=robotics")).total == 2
    assert job_search(QueryDict("")).facets["site"]["innocentre"] == 1

    with committed():
        job_close(job=closing, by=employer, reason=Job.ClosedReason.FILLED)
        # Saved through job_search_index, which records it on commit as a service would.
        new = factories.PublishedJobFactory(
            company=company, title="Robotics Lead", site="innocentre"
        )
    result = job_search(QueryDict("q=robotics"))
    assert [job.pk for job in result.page] == [new.pk, kept.pk]
    assert result.total == 2
    assert result.facets["site"]["innocentre"] == 1
    assert result.facets["site"]["science_park"] == 1


def test_a_chinese_keyword_finds_a_job_published_after_its_list_was_built(committed):
    factories.PublishedJobFactory(title="Data Scientist", title_zh="數據科學家")
    assert job_search(QueryDict("q=機器學習")).total == 0
    with committed():
        job = factories.PublishedJobFactory(title="ML Engineer", title_zh="機器學習工程師")
    result = job_search(QueryDict("q=機器學習"))
    assert [j.pk for j in result.page] == [job.pk]
    assert result.facets["site"]["science_park"] == 1


def test_a_job_passing_its_expiry_leaves_the_counts_within_seconds(monkeypatch):
    job = factories.PublishedJobFactory(title="Robotics Engineer")
    factories.PublishedJobFactory(title="Accountant")
    assert job_search(QueryDict("q=robotics")).total == 1
    # Expires now, with nothing logged: only the clock says it is gone.
    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now())
    monkeypatch.setattr(search_index, "FRESH_SECONDS", 0)
    result = job_search(QueryDict("q=robotics"))
    assert result.total == 0
    assert job_search(QueryDict("")).total == 1


def test_the_expiry_task_records_the_jobs_it_expires(committed):
    job = factories.PublishedJobFactory(title="Robotics Engineer")
    assert job_search(QueryDict("")).total == 1
    with committed():
        Job.objects.filter(pk=job.pk).update(
            expires_at=timezone.now() - datetime.timedelta(hours=1)
        )
        assert jobs_expire() == 1
    assert job_search(QueryDict("")).total == 0


def test_too_many_changes_or_a_lost_entry_rebuild_the_index(django_assert_num_queries):
    jobs = factories.PublishedJobFactory.create_batch(2)
    job_search(QueryDict(""))
    Job.objects.filter(pk=jobs[0].pk).update(site="innocentre")
    search_changes_record(range(1, search_index.MAX_PATCH_IDS + 10))
    result = job_search(QueryDict(""))
    assert result.facets["site"]["innocentre"] == 1

    Job.objects.filter(pk=jobs[1].pk).update(site="innocentre")
    search_changes_record([jobs[1].pk])
    search_changes_record([jobs[0].pk])
    seq = cache.get(search_index._key("seq"))
    cache.delete(search_index._key("change", seq - 1))  # expired, a later one is there
    assert job_search(QueryDict("")).facets["site"]["innocentre"] == 2


def test_an_index_idle_for_long_is_rebuilt_not_patched(monkeypatch, django_assert_num_queries):
    job = factories.PublishedJobFactory()
    job_search(QueryDict(""))
    Job.objects.filter(pk=job.pk).update(site="innocentre")  # unrecorded: only a rebuild sees it
    monkeypatch.setattr(search_index, "MAX_PATCH_AGE", datetime.timedelta(0))
    # The index afresh; the date order, behind the new index, reads the triggers' log and
    # re-reads the job written there; the page.
    with django_assert_num_queries(4) as queries:
        assert job_search(QueryDict("")).facets["site"]["innocentre"] == 1
    assert "ARRAY_AGG" in queries.captured_queries[0]["sql"]


def test_a_write_that_bypassed_the_services_shows_within_seconds(monkeypatch):
    company = factories.VerifiedCompanyFactory(clusters=["fintech"])
    factories.PublishedJobFactory(company=company)
    assert job_search(QueryDict("")).facets["cluster"]["medtech"] == 0
    company.clusters = ["medtech"]
    company.save()  # as the admin's company form does: no job is re-indexed
    # The triggers recorded the company's job; the next refresh re-reads it.
    monkeypatch.setattr(search_index, "FRESH_SECONDS", 0)
    assert job_search(QueryDict("")).facets["cluster"]["medtech"] == 1


def test_the_triggers_record_every_write_of_a_job_and_cluster_changes_of_open_jobs():
    company = factories.VerifiedCompanyFactory(clusters=["fintech"])
    open_job = factories.PublishedJobFactory(company=company)
    draft = factories.JobFactory(company=company)
    SearchChange.objects.all().delete()

    company.description = "Not a facet"
    company.save()
    assert not SearchChange.objects.exists()
    company.clusters = ["medtech"]
    company.save()
    assert list(SearchChange.objects.values_list("job_id", flat=True)) == [open_job.pk]

    SearchChange.objects.all().delete()
    Job.objects.filter(company=company).update(site="innocentre")
    draft_pk = draft.pk
    draft.delete()
    recorded = list(SearchChange.objects.values_list("job_id", flat=True))
    assert sorted(recorded) == sorted([open_job.pk, draft_pk, draft_pk])


def test_a_keyword_list_not_used_when_the_index_read_a_change_still_gets_it(monkeypatch):
    factories.PublishedJobFactory(title="Robotics Engineer")
    other = factories.PublishedJobFactory(title="Accountant")
    assert job_search(QueryDict("q=robotics")).total == 1
    # Raw SQL: the job becomes a robotics job without the services hearing of it.
    Job.objects.filter(pk=other.pk).update(
        title="Robotics Accountant", search_vector=SearchVector(Value("robotics"))
    )
    monkeypatch.setattr(search_index, "FRESH_SECONDS", 0)
    assert job_search(QueryDict("")).total == 2  # the index reads the change first
    monkeypatch.setattr(search_index, "FRESH_SECONDS", 3600)
    result = job_search(QueryDict("q=robotics"))
    assert result.total == 2
    assert {job.pk for job in result.page} >= {other.pk}


def test_a_bulk_write_that_bypassed_the_services_rebuilds_the_index(
    monkeypatch, django_assert_num_queries
):
    jobs = factories.PublishedJobFactory.create_batch(3)
    job_search(QueryDict("q=engineer"))
    monkeypatch.setattr(search_index, "MAX_PATCH_IDS", 2)
    Job.objects.filter(pk__in=[job.pk for job in jobs]).update(site="innocentre")
    monkeypatch.setattr(search_index, "FRESH_SECONDS", 0)
    # The triggers' log, then the index and the keyword's list afresh (savepoint,
    # settings, query, release), then the page.
    with django_assert_num_queries(7):
        result = job_search(QueryDict("q=engineer"))
    assert result.facets["site"]["innocentre"] == 3
    # The rebuild read the bulk write: it is not read again.
    monkeypatch.setattr(search_index, "FRESH_SECONDS", 3600)
    with django_assert_num_queries(1):  # the page only
        job_search(QueryDict("q=engineer"))


def test_the_daily_task_rebuilds_the_index_and_prunes_old_change_records():
    job = factories.PublishedJobFactory()
    job_search(QueryDict(""))
    old = timezone.now() - search_index.SEARCH_CHANGES_KEPT - datetime.timedelta(minutes=1)
    SearchChange.objects.create(job_id=job.pk, changed_at=old)
    kept = SearchChange.objects.create(job_id=job.pk, changed_at=timezone.now())
    # Unrecorded anywhere (the triggers' record is removed): only a rebuild sees it.
    Job.objects.filter(pk=job.pk).update(site="innocentre")
    SearchChange.objects.filter(changed_at__gt=old).exclude(pk=kept.pk).delete()
    kept.delete()
    SearchChange.objects.create(job_id=job.pk, changed_at=timezone.now())

    pruned = search_index_refresh()

    assert pruned == 1
    assert SearchChange.objects.count() == 1
    index = cache.get(search_index._key("index"))
    assert index.get("site", "innocentre") == bits([job.pk])


def test_a_due_rebuild_another_process_is_doing_does_not_wait(monkeypatch):
    factories.PublishedJobFactory(site="innocentre")
    job_search(QueryDict(""))
    cache.add(search_index._key("index", "building"), 1)  # the other process's lock
    monkeypatch.setattr(search_index, "REBUILD_EVERY", datetime.timedelta(0))
    monkeypatch.setattr(search_index.time, "sleep", pytest.fail)
    assert job_search(QueryDict("")).facets["site"]["innocentre"] == 1


def test_a_log_entry_not_yet_written_is_read_by_the_next_search():
    job = factories.PublishedJobFactory()
    job_search(QueryDict(""))
    seq_key = search_index._key("seq")
    cache.set(seq_key, (cache.get(seq_key) or 0) + 1)  # a writer between its incr and its set
    Job.objects.filter(pk=job.pk).update(site="innocentre")
    assert job_search(QueryDict("")).facets["site"]["innocentre"] == 0
    cache.set(search_index._key("change", cache.get(seq_key)), [job.pk])
    assert job_search(QueryDict("")).facets["site"]["innocentre"] == 1


def test_a_lost_sequence_number_loses_no_change():
    job = factories.PublishedJobFactory()
    job_search(QueryDict(""))
    cache.delete(search_index._key("seq"))  # evicted, say
    time.sleep(0.002)
    Job.objects.filter(pk=job.pk).update(site="innocentre")
    search_changes_record([job.pk])
    assert job_search(QueryDict("")).facets["site"]["innocentre"] == 1


def test_while_another_process_rebuilds_the_index_a_search_waits_for_it(
    monkeypatch, django_assert_num_queries
):
    factories.PublishedJobFactory(site="innocentre")
    built = search_index._index_build(cache.get(search_index._sequence_start()), timezone.now())
    cache.add(search_index._key("index", "building"), 1)  # the other process's lock

    def other_process_finishes(seconds):
        index_key = search_index._key("index")
        cache.set_many({index_key: built, search_index._token_key(index_key): "other"})

    monkeypatch.setattr(search_index.time, "sleep", other_process_finishes)
    # No scan of the index of its own: only the date order (this search's) and the page.
    with django_assert_num_queries(2) as queries:
        result = job_search(QueryDict(""))
    assert not any("ARRAY_AGG(" in query["sql"] for query in queries.captured_queries)
    assert result.facets["site"]["innocentre"] == 1


def test_a_search_builds_the_index_itself_if_the_other_process_never_finishes(monkeypatch):
    factories.PublishedJobFactory(site="innocentre")
    cache.add(search_index._key("index", "building"), 1)
    monkeypatch.setattr(search_index, "REBUILD_WAIT_SECONDS", 0.1)
    assert job_search(QueryDict("")).facets["site"]["innocentre"] == 1


def test_bits_sets_one_bit_per_id():
    assert bits([]) == 0
    assert bits([0, 3, 70]) == 1 | 8 | 1 << 70
    assert bits(range(1000)).bit_count() == 1000


def test_a_list_that_was_costly_to_build_is_kept_for_a_day():
    factories.PublishedJobFactory(title="Robotics Engineer")
    job_search(QueryDict("q=robotics"))
    ordered = cache.get(search_index._keyword_key("robotics"))
    assert ordered.keep_seconds == search_index.LIST_SECONDS
    ordered.build_time = search_index.COSTLY_BUILD * 2
    assert ordered.keep_seconds == search_index.COSTLY_LIST_SECONDS


def ordered_jobs(ids):
    ordered = search_index.OrderedJobs(seq=0)
    ordered.ids.extend(ids)
    ordered.ranks.extend([0.0] * len(ids))
    ordered.published.extend(range(len(ids), 0, -1))
    ordered.bitset = bits(ids)
    return ordered


@pytest.mark.parametrize("sort_cost", [0, 10**9])  # always sort by place / always walk
def test_a_page_picked_from_a_list_is_the_same_whichever_way_it_is_picked(sort_cost, monkeypatch):
    monkeypatch.setattr(search_index, "SORT_COST", sort_cost)
    rng = random.Random(3)  # noqa: S311 - test data
    ids = rng.sample(range(1, 5000), 3000)
    ordered = ordered_jobs(ids)
    allowed_ids = set(rng.sample(ids, 200)) | {6000, 7000}  # two ids not in the list
    allowed = bits(allowed_ids)
    in_order = [job_id for job_id in ids if job_id in allowed_ids]
    for start, stop in [(0, 20), (20, 40), (180, 200), (190, 210), (400, 420)]:
        assert ordered.pick(allowed, len(allowed_ids), start, stop) == in_order[start:stop]
    assert ordered.pick(0, 0, 0, 20) == []
    assert ordered_jobs([]).pick(allowed, 2, 0, 20) == []


def test_set_bits_lists_each_id_once():
    assert sorted(search_index._set_bits(bits([0, 1, 9, 64, 1000]))) == [0, 1, 9, 64, 1000]
    assert search_index._set_bits(0) == []


def test_a_process_reuses_its_copy_until_another_process_stores_a_new_one(
    django_assert_num_queries,
):
    factories.PublishedJobFactory(site="innocentre")
    job_search(QueryDict(""))
    index_key = search_index._key("index")
    mine = search_index._shared_get([index_key])[index_key]
    assert search_index._shared_get([index_key])[index_key] is mine  # no unpickling

    # Another process stores a newer index: this one reads it, not its own copy.
    other = mine.copy()
    other.values["site"]["innocentre"] = 0
    cache.set_many({index_key: other, search_index._token_key(index_key): "other"})
    assert search_index._shared_get([index_key])[index_key].get("site", "innocentre") == 0

    # Gone from Redis (a flush): nobody's copy is used, the next search rebuilds.
    cache.clear()
    assert search_index._shared_get([index_key]) == {}
    assert job_search(QueryDict("")).facets["site"]["innocentre"] == 1


def test_patching_never_changes_a_copy_other_threads_may_be_reading(monkeypatch):
    job = factories.PublishedJobFactory(site="innocentre")
    job_search(QueryDict(""))
    index_key = search_index._key("index")
    before = search_index._shared_get([index_key])[index_key]
    order_key = search_index._key("order", "newest")
    order_before = search_index._shared_get([order_key])[order_key]
    Job.objects.filter(pk=job.pk).update(site="science_park")
    search_changes_record([job.pk])
    assert job_search(QueryDict("")).facets["site"]["science_park"] == 1
    assert before.get("site", "innocentre") == bits([job.pk])  # untouched
    assert search_index._shared_get([index_key])[index_key] is not before
    assert search_index._shared_get([order_key])[order_key] is not order_before


def test_a_process_keeps_a_bounded_number_of_copies(monkeypatch):
    monkeypatch.setattr(search_index, "LOCAL_COPIES", 3)
    monkeypatch.setattr(search_index, "LOCAL_LIST_ENTRIES", 5)
    search_index.local_copies_forget()
    for n in range(5):
        search_index._shared_set(f"test:{n}", ordered_jobs([n + 1]), 60)
    assert list(search_index._local) == ["test:2", "test:3", "test:4"]
    search_index._shared_set("test:big", ordered_jobs([1, 2, 3, 4]), 60)
    assert list(search_index._local) == ["test:4", "test:big"]  # 5 list entries at most
    search_index.local_copies_forget()


@pytest.mark.parametrize("seed", range(4))
def test_the_cache_evicting_any_of_its_keys_leaves_the_counts_right_by_the_next_refresh(
    seed, monkeypatch
):
    """The cache's Redis may evict (allkeys-lru; docs/operations.md, "Redis: the broker and
    the cache"): whichever keys of the index, its lists, its copies' tokens and its change log go,
    the next search after FRESH_SECONDS counts as SQL does."""
    rng = random.Random(seed)  # noqa: S311 - which keys go
    make_varied_jobs()
    queries = ["", "q=engineer", "site=science_park&salary=30000", "q=engineer&sort=salary"]
    for params in queries:
        job_search(QueryDict(params))
    open_jobs = list(job_list_open().order_by("pk")[:6])
    for job in open_jobs[:3]:
        Job.objects.filter(pk=job.pk).update(site="innocentre")
        search_changes_record([job.pk])
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(f"{cache.key_prefix}:*"))
    assert keys
    client.delete(*rng.sample(keys, len(keys) // 2))
    # Changes after the eviction, logged as the services log them, and one that only the
    # triggers saw.
    for job in open_jobs[3:5]:
        Job.objects.filter(pk=job.pk).update(site="shenzhen_branch")
        search_changes_record([job.pk])
    Job.objects.filter(pk=open_jobs[5].pk).update(employment_type="internship")
    monkeypatch.setattr(search_index, "FRESH_SECONDS", 0)
    for params in queries:
        result = job_search(QueryDict(params))
        total, counts = sql_counts(params)
        assert result.total == total, params
        assert result.facets == counts, params
