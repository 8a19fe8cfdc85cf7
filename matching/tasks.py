from celery import shared_task

from matching import services


@shared_task
def job_matches_record(job_id: int) -> int:
    """After a job is published: record its matches and notify the new ones (candidates,
    and the job's team). Idempotent: a rerun updates the same rows and sends nothing
    twice. Returns how many candidates were told of the job."""
    return len(services.job_matches_record_and_notify(job_id).to_notify)


@shared_task
def candidate_features_update(user_id: int) -> int:
    """After a profile, its entries or the default CV change: refresh the candidate's
    match features (what their recommended jobs are computed from). Idempotent."""
    return services.candidate_features_refresh([user_id])


@shared_task
def match_features_rebuild() -> int:
    """Beat (nightly): rebuild every candidate's and job's features, so the years of
    experience in a current job keep counting and a new taxonomy's weights reach every
    row within a day (`manage.py matching_rebuild` does it at once). Idempotent."""
    return services.candidate_features_refresh() + services.job_features_refresh()


@shared_task
def job_features_prune() -> int:
    """Beat: forget the features of jobs that closed or expired. Idempotent."""
    return services.job_features_prune()
