"""Settings for the real Celery worker started by test_worker_kill.py (a separate process)."""

from hkstp_portal.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
# Writes each Message-ID to a file, slowly, so the test can kill the worker mid-send.
EMAIL_BACKEND = "tests.notifications.backends.RecordingBackend"
# The test runs the sweep right after the restart.
NOTIFICATIONS_SWEEP_GRACE_SECONDS = 0
