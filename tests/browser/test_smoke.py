"""The browser setup itself: Chromium starts, the live server answers, axe runs."""

import pytest

from tests.browser.axe import axe_violations
from tests.factories import PublishedJobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_renders_in_chromium_and_passes_axe(page, live_server):
    PublishedJobFactory(title="Robotics Engineer")

    page.goto("/")

    assert page.title()
    assert axe_violations(page) == []
