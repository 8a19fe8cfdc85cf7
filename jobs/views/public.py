"""Public job pages: search, a job, feeds. No login needed."""

from django.http import Http404
from django.shortcuts import render

from applications.selectors import job_apply_context
from jobs.selectors import job_get_public, job_search
from jobs.structured_data import job_posting


def job_list(request):
    result = job_search(request.GET, page_number=request.GET.get("page"))
    return render(request, "jobs/job_list.html", {"result": result, "search": result.search})


def job_detail(request, pk):
    job = job_get_public(pk)
    if job is None:
        raise Http404
    logo = request.build_absolute_uri(job.company.logo.url) if job.company.logo else ""
    return render(
        request,
        "jobs/job_detail.html",
        {
            "job": job,
            # The page's address without ?event=: the one a search engine should list.
            "jsonld": job_posting(job, url=request.build_absolute_uri(request.path), logo_url=logo),
            "apply": job_apply_context(job, request.user),
        },
    )
