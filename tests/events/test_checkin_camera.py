"""The QR decoder the door's page falls back to: jsQR from the portal's own static files,
unchanged from its npm release, with its licence; the CSP still allows only 'self'."""

import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

VENDOR = Path(settings.BASE_DIR) / "static" / "vendor" / "jsqr"
# sha256 of dist/jsQR.js in the npm package jsqr 1.4.0 (static/vendor/jsqr/README.md).
JSQR_SHA256 = "bc40c8a15196236b2314db0856f72ca0b49980cd5413b8c852a7349f5fee0859"


def test_the_vendored_decoder_is_the_released_file_with_its_licence():
    assert hashlib.sha256((VENDOR / "jsQR.js").read_bytes()).hexdigest() == JSQR_SHA256
    assert "Apache License" in (VENDOR / "LICENSE").read_text()


def test_the_check_in_page_names_the_decoder_from_our_static_files(client, staff):
    event = factories.EventFactory()
    client.force_login(staff)

    response = client.get(reverse("events:check_in", args=[event.slug]))

    assert f'data-qr-decoder="{static("vendor/jsqr/jsQR.js")}"' in response.content.decode()
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy or policy.endswith("script-src 'self'")
    assert "unsafe" not in policy
