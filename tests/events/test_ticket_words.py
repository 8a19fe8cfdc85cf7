"""What a ticket, its calendar file and its emails say: sessions in time order, the place
named once, and an .ics file a calendar accepts (RFC 5545, METHOD:PUBLISH of RFC 5546)."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from events.models import Event
from events.services.registrations import registration_create
from tests import factories

pytestmark = pytest.mark.django_db

VENUE = "Charles K. Kao Auditorium, Hong Kong Science Park"


@pytest.fixture
def registration():
    starts = datetime.datetime(2031, 3, 14, 2, 0, tzinfo=datetime.UTC)  # 10:00 in Hong Kong
    return factories.RegistrationFactory(
        event__title="AI in Action; Career Day, 2031",
        event__starts_at=starts,
        event__ends_at=starts + datetime.timedelta(hours=7),
        event__venue=VENUE,
        event__site="science_park",
        event__format=Event.Format.PHYSICAL,
    )


def _sessions_in_reverse_time_order(event):
    """Sessions written latest first, so neither their ids nor the order they were added
    give the time order."""
    sessions = []
    for hours, title in ((5, "Closing panel"), (1, "Opening talk"), (3, "Workshop")):
        starts = event.starts_at + datetime.timedelta(hours=hours)
        sessions.append(
            event.sessions.create(
                title=title, starts_at=starts, ends_at=starts + datetime.timedelta(minutes=50)
            )
        )
    return sessions


def _order(html, titles):
    return sorted(titles, key=html.index)


def test_the_event_page_lists_its_sessions_in_time_order(client, registration):
    _sessions_in_reverse_time_order(registration.event)
    html = client.get(registration.event.get_absolute_url()).content.decode()
    titles = ["Opening talk", "Workshop", "Closing panel"]
    assert _order(html, titles) == titles


def test_the_ticket_lists_my_sessions_in_time_order(client, registration):
    for session in _sessions_in_reverse_time_order(registration.event):
        session.registrations.create(registration=registration)
    client.force_login(registration.candidate)
    html = client.get(reverse("events:ticket", args=[registration.event.slug])).content.decode()
    titles = ["Opening talk", "Workshop", "Closing panel"]
    assert _order(html, titles) == titles


def _ics(client, registration):
    client.force_login(registration.candidate)
    response = client.get(reverse("events:ticket_ics", args=[registration.event.slug]))
    assert response.status_code == 200
    return response.content


def test_the_ics_file_is_a_valid_published_event_with_its_organizer(client, registration):
    calendar = icalendar.Calendar.from_ical(_ics(client, registration))

    assert calendar.errors == []
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["VERSION"] == "2.0"
    (event,) = calendar.walk("VEVENT")
    assert event.errors == []
    # RFC 5546 §3.2.1: a PUBLISH event has DTSTAMP, DTSTART, ORGANIZER, SUMMARY and UID.
    for name in ("DTSTAMP", "DTSTART", "ORGANIZER", "SUMMARY", "UID"):
        assert name in event, name
    assert event["ORGANIZER"] == "mailto:talent@portal.hkstp.example"
    assert event["ORGANIZER"].params["CN"] == "HKSTP Talent Portal"
    assert str(event["SUMMARY"]) == "AI in Action; Career Day, 2031"
    assert event.decoded("DTSTART") == registration.event.starts_at
    assert event.decoded("DTEND") == registration.event.ends_at
    assert str(event["LOCATION"]) == VENUE


def test_the_ics_organizer_name_is_quoted_when_it_must_be(client, registration, settings):
    settings.DEFAULT_FROM_EMAIL = '"HKSTP: Talent, Portal" <talent@hkstp.example>'
    calendar = icalendar.Calendar.from_ical(_ics(client, registration))
    (event,) = calendar.walk("VEVENT")
    assert event["ORGANIZER"] == "mailto:talent@hkstp.example"
    assert event["ORGANIZER"].params["CN"] == "HKSTP: Talent, Portal"


SCIENCE_PARK = "Hong Kong Science Park, Pak Shek Kok"


@pytest.mark.parametrize(
    ("venue", "site", "place"),
    [
        (VENUE, "science_park", [VENUE]),
        ("Kao Auditorium, Science Park", "science_park", ["Kao Auditorium, Science Park"]),
        (
            "Conference Hall, Core Building 1",
            "science_park",
            ["Conference Hall, Core Building 1", SCIENCE_PARK],
        ),
        ("Seminar Room 2, InnoCentre", "innocentre", ["Seminar Room 2, InnoCentre"]),
        ("", "innocentre", ["InnoCentre, Kowloon Tong"]),
        ("Room 301, 72 Tat Chee Avenue", "", ["Room 301, 72 Tat Chee Avenue"]),
    ],
)
def test_the_place_names_the_site_once(venue, site, place):
    assert factories.EventFactory(venue=venue, site=site).place() == place


def test_the_place_in_chinese_names_the_site_once():
    event = factories.EventFactory(venue="香港科學園 會議廳", site="science_park")
    with translation.override("zh-hant"):
        assert event.place() == ["香港科學園 會議廳"]
    event = factories.EventFactory(venue="Conference Hall", site="science_park")
    with translation.override("zh-hant"):
        assert event.place() == ["Conference Hall", "香港科學園（白石角）"]


def _where(html: str) -> str:
    """The text of the "Where" fact of a page."""
    where = html[html.index(">Where</dt>") :]
    return where[where.index("<dd>") + 4 : where.index("</dd>")].strip()


def test_the_ticket_names_the_venue_once(client, registration):
    client.force_login(registration.candidate)
    html = client.get(reverse("events:ticket", args=[registration.event.slug])).content.decode()
    assert _where(html) == VENUE


def test_the_event_page_names_the_venue_once(client, registration):
    html = client.get(registration.event.get_absolute_url()).content.decode()
    assert _where(html) == VENUE


def test_the_ticket_email_names_the_venue_once(committed):
    event = factories.EventFactory(venue=VENUE, site="science_park")
    candidate = factories.CandidateFactory()
    with committed():
        registration_create(event=event, candidate=candidate)
    (message,) = mail.outbox
    (where,) = [line for line in message.body.splitlines() if line.startswith("Where:")]
    assert where == f"Where: {VENUE}"
