from django.conf import settings
from django.contrib import admin
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import check_for_language
from django.views import i18n as django_i18n

from events.selectors import event_list_upcoming
from hkstp_portal.i18n import url_in_language
from hkstp_portal.pagecache import HOME_CACHE_SECONDS, home_version
from hkstp_portal.ratelimit import key_ip, key_posted_username, rate_limited
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


def set_language(request):
    """The header's language switcher: Django's set_language, which remembers the choice in
    a cookie, sending the reader to the same page in the chosen language from any other
    (see hkstp_portal.i18n.url_in_language for why Django's own redirect could not)."""
    response = django_i18n.set_language(request)
    language = request.POST.get(django_i18n.LANGUAGE_QUERY_PARAMETER, "")
    if (
        request.method == "POST"
        and isinstance(response, HttpResponseRedirect)
        and check_for_language(language)
    ):
        response["Location"] = url_in_language(response["Location"], language)
    return response


def robots_txt(request):
    """Crawlers may read the public pages and the job feeds in every language; accounts,
    employer, staff and admin pages are private."""
    feed_paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            feed_paths.append(reverse("jobs:job_feed"))
    return render(
        request,
        "robots.txt",
        {
            "sitemap_url": request.build_absolute_uri(reverse("sitemap")),
            "feed_paths": feed_paths,
        },
        content_type="text/plain; charset=utf-8",
    )


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; send them to the real icon.

    Resolved per request, not at import: production's static manifest does not exist
    until collectstatic has run, and `manage.py check --deploy` imports the URLs before."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@rate_limited("admin_login_ip", key=key_ip)
@rate_limited("admin_login_username", key=key_posted_username)
def admin_login(request):
    """Django's admin login, which allauth's limits do not cover, with limits of its own
    on sign-in attempts (POST) per address and per username."""
    return admin.site.login(request)
