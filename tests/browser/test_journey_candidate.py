"""Journeys 1 and 4 of issue 7, in a real browser on a phone: a candidate signs up,
verifies the email, builds a profile from a PDF CV, searches with filters, saves the
search, applies, and sees the status change a recruiter makes in another browser.
The same journey runs in English and in Traditional Chinese (every text the test looks
for comes from the catalogue, so it follows the translation)."""

import re

import pytest
from playwright.sync_api import expect

from alerts.models import SavedSearch
from applications.models import Stage
from hkstp_portal.demo.documents import cv_pdf
from hkstp_portal.i18n import localised
from hkstp_portal.vocabulary import JobField, Site, WorkEligibility
from skills.models import Skill
from talent.models import CandidateProfile, ExperienceEntry
from tests import factories
from tests.browser.conftest import PHONE
from tests.browser.helpers import (
    PASSWORD,
    Texts,
    label,
    link_in_email,
    open_account_menu,
    sign_in,
    starting,
)
from tests.storage import isolated_storage_fixture  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Ng Tsz Ching"
EMAIL = "tszching@student.example"
CV_NAME = "Ng Tsz Ching CV.pdf"


def _park_jobs():
    """Two bioinformatics roles at two sites (the site filter tells them apart); returns a
    recruiter of the company that posted the one the candidate applies to."""
    helix = factories.VerifiedCompanyFactory(name="Helix Genomics Limited", slug="helix")
    recruiter = factories.CompanyMemberFactory(company=helix, user__name="Yip Mei").user
    job = factories.PublishedJobFactory(
        company=helix,
        title="Bioinformatics Scientist",
        description="Build cfDNA bioinformatics pipelines for early cancer detection.",
        field=JobField.RND,
        site=Site.SCIENCE_PARK,
    )
    factories.PublishedJobFactory(
        title="Bioinformatics Technician",
        description="Run bioinformatics quality control on sequencing runs.",
        field=JobField.RND,
        site=Site.INNOPARK_TKO,
    )
    factories.ScreeningQuestionFactory(
        job=job, position=1, text="Do you have the right to work in Hong Kong?"
    )
    return recruiter


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_candidate_from_sign_up_to_a_status_change(
    language, new_page, mailoutbox, isolated_storage
):
    t = Texts(language)
    recruiter = _park_jobs()
    page = new_page(viewport=PHONE, locale="zh-HK" if language == "zh-hant" else "en-GB")

    # 1. The home page; in Chinese, chosen through the language menu.
    page.goto("/")
    if language != "en":
        page.locator("summary", has_text="Language:").click()
        page.get_by_role("button", name="繁體中文").click()
        page.wait_for_url(re.compile(r"/zh-hant/$"))
        expect(page.locator("html")).to_have_attribute("lang", "zh-Hant-HK")

    # 2. Sign up as a candidate and verify the email.
    page.get_by_role("link", name=t("Join"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Sign Up"))
    page.get_by_label(t("Looking for a job or internship")).check()
    page.get_by_label(label(t("Full name"))).fill(NAME)
    page.get_by_label(label(t("Email"))).fill(EMAIL)
    page.get_by_label(label(t("Password"))).fill(PASSWORD)
    page.get_by_label(label(t("Password (again)"))).fill(PASSWORD)
    consent = t(
        'I have read the <a href="{}" target="_blank">privacy notice</a> and agree '
        "that HKSTP processes my data as it describes."
    )
    page.get_by_label(label(consent)).check()
    page.get_by_role("button", name=t("Sign Up"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Verify Your Email Address"))

    verification = next(m for m in mailoutbox if EMAIL in m.to)
    # allauth's email, in the language the person signed up in.
    assert t("Please Confirm Your Email Address") in verification.subject
    page.goto(link_in_email(verification))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Confirm Email Address"))
    page.get_by_role("button", name=t("Confirm"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Welcome, %(name)s", name=NAME))

    # 3. The dashboard sends a new candidate to upload a CV; the worker reads the PDF and
    #    suggests skills, and the candidate ticks the ones to add.
    page.get_by_role("link", name=t("Upload a CV"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("My CVs"))
    page.get_by_label(label(t("CV file"))).set_input_files(
        {
            "name": CV_NAME,
            "mimeType": "application/pdf",
            "buffer": cv_pdf(
                name=NAME,
                headline="MPhil in bioinformatics",
                skills=["Python", "Bioinformatics", "Next-generation sequencing", "R"],
                experience=["2024-2026 Research assistant, genomics lab"],
            ),
        }
    )
    page.get_by_role("button", name=t("Upload"), exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text(
        t("Your CV is uploaded. We are reading it now.")
    )
    expect(page.get_by_role("heading", name=CV_NAME)).to_be_visible()
    page.get_by_role(
        "link",
        name=t.name(
            'Review what we read from <span class="visually-hidden">%(name)s</span>',
            name=CV_NAME,
        ),
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("From your CV"))
    # Everything read comes ticked; the candidate keeps two skills and the job.
    # Skills are named in the reader's language (Python is Python in every one).
    bioinformatics = localised(Skill.objects.get(name="Bioinformatics"), "name", language)
    found = page.locator("fieldset.checkbox-grid input[type=checkbox]")
    for index in range(found.count()):
        found.nth(index).uncheck()
    page.get_by_label("Python", exact=True).check()
    page.get_by_label(bioinformatics, exact=True).check()
    expect(page.get_by_label(label(t.field(ExperienceEntry, "title")))).to_have_value(
        "Research assistant"
    )
    page.get_by_role("button", name=t("Add to my profile")).click()
    job = t.n("%(count)d job", "%(count)d jobs", 1, count=1)
    expect(page.get_by_role("status").first).to_contain_text(
        t("Added to your profile: %(what)s.", what=f"{bioinformatics}, Python; {job}")
    )

    # 4. The rest of the profile.
    page.get_by_role("link", name=t("My CVs")).first.click()
    page.get_by_role("link", name=t("My dashboard")).first.click()
    page.get_by_role("link", name=t("Edit my profile")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("My profile"))
    expect(page.get_by_label(label(t("Skills")))).to_have_value(
        re.compile(r"Bioinformatics.*Python")
    )
    page.get_by_label(label(t.field(CandidateProfile, "headline"))).fill(
        "MPhil in bioinformatics, cfDNA pipelines"
    )
    page.get_by_label(label(t.field(CandidateProfile, "eligibility"))).select_option(
        label=t.label(WorkEligibility.HK_PERMANENT.label)
    )
    page.get_by_label(t.label(JobField.RND.label), exact=True).check()
    page.get_by_label(t.label(CandidateProfile.Visibility.DISCOVERABLE.label)).check()
    page.get_by_role("button", name=t("Save profile")).click()
    expect(page.get_by_role("status").first).to_contain_text(t("Your profile is saved."))

    # 5. Search from the header, then narrow by site with the filter panel (folded on a
    #    phone); ticking a box applies it.
    page.get_by_role("searchbox", name=t("Search jobs")).fill("bioinformatics")
    page.get_by_role("searchbox", name=t("Search jobs")).press("Enter")
    results = page.get_by_role("heading", level=1)
    expect(results).to_have_text(t.n("%(n)s open job", "%(n)s open jobs", 2, n=2))
    page.locator("details.filters > summary", has_text=t("Filters")).click()
    site = page.get_by_role("group", name=t("Site"))
    # click, not check(): the tick submits the form at once, and the page that comes
    # back is a new one.
    site.get_by_label(starting(t.label(Site.SCIENCE_PARK.label))).click()
    expect(
        page.get_by_role(
            "link", name=t("Remove filter %(label)s", label=t.label(Site.SCIENCE_PARK.label))
        )
    ).to_be_visible()
    expect(results).to_have_text(t.n("%(n)s open job", "%(n)s open jobs", 1, n=1))
    expect(page.get_by_role("link", name="Bioinformatics Scientist")).to_be_visible()
    expect(page.get_by_role("link", name="Bioinformatics Technician")).to_have_count(0)

    # 6. Save the search, daily.
    page.get_by_role("link", name=t("Save this search and get alerts")).click()
    save = page.get_by_role("region", name=t("Get alerts for this search"))
    save.get_by_label(label(t("Name"))).fill("Bioinformatics at the Science Park")
    save.get_by_label(label(t("Alerts"))).select_option(
        label=t.label(SavedSearch.Frequency.DAILY.label)
    )
    save.get_by_role("button", name=t("Save this search")).click()
    expect(page.get_by_role("status").first).to_contain_text(
        t(
            "Search saved as “%(name)s”. New jobs that match it will be collected for you.",
            name="Bioinformatics at the Science Park",
        )
    )
    open_account_menu(page)
    page.get_by_role("link", name=t("Saved searches"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("My saved searches"))
    expect(
        page.get_by_role("heading", level=2, name="Bioinformatics at the Science Park")
    ).to_be_visible()

    # 7. Re-run it and apply, answering the company's question.
    page.get_by_role("link", name="Bioinformatics at the Science Park", exact=True).click()
    page.get_by_role("link", name="Bioinformatics Scientist", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bioinformatics Scientist")
    page.get_by_role("region", name=t("Apply")).get_by_role("link", name=t("Apply")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("Apply for %(title)s", title="Bioinformatics Scientist")
    )
    expect(page.get_by_label(label(t("CV")))).to_have_value(re.compile(r"\d+"))
    page.get_by_role("group", name="Do you have the right to work in Hong Kong?").get_by_label(
        t("Yes")
    ).check()
    page.get_by_label(label(t("Cover note (optional)"))).fill("cfDNA pipelines are what I do.")
    page.get_by_role("button", name=t("Send application")).click()
    expect(page.get_by_role("status").first).to_contain_text(
        t(
            "Your application was sent to %(company)s. You can follow it here.",
            company="Helix Genomics Limited",
        )
    )
    expect(page.locator(".page-head .stage")).to_have_text(t.label(Stage.NEW.label))

    # 8. The recruiter, on a laptop in English, moves the application to interview.
    office = new_page()
    sign_in(office, recruiter.email)
    office.get_by_role("link", name="Bioinformatics Scientist").click()
    office.get_by_role("link", name="Review applicants").click()
    office.get_by_role("link", name=NAME, exact=True).click()
    expect(office.get_by_role("heading", level=1)).to_have_text(NAME)
    office.get_by_label(label("Move to")).select_option(label="Interview")
    expect(office.get_by_label("Email the candidate about this change")).to_be_checked()
    office.get_by_role("button", name="Change stage").click()
    expect(office.get_by_role("status").first).to_contain_text(
        "Stage changed. The candidate will get an email."
    )

    # 9. The candidate sees it: in the list of applications, and in the notification centre.
    interview = t.label(Stage.INTERVIEW.label)
    open_account_menu(page)
    page.get_by_role("link", name=t("My applications"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("My applications"))
    item = page.locator(".application-item", has_text="Bioinformatics Scientist")
    expect(item.locator(".stage")).to_have_text(interview)
    expect(item).to_contain_text(
        t("Interview: the company would like to meet you and will be in touch.")
    )
    page.get_by_role(
        "link", name=t.n("Notifications, %(n)s unread", "Notifications, %(n)s unread", 1, n=1)
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Notifications"))
    notification = t(
        "%(title)s at %(company)s: %(stage)s",
        title="Bioinformatics Scientist",
        company="Helix Genomics Limited",
        stage=interview,
    )
    page.get_by_role("button", name=re.compile(re.escape(notification))).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bioinformatics Scientist")
    expect(page.locator(".page-head .stage")).to_have_text(interview)
    expect(page.get_by_role("link", name=t("Notifications"), exact=True)).to_be_visible()
