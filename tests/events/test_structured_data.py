"""The schema.org Event on an event page, in the shape search engines require."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from events.models import Event
from tests import factories

pytestmark = pytest.mark.django_db

SCHEMA = "https://schema.org/"
ISO_WITH_ZONE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def event_jsonld(response) -> dict:
    found = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert len(found) == 1, "one JSON-LD block"
    return json.loads(found[0])


def assert_valid_event(data: dict) -> None:
    """What Google's Event rich result requires and recommends, field by field."""
    assert data["@context"] == SCHEMA
    assert data["@type"] == "Event"
    assert isinstance(data["name"], str)
    assert data["name"]
    for key in ("startDate", "endDate"):
        assert ISO_WITH_ZONE.match(data[key]), f"{key} is ISO 8601 with its time zone"
    assert data["endDate"] > data["startDate"]
    assert data["eventAttendanceMode"] in {
        SCHEMA + "OfflineEventAttendanceMode",
        SCHEMA + "OnlineEventAttendanceMode",
        SCHEMA + "MixedEventAttendanceMode",
    }
    assert data["eventStatus"] == SCHEMA + "EventScheduled"
    locations = data["location"] if isinstance(data["location"], list) else [data["location"]]
    for location in locations:
        assert location["@type"] in {"Place", "VirtualLocation"}
        if location["@type"] == "Place":
            assert location["address"]["@type"] == "PostalAddress"
            assert location["address"]["addressCountry"] in {"HK", "CN"}
        else:
            assert location["url"].startswith("http")
    assert data["organizer"]["@type"] == "Organization"
    assert data["organizer"]["name"]
    assert data["organizer"]["url"].startswith("http")
    assert data["url"].startswith("http")
    if "offers" in data:
        offer = data["offers"]
        assert offer["@type"] == "Offer"
        assert offer["price"] == "0"
        assert offer["priceCurrency"] == "HKD"
        assert offer["availability"].startswith(SCHEMA)
        assert offer["url"] == data["url"]
        assert ISO_WITH_ZONE.match(offer["validThrough"])


def test_an_in_person_fair_carries_a_place_and_a_free_offer(client):
    starts = timezone.localtime(timezone.now() + datetime.timedelta(days=20)).replace(
        hour=10, minute=0, second=0, microsecond=123456
    )
    event = factories.EventFactory(
        title="Life and Health Tech Career Day",
        description="Meet 40 park companies.",
        format=Event.Format.PHYSICAL,
        venue="Charles K. Kao Auditorium",
        site="science_park",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=7),
    )

    data = event_jsonld(client.get(event.get_absolute_url()))

    assert_valid_event(data)
    assert data["name"] == "Life and Health Tech Career Day"
    assert data["description"] == "Meet 40 park companies."
    assert data["startDate"] == starts.replace(microsecond=0).isoformat()
    assert data["startDate"].endswith("+08:00")
    assert data["eventAttendanceMode"] == SCHEMA + "OfflineEventAttendanceMode"
    assert data["location"]["name"] == "Charles K. Kao Auditorium"
    assert data["location"]["address"]["addressLocality"] == "Sha Tin"
    assert data["url"] == f"http://testserver/events/{event.slug}/"
    assert data["offers"]["availability"] == SCHEMA + "InStock"
    assert data["organizer"]["url"] == "http://testserver/"


def test_a_hybrid_event_has_a_place_and_its_page_as_the_online_location(client):
    event = factories.EventFactory(
        format=Event.Format.HYBRID, stream_url="https://meet.example/secret-room"
    )
    response = client.get(event.get_absolute_url())
    data = event_jsonld(response)
    assert_valid_event(data)
    assert data["eventAttendanceMode"] == SCHEMA + "MixedEventAttendanceMode"
    assert [location["@type"] for location in data["location"]] == ["Place", "VirtualLocation"]
    # The stream is for registered people only: never in the page or its data.
    assert data["location"][1]["url"] == data["url"]
    assert "secret-room" not in response.content.decode()


def test_an_online_event_has_a_virtual_location_only(client):
    event = factories.EventFactory(format=Event.Format.VIRTUAL, site="", venue="")
    data = event_jsonld(client.get(event.get_absolute_url()))
    assert_valid_event(data)
    assert data["eventAttendanceMode"] == SCHEMA + "OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"


def test_a_full_event_without_a_waitlist_is_sold_out_and_a_future_window_is_a_preorder(client):
    full = factories.EventFactory(capacity=1, waitlist_enabled=False)
    factories.RegistrationFactory(event=full)
    assert event_jsonld(client.get(full.get_absolute_url()))["offers"]["availability"] == (
        SCHEMA + "SoldOut"
    )
    opens = timezone.now() + datetime.timedelta(days=3)
    later = factories.EventFactory(registration_opens_at=opens)
    offer = event_jsonld(client.get(later.get_absolute_url()))["offers"]
    assert offer["availability"] == SCHEMA + "PreOrder"
    assert ISO_WITH_ZONE.match(offer["validFrom"])


def test_a_past_event_keeps_its_data_without_an_offer(client):
    starts = timezone.now() - datetime.timedelta(days=10)
    event = factories.EventFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=3))
    data = event_jsonld(client.get(event.get_absolute_url()))
    assert_valid_event(data)
    assert "offers" not in data


def test_the_chinese_page_describes_the_event_in_chinese(client):
    event = factories.EventFactory(title="AI in Action", title_zh="AI 實戰日")
    data = event_jsonld(client.get(f"/zh-hant/events/{event.slug}/"))
    assert data["name"] == "AI 實戰日"
    assert data["url"] == f"http://testserver/zh-hant/events/{event.slug}/"


def test_event_text_cannot_break_out_of_the_json_ld(client):
    event = factories.EventFactory(title="</script><script>alert(1)</script>")
    response = client.get(event.get_absolute_url())
    assert b"<script>alert(1)</script>" not in response.content
    assert event_jsonld(response)["name"] == "</script><script>alert(1)</script>"
