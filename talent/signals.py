"""What the talent app announces, so the apps above it can react without talent importing
them.

A receiver only enqueues its own app's Celery task (matching does, in matching/receivers.py);
the work stays in that app's services and tasks."""

from django.db import transaction
from django.dispatch import Signal

# Sent once a transaction that changed a candidate's profile or CVs has committed, with
# `user_id`.
candidate_changed = Signal()


def candidate_changed_on_commit(user_id: int) -> None:
    """For the profile and CV services: announce the change once it commits."""
    transaction.on_commit(lambda: candidate_changed.send(sender=None, user_id=user_id))
