"""Real-browser tests: Playwright drives Debian's Chromium against a live server that
pytest-django starts on the test database. `make test` installs Chromium where it is
missing; Playwright never downloads a browser of its own."""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API keeps an event loop running in the test thread; the ORM calls
# the tests make between browser steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("HKSTP_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium keeps dialling Google's hosts,
# which this machine's closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "browser"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # The `page` fixture reads these to keep a screenshot of a failing test.
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def playwright_driver():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver):
    if not CHROMIUM.exists():
        pytest.fail(
            f"No Chromium at {CHROMIUM}. `make test` installs Debian's chromium package; "
            "or point HKSTP_CHROMIUM at a Chromium binary."
        )
    browser = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


def _context(browser, live_server, *, viewport=DESKTOP, locale="en-GB", bypass_csp=True):
    context = browser.new_context(
        base_url=live_server.url,
        viewport=viewport,
        locale=locale,
        timezone_id="Asia/Hong_Kong",
        # axe-core is injected as a script tag; the page's own CSP must not block it
        # (tests/browser/test_csp.py opens contexts that enforce it).
        bypass_csp=bypass_csp,
    )
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def new_page(browser, live_server, request):
    """`new_page(viewport=PHONE, locale="zh-HK")` opens a page in a fresh browser context
    (its own cookies: one per person in a journey). Each page of a failing test leaves a
    full-page screenshot in test-artifacts/browser/."""
    contexts = []

    def open_page(**options):
        context = _context(browser, live_server, **options)
        contexts.append(context)
        return context.new_page()

    yield open_page

    failed = any(
        getattr(request.node, f"report_{when}", None) is not None
        and getattr(request.node, f"report_{when}").failed
        for when in ("setup", "call")
    )
    for number, context in enumerate(contexts, start=1):
        if failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            for page in context.pages:
                page.screenshot(path=ARTIFACTS / f"{name}-{number}.png", full_page=True)
        context.close()


@pytest.fixture
def page(new_page):
    """One desktop page in English."""
    return new_page()
