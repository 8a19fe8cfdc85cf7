"""How fast does one new job find its saved searches among 10,000?

Fills a separate database, `<your database>_bench_alerts` on the same server, with
park companies and published jobs (the job search benchmark's generator, so the
jobs have realistic titles, skills, descriptions and search vectors), candidates,
and saved searches with varied filters and English and Chinese keywords (10,000 by
default), then times alerts.services.saved_search_hits_record for many different
jobs, each in its own committed transaction as the Celery task runs it, and prints
p50/p95/max. The developer's own database is never written to.

A rerun reuses the filled database when it holds the requested rows (the hits are
emptied first and the jobs' dates moved forward so they are open); `--rebuild`
drops it and fills it again. The random data comes from a fixed seed.
"""

import datetime
import random
import time

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.http import QueryDict
from django.utils import timezone

from accounts.models import User
from alerts.criteria import search_criteria
from alerts.models import SavedSearch, SavedSearchHit
from alerts.services import saved_search_hits_record
from companies.models import Company
from hkstp_portal.bench import (
    BenchDatabaseMixin,
    load_average,
    machine_description,
    percentile,
    postgres_version,
)
from hkstp_portal.vocabulary import (
    Cluster,
    Education,
    Eligibility,
    EmploymentType,
    JobField,
    ProgrammeTag,
    Seniority,
    Site,
)
from jobs.management.commands import bench_search as job_bench
from jobs.models import Job
from jobs.search import keyword_query
from skills.models import Skill

SEED = 20261125
SEARCHES_PER_USER = 10
TARGET_MS = 1000

# What candidates type: roles, skills, areas and sectors, in English and Chinese, some
# with an exclusion or a phrase; weighted towards the common ones by repetition.
KEYWORDS = [
    "python", "python", "machine learning", "machine learning", "data scientist", "engineer",
    "engineer", "software engineer", "research scientist", "biotech", "fintech", "embedded",
    "firmware", "kubernetes", "pytorch", "react", "product manager", "ux designer",
    "regulatory affairs", "clinical research", "gene therapy", "drug discovery",
    "computer vision", "large language models", "robotics", "semiconductor", "fpga",
    "analogue ic", "battery", "carbon capture", "quantitative", "blockchain", "devops",
    "backend", "frontend", "data engineer", "intern", "graduate", "senior engineer -intern",
    "lead", "postdoctoral", "lab manager", "accountant", "business development",
    "medical devices", "\"data scientist\"", "sales engineer", "java", "c++", "verilog",
    "機器學習", "機器學習", "數據", "數據科學家", "工程師", "工程師", "研究科學家", "軟件工程師",
    "產品經理", "生物科技", "金融科技", "半導體", "臨床研究", "實習生", "電腦視覺",
    "人工智能", "嵌入式", "醫療器械", "研究助理", "python 數據",
]  # fmt: skip
FACET_VALUES = {
    "cluster": Cluster.values,
    "site": Site.values,
    "employment_type": EmploymentType.values,
    "seniority": Seniority.values,
    "education": Education.values,
    "field": JobField.values,
    "eligibility": Eligibility.values,
    "programme": ProgrammeTag.values,
}
# How often a saved search uses each facet.
FACET_USE = {
    "cluster": 0.35,
    "site": 0.3,
    "employment_type": 0.4,
    "seniority": 0.35,
    "education": 0.1,
    "field": 0.35,
    "eligibility": 0.2,
    "programme": 0.05,
}
SALARY_FLOORS = ["20000", "30000", "40000", "60000", "80000"]


def _random_params(rng: random.Random) -> QueryDict:
    params = QueryDict(mutable=True)
    if rng.random() < 0.7:
        params["q"] = rng.choice(KEYWORDS)
    for name, probability in FACET_USE.items():
        if rng.random() < probability:
            values = FACET_VALUES[name]
            params.setlist(name, rng.sample(values, rng.choice([1, 1, 1, 2, 2, 3])))
    if rng.random() < 0.3:
        params["salary"] = rng.choice(SALARY_FLOORS)
    if rng.random() < 0.1:
        params["posted"] = rng.choice(["1", "7", "30"])
    return params


class Command(BenchDatabaseMixin, BaseCommand):
    help = (
        "Benchmark matching one new job against every saved search, on a separate "
        "<db>_bench_alerts database; prints p50/p95/max."
    )

    def add_arguments(self, parser):
        parser.add_argument("--searches", type=int, default=10_000, help="Saved searches.")
        parser.add_argument("--jobs", type=int, default=5_000, help="Published jobs to fill.")
        parser.add_argument("--companies", type=int, default=500, help="Companies to fill.")
        parser.add_argument("--runs", type=int, default=300, help="Jobs to match, one by one.")
        parser.add_argument(
            "--rebuild", action="store_true", help="Drop the bench database and fill it again."
        )

    def handle(self, *args, searches, jobs, companies, runs, rebuild, **options):
        if min(searches, jobs, companies, runs) < 1:
            raise CommandError("--searches, --jobs, --companies and --runs must be positive.")
        settings.DEBUG = False  # no query log growing with every bulk INSERT
        self.bench_db = f"{settings.DATABASES['default']['NAME']}_bench_alerts"
        self._create_database(rebuild)
        self._use_bench_database()
        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)  # also loads the skills
        self._assert_bench()
        if self._is_filled(searches, jobs, companies):
            self.stdout.write(f"Reusing {self.bench_db}.")
            self._keep_jobs_open()
        else:
            self._fill(searches, jobs, companies)
        self.stdout.write(f"Database ready in {time.perf_counter() - started:.0f} s.\n")
        self._measure(runs)

    # -- the separate database --------------------------------------------------

    def _is_filled(self, searches: int, jobs: int, companies: int) -> bool:
        return (
            SavedSearch.objects.count() == searches
            and Job.objects.count() == jobs
            and Company.objects.count() == companies
        )

    def _keep_jobs_open(self) -> None:
        self._assert_bench()
        now = timezone.now()
        Job.objects.filter(status=Job.Status.PUBLISHED).update(
            expires_at=now + datetime.timedelta(days=Job.DEFAULT_LIFETIME_DAYS)
        )

    # -- filling ----------------------------------------------------------------

    def _fill(self, searches: int, jobs: int, companies: int) -> None:
        self._assert_bench()
        rng = random.Random(SEED)  # noqa: S311 - test data, not secrets
        tables = [
            SavedSearchHit._meta.db_table,
            SavedSearch._meta.db_table,
            Job._meta.db_table,
            Job.required_skills.through._meta.db_table,
            Job.preferred_skills.through._meta.db_table,
            Company._meta.db_table,
        ]
        with connection.cursor() as cursor:
            quoted = ", ".join(connection.ops.quote_name(table) for table in tables)
            cursor.execute(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")
        User.objects.filter(email__startswith="bench-", email__endswith="@example.com").delete()
        # The job search benchmark's generator: realistic jobs with search vectors.
        filler = job_bench.Command()
        t0 = time.perf_counter()
        company_list = filler._fill_companies(rng, companies)
        by_category: dict[str, list[tuple[int, str]]] = {}
        for pk, name, category in Skill.objects.values_list("pk", "name", "category"):
            by_category.setdefault(category, []).append((pk, name))
        ids: list[int] = []
        for start in range(0, jobs, job_bench.JOB_BATCH):
            count = min(job_bench.JOB_BATCH, jobs - start)
            ids += filler._fill_jobs(rng, count, company_list, by_category)
        for start in range(0, len(ids), job_bench.INDEX_CHUNK):
            job_bench.job_search_index(ids[start : start + job_bench.INDEX_CHUNK])
        self.stdout.write(
            f"  {companies:,} companies, {jobs:,} jobs in {time.perf_counter() - t0:.0f} s"
        )

        t0 = time.perf_counter()
        n_users = -(-searches // SEARCHES_PER_USER)
        users = User.objects.bulk_create(
            [
                User(
                    email=f"bench-{i}@example.com",
                    name=f"Bench Candidate {i}",
                    kind=User.Kind.CANDIDATE,
                    password=make_password(None),  # unusable: nobody signs in as these
                )
                for i in range(n_users)
            ],
            batch_size=2_000,
        )
        rows: list[SavedSearch] = []
        seen: set[tuple[int, str]] = set()
        while len(rows) < searches:
            user = users[len(rows) // SEARCHES_PER_USER]
            criteria = search_criteria(_random_params(rng))
            if (user.pk, criteria.query) in seen:
                continue
            seen.add((user.pk, criteria.query))
            frequency = rng.choices(SavedSearch.Frequency.values, weights=[15, 55, 20, 10], k=1)[0]
            rows.append(
                SavedSearch(
                    user=user,
                    name=f"{len(rows) % SEARCHES_PER_USER + 1}. {criteria.default_name(80)}",
                    query=criteria.query,
                    frequency=frequency,
                    **criteria.columns,
                )
            )
        SavedSearch.objects.bulk_create(rows, batch_size=2_000)
        # The keywords parsed by PostgreSQL as the service does: one UPDATE per keyword.
        for keyword in {row.keyword for row in rows if row.keyword}:
            query = keyword_query(keyword)
            if query is not None:
                SavedSearch.objects.filter(keyword=keyword).update(keyword_tsquery=query)
        with connection.cursor() as cursor:
            for table in [*tables, User._meta.db_table]:
                cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(table)}")
        self.stdout.write(
            f"  {n_users:,} candidates, {searches:,} saved searches in "
            f"{time.perf_counter() - t0:.0f} s"
        )

    # -- measuring --------------------------------------------------------------

    def _time(self, job_ids: list[int]) -> tuple[list[float], list[int]]:
        timings, hits = [], []
        for job_id in job_ids:
            t0 = time.perf_counter()
            with transaction.atomic():  # committed, as the task's transaction is
                hits.append(saved_search_hits_record(job_id))
            timings.append((time.perf_counter() - t0) * 1000)
        return timings, hits

    def _measure(self, runs: int) -> None:
        self._assert_bench()
        SavedSearchHit.objects.all().delete()
        pg_version = postgres_version()
        n_searches = SavedSearch.objects.count()
        active = SavedSearch.objects.exclude(frequency=SavedSearch.Frequency.PAUSED).count()
        with_keyword = SavedSearch.objects.filter(keyword_tsquery__isnull=False).count()
        n_users = User.objects.filter(saved_searches__isnull=False).distinct().count()
        open_ids = list(Job.objects.open().order_by("pk").values_list("pk", flat=True))
        rng = random.Random(SEED + 1)  # noqa: S311
        job_ids = rng.sample(open_ids, min(runs, len(open_ids)))
        self.stdout.write(
            f"Saved-search matching benchmark, {timezone.localtime():%Y-%m-%d %H:%M %Z}\n"
            f"Machine: {machine_description()}; PostgreSQL {pg_version}; "
            f"load average {load_average()}\n"
            f"Data: {n_searches:,} saved searches ({active:,} not paused, {with_keyword:,} "
            f"with keywords) of {n_users:,} "
            f"candidates; {len(open_ids):,} open jobs (database {self.bench_db})\n"
        )
        self._time(job_ids[:10])  # warm-up: plans, caches
        SavedSearchHit.objects.all().delete()
        header = (
            f"{'run':<28} {'jobs':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  new hits per job"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        slow = False
        for label, ids in (("first time (records hits)", job_ids), ("again (idempotent)", job_ids)):
            timings, hits = self._time(ids)
            timings.sort()
            p50 = percentile(timings, 0.5)
            p95 = percentile(timings, 0.95)
            slow = slow or timings[-1] > TARGET_MS
            self.stdout.write(
                f"{label:<28} {len(ids):>6} {p50:>8.1f} {p95:>8.1f} {timings[-1]:>8.1f}  "
                f"mean {sum(hits) / len(hits):.1f}, max {max(hits)}, total {sum(hits):,}"
            )
        self.stdout.write(f"\nLoad average after: {load_average()}")
        if slow:
            self.stdout.write(self.style.WARNING(f"Some job took over {TARGET_MS} ms."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Every job matched in under {TARGET_MS} ms."))
