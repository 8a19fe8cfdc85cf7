import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache

from events.selectors import event_list_upcoming
from hkstp_portal.pagecache import HOME_CACHE_SECONDS, home_version
from hkstp_portal.vocabulary import Cluster
from jobs.selectors import CARD_DEFERRED, job_list_open
from talent.models import DataExport


def home(request):
    """The busiest page: its middle is a cached fragment (home.html), so the queries below
    are lazy and run only when the fragment is missing or out of date."""
    jobs = job_list_open()
    return render(
        request,
        "home.html",
        {
            "jobs": SimpleLazyObject(lambda: list(jobs.defer(*CARD_DEFERRED)[:6])),
            "job_count": jobs.count,  # the template calls it
            "events": SimpleLazyObject(event_list_upcoming),
            "clusters": Cluster.choices,
            "home_version": home_version(),
            "home_cache_seconds": HOME_CACHE_SECONDS,
        },
    )


def privacy(request):
    """The PDPO privacy notice; its retention periods come from the settings that apply them."""
    return render(
        request,
        "privacy.html",
        {
            "retention_months": settings.APPLICATION_RETENTION_MONTHS,
            "export_valid_days": DataExport.VALID_DAYS,
        },
    )


def robots_txt(request):
    """Crawlers may read the public pages; accounts, employer and admin pages are private."""
    return render(
        request,
        "robots.txt",
        {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )


@never_cache
def health(request):
    """For the load balancer and docker-compose: 200 when PostgreSQL and Redis answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        cache.get("health")
    except Exception:  # any failure means unhealthy; logged with its traceback
        logging.getLogger(__name__).exception("Health check failed")
        return HttpResponse("unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
