from django.db.models import Q, QuerySet

from jobs.models import Job


def job_list_published() -> QuerySet[Job]:
    """Open jobs with their company, newest first."""
    return Job.objects.published().select_related("company").order_by("-published_at", "-id")


def job_list_for_company(company) -> QuerySet[Job]:
    return company.jobs.order_by("-created_at")


def job_search(*, q: str = "", jobs: QuerySet[Job] | None = None) -> QuerySet[Job]:
    """Open jobs (or `jobs`) whose English or Chinese title or company holds every word."""
    jobs = job_list_published() if jobs is None else jobs
    for word in q.split()[:8]:
        jobs = jobs.filter(
            Q(title__icontains=word)
            | Q(title_zh__icontains=word)
            | Q(company__name__icontains=word)
            | Q(company__name_zh__icontains=word)
        )
    return jobs
