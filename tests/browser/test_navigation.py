"""A person finds the fair's booths by clicking, on a phone and on a laptop, in the three
languages: the header's sections fit the screen, and the home page leads to the booths."""

import pytest

from tests import factories
from tests.browser.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 900}


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
@pytest.mark.parametrize("prefix", ["", "/zh-hant", "/zh-hans"])
def test_a_visitor_clicks_from_the_home_page_to_a_booth(new_page, viewport, prefix):
    exhibitor = factories.ApprovedExhibitorFactory(
        event__title="Deep Tech Fair", company__name="Harbour Photonics", booth="A1"
    )
    page = new_page(viewport=viewport)
    page.goto(f"{prefix}/")

    sections = page.locator("nav.site-nav a")
    assert sections.count() == 4
    for index in range(4):
        box = sections.nth(index).bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= viewport["width"], "every section shows in full"
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

    page.locator(f"a[href='{prefix}/events/{exhibitor.event.slug}/exhibitors/']").first.click()
    page.wait_for_url(f"**{prefix}/events/{exhibitor.event.slug}/exhibitors/")
    page.get_by_role("link", name="Harbour Photonics").click()
    page.wait_for_url(f"**/exhibitors/{exhibitor.company.slug}/")

    page.locator("nav.site-nav a").nth(2).click()  # Events
    page.wait_for_url(f"**{prefix}/events/")
    page.locator("nav.site-nav a").nth(3).click()  # Programmes
    page.wait_for_url(f"**{prefix}/programmes/")
