"""The Celery app: configured from Django settings (CELERY_*), tasks from each app's tasks.py
(and talent/privacy_tasks.py)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hkstp_portal.settings.local")

app = Celery("hkstp_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The privacy tasks live in their own module (talent/privacy_tasks.py) beside
# talent/tasks.py; autodiscovery looks for `tasks` only unless told this name.
app.autodiscover_tasks(["talent"], related_name="privacy_tasks")
