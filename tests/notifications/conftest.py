import pytest

from notifications.models import Kind
from notifications.services import notification_create


@pytest.fixture
def notify(committed):
    """notify(user, key="…", **kw): one notification through the service, committed
    (its emails are sent by the eager Celery task into the locmem outbox)."""

    def make(user, key="job-match:1", **kwargs):
        kwargs.setdefault("kind", Kind.JOB_MATCH)
        kwargs.setdefault("template", "job_match")
        kwargs.setdefault(
            "context", {"job_title": "Firmware engineer", "company_name": "Lumen Robotics"}
        )
        kwargs.setdefault("url", "/jobs/1/")
        with committed():
            return notification_create(recipient=user, key=f"{key}:{user.pk}", **kwargs)

    return make
