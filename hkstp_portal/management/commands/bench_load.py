"""`make bench-load`: requests per second and latency of the portal served as in production.

Uses the job search benchmark's `<db>_bench` database (100,000 published jobs from
3,000 companies, filled on the first run by the same code as `make bench`), adds
candidates with a default CV, runs `collectstatic`, then starts gunicorn with
`hkstp_portal.settings.production` (DEBUG off, manifest static files, secure cookies)
on a loopback port and drives it with wrk, one scenario after another:

- home: `/`, `/zh-hant/`, `/zh-hans/`;
- search: `/jobs/?…` from a few thousand different query strings (keywords, facets,
  both, later pages, sorts), so the caches cannot answer everything;
- job pages: `/jobs/<id>/` of random open jobs;
- apply: signed-in candidates POSTing an application (default CV, CSRF token from the
  apply page, as a browser does) to jobs they have not applied to.

Every request carries `X-Forwarded-Proto: https`, as from the TLS proxy in front of
gunicorn, so the production security settings are the ones measured. The load
generator runs on the same machine as the server and the databases, and takes part of
the CPU: the figures are a floor for a server with the machine to itself.

Traffic goes only to 127.0.0.1, and every wrk run is bounded in time.
"""

import contextlib
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psutil
import redis
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from alerts.management.commands.bench_saved_searches import FACET_VALUES, SALARY_FLOORS
from applications.models import Application
from hkstp_portal import embedded
from hkstp_portal.bench import load_average, machine_description, postgres_version
from jobs.management.commands.bench_search import Command as SearchBench
from jobs.models import Job
from talent.models import CV, CandidateProfile

SEED = 20261125
LUA = Path(__file__).resolve().parents[2] / "bench_load.lua"
CACHE_PREFIX = "hkstp-bench-load"
CELERY_QUEUE = "hkstp-bench-load"  # nobody consumes it; emptied after the run
CANDIDATE_EMAIL = "bench-candidate-{}@bench.hkstp.example"
TARGET_RPS = 150
TARGET_P95_MS = 200

KEYWORDS = [
    "machine learning", "python", "biotech", "engineer", "data scientist", "research",
    "embedded", "firmware", "product manager", "regulatory affairs", "kubernetes", "fpga",
    "gene therapy", "computer vision", "fintech", "semiconductor", "clinical", "devops",
    "backend", "full-stack", "robotics", "battery", "marketing", "sales engineer", "intern",
    "senior", "lead", "analyst", "designer", "quantitative", "photonics", "medical devices",
    "cybersecurity", "blockchain", "postdoctoral", "lab manager", "supply chain",
    "機器學習", "數據", "研究科學家", "工程師", "生物科技", "產品經理", "實習生",
]  # fmt: skip
FACETS = {
    **FACET_VALUES,
    "salary": SALARY_FLOORS,
    "posted": ["1", "7", "30"],
}


@dataclass
class Result:
    scenario: str
    requests: int
    seconds: float
    status_errors: int
    socket_errors: int
    timeouts: int
    p50: float
    p95: float
    p99: float
    max: float
    load: str
    server_cpu_ms: float  # gunicorn's CPU time per request
    database_cpu_ms: float  # PostgreSQL's CPU time per request

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def errors(self) -> int:
        return self.status_errors + self.socket_errors + self.timeouts

    @property
    def capacity(self) -> float:
        """Requests/s the CPUs could serve if the server and database had them to themselves."""
        per_request = self.server_cpu_ms + self.database_cpu_ms
        return (os.cpu_count() or 1) * 1000 / per_request if per_request else 0.0


def _cpu_seconds(processes: list[psutil.Process]) -> dict[int, float]:
    seconds = {}
    for process in processes:
        with contextlib.suppress(psutil.Error):
            times = process.cpu_times()
            seconds[process.pid] = times.user + times.system
    return seconds


def _cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds used between two readings: a process that started since counts whole,
    one that ended is left out (a PostgreSQL backend that closed: a slight underestimate)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def _postgres_processes() -> list[psutil.Process]:
    """The local PostgreSQL server's processes (its backends come and go; most persist)."""
    return [p for p in psutil.process_iter(["name"]) if p.info["name"] == "postgres"]


def search_query_strings(rng: random.Random, count: int) -> list[str]:
    """Varied searches: a keyword alone, facets alone, both, later pages and sorts."""
    found: dict[str, None] = {}
    while len(found) < count:
        params: list[tuple[str, str]] = []
        kind = rng.random()
        if kind < 0.7:
            params.append(("q", rng.choice(KEYWORDS)))
        if kind > 0.4 or not params:
            for name in rng.sample(list(FACETS), rng.choice([1, 1, 2, 2, 3])):
                values = FACETS[name]
                many = name not in ("salary", "posted") and rng.random() < 0.25
                for value in rng.sample(values, 2 if many else 1):
                    params.append((name, value))
        if rng.random() < 0.15:
            params.append(("sort", rng.choice(["newest", "salary"])))
        if rng.random() < 0.3:
            params.append(("page", str(rng.choice([2, 2, 3, 4, 5, 10]))))
        found[urlencode(params)] = None
    return list(found)


class Command(BaseCommand):
    help = (
        "Load benchmark: gunicorn with the production settings on the 100,000-job bench "
        "database, driven by wrk; prints requests/s and p50/p95/p99 per scenario."
    )

    def add_arguments(self, parser):
        parser.add_argument("--jobs", type=int, default=100_000)
        parser.add_argument("--companies", type=int, default=3_000)
        parser.add_argument("--rebuild", action="store_true", help="Refill the bench database.")
        parser.add_argument(
            "--duration", type=int, default=30, help="Seconds of load per scenario."
        )
        parser.add_argument(
            "--connections", type=int, default=16, help="Concurrent users (keep-alive)."
        )
        parser.add_argument("--workers", type=int, default=3, help="gunicorn processes.")
        parser.add_argument("--threads", type=int, default=4, help="Threads per process.")
        parser.add_argument("--candidates", type=int, default=200)
        parser.add_argument("--port", type=int, default=0, help="Default: a free port.")
        parser.add_argument(
            "--scenarios",
            default="home,search,job,apply",
            help="Comma-separated subset of home,search,job,apply.",
        )

    def handle(self, *args, **options):
        if not shutil.which("wrk"):
            raise CommandError("wrk is not installed: `apt-get install wrk`, or `make bench-load`.")
        if options["duration"] < 1 or options["duration"] > 300:
            raise CommandError("--duration is between 1 and 300 seconds.")
        scenarios = options["scenarios"].split(",")
        unknown = set(scenarios) - {"home", "search", "job", "apply"}
        if unknown:
            raise CommandError(f"Unknown scenarios: {', '.join(sorted(unknown))}.")
        self.options = options
        self.rng = random.Random(SEED)  # noqa: S311 - picks test data, not secrets

        search = SearchBench(stdout=self.stdout, stderr=self.stderr)
        self.bench_db = search.prepare(
            jobs=options["jobs"], companies=options["companies"], rebuild=options["rebuild"]
        )
        candidates = self._candidates(options["candidates"])
        self.port = options["port"] or embedded.free_port()
        self.origin = f"https://127.0.0.1:{self.port}"
        self.env = self._server_env()
        self._redis_clear()
        self.workdir = Path(tempfile.mkdtemp(prefix="bench-load-"))
        try:
            self._manage("collectstatic", "--noinput", "--verbosity=0")
            sessions = self._sessions([user.pk for user in candidates])
            with self._gunicorn():
                self._run(scenarios, candidates, sessions)
        finally:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self._redis_clear()

    # -- data ---------------------------------------------------------------------

    def _candidates(self, count: int) -> list[User]:
        """Candidates with a verified email, a profile and a default CV; none has applied."""
        emails = [CANDIDATE_EMAIL.format(i) for i in range(count)]
        existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
        if len(existing) < count:
            from tests.factories import CandidateProfileFactory

            for email in emails:
                if email not in existing:
                    # No usable password: they get sessions made for them, and hashing
                    # 200 passwords would take minutes.
                    CandidateProfileFactory(user__email=email, user__password=None)
        users = list(User.objects.filter(email__in=emails).order_by("pk"))
        # One real PDF, shared by every bench CV: applying never reads the file.
        private = Path(self._paths()["DJANGO_PRIVATE_MEDIA_ROOT"])
        (private / "cvs").mkdir(parents=True, exist_ok=True)
        cv_file = private / "cvs" / "bench-cv.pdf"
        if not cv_file.exists():
            from hkstp_portal.demo.documents import cv_pdf

            cv_file.write_bytes(cv_pdf(name="Bench Candidate", headline="Engineer", skills=[]))
        have_cv = set(
            CV.objects.filter(owner__in=users, is_default=True).values_list("owner_id", flat=True)
        )
        without_cv = [user for user in users if user.pk not in have_cv]
        CV.objects.bulk_create(
            CV(
                owner=user,
                file="cvs/bench-cv.pdf",
                original_name="CV.pdf",
                kind=CV.Kind.PDF,
                size=cv_file.stat().st_size,
                is_default=True,
                parse_status=CV.ParseStatus.PARSED,
            )
            for user in without_cv
        )
        if CandidateProfile.objects.filter(user__in=users).count() != len(users):
            raise CommandError("A bench candidate has no profile; run with --rebuild.")
        deleted, _ = Application.objects.filter(candidate__in=users).delete()
        if deleted:
            self.stdout.write(f"Deleted {deleted:,} rows of the previous run's applications.")
        return users

    def _paths(self) -> dict[str, str]:
        base = embedded.data_dir() / "bench-load"
        return {
            "DJANGO_MEDIA_ROOT": str(base / "media"),
            "DJANGO_PRIVATE_MEDIA_ROOT": str(base / "private"),
            "DJANGO_STATIC_ROOT": str(base / "static"),
        }

    # -- the server ---------------------------------------------------------------

    def _server_env(self) -> dict[str, str]:
        url = urlsplit(os.environ.get("DATABASE_URL") or settings.DATABASE_URL)
        database_url = urlunsplit(url._replace(path=f"/{self.bench_db}"))
        return {
            **os.environ,
            **self._paths(),
            "DJANGO_SETTINGS_MODULE": "hkstp_portal.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "REDIS_URL": os.environ.get("REDIS_URL") or settings.REDIS_URL,
            # Its own cache keys and Celery queue, so the developer's portal is untouched.
            "DJANGO_CACHE_PREFIX": CACHE_PREFIX,
            "CELERY_TASK_DEFAULT_QUEUE": CELERY_QUEUE,
            "DJANGO_LOG_LEVEL": "WARNING",
            # 200 candidates applying ~100 times a second is 15 applications each in
            # 30 s: the apply limit (10 a minute per candidate) rightly answers 429. The
            # benchmark measures what applying costs, so it lifts that one limit.
            "DJANGO_PORTAL_RATE_LIMITS": '{"apply": "100000/m"}',
        }

    def _manage(self, *args: str, capture: bool = False) -> str:
        done = subprocess.run(  # noqa: S603 - this project's manage.py
            [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args],
            env=self.env,
            check=True,
            capture_output=capture,
            text=True,
        )
        return done.stdout if capture else ""

    def _redis_clear(self) -> None:
        client = redis.Redis.from_url(os.environ.get("REDIS_URL") or settings.REDIS_URL)
        keys = list(client.scan_iter(f"{CACHE_PREFIX}:*", count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start : start + 1000])
        client.delete(CELERY_QUEUE)

    def _sessions(self, user_ids: list[int]) -> list[str]:
        """Session cookies made under the production settings (their key, engine, name)."""
        code = (
            "import json; from django.conf import settings; from django.test import Client;"
            "from accounts.models import User\n"
            f"ids = {user_ids!r}\n"
            "out = []\n"
            "for user in User.objects.filter(pk__in=ids).order_by('pk'):\n"
            "    client = Client(); client.force_login(user)\n"
            "    name = settings.SESSION_COOKIE_NAME\n"
            "    out.append(f'{name}={client.cookies[name].value}')\n"
            "print('SESSIONS ' + json.dumps(out))\n"
        )
        output = self._manage("shell", "-c", code, capture=True)
        line = next(line for line in output.splitlines() if line.startswith("SESSIONS "))
        return json.loads(line.removeprefix("SESSIONS "))

    @contextlib.contextmanager
    def _gunicorn(self):
        workers, threads = self.options["workers"], self.options["threads"]
        command = [
            str(Path(sys.executable).with_name("gunicorn")),
            "hkstp_portal.wsgi:application",
            f"--bind=127.0.0.1:{self.port}",
            "--worker-class=gthread",
            f"--workers={workers}",
            f"--threads={threads}",
            "--timeout=30",
            "--keep-alive=5",
            "--log-level=warning",
        ]
        self.stdout.write(f"Starting gunicorn: {workers} workers × {threads} threads (gthread).")
        log = (self.workdir / "gunicorn.log").open("w")
        server = subprocess.Popen(command, env=self.env, stdout=log, stderr=log)  # noqa: S603
        try:
            deadline = time.monotonic() + 60
            while self._get("/")[0] != 200:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise CommandError(
                        "gunicorn did not start:\n" + (self.workdir / "gunicorn.log").read_text()
                    )
                time.sleep(0.5)
            self.server = server
            yield server
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()
            errors = (self.workdir / "gunicorn.log").read_text()
            if "Traceback" in errors or "ERROR" in errors:
                self.stderr.write("gunicorn logged errors:\n" + errors[-5000:])

    def _get(self, path: str, cookie: str = "") -> tuple[int, list[str], str]:
        """GET through the proxy's eyes: (status, Set-Cookie headers, body)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"X-Forwarded-Proto": "https", "Accept-Language": "en"}
        if cookie:
            headers["Cookie"] = cookie
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            cookies = response.msg.get_all("Set-Cookie") or []
            return response.status, cookies, response.read().decode()
        except OSError:
            return 0, [], ""
        finally:
            conn.close()

    # -- the scenarios ------------------------------------------------------------

    def _request_lines(self, candidates, sessions, csrf) -> dict[str, list[str]]:
        rng = self.rng
        open_ids = list(Job.objects.open().values_list("pk", flat=True))
        if len(open_ids) < 1000:
            raise CommandError("Fewer than 1,000 open jobs in the bench database.")
        job_ids = rng.sample(open_ids, 5_000)
        lines = {
            "home": [f"GET\t{path}\t\t" for path in ("/", "/zh-hant/", "/zh-hans/")],
            "search": [
                f"GET\t{reverse('jobs:job_list')}?{query}\t\t"
                for query in search_query_strings(rng, 3_000)
            ],
            "job": [f"GET\t{reverse('jobs:job_detail', args=[pk])}\t\t" for pk in job_ids],
        }
        # Each candidate applies to their own 25 jobs, so every (candidate, job) is new.
        apply_jobs = rng.sample(open_ids, 25 * len(candidates))
        cv_of = dict(
            CV.objects.filter(owner__in=candidates, is_default=True).values_list("owner_id", "pk")
        )
        apply_lines = []
        for round_ in range(25):
            for i, (user, session) in enumerate(zip(candidates, sessions, strict=True)):
                cookie, token = csrf[user.pk]
                job_id = apply_jobs[round_ * len(candidates) + i]
                body = urlencode(
                    {
                        "csrfmiddlewaretoken": token,
                        "cv": cv_of[user.pk],
                        "cover_note": "I would like to apply for this role.",
                    }
                )
                apply_lines.append(
                    f"POST\t{reverse('applications:apply', args=[job_id])}\t"
                    f"{session}; {cookie}\t{body}"
                )
        lines["apply"] = apply_lines
        return lines

    def _csrf_tokens(self, candidates, sessions) -> dict[int, tuple[str, str]]:
        """Open an apply page as each candidate, as a browser does: {candidate id: (its CSRF
        cookie, the form's token)}."""
        csrf = {}
        job_id = Job.objects.open().values_list("pk", flat=True).first()
        path = reverse("applications:apply", args=[job_id])
        for user, session in zip(candidates, sessions, strict=True):
            status, set_cookies, body = self._get(path, cookie=session)
            if status != 200:
                raise CommandError(f"GET {path} as {user.email} answered {status}, not 200.")
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
            cookie = re.search(r"^([\w-]*csrf[\w-]*)=([^;]+)", "\n".join(set_cookies), re.M | re.I)
            if token is None:
                raise CommandError("No CSRF token on the apply page.")
            csrf[user.pk] = (f"{cookie[1]}={cookie[2]}" if cookie else "", token[1])
        return csrf

    def _check(self, lines: dict[str, list[str]]) -> None:
        """Every GET scenario answers 200 (not a redirect that wrk would count as success)."""
        for scenario in ("home", "search", "job"):
            for line in lines[scenario][:5]:
                path = line.split("\t")[1]
                status = self._get(path)[0]
                if status != 200:
                    raise CommandError(f"GET {path} answered {status}, not 200.")

    def _wrk(self, scenario: str, lines: list[str], duration: int) -> Result:
        path = self.workdir / f"{scenario}.tsv"
        path.write_text("\n".join(lines) + "\n")
        threads = 2  # one per core: wrk itself needs little CPU
        connections = max(threads, self.options["connections"])
        command = [
            "wrk",
            f"--threads={threads}",
            f"--connections={connections}",
            f"--duration={duration}s",
            "--timeout=10s",
            f"--script={LUA}",
            f"http://127.0.0.1:{self.port}",
            "--",
            str(path),
            str(threads),
            self.origin,
        ]
        server = psutil.Process(self.server.pid)
        server_processes = [server, *server.children(recursive=True)]
        cpu_before = _cpu_seconds(server_processes), _cpu_seconds(_postgres_processes())
        done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
        cpu_after = _cpu_seconds(server_processes), _cpu_seconds(_postgres_processes())
        cpu_server = _cpu_used(cpu_before[0], cpu_after[0])
        cpu_database = _cpu_used(cpu_before[1], cpu_after[1])
        load = load_average()
        line = next(
            (line for line in done.stdout.splitlines() if line.startswith("BENCH-RESULT ")), None
        )
        if done.returncode != 0 or line is None:
            raise CommandError(f"wrk failed:\n{done.stdout}\n{done.stderr}")
        data = json.loads(line.removeprefix("BENCH-RESULT "))
        return Result(
            scenario=scenario,
            requests=data["requests"],
            seconds=data["duration_us"] / 1e6,
            status_errors=data["status_errors"],
            socket_errors=data["socket_errors"],
            timeouts=data["timeouts"],
            p50=data["p50_us"] / 1000,
            p95=data["p95_us"] / 1000,
            p99=data["p99_us"] / 1000,
            max=data["max_us"] / 1000,
            load=load,
            server_cpu_ms=cpu_server * 1000 / max(1, data["requests"]),
            database_cpu_ms=cpu_database * 1000 / max(1, data["requests"]),
        )

    def _run(self, scenarios, candidates, sessions) -> None:
        csrf = self._csrf_tokens(candidates, sessions)
        lines = self._request_lines(candidates, sessions, csrf)
        self._check(lines)
        pg_version = postgres_version()
        duration = self.options["duration"]
        self.stdout.write(
            f"\nLoad benchmark, {timezone.localtime():%Y-%m-%d %H:%M %Z}\n"
            f"Machine: {machine_description()}; PostgreSQL {pg_version}; "
            f"load average before {load_average()}\n"
            f"Data: {Job.objects.open().count():,} open jobs (database {self.bench_db}); "
            f"gunicorn gthread {self.options['workers']}×{self.options['threads']}; "
            f"wrk 2 threads, {self.options['connections']} connections, {duration} s each\n"
        )
        # Warm-up: every process's first requests compile templates and fill caches.
        for scenario in ("home", "search", "job"):
            if scenario in scenarios:
                self._wrk(scenario, lines[scenario], max(3, duration // 5))
        header = (
            f"{'scenario':<10} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
            f"{'p99 ms':>7} {'max ms':>7} {'errors':>6} {'load':>5} "
            f"{'CPU ms/req: web':>15} {'db':>4} {'→ req/s':>7}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        results = []
        for scenario in scenarios:
            before = Application.objects.filter(candidate__in=candidates).count()
            result = self._wrk(scenario, lines[scenario], duration)
            results.append(result)
            self.stdout.write(
                f"{scenario:<10} {result.requests:>8,} {result.rps:>7.1f} {result.p50:>7.1f} "
                f"{result.p95:>7.1f} {result.p99:>7.1f} {result.max:>7.1f} "
                f"{result.errors:>6} {result.load:>5} "
                f"{result.server_cpu_ms:>15.1f} {result.database_cpu_ms:>4.1f} "
                f"{result.capacity:>7.0f}"
            )
            if scenario == "apply":
                made = Application.objects.filter(candidate__in=candidates).count() - before
                self.stdout.write(
                    f"{'':<10} {made:,} applications recorded "
                    f"({len(lines['apply']):,} distinct candidate–job pairs available; "
                    "a repeat is answered with a redirect to the existing application)"
                )
        self.stdout.write(
            f"\nLoad average after: {load_average()}. CPU ms/req: CPU time used by gunicorn "
            "and by PostgreSQL per request, whoever else shares the machine; → req/s: what "
            f"{os.cpu_count()} CPUs could serve at that cost with nothing else running."
        )
        missed = [
            r.scenario
            for r in results
            if r.scenario in ("search", "job") and (r.rps < TARGET_RPS or r.p95 > TARGET_P95_MS)
        ]
        failed = [r.scenario for r in results if r.errors]
        if missed:
            self.stdout.write(
                self.style.WARNING(
                    f"Below the goal ({TARGET_RPS} req/s, p95 < {TARGET_P95_MS} ms): "
                    + ", ".join(missed)
                )
            )
        elif {"search", "job"} & set(scenarios):
            self.stdout.write(self.style.SUCCESS("Search and job pages meet the goal."))
        if failed:
            raise CommandError(f"Requests failed in: {', '.join(failed)}.")
