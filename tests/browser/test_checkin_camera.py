"""The door's camera scanning where the browser has no BarcodeDetector (Safari on iPhone):
the page loads jsQR from the portal's own static files, under the enforced CSP, reads the
ticket's QR code from the camera and checks the ticket in.

Chromium's fake camera plays a Y4M file: here, frames of the ticket's real QR code (segno,
as on the ticket). BarcodeDetector is removed before any script runs, as on an iPhone."""

import pytest
import segno
from django.urls import reverse
from playwright.sync_api import expect

from events.tickets import ticket_code_display
from tests import factories
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, _context
from tests.browser.portal_data import sign_in_with_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 640, 480
NO_BARCODE_DETECTOR = "delete window.BarcodeDetector;"
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


def qr_video(path, text: str, frames: int = 5) -> None:
    """A Y4M video (4:2:0, full range) of `text`'s QR code, black on white, centred."""
    matrix = segno.make_qr(text, error="m").matrix
    module = 10
    quiet = 4 * module
    side = len(matrix) * module + 2 * quiet
    left, top = (WIDTH - side) // 2, (HEIGHT - side) // 2
    luma = bytearray(b"\xff" * (WIDTH * HEIGHT))
    for row, cells in enumerate(matrix):
        for col, dark in enumerate(cells):
            if not dark:
                continue
            for y in range(top + quiet + row * module, top + quiet + (row + 1) * module):
                start = y * WIDTH + left + quiet + col * module
                luma[start : start + module] = b"\x00" * module
    chroma = b"\x80" * (WIDTH // 2 * HEIGHT // 2)
    with open(path, "wb") as video:
        video.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            video.write(b"FRAME\n" + bytes(luma) + chroma + chroma)


@pytest.fixture
def camera_browser(playwright_driver, tmp_path):
    """A Chromium whose camera films `tmp_path / "ticket.y4m"` (written by the test first)."""
    browsers = []

    def launch(video):
        browser = playwright_driver.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                *CHROMIUM_ARGS,
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-video-capture={video}",
            ],
        )
        browsers.append(browser)
        return browser

    yield launch
    for browser in browsers:
        browser.close()


def test_a_phone_without_barcode_detector_scans_the_ticket_with_jsqr(
    camera_browser, live_server, tmp_path
):
    registration = factories.RegistrationFactory(candidate__name="Chan Siu Ming")
    door = factories.StaffFactory()
    video = tmp_path / "ticket.y4m"
    qr_video(video, registration.code)
    context = _context(camera_browser(video), live_server, viewport=PHONE, bypass_csp=False)
    context.grant_permissions(["camera"])
    context.add_init_script(NO_BARCODE_DETECTOR)
    context.add_init_script(RECORD_VIOLATIONS)
    sign_in_with_cookie(context, live_server, door)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    loaded = []
    page.on("request", lambda request: loaded.append(request.url))

    page.goto(reverse("events:check_in", args=[registration.event.slug]))
    assert page.evaluate("'BarcodeDetector' in window") is False
    # The decoder is not fetched until the camera is asked for.
    assert not any("jsQR.js" in url for url in loaded)
    button = page.get_by_role("button", name="Scan with camera")
    expect(button).to_be_visible()
    button.click()

    expect(page.locator(".checkin-result")).to_contain_text("Checked in: Chan Siu Ming")
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert registration.checked_in_by == door
    jsqr = [url for url in loaded if url.endswith("/static/vendor/jsqr/jsQR.js")]
    assert jsqr, loaded
    assert all(url.startswith(live_server.url) for url in jsqr)  # our own files, no CDN
    assert errors == []
    assert page.evaluate("window.__cspViolations") == []
    # The camera stays on for the next person. The ticket still in front of it is not sent
    # again at once (the green result stays), only after a while, and then it says so.
    page.wait_for_timeout(3000)
    expect(page.locator(".checkin-result")).to_contain_text("Checked in: Chan Siu Ming")
    expect(page.locator(".checkin-result")).to_contain_text("Already checked in", timeout=20_000)
    expect(page.locator(".checkin-counter")).to_have_text("1 of 1 checked in")
    assert ticket_code_display(registration.code) not in page.content()
    context.close()
