"""What search engines and link previews read: the sitemap, robots.txt, and each public
page's canonical address and Open Graph card."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from companies.services import company_reject
from tests import factories

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _section(client, name) -> ET.Element:
    response = client.get(f"/sitemap-{name}.xml")
    assert response.status_code == 200
    return ET.fromstring(response.content)


def _locations(tree) -> list[str]:
    return [loc.text for loc in tree.iter(f"{SITEMAP}loc")]


# --- The sitemap ------------------------------------------------------------------------------


def test_the_sitemap_index_lists_events_exhibitors_and_programmes(client):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = _locations(index)
    for name in ("pages", "jobs", "companies", "events", "exhibitors", "programmes"):
        assert f"http://testserver/sitemap-{name}.xml" in sections


def test_published_events_are_in_the_sitemap_in_three_languages(client):
    event = factories.EventFactory(slug="ai-in-action")
    hidden = factories.EventFactory(slug="rehearsal", is_published=False)

    tree = _section(client, "events")
    locations = _locations(tree)

    for prefix in ("", "/zh-hant", "/zh-hans"):
        assert f"http://testserver{prefix}/events/{event.slug}/" in locations
    assert not any(hidden.slug in location for location in locations)
    # Each address names its other languages (hreflang), as the jobs do.
    first = tree.find(f"{SITEMAP}url")
    languages = {link.get("hreflang") for link in first.iter(f"{XHTML}link")}
    assert {"en", "zh-hant", "zh-hans", "x-default"} <= languages


def test_the_talent_pool_of_a_fair_with_approved_exhibitors_is_in_the_sitemap(client):
    fair = factories.ApprovedExhibitorFactory().event
    waiting = factories.ExhibitorFactory().event
    locations = _locations(_section(client, "exhibitors"))
    assert f"http://testserver/zh-hans/events/{fair.slug}/exhibitors/" in locations
    assert not any(waiting.slug in location for location in locations)


def test_a_fair_whose_only_booth_is_a_refused_company_s_leaves_the_sitemap(client, staff):
    exhibitor = factories.ApprovedExhibitorFactory()
    company_reject(company=exhibitor.company, by=staff, reason="Tenancy ended.")
    locations = _locations(_section(client, "exhibitors"))
    assert not any(exhibitor.event.slug in location for location in locations)


def test_published_programmes_are_in_the_sitemap_in_three_languages(client):
    programme = factories.ProgrammeFactory()
    draft = factories.ProgrammeFactory(is_published=False)
    locations = _locations(_section(client, "programmes"))
    for prefix in ("", "/zh-hant", "/zh-hans"):
        assert f"http://testserver{prefix}/programmes/{programme.slug}/" in locations
    assert not any(draft.slug in location for location in locations)


def test_the_pages_section_has_the_event_and_programme_lists(client):
    locations = _locations(_section(client, "pages"))
    assert "http://testserver/events/" in locations
    assert "http://testserver/zh-hant/programmes/" in locations


# --- robots.txt -------------------------------------------------------------------------------


def test_robots_txt_allows_the_feed_in_every_language_and_points_at_the_sitemap(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    for feed in ("/jobs/feed/", "/zh-hant/jobs/feed/", "/zh-hans/jobs/feed/"):
        assert f"Allow: {feed}" in lines
    assert not any(line.startswith("Disallow:") and "feed" in line for line in lines)
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for private in ("/me/", "/*/me/", "/employer/", "/staff/", "/*/staff/"):
        assert f"Disallow: {private}" in lines


# --- Canonical address and Open Graph ---------------------------------------------------------


def _head(response) -> str:
    assert response.status_code == 200
    return response.content.decode().split("</head>", 1)[0]


def _meta(head: str, prop: str) -> list[str]:
    return re.findall(rf'<meta property="{re.escape(prop)}" content="([^"]*)">', head)


def _canonical(head: str) -> list[str]:
    return re.findall(r'<link rel="canonical" href="([^"]*)">', head)


@pytest.fixture
def public_pages():
    """Each public page with a logo where the page has one: name -> (path, has_logo)."""
    company = factories.VerifiedCompanyFactory(name="Harbour Photonics", slug="harbour-photonics")
    company.logo.name = "logos/harbour.png"
    company.save(update_fields=["logo"])
    job = factories.PublishedJobFactory(company=company, title="Optical Engineer")
    exhibitor = factories.ApprovedExhibitorFactory(company=company)
    event = exhibitor.event
    programme = factories.ProgrammeFactory()
    return {
        "home": ("/", False),
        "job search": ("/jobs/", False),
        "job": (f"/jobs/{job.pk}/", True),
        "companies": ("/companies/", False),
        "company": (f"/companies/{company.slug}/", True),
        "events": ("/events/", False),
        "event": (f"/events/{event.slug}/", False),
        "exhibitors": (f"/events/{event.slug}/exhibitors/", False),
        "booth": (f"/events/{event.slug}/exhibitors/{company.slug}/", True),
        "programmes": ("/programmes/", False),
        "programme": (f"/programmes/{programme.slug}/", False),
    }


@pytest.mark.parametrize(
    ("prefix", "locale", "others"),
    [
        ("", "en_HK", {"zh_HK", "zh_CN"}),
        ("/zh-hant", "zh_HK", {"en_HK", "zh_CN"}),
        ("/zh-hans", "zh_CN", {"en_HK", "zh_HK"}),
    ],
)
def test_every_public_page_has_a_canonical_link_and_an_open_graph_card(
    client, public_pages, prefix, locale, others
):
    for name, (path, has_logo) in public_pages.items():
        head = _head(client.get(f"{prefix}{path}"))
        url = f"http://testserver{prefix}{path}"
        assert _canonical(head) == [url], name
        assert _meta(head, "og:url") == [url], name
        for prop in ("og:title", "og:description"):
            values = _meta(head, prop)
            assert len(values) == 1, (name, prop)
            assert values[0], (name, prop)
        assert _meta(head, "og:type")[0] in {"website", "article"}, name
        assert _meta(head, "og:locale") == [locale], name
        assert set(_meta(head, "og:locale:alternate")) == others, name
        images = _meta(head, "og:image")
        if has_logo:
            assert images == ["http://testserver/media/logos/harbour.png"], name
        else:
            assert images == [], name


def test_the_canonical_address_leaves_out_the_query_string(client):
    job = factories.PublishedJobFactory()
    head = _head(client.get(reverse("jobs:job_list"), {"q": "optics", "page": "1"}))
    assert _canonical(head) == ["http://testserver/jobs/"]
    head = _head(client.get(job.get_absolute_url(), {"event": "some-fair"}))
    assert _canonical(head) == [f"http://testserver/jobs/{job.pk}/"]


def test_the_open_graph_card_speaks_the_page_s_language(client):
    event = factories.EventFactory(
        title="AI in Action", title_zh="AI 實戰日", description_zh="一百間人工智能公司。"
    )
    head = _head(client.get(f"/zh-hant/events/{event.slug}/"))
    assert _meta(head, "og:title") == ["AI 實戰日"]
    assert _meta(head, "og:description") == ["一百間人工智能公司。"]


def test_user_text_in_the_card_is_escaped(client):
    company = factories.VerifiedCompanyFactory(name='Quote" onload="alert(1)')
    head = _head(client.get(company.get_absolute_url()))
    assert 'onload="alert(1)' not in head
    assert _meta(head, "og:title") == ["Quote&quot; onload=&quot;alert(1)"]


def test_a_title_made_in_a_translated_sentence_is_escaped_once(client):
    event = factories.ApprovedExhibitorFactory(event__title="R&D Careers Fair").event
    head = _head(client.get(reverse("events:exhibitor_list", args=[event.slug])))
    assert _meta(head, "og:title") == ["Exhibitors at R&amp;D Careers Fair"]


def test_private_pages_have_no_canonical_link(client, signed_in_candidate):
    assert _canonical(_head(client.get(reverse("events:my_events")))) == []
