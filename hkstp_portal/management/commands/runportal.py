"""`make run`: migrate, load the demo data, then web + Celery worker + beat in the foreground."""

import contextlib
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from hkstp_portal.demo import CANDIDATE_EMAIL, EMPLOYER_EMAIL, STAFF_EMAIL
from tests.factories import DEFAULT_PASSWORD


class Command(BaseCommand):
    help = "Run the whole portal for development; Ctrl-C stops every process it started."

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--no-demo", action="store_true", help="Skip loading demo data.")

    def handle(self, *args, port, no_demo, **options):
        # Emails link to the port the portal answers on (unless SITE_URL names another
        # address, a tunnel say): in the worker, and here, where the demo data renders some.
        site_url = (os.environ.get("SITE_URL") or f"http://127.0.0.1:{port}").rstrip("/")
        settings.SITE_URL = site_url
        call_command("migrate", interactive=False, verbosity=0)
        if not no_demo:
            call_command("demo_data", force=True, stdout=self.stdout)

        env = dict(os.environ)
        env["DATABASE_URL"] = settings.DATABASE_URL
        env["REDIS_URL"] = settings.REDIS_URL
        env["SITE_URL"] = site_url
        env.setdefault("DJANGO_SETTINGS_MODULE", "hkstp_portal.settings.local")
        python = sys.executable
        schedule = settings.DATA_DIR / "celerybeat-schedule"
        commands = {
            "web": [python, "manage.py", "runserver", f"127.0.0.1:{port}"],
            "worker": [python, "-m", "celery", "-A", "hkstp_portal", "worker",
                       "--loglevel=INFO", "--concurrency=2"],
            "beat": [python, "-m", "celery", "-A", "hkstp_portal", "beat",
                     "--loglevel=INFO", f"--schedule={schedule}"],
        }  # fmt: skip
        children = {}
        stopping = False

        def stop(signum=None, frame=None):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGHUP, stop)

        for name, command in commands.items():
            # Own process group each, so stopping one also stops what it forked
            # (runserver's reloader child, the worker's pool).
            children[name] = subprocess.Popen(  # noqa: S603 - our own commands
                command, env=env, cwd=settings.BASE_DIR, start_new_session=True
            )

        self.stdout.write(
            self.style.SUCCESS(f"\nHKSTP Talent Portal: http://127.0.0.1:{port}/")
            + f"\n  Staff admin: http://127.0.0.1:{port}/admin/"
            + "\n  Demo logins (password "
            + DEFAULT_PASSWORD
            + f"): {STAFF_EMAIL}, {EMPLOYER_EMAIL}, {CANDIDATE_EMAIL}"
            + "\n  Emails (verification links) are printed below by the Celery worker;"
            + f" their links go to {site_url}/."
            + "\n  Ctrl-C stops everything.\n"
        )
        exit_code = 0
        try:
            while not stopping:
                for name, child in children.items():
                    if child.poll() is not None:
                        self.stderr.write(f"{name} exited with {child.returncode}; stopping.")
                        exit_code = 1
                        stopping = True
                time.sleep(0.3)
        finally:
            self._stop_all(children)
        if exit_code:
            sys.exit(exit_code)

    def _stop_all(self, children):
        for child in children.values():
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for child in children.values():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
        # A worker's pool processes share its group; make sure none is left.
        for child in children.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)
        self.stdout.write("Stopped the web server, worker and beat.")
