"""What matching does when another app announces something (connected in apps.py): it only
enqueues its own tasks."""

from matching.tasks import candidate_features_update, job_matches_record


def job_published_record_matches(sender, job_id: int, **kwargs) -> None:
    """A job was published (jobs.signals.job_published, after commit): record its matches
    and notify the candidates who fit, in the worker."""
    job_matches_record.delay(job_id)


def candidate_changed_refresh_features(sender, user_id: int, **kwargs) -> None:
    """A candidate's profile or CVs changed (talent.signals.candidate_changed, after commit):
    refresh their match features in the worker, so the request does not wait."""
    candidate_features_update.delay(user_id)
