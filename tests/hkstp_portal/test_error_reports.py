"""Error reports: Sentry only with SENTRY_DSN, and then without personal data; ADMINS from
DJANGO_ADMINS for Django's mail on a 500."""

import json
import os
import secrets
import subprocess
import sys

import pytest
import sentry_sdk
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client, RequestFactory
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from sentry_sdk.transport import Transport

from hkstp_portal.error_reports import admins_parse, sentry_init
from tests import factories

PROBE = """
import json, django
django.setup()
import sentry_sdk
from django.conf import settings
client = sentry_sdk.get_client()
print(json.dumps({
    "active": client.is_active(),
    "pii": client.options.get("send_default_pii"),
    "body": client.options.get("max_request_body_size"),
    "environment": client.options.get("environment"),
    "release": client.options.get("release"),
    "integrations": sorted(client.integrations),
    "admins": settings.ADMINS,
    "filter": settings.DEFAULT_EXCEPTION_REPORTER_FILTER,
}))
"""


def _production(**env_overrides) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "SENTRY_")) and k not in ("SITE_URL",)
    }
    env.update(
        DJANGO_SETTINGS_MODULE="hkstp_portal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="talent.example",
        SITE_URL="https://talent.example",
        **env_overrides,
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_dsn_sentry_is_not_switched_on():
    found = _production()
    assert found["active"] is False
    assert found["admins"] == []


def test_with_a_dsn_sentry_is_on_without_personal_data():
    # Nothing is sent at start, so the DSN's host is never contacted.
    found = _production(
        SENTRY_DSN="https://public@sentry.invalid/1",
        SENTRY_ENVIRONMENT="staging",
        SENTRY_RELEASE="portal@1.2.3",
        DJANGO_ADMINS="HKSTP Ops <ops@hkstp.example>, oncall@hkstp.example",
    )
    assert found["active"] is True
    assert found["pii"] is False
    assert found["body"] == "never"
    assert (found["environment"], found["release"]) == ("staging", "portal@1.2.3")
    assert {"django", "celery"} <= set(found["integrations"])
    assert found["admins"] == [
        ["HKSTP Ops", "ops@hkstp.example"],
        ["oncall@hkstp.example", "oncall@hkstp.example"],
    ]
    assert found["filter"] == "hkstp_portal.error_reports.PrivateExceptionReporterFilter"


def test_an_admins_entry_that_is_not_an_address_stops_the_start():
    with pytest.raises(ImproperlyConfigured):
        admins_parse("Ops <not-an-address>")


# --- what an error report holds ------------------------------------------------------------


class Recorder(Transport):
    """Keeps each event the SDK would send, instead of sending it."""

    events: list = []

    def capture_envelope(self, envelope):
        for item in envelope.items:
            if item.type == "event":
                Recorder.events.append(item.payload.json)


@csrf_exempt
def crash(request):
    cover_note = request.POST.get("cover_note")  # a local variable: never sent
    raise RuntimeError("the view failed" if cover_note else "no note")


urlpatterns = [path("crash/", crash)]


@pytest.fixture
def sentry_recording(settings):
    settings.ROOT_URLCONF = __name__
    Recorder.events = []
    sentry_init(dsn="https://public@sentry.invalid/1", transport=Recorder)
    yield Recorder.events
    sentry_sdk.get_client().close()
    sentry_sdk.init()  # no DSN: off again for the rest of the run


@pytest.mark.django_db
def test_a_500_reaches_sentry_without_the_body_cookies_or_who_it_was(sentry_recording):
    """Through Django's WSGI handler, as gunicorn calls it (sentry's WSGI layer included)."""
    candidate = factories.CandidateFactory(email="private.person@example.com")
    client = Client()
    client.force_login(candidate)
    session = client.cookies["sessionid"].value
    environ = (
        RequestFactory()
        .post(
            "/crash/?page=2",
            {"cover_note": "My phone is 9123 4567", "email": "private.person@example.com"},
            HTTP_COOKIE=f"sessionid={session}; csrftoken=abc",
            HTTP_AUTHORIZATION="Bearer secret-token",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
            HTTP_USER_AGENT="Firefox",
        )
        .environ
    )
    statuses = []
    b"".join(WSGIHandler()(environ, lambda status, headers, *exc: statuses.append(status)))
    assert statuses[0].startswith("500")
    sentry_sdk.flush()

    [event] = sentry_recording
    assert event["exception"]["values"][-1]["value"] == "the view failed"
    assert event["request"]["url"].endswith("/crash/")
    assert event["request"]["method"] == "POST"
    assert event["request"]["headers"]["User-Agent"] == "Firefox"
    sent = json.dumps(event)
    for private in (
        "9123 4567",
        "private.person@example.com",
        session,
        "secret-token",
        "203.0.113.9",
    ):
        assert private not in sent


@pytest.mark.django_db
def test_admins_get_the_500_by_email_without_what_the_form_posted(settings, mailoutbox):
    settings.ROOT_URLCONF = __name__
    settings.ADMINS = [("HKSTP Ops", "ops@hkstp.example")]
    settings.DEFAULT_EXCEPTION_REPORTER_FILTER = (
        "hkstp_portal.error_reports.PrivateExceptionReporterFilter"
    )
    client = Client(raise_request_exception=False)
    response = client.post("/crash/", {"cover_note": "My phone is 9123 4567"})
    assert response.status_code == 500
    [email] = mailoutbox
    assert email.to == ["ops@hkstp.example"]
    assert "the view failed" in email.body
    assert "cover_note" in email.body
    assert "9123 4567" not in email.body
