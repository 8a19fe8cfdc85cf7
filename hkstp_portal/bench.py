"""What every benchmark command shares: its own database on the same PostgreSQL server.

A benchmark never touches the developer's data: it creates `<database>_<suffix>`,
switches the default connection to it, and refuses to write anywhere else.
"""

import contextlib
import math
import os
import platform
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection, connections
from psycopg import sql

from hkstp_portal.backup import connect_kwargs


class BenchDatabaseMixin:
    """For a management command that sets `self.bench_db` before calling these."""

    def _create_database(self, rebuild: bool) -> None:
        name = sql.Identifier(self.bench_db)
        with psycopg.connect(
            **connect_kwargs(settings.DATABASES["default"], "postgres"), autocommit=True
        ) as conn:
            if rebuild:
                self.stdout.write(f"Dropping {self.bench_db}.")
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [self.bench_db]
            ).fetchone()
            if not exists:
                self.stdout.write(f"Creating database {self.bench_db}.")
                conn.execute(sql.SQL("CREATE DATABASE {}").format(name))

    def _use_bench_database(self) -> None:
        connections.close_all()
        settings.DATABASES["default"]["NAME"] = self.bench_db
        connections["default"].settings_dict["NAME"] = self.bench_db

    def _assert_bench(self) -> None:
        """Refuse to write anywhere but the bench database."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_database()")
            current = cursor.fetchone()[0]
        if current != self.bench_db:
            raise CommandError(f"Connected to {current!r}, not {self.bench_db!r}; stopping.")


# -- what every benchmark prints -------------------------------------------------------


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def machine_description() -> str:
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    ram = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f", {int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
                break
    return f"{os.cpu_count()} CPUs ({model}){ram}"


def postgres_version() -> str:
    """The version of the PostgreSQL server of the default connection, for a report."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def load_average() -> str:
    """The 1-minute load average: other work on the machine inflates the figures."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "unknown"
