"""Journey 3 of issue 7, in a real browser: HKSTP staff create a fair in the admin; a
candidate registers on a phone and gets a QR ticket; staff at the door check the ticket
in on a phone by typing its code (headless Chromium has no camera); the outcome report
counts the attendance."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from accounts.services import EVENT_ORGANISERS
from tests import factories
from tests.browser.conftest import PHONE
from tests.browser.helpers import label, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAIR = "Science Park Recruitment Fair"


def _admin_datetime(page, label_text: str, moment: datetime.datetime):
    """The admin's date and time inputs of one field, each found by its own label
    ("Starts: Date", "Starts: Time"; hkstp_portal.admin_widgets): native inputs, filled
    as the browser sends them, in Hong Kong time."""
    local = timezone.localtime(moment)
    page.get_by_label(f"{label_text}: Date", exact=True).filter(visible=True).fill(
        local.strftime("%Y-%m-%d")
    )
    page.get_by_label(f"{label_text}: Time", exact=True).filter(visible=True).fill(
        local.strftime("%H:%M")
    )


def test_a_fair_from_the_admin_to_the_report(new_page):
    organiser = factories.SuperuserFactory(name="Cheng Wai Man")
    # The colleague at the door is an event organiser, not a superuser.
    door = factories.StaffFactory(name="Lam Ka Wai")
    door.groups.add(Group.objects.get(name=EVENT_ORGANISERS))
    visitor = factories.CandidateFactory(name="Chan Siu Ming", email="siuming@student.example")
    opens = timezone.localtime(timezone.now() + datetime.timedelta(days=10)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )

    # 1. Staff add the fair in the admin, on a laptop.
    staff = new_page()
    sign_in(staff, organiser.email)
    staff.get_by_role("row", name=re.compile("^Events")).get_by_role(
        "link", name="Add", exact=True
    ).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Add event")

    def field(text):
        # The sessions inline keeps a hidden empty form with the same labels.
        return staff.get_by_label(label(text)).filter(visible=True)

    # Typed key by key: the admin's script fills the slug on each key.
    field("Title").press_sequentially(FAIR)
    # The slug is filled from the title by the admin's own script.
    expect(field("Slug")).to_have_value("science-park-recruitment-fair")
    field("Kind").select_option(label="Recruitment fair")
    field("Format").select_option(label="In person")
    field("Published").check()
    _admin_datetime(staff, "Starts", opens)
    _admin_datetime(staff, "Ends", opens + datetime.timedelta(hours=7))
    field("HKSTP site").select_option(label="Hong Kong Science Park, Pak Shek Kok")
    field("Venue").fill("Charles K. Kao Auditorium")
    field("Description").fill("Meet the park's robotics companies.")
    field("Capacity").fill("200")
    staff.get_by_role("button", name="Save", exact=True).click()
    expect(staff.locator(".messagelist")).to_contain_text(f"The event “{FAIR}” was added")
    row = staff.get_by_role("row").filter(has_text=FAIR)
    expect(row).to_contain_text("Recruitment fair")

    # 2. A candidate finds it among the events on a phone, registers and gets a ticket.
    candidate = new_page(viewport=PHONE)
    sign_in(candidate, visitor.email)
    candidate.get_by_role("link", name="Fairs and events").click()
    candidate.get_by_role("link", name=FAIR).click()
    expect(candidate.get_by_role("heading", level=1)).to_have_text(FAIR)
    candidate.get_by_role("complementary", name="Your place").get_by_role(
        "button", name="Register", exact=True
    ).click()
    expect(candidate.get_by_role("status").first).to_contain_text(
        "You are registered. Here is your ticket; we have emailed it to you too."
    )
    ticket = candidate.get_by_role("article", name=FAIR)
    expect(ticket.locator("figure.ticket-qr svg")).to_be_visible()
    code = ticket.locator(".ticket-code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}", code), code

    # 3. At the door, a colleague opens check-in from the admin on a phone and types
    #    the code the candidate reads out, in lower case.
    desk = new_page(viewport=PHONE)
    sign_in(desk, door.email)
    desk.get_by_role("row", name=re.compile("^Events")).get_by_role(
        "link", name="Events", exact=True
    ).click()
    desk.get_by_role("row").filter(has_text=FAIR).get_by_role("link", name="Check-in").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(f"Check-in: {FAIR}")
    expect(desk.locator(".checkin-counter")).to_have_text("0 of 1 checked in")
    desk.get_by_label(label("Ticket code")).fill(code.lower())
    desk.get_by_role("button", name="Check in", exact=True).click()
    expect(desk.locator(".checkin-result")).to_contain_text("Checked in: Chan Siu Ming")
    expect(desk.locator(".checkin-counter")).to_have_text("1 of 1 checked in")
    # A second scan changes nothing and says so.
    desk.get_by_label(label("Ticket code")).fill(code)
    desk.get_by_role("button", name="Check in", exact=True).click()
    expect(desk.locator(".checkin-result")).to_contain_text("Already checked in at")
    expect(desk.locator(".checkin-counter")).to_have_text("1 of 1 checked in")

    # The candidate's ticket shows it.
    candidate.reload()
    expect(candidate.get_by_text(re.compile("^Checked in at"))).to_be_visible()

    # 4. The organiser opens the outcome report from the events list: one registered,
    #    one attended.
    staff.reload()
    staff.get_by_role("row").filter(has_text=FAIR).get_by_role(
        "link", name="Outcome report"
    ).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(f"Outcome report: {FAIR}")
    funnel = staff.get_by_role("table", name="Funnel")
    expect(funnel.get_by_role("row", name=re.compile("^Registered"))).to_have_text(
        re.compile(r"Registered\s*1$")
    )
    expect(funnel.get_by_role("row", name=re.compile(r"^Attended \(checked in\)"))).to_have_text(
        re.compile(r"Attended \(checked in\)\s*1$")
    )
