"""What the jobs app announces, so the apps above it can react without jobs importing them.

A receiver only enqueues its own app's Celery task (alerts and matching do, in their
receivers.py); the work stays in that app's services and tasks."""

from django.dispatch import Signal

# Sent once the transaction that published a job has committed, with `job_id`.
job_published = Signal()
