from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from jobs.filters import JobSearchFilter
from jobs.selectors import job_list_published


def job_list(request):
    search = JobSearchFilter(request.GET, queryset=job_list_published())
    page = Paginator(search.qs, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "jobs/job_list.html",
        {"search": search, "page": page, "query": query.urlencode()},
    )


def job_detail(request, pk):
    job = get_object_or_404(job_list_published(), pk=pk)
    return render(request, "jobs/job_detail.html", {"job": job})
