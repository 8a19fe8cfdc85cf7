"""The Content-Security-Policy as a browser enforces it: no page breaks it, and the
portal's scripts (all files under static/js/) still run. The shared fixtures bypass CSP
so axe-core can be injected; these tests open contexts that do not."""

import pytest
from django.urls import reverse

from events.models import Registration
from tests import factories
from tests.browser.conftest import _context
from tests.browser.portal_data import sign_in_with_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Recorded by the page itself: a blocked script, style, image or form shows here.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


class Watched:
    """A page under the enforced policy that keeps its console errors and violations."""

    def __init__(self, browser, live_server, user=None):
        self.context = _context(browser, live_server, bypass_csp=False)
        self.context.add_init_script(RECORD_VIOLATIONS)
        if user is not None:
            sign_in_with_cookie(self.context, live_server, user)
        self.page = self.context.new_page()
        self.errors = []
        self.page.on(
            "console", lambda message: message.type == "error" and self.errors.append(message.text)
        )
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def goto(self, url):
        response = self.page.goto(url)
        assert "'self'" in response.headers["content-security-policy"]
        self.page.wait_for_load_state("load")
        return response

    def problems(self):
        return self.errors + self.page.evaluate("window.__cspViolations || []")

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser, live_server):
    pages = []

    def open_page(user=None):
        page = Watched(browser, live_server, user)
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        page.close()


def test_public_pages_run_under_the_policy(watched):
    job = factories.PublishedJobFactory(title="Robotics Engineer")
    factories.EventFactory(title="AI in Action Career Day")
    visitor = watched()

    visitor.goto("/")
    visitor.goto(reverse("jobs:job_list") + "?q=robotics")
    # search.js applies a ticked filter at once: the script runs.
    with visitor.page.expect_navigation():
        visitor.page.locator("form[data-autosubmit] input[type=checkbox]").first.check()
    visitor.goto(job.get_absolute_url())
    assert visitor.page.locator('script[type="application/ld+json"]').count() == 1
    visitor.goto(reverse("account_login"))

    assert visitor.problems() == []


def test_check_in_script_runs_and_typing_a_code_checks_in(watched):
    registration = factories.RegistrationFactory(candidate__name="Chan Tai Man")
    staff = factories.StaffFactory()
    door = watched(staff)

    door.goto(reverse("events:check_in", args=[registration.event.slug]))
    # checkin.js empties and focuses the field for the next ticket.
    assert door.page.evaluate("document.activeElement.name") == "code"
    door.page.keyboard.type(registration.code.lower())
    door.page.keyboard.press("Enter")
    door.page.get_by_text("Checked in: Chan Tai Man").wait_for()
    assert door.page.evaluate("document.activeElement.name") == "code"

    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert registration.checked_in_by == staff
    assert registration.status == Registration.Status.CONFIRMED
    assert door.problems() == []


def test_employer_pipeline_script_runs_under_the_policy(watched):
    member = factories.CompanyMemberFactory()
    job = factories.PublishedJobFactory(company=member.company)
    factories.ApplicationFactory.create_batch(2, job=job)
    recruiter = watched(member.user)

    recruiter.goto(reverse("applications:pipeline", args=[job.pk]))
    # pipeline.js reveals "select all" and wires it to the rows.
    master = recruiter.page.locator("[data-select-all]")
    master.check()
    boxes = recruiter.page.locator("input[name=applications]")
    assert boxes.count() == 2
    assert all(boxes.nth(i).is_checked() for i in range(2))

    assert recruiter.problems() == []


def test_admin_change_form_action_page_and_popup_run_under_the_policy(watched):
    job = factories.PendingJobFactory(title="Firmware Engineer")
    admin_user = watched(factories.SuperuserFactory())

    admin_user.goto(reverse("admin:jobs_job_change", args=[job.pk]))
    # The company field is an autocomplete (select2, jQuery): it opens and searches.
    admin_user.page.locator(".field-company .select2-selection").first.click()
    admin_user.page.locator("[aria-controls=select2-id_company-results]").fill(job.company.name[:4])
    admin_user.page.locator(".select2-results__option").first.wait_for()
    admin_user.page.keyboard.press("Escape")

    # An action with an intermediate page (it asks for a reason).
    admin_user.goto(reverse("admin:jobs_job_changelist"))
    admin_user.page.locator("input.action-select").first.check()
    assert admin_user.page.locator(".action-counter").inner_text().startswith("1 of")
    admin_user.page.select_option("select[name=action]", "send_back")
    with admin_user.page.expect_navigation():
        admin_user.page.locator("button[name=index]").click()
    admin_user.page.get_by_text("This applies to:").wait_for()

    # The "add another" popup: saving it runs popup_response.js, which fills the field in
    # the opener and closes the popup. A blocked script would leave the popup open.
    admin_user.goto(reverse("admin:jobs_job_change", args=[job.pk]))
    with admin_user.page.expect_popup() as popup_info:
        admin_user.page.locator("#add_id_required_skills").click()
    popup = popup_info.value
    popup.on("console", lambda m: m.type == "error" and admin_user.errors.append(m.text))
    popup.wait_for_load_state("load")
    assert popup.evaluate("window.__cspViolations") == []
    popup.fill("#id_name", "Verilog HDL")
    popup.fill("#id_slug", "verilog-hdl")
    popup.select_option("#id_category", index=1)
    with popup.expect_event("close"):
        popup.locator("input[name=_save]").click()
    selected = admin_user.page.locator("#id_required_skills option:checked")
    assert "Verilog HDL" in selected.all_inner_texts()

    assert admin_user.problems() == []
