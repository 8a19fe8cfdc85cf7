"""Rate limits: over a limit the answer is the 429 page, nothing is written, and another
person (or address) is not affected. Counters live in Redis; conftest clears them."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from applications.models import Application
from events.models import Registration
from hkstp_portal.ratelimit import client_ip
from talent.models import CV
from tests import factories
from tests.factories import DEFAULT_PASSWORD
from tests.talent import documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    """`limits(apply="2/d")`: a small limit for one test. Daily windows, so a test never
    runs across the end of one."""

    def set_limits(**rates):
        settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, **rates}

    return set_limits


def assert_429_page(response):
    assert response.status_code == 429
    content = response.content.decode()
    assert "Too many attempts" in content
    assert "we did not carry out your last request" in content
    assert "then try again" in content
    assert 0 < int(response["Retry-After"]) <= 24 * 60 * 60
    assert "Content-Security-Policy" in response


def apply(client, job, cv):
    return client.post(reverse("applications:apply", args=[job.pk]), {"cv": cv.pk})


# --- Applying ---------------------------------------------------------------------------------


def test_applying_over_the_limit_is_429_and_sends_no_application(client, limits, candidate):
    limits(apply="2/d")
    cv = factories.CVFactory(owner=candidate)
    jobs = factories.PublishedJobFactory.create_batch(3)
    client.force_login(candidate)
    assert apply(client, jobs[0], cv).status_code == 302
    assert apply(client, jobs[1], cv).status_code == 302

    assert_429_page(apply(client, jobs[2], cv))
    assert not Application.objects.filter(job=jobs[2]).exists()

    other = factories.CandidateFactory()
    client.force_login(other)
    assert apply(client, jobs[2], factories.CVFactory(owner=other)).status_code == 302
    assert Application.objects.filter(job=jobs[2], candidate=other).exists()


def test_viewing_the_apply_page_does_not_count(client, limits, candidate):
    limits(apply="1/d")
    job = factories.PublishedJobFactory()
    cv = factories.CVFactory(owner=candidate)
    client.force_login(candidate)
    for _ in range(3):
        assert client.get(reverse("applications:apply", args=[job.pk])).status_code == 200
    assert apply(client, job, cv).status_code == 302


# --- Registering for events -------------------------------------------------------------------


def register(client, event):
    return client.post(reverse("events:register", args=[event.slug]))


def test_registering_over_the_limit_is_429_and_registers_nobody(client, limits, candidate):
    limits(event_register="2/d")
    events = factories.EventFactory.create_batch(3)
    client.force_login(candidate)
    assert register(client, events[0]).status_code == 302
    assert register(client, events[1]).status_code == 302

    assert_429_page(register(client, events[2]))
    assert not Registration.objects.filter(event=events[2]).exists()

    client.force_login(factories.CandidateFactory())
    assert register(client, events[2]).status_code == 302
    assert Registration.objects.filter(event=events[2]).count() == 1


# --- Check-in at the door ---------------------------------------------------------------------


def check_in(client, registration):
    url = reverse("events:check_in", args=[registration.event.slug])
    return client.post(url, {"code": registration.code})


def test_the_door_limit_is_generous():
    from django.conf import settings

    # A door scans 300 people an hour; the limit must never stop a real queue.
    count, period = settings.PORTAL_RATE_LIMITS["check_in"].split("/")
    assert period == "m"
    assert int(count) >= 60


def test_checking_in_over_the_limit_is_429_and_checks_nobody_in(client, limits, staff):
    limits(check_in="2/d")
    event = factories.EventFactory()
    tickets = factories.RegistrationFactory.create_batch(3, event=event)
    client.force_login(staff)
    assert check_in(client, tickets[0]).status_code == 200
    assert check_in(client, tickets[1]).status_code == 200

    assert_429_page(check_in(client, tickets[2]))
    tickets[2].refresh_from_db()
    assert tickets[2].checked_in_at is None

    # The colleague at the next door scans on.
    client.force_login(factories.StaffFactory())
    assert "Checked in" in check_in(client, tickets[2]).content.decode()
    tickets[2].refresh_from_db()
    assert tickets[2].checked_in_at is not None
    assert tickets[2].checked_in_at <= timezone.now()


def test_with_redis_down_the_door_keeps_checking_people_in(client, staff, settings):
    ticket = factories.RegistrationFactory()
    client.force_login(staff)  # the session lives in PostgreSQL, not in the cache
    # A port nothing listens on: the connection is refused at once.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }

    response = check_in(client, ticket)

    assert response.status_code == 200
    ticket.refresh_from_db()
    assert ticket.checked_in_at is not None


# --- CV upload --------------------------------------------------------------------------------


def upload(client, name):
    return client.post(
        reverse("talent:cv_list"), {"file": documents.upload(documents.good_pdf(), name)}
    )


def test_uploading_over_the_limit_is_429_and_stores_nothing(client, limits, candidate, committed):
    limits(cv_upload="1/d")
    client.force_login(candidate)
    with committed():
        assert upload(client, "First.pdf").status_code == 302
    files_before = documents.private_files()

    assert_429_page(upload(client, "Second.pdf"))
    assert list(CV.objects.values_list("original_name", flat=True)) == ["First.pdf"]
    assert documents.private_files() == files_before


# --- Django's admin login ---------------------------------------------------------------------


WRONG_PASSWORD = "not-the-password"


def admin_login(client, username, password=WRONG_PASSWORD, ip="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


def test_admin_login_is_limited_per_address(client, limits, staff):
    limits(admin_login_ip="2/d", admin_login_username="100/d")
    assert admin_login(client, "a@example.com").status_code == 200  # the form, with an error
    assert admin_login(client, "b@example.com").status_code == 200

    # Even the right password is not tried from this address any more.
    assert_429_page(admin_login(client, staff.email, DEFAULT_PASSWORD))
    assert "_auth_user_id" not in client.session

    response = admin_login(client, staff.email, DEFAULT_PASSWORD, ip="198.51.100.9")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_admin_login_is_limited_per_username_across_addresses(client, limits, staff):
    limits(admin_login_ip="100/d", admin_login_username="2/d")
    admin_login(client, staff.email, ip="203.0.113.1")
    admin_login(client, staff.email.upper(), ip="203.0.113.2")

    assert_429_page(admin_login(client, staff.email, DEFAULT_PASSWORD, ip="203.0.113.3"))
    assert "_auth_user_id" not in client.session

    colleague = factories.StaffFactory()
    response = admin_login(client, colleague.email, DEFAULT_PASSWORD, ip="203.0.113.3")
    assert response.status_code == 302


def test_the_admin_login_page_itself_is_not_counted(client, limits):
    limits(admin_login_ip="1/d")
    for _ in range(3):
        assert client.get(reverse("admin:login")).status_code == 200


# --- allauth: login and password reset --------------------------------------------------------


def test_allauth_login_over_the_per_address_limit_gets_the_portal_429_page(
    client, settings, candidate
):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    login = {"login": candidate.email, "password": DEFAULT_PASSWORD}
    for _ in range(2):
        client.post(reverse("account_login"), login)
        client.logout()

    response = client.post(reverse("account_login"), login)
    assert_429_page(response)
    # The longest window among allauth's login limits (login_failed: 5 per 5 minutes).
    assert response["Retry-After"] == "300"
    assert "_auth_user_id" not in client.session


def test_password_reset_is_limited_per_email_address(client, settings, candidate):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "reset_password": "20/m/ip,2/h/key",
    }
    url = reverse("account_reset_password")
    for _ in range(2):
        assert client.post(url, {"email": candidate.email}).status_code == 302

    response = client.post(url, {"email": candidate.email})
    assert_429_page(response)
    assert response["Retry-After"] == "3600"
    assert client.post(url, {"email": "someone.else@example.com"}).status_code == 302


def test_the_configured_allauth_limits_are_the_portals():
    from allauth.account import app_settings

    rates = app_settings.RATE_LIMITS
    assert rates["login_failed"] == "20/m/ip,5/5m/key"
    assert rates["reset_password"] == "20/m/ip,5/h/key"
    assert rates["signup"] == "20/m/ip"


# --- The client's address ---------------------------------------------------------------------


def request_from(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_x_forwarded_for_is_ignored_unless_a_proxy_is_trusted(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("203.0.113.5", "1.2.3.4")) == "203.0.113.5"


def test_behind_one_proxy_the_address_it_appended_counts_not_what_the_client_sent(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client sent "X-Forwarded-For: 1.2.3.4" hoping for a fresh counter; the proxy
    # appended the address it really saw.
    assert client_ip(request_from("10.0.0.2", "1.2.3.4, 198.51.100.20")) == "198.51.100.20"
    assert client_ip(request_from("10.0.0.2", "198.51.100.20")) == "198.51.100.20"
    assert client_ip(request_from("10.0.0.2")) == "10.0.0.2"
    assert client_ip(request_from("10.0.0.2", "not-an-address")) == "10.0.0.2"


def test_per_address_limits_follow_the_trusted_client_address(client, settings, limits):
    settings.TRUSTED_PROXY_COUNT = 1
    limits(admin_login_ip="1/d", admin_login_username="100/d")
    proxy = "10.0.0.2"

    def attempt(forwarded):
        return client.post(
            reverse("admin:login"),
            {"username": "x@example.com", "password": "wrong"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    assert attempt("198.51.100.1").status_code == 200
    # A forged left-hand entry does not give the same client a fresh counter.
    assert attempt("9.9.9.9, 198.51.100.1").status_code == 429
    # Another visitor behind the same proxy is not affected.
    assert attempt("198.51.100.2").status_code == 200


def test_the_environment_can_override_a_rate(monkeypatch):
    import importlib

    from hkstp_portal.settings import base

    monkeypatch.setenv("DJANGO_PORTAL_RATE_LIMITS", '{"apply": "3/m"}')
    try:
        rates = importlib.reload(base).PORTAL_RATE_LIMITS
    finally:
        monkeypatch.delenv("DJANGO_PORTAL_RATE_LIMITS")
        importlib.reload(base)
    assert rates["apply"] == "3/m"
    assert rates["check_in"] == "120/m"


# --- Who is counted, and several windows ------------------------------------------------------


@pytest.mark.parametrize("group", ["apply", "event_register", "check_in", "cv_upload"])
def test_people_who_may_not_do_it_are_refused_before_they_are_counted(
    client, limits, group, employer
):
    limits(**{group: "1/d"})
    job, event = factories.PublishedJobFactory(), factories.EventFactory()
    url = {
        "apply": reverse("applications:apply", args=[job.pk]),
        "event_register": reverse("events:register", args=[event.slug]),
        "check_in": reverse("events:check_in", args=[event.slug]),
        "cv_upload": reverse("talent:cv_list"),
    }[group]
    for _ in range(3):  # anonymous: to the login page, never a 429
        response = client.post(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    client.force_login(employer)  # signed in, but not allowed: 403, never a 429
    for _ in range(3):
        assert client.post(url).status_code == 403
    # Those refusals used nobody's allowance: the first real attempt goes through.
    client.force_login(
        factories.StaffFactory() if group == "check_in" else factories.CandidateFactory()
    )
    assert client.post(url).status_code != 429


def test_with_several_windows_the_wait_is_the_exceeded_one(client, limits, candidate):
    limits(apply="5/d,1/h")
    cv = factories.CVFactory(owner=candidate)
    jobs = factories.PublishedJobFactory.create_batch(2)
    client.force_login(candidate)
    assert apply(client, jobs[0], cv).status_code == 302

    response = apply(client, jobs[1], cv)
    assert_429_page(response)
    assert 0 < int(response["Retry-After"]) <= 60 * 60  # the hour, not the day
    minutes = -(-int(response["Retry-After"]) // 60)
    assert f"Please wait {minutes} minute" in response.content.decode()


def test_another_candidate_can_upload_when_one_is_over_the_limit(
    client, limits, candidate, committed
):
    limits(cv_upload="1/d")
    client.force_login(candidate)
    with committed():
        assert upload(client, "First.pdf").status_code == 302
    assert_429_page(upload(client, "Second.pdf"))

    other = factories.CandidateFactory()
    client.force_login(other)
    with committed():
        assert upload(client, "Other.pdf").status_code == 302
    assert CV.objects.filter(owner=other, original_name="Other.pdf").exists()
