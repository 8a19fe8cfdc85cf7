from celery import shared_task

from matching import services


@shared_task
def job_matches_record(job_id: int) -> int:
    """After a job is published: record its matches. Idempotent (a rerun updates the
    same rows). Returns how many candidates were matched for the first time."""
    return len(services.matches_for_job_record(job_id).created)


@shared_task
def candidate_features_update(user_id: int) -> int:
    """After a profile, its entries or the default CV change: refresh the candidate's
    match features (what their recommended jobs are computed from). Idempotent."""
    return services.candidate_features_refresh([user_id])


@shared_task
def match_features_rebuild() -> int:
    """Beat (nightly): rebuild every candidate's features, so the years of experience
    in a current job keep counting. Idempotent."""
    return services.candidate_features_refresh()


@shared_task
def job_features_prune() -> int:
    """Beat: forget the features of jobs that closed or expired. Idempotent."""
    return services.job_features_prune()
