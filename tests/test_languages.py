"""Switching language changes every visible string on the main pages.

How: each main page is rendered with the test client under /zh-hant/ and /zh-hans/, as
the person who would see it (a visitor, a candidate, a company recruiter). The HTML is
parsed with the standard library's parser and reduced to what a person sees or hears:
text nodes outside <script>, <style> and <template>, plus the attributes that are shown
or read aloud (alt, title, placeholder, aria-label, and the value of a button).

Then, from every such string, what is legitimately not Chinese is removed:
- content the test wrote itself, which is written in both Chinese scripts (so any
  English left would be the page's own text, not the test's data); the only English
  content is listed in USER_CONTENT (e.g. the English name shown beside a Chinese one);
- e-mail addresses, URLs, numbers and money ("HK$38,000");
- proper names and codes that stay in Latin script in Chinese text: ALLOWED_WORDS
  (HKSTP, TTPS, InnoHK, the language menu's "English", …).

Whatever Latin-script word remains is untranslated UI text, and the test fails listing
it with its page. This is stricter than looking for the catalogue's msgids (it also
catches a string that was never marked), and it does not depend on guessing which
English words are "real": a page in Chinese has no English words except the allowed ones.
As a second, independent check, no msgid of the catalogue of three or more words appears
verbatim on a Chinese page (a marked string whose translation is missing or not loaded).
"""

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from hkstp_portal.i18n import localised_versions
from notifications.models import Kind
from notifications.services import notification_create
from tests import factories

pytestmark = pytest.mark.django_db

LANGUAGES = ["zh-hant", "zh-hans"]

# Latin-script words a Chinese page keeps: names of programmes, schemes, places and
# brands, codes, and the language menu's own name for English.
ALLOWED_WORDS = {
    "HKSTP", "HK", "HKD", "TTPS", "GBA", "InnoHK", "INNOPARK", "IANG", "PDPO", "AI",
    "English", "I", "T", "PCB", "CV", "CVs", "PDF", "DOCX", "Word", "QR", "RSS", "Atom", "Email",
    "LinkedIn", "GitHub", "Google", "ID", "URL", "Markdown", "GPA", "HKU", "CUHK", "HKUST",
    "PolyU", "CityU", "HKBU", "PhD", "FAQ", "HKSAR", "ESG", "RISC", "IC", "IoT", "R", "D",
    "pdf", "docx", "FPGA", "C", "Python",  # file types; skills in the examples of help texts
}  # fmt: skip

# The English the test's own data shows on Chinese pages on purpose: the English name
# beside the Chinese one (hkstp_portal.i18n.alternative), and a search typed in English.
USER_CONTENT = ["Tidewater Robotics", "Machine Learning Engineer", "nothingmatches"]

VISIBLE_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label"}
HIDDEN_ELEMENTS = {"script", "style", "template"}


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.strings: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_ELEMENTS:
            self._hidden += 1
        attrs = dict(attrs)
        for name in VISIBLE_ATTRIBUTES & attrs.keys():
            self.strings.append(attrs[name] or "")
        is_button = tag == "input" and attrs.get("type") in {"submit", "button"}
        if is_button and attrs.get("value"):
            self.strings.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in HIDDEN_ELEMENTS and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.strings.append(data)


def visible_strings(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return [" ".join(s.split()) for s in parser.strings if s.strip()]


_NOT_WORDS = [
    re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),  # e-mail addresses
    re.compile(r"https?://\S+|www\.\S+|/[\w/.-]+"),  # URLs and paths
    re.compile(r"HK\$[\d,–-]+"),  # money
]
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def english_found(html: str) -> list[str]:
    """Each visible string of `html` that still holds English, with the words found."""
    return [
        f"{text!r} -> {words}" for text in visible_strings(html) if (words := english_left(text))
    ]


def english_left(text: str) -> list[str]:
    for content in USER_CONTENT:
        text = text.replace(content, " ")
    for pattern in _NOT_WORDS:
        text = pattern.sub(" ", text)
    return [word for word in _LATIN_WORD.findall(text) if word not in ALLOWED_WORDS]


def catalogue_phrases() -> list[str]:
    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale/zh_Hant/LC_MESSAGES/django.po"))
    phrases = []
    for entry in po:
        text = re.sub(r"%\(\w+\)[sd]|\{\{.*?\}\}|<[^>]+>", " ", entry.msgid)
        # Three words or more: shorter ones ("Machine learning") can be test data or names.
        if len(re.findall(r"[A-Za-z]{2,}", text)) >= 3 and "%" not in text:
            phrases.append(" ".join(text.split()))
    return phrases


@pytest.fixture
def world(db):
    """Every main page with something on it, all content written in both Chinese scripts."""
    now = timezone.now()
    company = factories.VerifiedCompanyFactory(
        name="Tidewater Robotics",
        name_zh="潮汐機械人",
        name_zh_hans="潮汐机器人",
        description="Inspection robots.",
        description_zh="研發巡檢機械人。",
        description_zh_hans="研发巡检机器人。",
        website="",
    )
    member = factories.CompanyAdminFactory(company=company, user__name="陳經理")
    job = factories.PublishedJobFactory(
        company=company,
        title="Machine Learning Engineer",
        title_zh="機器學習工程師",
        title_zh_hans="机器学习工程师",
        description="Train models.",
        description_zh="訓練模型。",
        description_zh_hans="训练模型。",
        responsibilities="Ship models.",
        responsibilities_zh="部署模型。",
        responsibilities_zh_hans="部署模型。",
        requirements="Python.",
        requirements_zh="熟悉深度學習。",
        requirements_zh_hans="熟悉深度学习。",
        open_to_overseas=True,
        ttps_welcome=True,
        deadline=timezone.localdate() + datetime.timedelta(days=20),
    )
    factories.JobFactory(
        company=company, title="Draft", title_zh="草稿職位", title_zh_hans="草稿职位"
    )
    event = factories.EventFactory(
        title="Park Fair",
        title_zh="科學園招聘會",
        title_zh_hans="科学园招聘会",
        description="Meet companies.",
        description_zh="與公司見面。",
        description_zh_hans="与公司见面。",
        starts_at=now + datetime.timedelta(days=10),
        ends_at=now + datetime.timedelta(days=10, hours=6),
    )
    profile = factories.CandidateProfileFactory(
        user__name="陳大文", headline="應屆畢業生", user__email="chan@example.com"
    )
    candidate = profile.user
    cv = factories.CVFactory(owner=candidate, original_name="陳大文履歷.pdf", text="陳大文")
    factories.ApplicationFactory(job=job, candidate=candidate, cv=cv, cover_note="你好。")
    factories.SavedJobFactory(job=job, user=candidate)
    factories.RegistrationFactory(event=event, candidate=candidate)
    notification_create(
        recipient=candidate,
        kind=Kind.APPLICATION_STAGE,
        key=f"language-test:{job.pk}",
        template="application_stage",
        context={
            **localised_versions(job, "title", "job_title"),
            **localised_versions(company, "name", "company_name"),
            "stage": "interview",
        },
        url=job.get_absolute_url(),
    )
    return {"company": company, "job": job, "event": event, "candidate": candidate,
            "employer": member.user}  # fmt: skip


def main_pages(world):
    """(name, path without the language prefix, who looks at it)."""
    job, company, event = world["job"], world["company"], world["event"]
    return [
        ("home", reverse("home"), None),
        ("jobs", reverse("jobs:job_list"), None),
        ("jobs with facets", reverse("jobs:job_list") + "?site=science_park&seniority=mid", None),
        ("jobs, nothing found", reverse("jobs:job_list") + "?q=nothingmatches", None),
        ("job", job.get_absolute_url(), None),
        ("job, signed in", job.get_absolute_url(), "candidate"),
        ("company", company.get_absolute_url(), None),
        ("companies", reverse("companies:company_list"), None),
        ("event", event.get_absolute_url(), None),
        ("events", reverse("events:event_list"), None),
        ("candidate dashboard", reverse("talent:dashboard"), "candidate"),
        ("profile", reverse("talent:profile"), "candidate"),
        ("my applications", reverse("applications:my_applications"), "candidate"),
        ("notification centre", reverse("notifications:inbox"), "candidate"),
        ("employer dashboard", reverse("companies:dashboard"), "employer"),
        ("login", reverse("account_login"), None),
        ("sign-up", reverse("account_signup"), None),
    ]


def _render(client, world, language, path, who):
    client.logout()
    if who:
        client.force_login(world[who])
    response = client.get(f"/{language}{path}")
    assert response.status_code == 200, (language, path, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_ui_text_is_left_on_the_main_pages(client, world, language):
    found = {}
    for name, path, who in main_pages(world):
        if lines := english_found(_render(client, world, language, path, who)):
            found[name] = lines
    assert found == {}, "\n".join(
        f"{page}:\n  " + "\n  ".join(lines) for page, lines in found.items()
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_catalogue_phrase_shows_untranslated(client, world, language):
    phrases = catalogue_phrases()
    assert len(phrases) > 500  # the catalogue was read
    found = {}
    for name, path, who in main_pages(world):
        text = " ".join(visible_strings(_render(client, world, language, path, who)))
        if hits := [phrase for phrase in phrases if phrase in text]:
            found[name] = hits
    assert found == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_errors_are_translated_too(client, world, language):
    """Errors come from Django's, allauth's and the portal's catalogues."""
    login, signup = reverse("account_login"), reverse("account_signup")
    pages = {
        "login, wrong password": client.post(
            f"/{language}{login}", {"login": "chan@example.com", "password": "wrong-password"}
        ),
        "sign-up, bad input": client.post(
            f"/{language}{signup}",
            {"email": "chan@example.com", "name": "", "password1": "123", "password2": "456"},
        ),
    }
    found = {}
    for name, response in pages.items():
        html = response.content.decode()
        assert 'class="errorlist' in html or "message-error" in html, name
        if lines := english_found(html):
            found[name] = lines
    assert found == {}


def test_the_method_catches_english(client, world):
    """The check itself: an English page is full of findings, the allowed words are not."""
    html = client.get(reverse("home")).content.decode()
    left = [word for text in visible_strings(html) for word in english_left(text)]
    assert "Search" in left
    assert english_left("HKSTP · HK$38,000–55,000 · chan@example.com · 2026") == []
    assert visible_strings("<p>A<script>var b</script><img alt='C'><style>d{}</style></p>") == [
        "A",
        "C",
    ]
