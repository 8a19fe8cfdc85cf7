"""What the browser journeys share: the visible texts in a language, sign-in, emails."""

import re

from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext

from tests.factories import DEFAULT_PASSWORD

# The password people choose when they sign up in a journey.
PASSWORD = "Pak-Shek-Kok-2026"


class Texts:
    """The portal's texts as a person reading `language` sees them, taken from the same
    catalogues the pages use, so the journeys follow the translations."""

    def __init__(self, language: str):
        self.language = language
        # URL prefix of the language: English has none.
        self.prefix = "" if language == "en" else f"/{language}"

    def __call__(self, message: str, **values) -> str:
        """The text of `message` as read on the page: markup in it (a link, a visually
        hidden part) is dropped, as it is from an accessible name."""
        with translation.override(self.language):
            text = gettext(message)
        return strip_tags(text % values if values else text)

    def name(self, message: str, **values) -> re.Pattern:
        """An accessible name built from `message`: where the markup was, the browser may
        or may not put a space (a visually hidden part is positioned out of the flow)."""
        with translation.override(self.language):
            text = gettext(message)
        text = text % values if values else text
        parts = [re.escape(part.strip()) for part in re.split(r"<[^>]+>", text)]
        return re.compile(r"\s*".join(part for part in parts if part))

    def n(self, singular: str, plural: str, number: int, **values) -> str:
        with translation.override(self.language):
            text = ngettext(singular, plural, number)
        return text % values if values else text

    def field(self, model, name: str) -> str:
        """A model form field's label: its verbose name, capitalised as Django does."""
        with translation.override(self.language):
            return str(capfirst(model._meta.get_field(name).verbose_name))

    def label(self, lazy) -> str:
        """A lazy label (a choice, a field label) in this language."""
        with translation.override(self.language):
            return str(lazy)


def starting(text: str) -> re.Pattern:
    return re.compile(rf"^\s*{re.escape(text)}")


def label(text: str) -> re.Pattern:
    """A form label as Django renders it: the text, then a colon (full-width in Chinese)."""
    return re.compile(rf"^\s*{re.escape(text)}\s*[:：]?\s*$")


def sign_in(page, email: str, password: str = DEFAULT_PASSWORD, t: Texts | None = None):
    """Through the header's "Sign in" link and allauth's form, as a returning user does."""
    t = t or Texts("en")
    page.goto(f"{t.prefix}/")
    page.get_by_role("link", name=t("Sign in"), exact=True).click()
    page.get_by_label(label(t("Email"))).fill(email)
    page.get_by_label(label(t("Password"))).fill(password)
    page.get_by_role("button", name=t("Sign In"), exact=True).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def open_account_menu(page):
    """The header's account menu (a <details>) by its summary, as a keyboard user opens it."""
    summary = page.locator(".header-nav details.menu summary").last
    summary.focus()
    page.keyboard.press("Enter")


def link_in_email(message) -> str:
    """The path of the first portal link in an email (the live server's host is dropped)."""
    match = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert match, message.body
    return match.group(1)
