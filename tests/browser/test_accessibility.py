"""Issue 7: no serious or critical axe-core violation (WCAG 2.1 A/AA and best practice) on
the portal's main pages, as each kind of user sees them, in English and Chinese, on a
desktop and on a phone."""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from tests.browser.axe import axe_violations
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.portal_data import portal_make, sign_in_with_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCALES = {"": "en-GB", "/zh-hant": "zh-HK"}


@dataclass(frozen=True)
class Case:
    """One page as one person sees it. `path` gets the data and returns the address
    (without a language prefix); `then(page, data)` does something on the page before axe runs."""

    who: str | None
    path: Callable
    then: Callable | None = None
    prefix: str = ""
    viewport: dict = field(default_factory=lambda: DESKTOP)


def _open_filters(page, data):
    # On a phone the filter panel starts folded; the facets must pass open too.
    page.locator("details.filters > summary").click()
    page.wait_for_function("document.querySelector('details.filters').open")


def _submit_empty_apply(page, data):
    with page.expect_navigation():
        page.get_by_role("button", name="Send application").click()


def _check_in_ticket(page, data):
    page.locator("#checkin-form input[name=code]").fill(data.registration.code)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".result-ok").is_visible()


def _open_menus(page, data):
    for summary in page.locator("header details > summary").all():
        summary.click()


PAGES = {
    # Everyone
    "home": Case(None, lambda d: "/"),
    "home-menus-open": Case("candidate", lambda d: "/", then=_open_menus),
    "search": Case(None, lambda d: "/jobs/"),
    "search-keyword": Case(None, lambda d: "/jobs/?q=robotics"),
    "search-filtered": Case(None, lambda d: "/jobs/?q=engineer&seniority=mid&site=science_park"),
    "search-as-candidate": Case("candidate", lambda d: "/jobs/?q=engineer"),
    "search-no-results": Case(None, lambda d: "/jobs/?q=underwater+basket+weaving"),
    "job": Case(None, lambda d: f"/jobs/{d.job.pk}/"),
    "job-as-candidate": Case("candidate", lambda d: f"/jobs/{d.job_with_questions.pk}/"),
    "company-list": Case(None, lambda d: "/companies/"),
    "company": Case(None, lambda d: f"/companies/{d.company.slug}/"),
    "event-list": Case(None, lambda d: "/events/"),
    "event": Case(None, lambda d: f"/events/{d.event.slug}/"),
    "event-as-candidate": Case("candidate", lambda d: f"/events/{d.open_event.slug}/"),
    "talent-pool": Case(None, lambda d: f"/events/{d.event.slug}/exhibitors/"),
    "booth": Case("candidate", lambda d: f"/events/{d.event.slug}/exhibitors/{d.company.slug}/"),
    "login": Case(None, lambda d: "/accounts/login/"),
    "signup": Case(None, lambda d: "/accounts/signup/"),
    # Candidates
    "candidate-dashboard": Case("candidate", lambda d: "/me/"),
    "profile": Case("candidate", lambda d: "/me/profile/"),
    "cvs": Case("candidate", lambda d: "/me/cvs/"),
    "apply": Case("candidate", lambda d: f"/jobs/{d.job_with_questions.pk}/apply/"),
    "apply-with-errors": Case(
        "candidate", lambda d: f"/jobs/{d.job_with_questions.pk}/apply/", then=_submit_empty_apply
    ),
    "my-applications": Case("candidate", lambda d: "/me/applications/"),
    "my-application": Case("candidate", lambda d: f"/me/applications/{d.application.pk}/"),
    "ticket": Case("candidate", lambda d: f"/events/{d.event.slug}/ticket/"),
    "my-events": Case("candidate", lambda d: "/me/events/"),
    "notifications": Case("candidate", lambda d: "/me/notifications/"),
    "notification-preferences": Case("candidate", lambda d: "/me/notifications/preferences/"),
    "saved-searches": Case("candidate", lambda d: "/me/searches/"),
    "my-fair": Case("candidate", lambda d: f"/events/{d.event.slug}/my-fair/"),
    "privacy": Case("candidate", lambda d: "/me/privacy/"),
    # Park companies
    "employer-dashboard": Case("employer", lambda d: "/employer/"),
    "pipeline": Case("employer", lambda d: f"/employer/jobs/{d.job.pk}/applicants/"),
    "pipeline-board": Case("employer", lambda d: f"/employer/jobs/{d.job.pk}/applicants/board/"),
    "applicant": Case("employer", lambda d: f"/employer/applications/{d.application.pk}/"),
    "employer-job": Case("employer", lambda d: f"/employer/jobs/{d.job.pk}/"),
    "employer-job-new": Case("employer", lambda d: "/employer/jobs/new/"),
    "employer-company": Case("employer", lambda d: "/employer/company/"),
    "employer-fair": Case("employer", lambda d: f"/employer/fairs/{d.event.slug}/"),
    "employer-booth": Case("employer", lambda d: f"/employer/fairs/{d.event.slug}/edit/"),
    "employer-notifications": Case("employer", lambda d: "/me/notifications/"),
    # HKSTP staff
    "check-in": Case("staff", lambda d: f"/staff/events/{d.event.slug}/check-in/"),
    "check-in-result": Case(
        "staff", lambda d: f"/staff/events/{d.event.slug}/check-in/", then=_check_in_ticket
    ),
    "event-report": Case("staff", lambda d: f"/staff/events/{d.event.slug}/report/"),
}

# The pages most people meet, in Traditional Chinese too (longer words wrap differently,
# and every string comes from the translations).
for name in ["home", "search-keyword", "search-no-results", "job", "apply", "event", "signup"]:
    PAGES[f"{name}-zh-hant"] = dataclasses.replace(PAGES[name], prefix="/zh-hant")

# The candidate's pages at phone width.
for name in [
    "home",
    "search-keyword",
    "job",
    "apply",
    "candidate-dashboard",
    "profile",
    "event",
    "booth",
    "notifications",
    "check-in",
]:
    PAGES[f"{name}-phone"] = dataclasses.replace(PAGES[name], viewport=PHONE)
PAGES["search-phone-filters-open"] = Case(
    None, lambda d: "/jobs/?q=robotics", _open_filters, viewport=PHONE
)


class _FormNesting(HTMLParser):
    """Finds a <form> opened inside another in the HTML as sent (WCAG 2.1's 4.1.1
    Parsing). The browser drops the inner form, so its fields and buttons silently
    belong to the outer one: axe, which reads the repaired DOM, cannot see this."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.nested = []

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            if self.depth:
                self.nested.append(f"line {self.getpos()[0]}: {dict(attrs)}")
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "form":
            self.depth = max(self.depth - 1, 0)


def nested_forms(html: str) -> list[str]:
    parser = _FormNesting()
    parser.feed(html)
    return parser.nested


# axe accepts an aria-describedby whose ids are all missing; a screen reader then reads
# nothing (Django adds aria-describedby="<id>_helptext" to every field with help text,
# which a template rendering `{{ form.field }}` by hand must give that id).
DANGLING_REFERENCES = """() => {
    const missing = [];
    for (const attr of ['aria-describedby', 'aria-labelledby', 'aria-controls']) {
        for (const el of document.querySelectorAll(`[${attr}]`)) {
            for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
                if (!document.getElementById(id)) {
                    missing.push(`${attr}="${id}" on ${el.outerHTML.slice(0, 80)}`);
                }
            }
        }
    }
    return missing;
}"""


def _explain(violations) -> str:
    lines = [f"{len(violations)} serious/critical axe violation(s):"]
    for rule, impact, help_text, targets in violations:
        lines.append(f"  [{impact}] {rule}: {help_text}")
        lines.extend(f"      at {target}" for target in targets)
    return "\n".join(lines)


@pytest.mark.parametrize("case", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_serious_accessibility_violation(case, new_page, live_server):
    data = portal_make()
    page = new_page(viewport=case.viewport, locale=LOCALES[case.prefix])
    if case.who:
        sign_in_with_cookie(page.context, live_server, getattr(data, case.who))

    response = page.goto(case.prefix + case.path(data))
    assert response.ok, f"{response.status} at {response.url}"
    assert nested_forms(response.text()) == [], "a <form> inside another <form>"
    if case.then:
        case.then(page, data)

    assert page.evaluate(DANGLING_REFERENCES) == [], "ARIA references to missing ids"
    violations = axe_violations(page)
    assert violations == [], f"{page.url}\n{_explain(violations)}"
