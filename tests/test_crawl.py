"""The whole portal walked by links, as each kind of person, in each language.

Starting where each person starts (a visitor at the home page, a candidate, a company
admin, a recruiter and HKSTP staff where signing in lands them), follow every link on
every page (GET only; a form's action is noted as reached, never submitted) over the
demo data, in English, Traditional and Simplified Chinese. Fail on:
- any 5xx;
- any internal link that answers 404;
- any kind of page whose language switcher cannot reach the other two languages;
- any named URL pattern that nobody reaches by links or forms, but for the deliberate
  exceptions below, each with its reason.

Each kind of page (URL name) is opened a bounded number of times per person and
language, so the walk covers every kind of page without opening all 145 jobs 15 times.
"""

import collections
import dataclasses
import datetime
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone, translation

from companies.models import CompanyMember
from hkstp_portal import demo
from tests import factories
from tests.storage import isolated_storage_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "zh-hant", "zh-hans")
PREFIX = {"en": "", "zh-hant": "/zh-hant", "zh-hans": "/zh-hans"}
PASSWORD = "portal-pass-2026"
# How many pages of one kind a person opens in each language.
PER_KIND = {"en": 8, "zh-hant": 1, "zh-hans": 1}
SKIPPED_PATHS = ("/static/", "/media/", "/accounts/logout/", "/health/")

# URL names nobody reaches by a link or a form, on purpose.
EXCEPTIONS = {
    # Reached from an email, with a token or a key in the address.
    "account_confirm_email": "the sign-up email's verification link",
    "account_reset_password_from_key": "the password-reset email's link",
    "account_reset_password_from_key_done": "after the password-reset email's link",
    "account_confirm_login_code": "the sign-in-by-code email",
    "account_confirm_reauthentication_code": "the re-authentication code email",
    "account_request_reauthentication_code": "allauth's code flow, not switched on",
    "notifications:unsubscribe": "the unsubscribe link and header of every email",
    "companies:invitation_accept": "the team invitation email's link",
    "account_inactive": "where allauth sends a deactivated account",
    "account_email_verification_sent": "shown after sign-up, by a redirect",
    "account_reauthenticate": "shown by allauth before a sensitive change, by a redirect",
    "account_reset_password_done": "shown after asking for a reset, by a redirect",
    "account_set_password": "allauth's page for an account without a password (every "
    "account here signs up with one; changing it is account_change_password)",
    "admin:login": "where the admin sends a signed-out visitor, by a redirect",
    "admin:password_change_done": "shown after changing the password, by a redirect",
    # Read by machines, not people.
    "robots_txt": "read by search engines",
    "sitemap": "read by search engines (robots.txt names it)",
    "sitemap_section": "listed in /sitemap.xml for search engines",
    "talent:cv_status": "polled by the CV page's script while a CV is read",
    "favicon": "the browser's own request for /favicon.ico",
    # The admin's machinery.
    "admin:autocomplete": "the admin's select boxes fetch it by script",
    "admin:jsi18n": "the admin's scripts load it",
    "admin:view_on_site": "the admin's 'View on site' for a model without a public page",
}
# Admin URL names of kinds of pages that exist for every model (history, deleting one
# object): reaching them for some models shows they are reachable; listing every model's
# in EXCEPTIONS would only hide a missing page.
ADMIN_PER_MODEL = re.compile(r"^admin:\w+_\w+_(history|delete|change|add|changelist)$")
# The email provider's webhooks (django-anymail, one pair per provider): called by the
# provider's servers with the webhook secret, never by a link (docs/operations.md).
MACHINE_NAMESPACES = ("anymail:",)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[tuple[str, str]] = []  # (method, action)
        self.switcher_next: str | None = None
        self._in_switcher = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            action = attrs.get("action") or ""
            self.forms.append(((attrs.get("method") or "get").lower(), action))
            self._in_switcher = "/i18n/" in action
        elif tag == "input" and self._in_switcher and attrs.get("name") == "next":
            self.switcher_next = attrs.get("value")

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_switcher = False


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def _language(path: str) -> str:
    for code in ("zh-hant", "zh-hans"):
        if path.startswith(f"/{code}/") or path == f"/{code}":
            return code
    return "en"


def _kind(path: str) -> str | None:
    """The URL name of a path (resolved in the path's own language: the prefix of
    i18n_patterns only matches the active one)."""
    path = urlsplit(path).path
    try:
        with translation.override(_language(path)):
            return resolve(path).view_name
    except Resolver404:
        return None


@dataclasses.dataclass
class Walk:
    problems: list[str] = dataclasses.field(default_factory=list)
    pages: int = 0
    reached: set[str] = dataclasses.field(default_factory=set)
    switchers_checked: set[tuple[str, str, str]] = dataclasses.field(default_factory=set)


def _check_switcher(walk: Walk, client: Client, who: str, kind: str, page: str, nxt: str):
    here = _language(page)
    for target in LANGUAGES:
        if target == here or (who, kind, target) in walk.switchers_checked:
            continue
        walk.switchers_checked.add((who, kind, target))
        response = client.post("/i18n/setlang/", {"language": target, "next": nxt}, follow=True)
        landed = response.request["PATH_INFO"]
        if response.status_code != 200 or _language(landed) != target:
            walk.problems.append(
                f"{who}: the switcher on {page} ({kind}) to {target} landed on {landed} "
                f"({response.status_code})"
            )
    # Back where this page was, for the rest of the walk.
    client.post("/i18n/setlang/", {"language": here, "next": nxt})


def _crawl(walk: Walk, client: Client, who: str, start: str, language: str):
    seen_kinds: collections.Counter = collections.Counter()
    # Links to kinds of page not opened yet go first, so the bound per kind is spent on
    # variety (a draft, a published and a closed job) rather than on the first few.
    fresh, more = collections.deque([(PREFIX[language] + start, "")]), collections.deque()
    seen = set()
    while fresh or more:
        path, linked_from = (fresh or more).popleft()
        if path in seen:
            continue
        seen.add(path)
        kind = _kind(path)
        if kind is not None:
            if seen_kinds[kind] >= PER_KIND[language]:
                continue
            seen_kinds[kind] += 1
        response = client.get(path, follow=True)
        walk.pages += 1
        final = response.request["PATH_INFO"]
        if response.status_code >= 500:
            walk.problems.append(f"{who}: {path} answered {response.status_code}")
            continue
        if response.status_code == 404:
            walk.problems.append(f"{who}: {path}, a link on {linked_from}, answered 404")
            continue
        if kind := _kind(final):
            walk.reached.add(kind)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        if kind and parser.switcher_next is not None:
            _check_switcher(walk, client, who, kind, final, parser.switcher_next)
        for _method, action in parser.forms:
            target = urlsplit(urljoin(final, action or final)).path
            if name := _kind(target):
                walk.reached.add(name)
        for href in parser.links:
            url = urlsplit(urljoin(final, href))
            if url.scheme not in ("", "http", "https") or url.netloc not in ("", "testserver"):
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if not url.path.startswith("/") or url.path.startswith(SKIPPED_PATHS):
                continue
            if name := _kind(url.path):
                walk.reached.add(name)
                if name.startswith("admin:") and who != "staff":
                    continue
                # A page with a query (a filter, a sort, a page number) is another view
                # of a kind of page: it waits behind the pages themselves.
                (more if seen_kinds[name] or url.query else fresh).append((target, final))


def _more_of_everything():
    """States the demo data leaves out, so that every control has somewhere to appear:
    a draft job with a screening question, a pending team invitation and a new company
    name waiting for HKSTP (the company admin, and staff's work queue); a second CV, a
    ready data export, a programme offer to answer, an open programme application and a
    programme to apply to (the candidate); an applicant in the company's newest job."""
    from applications.services import application_submit, question_create
    from companies.services import member_invite, name_change_request
    from jobs.services import job_create
    from programmes.models import Programme
    from programmes.services import programme_apply, programme_select, programme_shortlist
    from talent.models import CV
    from talent.services.cvs import cv_upload
    from talent.services.privacy import data_export_build, data_export_request
    from tests.talent import documents

    admin = CompanyMember.objects.select_related("user", "company").get(
        user__email="employer@demo.hkstp.example"
    )
    draft = job_create(
        company=admin.company,
        by=admin.user,
        title="Crawl Draft Engineer",
        description="A draft, for the crawl.",
        employment_type="full_time",
        seniority="mid",
        education="bachelor",
        field="engineering",
        site="science_park",
        work_mode="hybrid",
    )
    question_create(job=draft, by=admin.user, text="Can you start in May?", kind="yes_no")
    member_invite(
        company=admin.company, by=admin.user, email="new.colleague@example.com", role="recruiter"
    )
    name_change_request(company=admin.company, by=admin.user, name=f"{admin.company.name} Group")
    candidate = admin.user.__class__.objects.get(email="candidate@demo.hkstp.example")
    upload = documents.upload(documents.good_pdf(), "second.pdf")
    cv_upload(owner=candidate, file=upload, name="Second CV.pdf")
    data_export_build(export_id=data_export_request(user=candidate).pk)
    # An offer from one programme to answer, and another still open to apply to.
    staff = admin.user.__class__.objects.get(email="staff@demo.hkstp.example")
    programme = Programme.objects.filter(is_published=True).first()
    application = programme.applications.filter(candidate=candidate).first()
    placement = programme.placements.first()
    if application is None:
        application = programme_apply(
            programme=programme,
            candidate=candidate,
            university="The Hong Kong University of Science and Technology",
            country="Hong Kong",
            statement="I would like to join.",
            cv=CV.objects.filter(owner=candidate).first(),
            placement_ids=[placement.pk],
        )
    if application.status == "submitted":
        application = programme_shortlist(application=application, by=staff)
    if application.status == "shortlisted":
        chosen = application.preferences.order_by("rank").first().placement
        programme_select(application=application, placement=chosen, by=staff)
    # One programme to apply to, and one applied to and still open (to withdraw from or
    # reorder the choices).
    factories.PlacementFactory(
        programme=factories.ProgrammeFactory(
            name="Crawl Summer Programme", slug="crawl-summer-programme"
        ),
        company=admin.company,
    )
    winter = factories.PlacementFactory(
        programme=factories.ProgrammeFactory(
            name="Crawl Winter Programme", slug="crawl-winter-programme"
        ),
        company=admin.company,
    )
    programme_apply(
        programme=winter.programme,
        candidate=candidate,
        university="The Hong Kong University of Science and Technology",
        country="Hong Kong",
        statement="I would like to join this one too.",
        cv=CV.objects.filter(owner=candidate).first(),
        placement_ids=[winter.pk],
    )
    # Fairs in every state a company or a candidate meets: one taking exhibitors, one the
    # company has applied to (waiting), one under way with an interview held, and a full
    # one where a place was offered to the candidate from the waitlist.
    from events.models import Event, Registration

    now = timezone.now()
    factories.EventFactory(
        title="Crawl Spring Fair", slug="crawl-spring-fair", exhibitor_registration_open=True
    )
    factories.ExhibitorFactory(
        event=factories.EventFactory(title="Crawl Autumn Fair", slug="crawl-autumn-fair"),
        company=admin.company,
    )
    live = factories.EventFactory(
        title="Crawl Live Fair",
        slug="crawl-live-fair",
        starts_at=now - datetime.timedelta(hours=2),
        ends_at=now + datetime.timedelta(hours=5),
    )
    factories.InterviewSlotFactory(
        exhibitor=factories.ApprovedExhibitorFactory(event=live, company=admin.company),
        starts_at=live.starts_at,
        candidate=candidate,
        booked_at=live.starts_at - datetime.timedelta(days=1),
    )
    factories.RegistrationFactory(
        event=factories.EventFactory(
            title="Crawl Full Talk", slug="crawl-full-talk", kind=Event.Kind.TALK
        ),
        candidate=candidate,
        status=Registration.Status.OFFERED,
        offer_expires_at=now + datetime.timedelta(days=1),
    )
    # An applicant in the newest published job's pipeline.
    job = admin.company.jobs.filter(status="published").order_by("-created_at", "-pk").first()
    if not job.applications.filter(candidate=candidate).exists():
        application_submit(
            job=job, candidate=candidate, cv=CV.objects.filter(owner=candidate).first()
        )


def _people():
    """(who, email, where they start) for each kind of person, over the demo data."""
    admin = CompanyMember.objects.select_related("user", "company").get(
        user__email="employer@demo.hkstp.example"
    )
    recruiter = factories.CompanyMemberFactory(
        company=admin.company, role=CompanyMember.Role.RECRUITER, user__email="crawl@demo.example"
    ).user
    recruiter.set_password(PASSWORD)
    recruiter.save()
    return [
        ("visitor", None, "/"),
        ("candidate", "candidate@demo.hkstp.example", "/account/start/"),
        ("company admin", "employer@demo.hkstp.example", "/account/start/"),
        ("recruiter", recruiter.email, "/account/start/"),
        ("staff", "staff@demo.hkstp.example", "/account/start/"),
    ]


def test_every_page_by_links_as_everyone_in_every_language(isolated_storage, capsys):
    demo.demo_data_load()
    _more_of_everything()
    walk = Walk()
    for who, email, start in _people():
        for language in LANGUAGES:
            client = Client()
            if email:
                response = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
                assert response.status_code == 302, (who, email)
            _crawl(walk, client, who, start, language)
    names = set(_url_names(get_resolver().url_patterns))
    unreached = sorted(
        name
        for name in names - walk.reached - set(EXCEPTIONS)
        if not (ADMIN_PER_MODEL.match(name) and name.rsplit("_", 1)[-1] != "changelist")
        and not name.startswith(MACHINE_NAMESPACES)
    )
    with capsys.disabled():
        print(
            f"\ncrawl: {walk.pages} pages opened, {len(walk.reached)} of {len(names)} kinds of "
            f"page reached; {len(walk.switchers_checked)} language switches checked"
        )
        for problem in walk.problems:
            print(f"  {problem}")
        if unreached:
            print(f"  reached by no link or form: {unreached}")
    assert not walk.problems
    assert not unreached
