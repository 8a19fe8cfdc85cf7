from django.shortcuts import render

from events.selectors import event_list_upcoming
from hkstp_portal.vocabulary import Cluster
from jobs.selectors import job_list_published


def home(request):
    jobs = job_list_published()
    return render(
        request,
        "home.html",
        {
            "jobs": jobs[:6],
            "job_count": jobs.count(),
            "events": event_list_upcoming(),
            "clusters": Cluster.choices,
        },
    )


def privacy(request):
    return render(request, "privacy.html")
