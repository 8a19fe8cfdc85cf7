"""Every HTML page carries the Content-Security-Policy and the usual security headers, and
no template needs 'unsafe-inline': no inline script, event handler or style attribute."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from talent.models import DataExport
from tests import factories

pytestmark = pytest.mark.django_db

EXPECTED_POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
}


def policy_of(response):
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = set(values)
    return directives


def assert_secured(response):
    assert response["Content-Type"].startswith("text/html")
    assert policy_of(response) == EXPECTED_POLICY
    assert "Content-Security-Policy-Report-Only" not in response  # enforced, not just reported
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    features = permissions_of(response)
    for feature in ("geolocation", "microphone", "payment", "usb"):
        assert features[feature] == "()"
    if not response.wsgi_request.path.endswith("/check-in/"):
        assert features["camera"] == "()"


def permissions_of(response):
    """Permissions-Policy as {feature: allowlist}, e.g. {"camera": "()"}."""
    return dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))


def _as(client, user):
    if user is not None:
        client.force_login(user)


def page_home(client):
    return None, reverse("home")


def page_job_search(client):
    factories.PublishedJobFactory(title="Robotics Engineer")
    return None, reverse("jobs:job_list") + "?q=robotics"


def page_job(client):
    return None, factories.PublishedJobFactory().get_absolute_url()


def page_login(client):
    return None, reverse("account_login")


def page_admin_login(client):
    return None, reverse("admin:login")


def page_not_found(client):
    return None, "/no-such-page/"


def page_check_in(client):
    event = factories.EventFactory()
    return factories.StaffFactory(), reverse("events:check_in", args=[event.slug])


def page_pipeline(client):
    member = factories.CompanyMemberFactory()
    job = factories.PublishedJobFactory(company=member.company)
    factories.ApplicationFactory(job=job)
    return member.user, reverse("applications:pipeline", args=[job.pk])


def page_admin_change_form(client):
    job = factories.PublishedJobFactory()
    return factories.SuperuserFactory(), reverse("admin:jobs_job_change", args=[job.pk])


def page_candidate_dashboard(client):
    return factories.CandidateFactory(), reverse("talent:dashboard")


@pytest.mark.parametrize(
    "page",
    [
        page_home,
        page_job_search,
        page_job,
        page_login,
        page_admin_login,
        page_not_found,
        page_check_in,
        page_pipeline,
        page_admin_change_form,
        page_candidate_dashboard,
    ],
)
def test_html_pages_carry_the_policy_and_the_security_headers(client, page):
    user, url = page(client)
    _as(client, user)
    response = client.get(url)
    assert response.status_code in (200, 404), url
    assert_secured(response)


def test_only_the_check_in_page_may_use_the_camera(client, staff):
    event = factories.EventFactory()
    client.force_login(staff)
    for response in (
        client.get(reverse("events:check_in", args=[event.slug])),
        client.post(reverse("events:check_in", args=[event.slug]), {"code": "NOPE"}),
    ):
        features = permissions_of(response)
        assert features["camera"] == "(self)"
        assert features["microphone"] == features["geolocation"] == "()"
    assert permissions_of(client.get(reverse("events:event_list")))["camera"] == "()"


def test_files_and_errors_carry_the_headers_too(client):
    for response in (
        client.get(static("css/portal.css")),
        client.get(reverse("jobs:job_feed")),
        client.get("/jobs/%00/"),
    ):
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"
        assert permissions_of(response)["camera"] == "()"


def _personal_pages():
    """(who, url) for each kind of personal page or file."""
    candidate = factories.CandidateFactory()
    registration = factories.RegistrationFactory(candidate=candidate)
    event = registration.event
    cv = factories.CVFactory(owner=candidate)
    application = factories.ApplicationFactory(candidate=candidate, cv=cv)
    export = DataExport.objects.create(
        user=candidate,
        status=DataExport.Status.READY,
        ready_at=timezone.now(),
        file=ContentFile(b"PK", name="export.zip"),
    )
    member = factories.CompanyMemberFactory(company=application.job.company).user
    staff = factories.StaffFactory()
    return [
        (candidate, reverse("talent:dashboard")),
        (candidate, "/zh-hant" + reverse("talent:dashboard")),
        (candidate, reverse("events:ticket", args=[event.slug])),
        (candidate, reverse("events:ticket_ics", args=[event.slug])),
        (candidate, cv.download_url),
        (candidate, reverse("talent:privacy_export_download", args=[export.pk])),
        (candidate, reverse("applications:my_application", args=[application.pk])),
        (candidate, reverse("applications:apply", args=[factories.PublishedJobFactory().pk])),
        (candidate, reverse("account_email")),
        (member, reverse("applications:pipeline", args=[application.job.pk])),
        (member, reverse("applications:application", args=[application.pk])),
        (member, reverse("applications:export_csv", args=[application.job.pk])),
        (staff, reverse("events:check_in", args=[event.slug])),
    ]


def test_personal_pages_and_files_are_never_stored(client):
    for user, url in _personal_pages():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control, (url, cache_control)


def test_public_pages_may_be_stored(client):
    job = factories.PublishedJobFactory()
    for url in (reverse("home"), job.get_absolute_url(), reverse("events:event_list")):
        assert "no-store" not in client.get(url).get("Cache-Control", ""), url


def test_health_answers_before_the_ssl_redirect_and_the_host_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["talent.example"]
    # What the container's health check sends: plain HTTP to 127.0.0.1.
    response = client.get("/health/", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
    assert response.content == b"ok"
    # Any other page is redirected to HTTPS as usual.
    assert client.get("/", HTTP_HOST="talent.example").status_code == 301


# --- Templates: nothing the policy would block ----------------------------------------------

# The apps keep no templates of their own: everything is under templates/.
TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Emails are not web pages: mail clients need their inline styles.
EMAIL_PARTS = ("notifications/emails/", "templates/emails/")

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE | re.DOTALL)
STYLE_BLOCK = re.compile(r"<style\b", re.IGNORECASE)


def html_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        if not any(part in path.as_posix() for part in EMAIL_PARTS):
            yield path


def test_there_are_templates_to_check():
    assert len(list(html_templates())) > 50


def test_no_template_has_an_inline_script():
    offenders = []
    for path in html_templates():
        for attributes in SCRIPT_TAG.findall(path.read_text()):
            # A src= file runs under script-src 'self'; JSON-LD is data and never runs.
            if "src=" not in attributes and "application/ld+json" not in attributes:
                offenders.append(f"{path}: <script{attributes}>")
    assert offenders == []


def test_no_template_has_an_inline_event_handler():
    offenders = [str(p) for p in html_templates() if EVENT_HANDLER.search(p.read_text())]
    assert offenders == []


def test_no_page_template_has_inline_styles():
    offenders = [
        str(path)
        for path in html_templates()
        if STYLE_ATTRIBUTE.search(path.read_text()) or STYLE_BLOCK.search(path.read_text())
    ]
    assert offenders == []
