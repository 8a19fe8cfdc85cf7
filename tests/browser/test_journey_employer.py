"""Journey 2 of issue 7, in a real browser: an employer signs up and registers a company;
HKSTP staff verify it in the admin; the employer posts a job, staff approve it, a
candidate applies, and the employer moves the applicant to interview."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import PHONE
from tests.browser.helpers import PASSWORD, label, link_in_email, open_account_menu, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "meiling@quartzwave.example"
COMPANY = "Quartzwave Materials Limited"
JOB = "Thin-Film Process Engineer"


def _message(page):
    """The flash messages at the top of a portal page."""
    return page.get_by_role("status").first


def _admin_action(page, row: str, action: str):
    """Tick one row of an admin list and run an action on it, as staff do."""
    page.get_by_role("checkbox", name=f"Select this object for an action - {row}").check()
    page.get_by_label("Action:").select_option(label=action)
    page.get_by_role("button", name="Go").click()


def test_employer_from_sign_up_to_an_interview(new_page, mailoutbox):
    superuser = factories.SuperuserFactory(name="Cheng Wai Man")
    applicant = factories.CandidateFactory(name="Chan Siu Ming", email="siuming@student.example")
    factories.CVFactory(owner=applicant, original_name="Chan Siu Ming CV.pdf")
    employer = new_page()

    # 1. The employer signs up from the footer's "Hire at the park" and verifies the email.
    employer.goto("/")
    employer.get_by_role("link", name="Hire at the park").click()
    employer.get_by_label("Hiring for a park company").check()
    employer.get_by_label(label("Full name")).fill("Lau Mei Ling")
    employer.get_by_label(label("Email")).fill(EMAIL)
    employer.get_by_label(label("Password")).fill(PASSWORD)
    employer.get_by_label(label("Password (again)")).fill(PASSWORD)
    employer.get_by_label(re.compile("^I have read the privacy notice")).check()
    employer.get_by_role("button", name="Sign Up", exact=True).click()
    expect(employer.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    employer.goto(link_in_email(next(m for m in mailoutbox if EMAIL in m.to)))
    employer.get_by_role("button", name="Confirm", exact=True).click()

    # 2. ...lands on the company registration, and sends it for verification.
    expect(employer.get_by_role("heading", level=1)).to_have_text("Register your company")
    employer.get_by_label(label("Name (English)")).fill(COMPANY)
    employer.get_by_label(label("Name (Traditional Chinese)")).fill("石英波材料有限公司")
    employer.get_by_label(label("Programme")).select_option(label="Incubatee")
    employer.get_by_role("group", name="Clusters").get_by_label("New materials").check()
    employer.get_by_role("group", name="HKSTP sites").get_by_label("Tseung Kwan O InnoPark").check()
    employer.get_by_label(label("Size")).select_option(label="11–50 people")
    employer.get_by_label(label("Description")).fill("Perovskite coatings for solar glass.")
    employer.get_by_role("button", name="Send for verification").click()
    expect(_message(employer)).to_contain_text(
        "Thank you. HKSTP will verify your company within two working days."
    )
    expect(employer.get_by_role("heading", level=1)).to_contain_text(COMPANY)
    expect(employer.locator(".status").first).to_have_text("Pending verification")

    # 3. Staff find it in the admin's queue and verify it, with a note.
    staff = new_page()
    sign_in(staff, superuser.email)
    expect(staff.get_by_role("heading", level=1)).to_have_text(
        "Companies, jobs, candidates and events"
    )
    staff.get_by_role("link", name="Companies", exact=True).click()
    staff.get_by_role("link", name="Pending verification").click()
    expect(staff.get_by_role("link", name=COMPANY)).to_be_visible()
    _admin_action(staff, COMPANY, "Verify the selected companies (emails their admins)")
    expect(staff.get_by_role("heading", level=1)).to_have_text("Verify")
    expect(staff.get_by_role("listitem").filter(has_text=COMPANY)).to_be_visible()
    staff.get_by_label(label("Reason given to the company")).fill("Incubation agreement confirmed.")
    staff.get_by_role("button", name="Verify", exact=True).click()
    expect(staff.locator(".messagelist")).to_contain_text("Verify: 1 done.")
    assert any(EMAIL in m.to and "verified" in m.subject for m in mailoutbox)

    # 4. The employer posts a job and submits it for review.
    employer.reload()
    expect(employer.locator(".status").first).to_have_text("Verified")
    employer.get_by_role("link", name="Post a job").click()
    employer.get_by_label(label("Title")).fill(JOB)
    employer.get_by_label(label("Employment type")).select_option(label="Full-time")
    employer.get_by_label(label("Seniority")).select_option(label="Mid level")
    employer.get_by_label(label("Minimum education")).select_option(label="Master's degree")
    employer.get_by_label(label("Field")).select_option(label="Engineering")
    employer.get_by_label(label("Site")).select_option(label="Tseung Kwan O InnoPark")
    employer.get_by_label(label("Work mode")).select_option(label="On-site")
    employer.get_by_label(label("Description")).first.fill("Scale up **perovskite** coating lines.")
    employer.get_by_label(label("Required skills")).fill("Materials science, Statistics")
    employer.get_by_label(label("Monthly salary from (HKD)")).fill("38000")
    employer.get_by_label(label("Monthly salary to (HKD)")).fill("52000")
    employer.get_by_label(label("TTPS holders welcome")).check()
    employer.get_by_role("button", name="Save draft").click()
    expect(_message(employer)).to_contain_text("Draft saved. Check it, then submit it for review.")
    expect(employer.get_by_role("heading", level=1)).to_have_text(JOB)
    employer.get_by_role("button", name="Submit for review").click()
    expect(_message(employer)).to_contain_text(
        "Submitted. HKSTP reviews jobs within one working day."
    )
    expect(employer.locator(".status").first).to_have_text("Pending review")

    # 5. Staff find it in the admin home's work queue and approve it on its own page.
    staff.get_by_role("link", name="Home").click()
    queue = staff.locator("#work-queue")
    expect(queue.get_by_role("row", name=re.compile("^Jobs pending review"))).to_have_text(
        re.compile(r"Jobs pending review\s*1\s*$")
    )
    queue.get_by_role("link", name="Jobs pending review").click()
    staff.get_by_role("link", name=JOB).click()
    staff.get_by_role("button", name="Approve and publish").click()
    expect(staff.locator(".messagelist")).to_contain_text("The job is published.")

    # 6. A candidate finds it on a phone and applies with her default CV.
    candidate = new_page(viewport=PHONE)
    sign_in(candidate, applicant.email)
    candidate.get_by_role("searchbox", name="Search jobs").fill("perovskite")
    candidate.get_by_role("searchbox", name="Search jobs").press("Enter")
    candidate.get_by_role("link", name=JOB).click()
    # The apply button held at the foot of the phone's screen (the box below has it too).
    candidate.locator(".action-bar").get_by_role(
        "button", name="Apply with Chan Siu Ming CV.pdf"
    ).click()
    expect(_message(candidate)).to_contain_text(
        f"Your application was sent to {COMPANY}. You can follow it here."
    )

    # 7. The employer sees the applicant and moves her to interview from the table.
    employer.get_by_role("link", name=COMPANY).first.click()
    employer.get_by_role("link", name=JOB).click()
    employer.get_by_role("link", name="Review applicants").click()
    expect(employer.get_by_role("heading", level=1)).to_have_text(f"Applicants for {JOB}")
    row = employer.get_by_role("row").filter(has_text="Chan Siu Ming")
    expect(row).to_contain_text("New")
    employer.get_by_role("checkbox", name="Select Chan Siu Ming").check()
    bulk = employer.get_by_role("group", name="Move the selected applicants")
    bulk.get_by_label(label("Move to")).select_option(label="Interview")
    bulk.get_by_role("button", name="Move").click()
    expect(_message(employer)).to_contain_text("1 applicant moved to Interview.")
    expect(row.locator(".stage")).to_have_text("Interview")

    # The candidate is told.
    open_account_menu(candidate)
    candidate.get_by_role("link", name="My applications", exact=True).click()
    expect(candidate.locator(".application-item .stage")).to_have_text("Interview")
