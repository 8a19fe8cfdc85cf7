"""Redis (the cache) down: pages and the search still answer, from PostgreSQL.

The cache is pointed at a port where nothing listens, the way a stopped Redis looks to
the web processes; every page is compared with what it answers while Redis is up.
"""

import logging
import time

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from applications.models import Application
from hkstp_portal import cache as portal_cache
from jobs.selectors import job_search
from tests import factories
from tests.factories import DEFAULT_PASSWORD
from tests.jobs.test_search_index import make_varied_jobs
from tests.workers import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    """redis_down(): from then on the cache is a Redis that does not answer."""

    def stop():
        settings.CACHES = {
            "default": {
                **settings.CACHES["default"],
                "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            }
        }

    yield stop
    portal_cache.cache_outages_forget()


SEARCHES = [
    "",
    "q=engineer",
    "q=engineer&site=innocentre&salary=60000",
    "q=engineer -senior&employment_type=full_time&employment_type=internship&sort=salary",
    "cluster=fintech&cluster=medtech&salary=30000&sort=newest",
    "eligibility=open_to_overseas&programme=innohk&posted=30",
    "q=機器學習&cluster=ai_robotics",
    "q=engineer&site=science_park&seniority=phd_never",
    "q=nothing-matches-this&site=science_park",
    "site=science_park&seniority=senior&education=phd&field=rnd&employment_type=contract",
]


def _search(params: str, page: int = 1):
    result = job_search(QueryDict(params), page_number=page, page_size=4)
    return {
        "total": result.total,
        "facets": result.facets,
        "loosen": result.loosen,
        "page": [job.pk for job in result.page],
        "pages": result.page.paginator.num_pages,
    }


def test_the_search_answers_the_same_from_postgresql_when_redis_is_down(redis_down, client):
    make_varied_jobs()
    with_redis = {(p, page): _search(p, page) for p in SEARCHES for page in (1, 2, 3)}
    assert any(found["total"] for found in with_redis.values())
    assert any(found["loosen"] for found in with_redis.values())

    redis_down()
    for (params, page), expected in with_redis.items():
        assert _search(params, page) == expected, params
    params = "q=engineer&site=innocentre&salary=60000"
    response = client.get(reverse("jobs:job_list") + "?" + params)
    assert response.status_code == 200
    assert response.context["result"].total == with_redis[(params, 1)]["total"]


def test_every_main_page_answers_while_redis_is_down(redis_down, client):
    job = factories.PublishedJobFactory(title="Firmware Engineer")
    application = factories.ApplicationFactory(job=job)
    recruiter = factories.CompanyMemberFactory(company=job.company).user
    event = factories.EventFactory()
    pages = {  # name: (address, what it must show)
        "home": (reverse("home"), job.title),
        "search": (reverse("jobs:job_list") + "?q=firmware&site=" + job.site, job.title),
        "job": (reverse("jobs:job_detail", args=[job.pk]), job.title),
        "companies": (reverse("companies:company_list"), job.company.name),
        "events": (reverse("events:event_list"), event.title),
        "event": (reverse("events:event_detail", args=[event.slug]), event.title),
    }
    for name, (url, shown) in pages.items():
        response = client.get(url)
        assert (response.status_code, shown in response.content.decode()) == (200, True), name

    redis_down()
    for name, (url, shown) in pages.items():
        response = client.get(url)
        assert (response.status_code, shown in response.content.decode()) == (200, True), name

    client.force_login(recruiter)
    pipeline = client.get(reverse("applications:pipeline", args=[job.pk]))
    assert pipeline.status_code == 200
    assert application.candidate.name in pipeline.content.decode()
    client.force_login(application.candidate)
    dashboard = client.get(reverse("talent:dashboard"))
    assert dashboard.status_code == 200
    assert dashboard.context["user"] == application.candidate


def test_signing_in_and_applying_work_while_redis_is_down(redis_down, client):
    """allauth's rate limits and the portal's are counted in Redis: with Redis down they
    let the request through (see docs/operations.md, "Redis down") instead of answering
    500 or 429."""
    candidate = factories.CandidateFactory()
    cv = factories.CVFactory(owner=candidate)
    job = factories.PublishedJobFactory()
    redis_down()

    login = client.post(
        reverse("account_login"), {"login": candidate.email, "password": DEFAULT_PASSWORD}
    )
    assert login.status_code == 302
    assert client.get(reverse("talent:dashboard")).status_code == 200

    applied = client.post(reverse("applications:apply", args=[job.pk]), {"cv": cv.pk})
    assert applied.status_code == 302
    assert Application.objects.get(job=job).candidate == candidate


def test_the_health_check_still_says_the_cache_is_down(redis_down, client):
    redis_down()
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.content == b"cache unavailable"


def test_a_dead_redis_is_tried_once_then_left_alone_and_logged_once(redis_down, caplog):
    redis_down()
    caplog.set_level(logging.WARNING, logger="hkstp_portal.cache")
    started = time.monotonic()
    for _ in range(50):
        assert cache.get("anything", "default") == "default"
        cache.set("anything", 1)
    assert time.monotonic() - started < 1
    assert [r.message for r in caplog.records].count(caplog.records[0].message) == 1
    assert "unreachable" in caplog.records[0].message
    with pytest.raises(RedisConnectionError), portal_cache.cache_strict():
        cache.get("anything")


def test_an_outage_is_named_by_host_never_with_the_password(settings):
    port = free_port()
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": f"redis://:s3cret@127.0.0.1:{port}/0"}
    }
    try:
        cache.get("anything")
        with pytest.raises(RedisConnectionError) as raised, portal_cache.cache_strict():
            cache.get("anything")
    finally:
        portal_cache.cache_outages_forget()
    assert f"127.0.0.1:{port}" in str(raised.value)
    assert "s3cret" not in str(raised.value)
