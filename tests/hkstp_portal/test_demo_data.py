import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import User
from companies.models import Company
from events.models import Event
from jobs.models import Job

pytestmark = pytest.mark.django_db


def counts():
    return (User.objects.count(), Company.objects.count(), Job.objects.count(),
            Event.objects.count())  # fmt: skip


def test_demo_data_fills_every_cluster_and_is_idempotent(client):
    call_command("demo_data", force=True)
    first = counts()
    call_command("demo_data", force=True)

    assert counts() == first
    clusters = {c for company in Company.objects.all() for c in company.clusters}
    assert len(clusters) == 9
    assert Job.objects.published().count() >= 40
    assert Event.objects.upcoming(timezone.now()).filter(kind="recruitment_fair").exists()
    assert Event.objects.upcoming(timezone.now()).filter(kind="themed_career_day").exists()
    for email in ("staff@demo.hkstp.example", "employer@demo.hkstp.example",
                  "candidate@demo.hkstp.example"):  # fmt: skip
        response = client.post("/accounts/login/", {"login": email, "password": "portal-pass-2026"})
        assert response.status_code == 302, email
        assert response.url == "/account/start/"
        client.post("/accounts/logout/")


def test_demo_data_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo_data")
