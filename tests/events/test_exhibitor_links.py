"""A fair's exhibitors (booths: drop a CV, book an interview) are reached by links: from the
home page, the event list and page, the ticket, My events and the company directory, and
every page's header leads to the events and programmes."""

import datetime
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair():
    """An upcoming fair with two approved exhibitors and one still waiting."""
    event = factories.EventFactory(title="Deep Tech Recruitment Fair", slug="deep-tech-fair")
    factories.ApprovedExhibitorFactory(event=event, company__name="Harbour Photonics", booth="A1")
    factories.ApprovedExhibitorFactory(event=event, company__name="Lion Rock Robotics")
    factories.ExhibitorFactory(event=event, company__name="Pending Labs")
    return event


def _exhibitors_url(event):
    return reverse("events:exhibitor_list", args=[event.slug])


def _links(response) -> list[str]:
    return re.findall(r'<a [^>]*href="([^"]+)"', response.content.decode())


def test_the_home_page_links_the_exhibitors_of_an_upcoming_fair(client, fair):
    factories.EventFactory(title="CV Workshop", kind="workshop")
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert _exhibitors_url(fair) in _links(response)
    assert "2 exhibitors" in html
    # An event without approved exhibitors gets no such link.
    assert html.count("/exhibitors/") == 1


def test_the_event_list_and_the_event_page_link_the_exhibitors(client, fair):
    assert _exhibitors_url(fair) in _links(client.get(reverse("events:event_list")))
    response = client.get(fair.get_absolute_url())
    assert _exhibitors_url(fair) in _links(response)
    assert "2 park companies exhibit here" in response.content.decode()


def test_an_event_with_only_pending_exhibitors_links_none(client):
    event = factories.ExhibitorFactory().event
    assert _exhibitors_url(event) not in _links(client.get(event.get_absolute_url()))
    assert _exhibitors_url(event) not in _links(client.get(reverse("events:event_list")))


def test_the_ticket_and_my_events_link_the_exhibitors(client, signed_in_candidate, fair):
    factories.RegistrationFactory(event=fair, candidate=signed_in_candidate)
    assert _exhibitors_url(fair) in _links(client.get(reverse("events:ticket", args=[fair.slug])))
    response = client.get(reverse("events:my_events"))
    assert _exhibitors_url(fair) in _links(response)
    assert "2 exhibitors" in response.content.decode()


def test_the_candidate_dashboard_links_the_exhibitors(client, signed_in_candidate, fair):
    assert _exhibitors_url(fair) in _links(client.get(reverse("talent:dashboard")))


def test_my_events_does_not_link_the_booths_of_a_past_fair(client, signed_in_candidate):
    starts = timezone.now() - datetime.timedelta(days=30)
    past = factories.EventFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=7))
    factories.ApprovedExhibitorFactory(event=past)
    factories.RegistrationFactory(event=past, candidate=signed_in_candidate)
    assert _exhibitors_url(past) not in _links(client.get(reverse("events:my_events")))


def test_the_company_directory_and_page_show_the_booth_at_an_upcoming_fair(client, fair):
    exhibitor = fair.exhibitors.get(booth="A1")
    company = exhibitor.company
    booth = reverse("events:booth_detail", args=[fair.slug, company.slug])

    directory = client.get(reverse("companies:company_list"))
    assert booth in _links(directory)
    assert "Exhibiting at Deep Tech Recruitment Fair" in directory.content.decode()

    page = client.get(company.get_absolute_url())
    assert booth in _links(page)
    assert "Booth A1" in page.content.decode()


def test_a_company_page_leaves_out_past_fairs_and_pending_applications(client):
    company = factories.VerifiedCompanyFactory()
    starts = timezone.now() - datetime.timedelta(days=30)
    past = factories.EventFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=7))
    factories.ApprovedExhibitorFactory(event=past, company=company)
    factories.ExhibitorFactory(company=company)
    factories.ApprovedExhibitorFactory(company=company, event__is_published=False)
    html = client.get(company.get_absolute_url()).content.decode()
    assert "/exhibitors/" not in html
    assert "Meet us at a fair" not in html


def test_the_company_directory_finds_every_booth_in_one_query(client, django_assert_num_queries):
    for _ in range(4):
        exhibitor = factories.ApprovedExhibitorFactory()
        factories.ApprovedExhibitorFactory(company=exhibitor.company)
    # session-less visitor: count, companies, their booths with events
    with django_assert_num_queries(3):
        response = client.get(reverse("companies:company_list"))
    assert response.content.decode().count("Exhibiting at") == 8


@pytest.mark.parametrize("prefix", ["", "/zh-hant", "/zh-hans"])
def test_every_page_s_header_links_the_sections(client, prefix):
    html = client.get(f"{prefix}/privacy/").content.decode()
    header = html.split("<header", 1)[1].split("</header>", 1)[0]
    for path in ("/jobs/", "/companies/", "/events/", "/programmes/"):
        assert f'href="{prefix}{path}"' in header


def test_the_header_marks_the_section_you_are_in(client):
    html = client.get(reverse("events:event_list")).content.decode()
    assert '<a href="/events/" aria-current="true">' in html
    assert '<a href="/jobs/" aria-current="true">' not in html


def test_a_visitor_reaches_the_booths_by_links_from_the_home_page(client, fair):
    """Breadth first from the home page, following only the portal's own links (GET):
    the fair's exhibitors page and a booth are no more than a few clicks away."""
    wanted = {"events:exhibitor_list": 2, "events:booth_detail": 3}
    depth_of = {reverse("home"): 0}
    queue = deque([reverse("home")])
    found = {}
    while queue and len(found) < len(wanted):
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        for href in _links(response):
            href = urldefrag(href.replace("&amp;", "&")).url
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href.startswith("/") or href in depth_of:
                continue
            depth_of[href] = depth_of[url] + 1
            name = resolve(parts.path).view_name
            if name in wanted and name not in found:
                found[name] = depth_of[href]
            if depth_of[href] < 3 and not href.startswith(("/accounts/", "/i18n/")):
                queue.append(href)
    for name, most in wanted.items():
        assert name in found, f"{name} is not reached by links from the home page"
        assert found[name] <= most, f"{name} is {found[name]} clicks from home"
