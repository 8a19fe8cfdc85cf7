"""Check-in at the door by name: someone without their ticket is found among this event's
registrants only, and checked in with a POST from the list, duplicate-safe as a scan."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Registration
from tests import factories

pytestmark = pytest.mark.django_db


def url(event, **query):
    path = reverse("events:check_in", args=[event.slug])
    if query:
        path += "?" + urlencode(query)
    return path


@pytest.fixture
def fair():
    return factories.EventFactory(title="Science Park Recruitment Fair")


@pytest.fixture
def chan(fair):
    return factories.RegistrationFactory(
        event=fair, candidate__name="Chan Siu Ming", candidate__email="siuming@student.example"
    )


def found(response):
    return response.context["found"]


def test_a_name_finds_this_events_registrants_only(client, staff, fair, chan):
    factories.RegistrationFactory(event=fair, candidate__name="Wong Ka Yan")
    waitlisted = factories.WaitlistedRegistrationFactory(event=fair, candidate__name="Chan Mei")
    other_fair = factories.EventFactory(title="AI in Action Career Day")
    factories.RegistrationFactory(event=other_fair, candidate__name="Chan Tai Man")
    client.force_login(staff)

    response = client.get(url(fair, q="chan"))

    assert response.status_code == 200
    assert found(response) == [waitlisted, chan]  # by name
    html = response.content.decode()
    assert "Chan Siu Ming" in html
    assert "Chan Tai Man" not in html
    assert "Wong Ka Yan" not in html
    # A place on the waitlist is no place: its row has no button, only its status.
    assert html.count('type="submit">Check in<span class="visually-hidden"> Chan') == 1
    assert str(waitlisted.get_status_display()) in html


def test_an_email_finds_them_too_and_chinese_names_are_found(client, staff, fair, chan):
    factories.RegistrationFactory(event=fair, candidate__name="陳小明")
    client.force_login(staff)

    assert found(client.get(url(fair, q="SIUMING@student"))) == [chan]
    assert [r.candidate.name for r in found(client.get(url(fair, q="小明")))] == ["陳小明"]


def test_a_search_costs_the_same_queries_for_2_or_20_people(
    client, staff, fair, django_assert_num_queries
):
    factories.RegistrationFactory.create_batch(2, event=fair, candidate__name="Lee Ka Ho")
    client.force_login(staff)
    client.get(url(fair))  # the header's unread badge, cached from then on
    # The session, the user, the event, the counter, the people found.
    with django_assert_num_queries(5):
        assert len(found(client.get(url(fair, q="lee")))) == 2
    factories.RegistrationFactory.create_batch(18, event=fair, candidate__name="Lee Ka Ho")
    with django_assert_num_queries(5):
        assert len(found(client.get(url(fair, q="lee")))) == 20


def test_one_letter_is_too_little_to_search(client, staff, fair, chan):
    client.force_login(staff)

    response = client.get(url(fair, q="c"))

    assert response.status_code == 200
    assert found(response) is None
    assert response.context["search"].errors["q"]


def test_nobody_found_says_so(client, staff, fair, chan):
    client.force_login(staff)

    response = client.get(url(fair, q="Cheung"))

    assert found(response) == []
    assert "Nobody registered for this event matches “Cheung”." in response.content.decode()


def test_checking_in_from_the_list_checks_in_and_keeps_the_list(client, staff, fair, chan):
    client.force_login(staff)

    response = client.post(url(fair), {"code": chan.code, "q": "chan"})

    assert response.status_code == 200
    chan.refresh_from_db()
    assert chan.checked_in_at is not None
    assert chan.checked_in_by == staff
    html = response.content.decode()
    assert "Checked in: Chan Siu Ming" in html
    at = timezone.localtime(chan.checked_in_at).strftime("%H:%M")
    assert f"Checked in at {at}" in html  # the list shows it, with no button any more
    assert found(response) == [chan]
    assert "1 of 1 checked in" in html


def test_checking_in_twice_from_the_list_changes_nothing(client, staff, fair, chan):
    client.force_login(staff)
    client.post(url(fair), {"code": chan.code, "q": "chan"})
    chan.refresh_from_db()
    first = chan.checked_in_at

    response = client.post(url(fair), {"code": chan.code, "q": "chan"})

    assert "Already checked in at" in response.content.decode()
    chan.refresh_from_db()
    assert chan.checked_in_at == first


def test_another_events_registrant_cannot_be_checked_in_here(client, staff, fair, chan):
    other = factories.RegistrationFactory(
        event=factories.EventFactory(title="AI in Action Career Day"),
        candidate__name="Chan Tai Man",
    )
    client.force_login(staff)

    response = client.post(url(fair), {"code": other.code, "q": "chan"})

    html = response.content.decode()
    assert "This ticket is for AI in Action Career Day." in html
    other.refresh_from_db()
    assert other.checked_in_at is None
    assert found(response) == [chan]


@pytest.mark.parametrize("who", ["candidate", "employer"])
def test_only_staff_may_search_or_check_in(client, request, fair, chan, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(url(fair, q="chan")).status_code == 403
    assert client.post(url(fair), {"code": chan.code, "q": "chan"}).status_code == 403
    chan.refresh_from_db()
    assert chan.checked_in_at is None
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 0


def test_anonymous_visitors_cannot_search(client, fair, chan):
    response = client.get(url(fair, q="chan"))
    assert response.status_code == 302
    assert "Chan Siu Ming" not in response.content.decode()
