"""How fast does the ledger take a burst of notifications, sweep, and gather digests?

Works in a separate database, `<your database>_bench_notifications` on the same server,
filled with candidate accounts (100,000 by default; reused on a rerun). Each scenario runs
in a transaction that is rolled back, so every run starts from the same state, and the
developer's own database is never written to. Enqueuing is measured against the real Redis
on a throwaway queue that is deleted afterwards (no worker consumes it).
"""

import datetime
import time
import uuid

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from hkstp_portal.bench import BenchDatabaseMixin, load_average, machine_description
from notifications.models import Channel, Delivery, Kind, Notification
from notifications.services import (
    INSERT_CHUNK,
    NotificationRequest,
    notifications_create_bulk,
    notifications_digest_gather,
    notifications_due_ids,
)
from notifications.tasks import notifications_fan_out, notifications_send

SUFFIX = "_bench_notifications"
BENCH_QUEUE = "bench-notifications"


class Command(BenchDatabaseMixin, BaseCommand):
    help = "Benchmark the notification ledger on a separate <db>_bench_notifications database."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=100_000, help="Candidate accounts.")

    def handle(self, *args, users, **options):
        if users < 1:
            raise CommandError("--users must be positive.")
        settings.DEBUG = False
        name = settings.DATABASES["default"]["NAME"]
        self.bench_db = name if name.endswith(SUFFIX) else f"{name}{SUFFIX}"
        self._create_database(rebuild=False)
        self._use_bench_database()
        call_command("migrate", interactive=False, verbosity=0)
        self._assert_bench()
        self._fill_users(users)
        user_ids = list(User.objects.order_by("pk").values_list("pk", flat=True)[:users])
        self.stdout.write(
            f"{machine_description()}; load average {load_average()}; {len(user_ids):,} users."
        )

        for n in (10_000, len(user_ids)):
            self._burst(user_ids[:n])
        self._enqueue(len(user_ids))
        self._sweep(user_ids)
        self._digest(user_ids)

    # -- data ---------------------------------------------------------------------------

    def _fill_users(self, n: int) -> None:
        have = User.objects.count()
        if have >= n:
            return
        self.stdout.write(f"Adding {n - have:,} candidate accounts.")
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO accounts_user (password, is_superuser, is_staff, is_active,
                    date_joined, email, name, kind, language)
                SELECT '!', false, false, true, now(), 'bench-' || g || '@bench.example',
                       'Bench candidate ' || g, 'candidate',
                       (ARRAY['en', 'zh-hant', 'zh-hans'])[1 + g %% 3]
                FROM generate_series(%s, %s) AS g
                """,
                [have + 1, n],
            )
            cursor.execute("VACUUM (ANALYZE) accounts_user")

    # -- scenarios ---------------------------------------------------------------------

    def _timed(self, label: str, func):
        with transaction.atomic():
            started = time.perf_counter()
            result = func()
            elapsed = time.perf_counter() - started
            transaction.set_rollback(True)
        self.stdout.write(f"{label}: {elapsed * 1000:,.0f} ms")
        return result

    @staticmethod
    def _requests(user_ids, job_id, delivery=Delivery.INSTANT):
        context = {"job_title": "Senior firmware engineer", "company_name": "Lumen Robotics"}
        return [
            NotificationRequest(
                recipient_id=user_id,
                kind=Kind.JOB_MATCH,
                key=f"job-match:{job_id}:{user_id}",
                template="job_match",
                context={**context, "score": 80 + user_id % 20},
                url=f"/jobs/{job_id}/",
                delivery=delivery,
            )
            for user_id in user_ids
        ]

    def _burst(self, user_ids) -> None:
        requests = self._requests(user_ids, uuid.uuid4().hex[:8])
        ids = self._timed(
            f"notifications_create_bulk, one job to {len(user_ids):,} people "
            f"(in-app + email rows, INSERTs of {INSERT_CHUNK:,})",
            lambda: notifications_create_bulk(requests),
        )
        if len(ids) != 2 * len(user_ids):
            raise CommandError(f"Expected {2 * len(user_ids):,} rows, created {len(ids):,}.")

    def _enqueue(self, n_emails: int) -> None:
        """What the on-commit callback costs for n instant emails (one fan-out message), and
        what the worker then does (n / batch size messages), on a throwaway queue."""
        ids = list(range(n_emails))
        size = settings.NOTIFICATIONS_BATCH_SIZE
        started = time.perf_counter()
        notifications_fan_out.apply_async(args=[ids], queue=BENCH_QUEUE)
        fan_out = time.perf_counter() - started
        started = time.perf_counter()
        for start in range(0, n_emails, size):
            notifications_send.apply_async(args=[ids[start : start + size]], queue=BENCH_QUEUE)
        batches = time.perf_counter() - started
        notifications_send.app.connection_for_write().default_channel.client.delete(BENCH_QUEUE)
        self.stdout.write(
            f"enqueue {n_emails:,} emails after commit (one fan-out message): "
            f"{fan_out * 1000:,.0f} ms; the worker then publishes "
            f"{-(-n_emails // size):,} batches: {batches * 1000:,.0f} ms"
        )

    def _sweep(self, user_ids) -> None:
        def run():
            notifications_create_bulk(self._requests(user_ids, "sweep"))
            Notification.objects.filter(channel=Channel.EMAIL).update(
                next_attempt_at=timezone.now() - datetime.timedelta(hours=1)
            )
            started = time.perf_counter()
            due = notifications_due_ids()
            return due, time.perf_counter() - started

        due, elapsed = self._timed(f"(setup: {len(user_ids):,} pending emails)", run)
        self.stdout.write(
            f"sweep: find {len(due):,} due rows among {len(user_ids):,} pending: "
            f"{elapsed * 1000:,.0f} ms"
        )

    def _digest(self, user_ids) -> None:
        people = user_ids[: max(1, len(user_ids) // 5)]

        def run():
            for job in range(5):
                notifications_create_bulk(
                    self._requests(people, f"digest-{job}", delivery=Delivery.DAILY)
                )
            started = time.perf_counter()
            digests = notifications_digest_gather(delivery=Delivery.DAILY, period="bench")
            return digests, time.perf_counter() - started

        digests, elapsed = self._timed(f"(setup: {5 * len(people):,} daily items)", run)
        self.stdout.write(
            f"daily digest: gather {5 * len(people):,} items into {len(digests):,} digests: "
            f"{elapsed * 1000:,.0f} ms"
        )
