"""`make run` (manage.py runportal) on another port: the web server, the worker that sends
the emails and the demo data all use that port's address as SITE_URL."""

import pytest
from django.conf import settings
from django.core.management import call_command

from hkstp_portal.management.commands import runportal


class FakeChild:
    """A process that has exited: runportal stops everything at once."""

    pid = 999_999_999
    returncode = 0

    def poll(self):
        return 0

    def wait(self, timeout=None):
        return 0


@pytest.fixture
def started(monkeypatch):
    """Run runportal without starting anything: what each child and each inner command
    would have been given."""
    seen = {"children": {}, "commands": []}

    def popen(command, env, **kwargs):
        name = "web" if "runserver" in command else command[command.index("-A") + 2]
        seen["children"][name] = (command, env)
        return FakeChild()

    def inner_command(name, **kwargs):
        seen["commands"].append((name, settings.SITE_URL))

    monkeypatch.setattr(runportal.subprocess, "Popen", popen)
    monkeypatch.setattr(runportal, "call_command", inner_command)
    monkeypatch.setattr(runportal.signal, "signal", lambda *args: None)
    monkeypatch.setattr(runportal.os, "killpg", lambda *args: None)
    # runportal sets it for the rest of its process; put it back for the other tests.
    monkeypatch.setattr(settings, "SITE_URL", settings.SITE_URL)
    monkeypatch.delenv("SITE_URL", raising=False)

    def run(*args):
        with pytest.raises(SystemExit):  # a child "exited", so runportal gives up
            call_command("runportal", *args)
        return seen

    return run


def test_make_run_on_another_port_sets_site_url_everywhere(started, monkeypatch):
    monkeypatch.setenv("PORT", "8800")  # PORT=8800 make run
    seen = started()

    assert seen["children"]["web"][0][-1] == "127.0.0.1:8800"
    for name in ("web", "worker", "beat"):
        assert seen["children"][name][1]["SITE_URL"] == "http://127.0.0.1:8800"
    # migrate and the demo data (whose emails are rendered in this process) too.
    assert seen["commands"] == [
        ("migrate", "http://127.0.0.1:8800"),
        ("demo_data", "http://127.0.0.1:8800"),
    ]


def test_the_port_option_sets_site_url(started):
    seen = started("--port", "8801", "--no-demo")
    assert seen["children"]["worker"][1]["SITE_URL"] == "http://127.0.0.1:8801"
    assert seen["commands"] == [("migrate", "http://127.0.0.1:8801")]


def test_an_explicit_site_url_wins(started, monkeypatch):
    """A tunnel or a proxy in front of `make run`: the address people reach it at."""
    monkeypatch.setenv("SITE_URL", "https://dev.talent.example/")
    seen = started("--port", "8802", "--no-demo")
    assert seen["children"]["worker"][1]["SITE_URL"] == "https://dev.talent.example"
    assert seen["commands"] == [("migrate", "https://dev.talent.example")]


def test_make_run_starts_runportal_with_the_environment_port():
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    assert "manage.py runportal\n" in makefile
