"""Check-in at the door: the service's answers, and the staff page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Registration
from events.services.registrations import CheckInRefused, registration_check_in
from hkstp_portal.errors import DomainError
from tests import factories

pytestmark = pytest.mark.django_db
Status = Registration.Status


def test_a_confirmed_ticket_checks_in(staff, django_assert_num_queries):
    registration = factories.RegistrationFactory()
    # One locked read of the ticket (with its holder and event), one update.
    with django_assert_num_queries(4):  # + SAVEPOINT / RELEASE of the test's transaction
        result = registration_check_in(event=registration.event, code=registration.code, by=staff)
    assert result.already is False
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert registration.checked_in_by == staff


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code.lower(),
        lambda code: f"  {code[:4]}-{code[4:]} ",
        lambda code: f"{code[:4].lower()} {code[4:]}",
    ],
)
def test_a_code_typed_by_hand_is_accepted(staff, typed):
    registration = factories.RegistrationFactory()
    result = registration_check_in(
        event=registration.event, code=typed(registration.code), by=staff
    )
    assert result.registration == registration


@pytest.mark.parametrize("lookalike", ["\u017f", "\u0405", "\uff33"])
def test_a_lookalike_letter_is_not_the_ticket_s_letter(staff, lookalike):
    # Found by tests/events/test_checkin_fuzz.py: str.upper() turned the long s into "S",
    # so "K\u017fPX2345" checked in ticket KSPX2345.
    registration = factories.RegistrationFactory(code="KSPX2345")
    with pytest.raises(CheckInRefused):
        registration_check_in(event=registration.event, code=f"K{lookalike}PX2345", by=staff)
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_a_second_scan_changes_nothing_and_says_when(staff):
    registration = factories.RegistrationFactory()
    registration_check_in(event=registration.event, code=registration.code, by=staff)
    registration.refresh_from_db()
    first_time = registration.checked_in_at
    other_staff = factories.StaffFactory()
    result = registration_check_in(event=registration.event, code=registration.code, by=other_staff)
    assert result.already is True
    registration.refresh_from_db()
    assert registration.checked_in_at == first_time
    assert registration.checked_in_by == staff


def test_another_events_ticket_is_refused_naming_that_event(staff):
    registration = factories.RegistrationFactory(event__title="Fintech Career Day")
    here = factories.EventFactory()
    with pytest.raises(CheckInRefused, match="This ticket is for Fintech Career Day"):
        registration_check_in(event=here, code=registration.code, by=staff)
    registration.refresh_from_db()
    assert registration.checked_in_at is None


@pytest.mark.parametrize(
    ("factory", "extra", "reason"),
    [
        (factories.CancelledRegistrationFactory, {}, "cancelled"),
        (factories.WaitlistedRegistrationFactory, {}, "waitlist"),
        (
            factories.RegistrationFactory,
            {
                "status": Status.OFFERED,
                "offer_expires_at": timezone.now() + datetime.timedelta(hours=3),
            },
            "not confirmed",
        ),
    ],
)
def test_tickets_without_a_place_are_refused_with_the_reason(staff, factory, extra, reason):
    registration = factory(**extra)
    with pytest.raises(CheckInRefused, match=reason) as exc:
        registration_check_in(event=registration.event, code=registration.code, by=staff)
    assert exc.value.registration == registration
    registration.refresh_from_db()
    assert registration.checked_in_at is None


@pytest.mark.parametrize("code", ["ZZZZ-ZZZZ", "", "not a code!", "0000-1111"])
def test_an_unknown_code_is_refused(staff, code):
    event = factories.EventFactory()
    with pytest.raises(CheckInRefused, match="No ticket with this code"):
        registration_check_in(event=event, code=code, by=staff)


def test_only_staff_check_people_in(candidate, employer):
    registration = factories.RegistrationFactory()
    for user in (candidate, employer):
        with pytest.raises(DomainError, match="Only HKSTP staff"):
            registration_check_in(event=registration.event, code=registration.code, by=user)
    registration.refresh_from_db()
    assert registration.checked_in_at is None


# --- The page ----------------------------------------------------------------------------------


def _url(event):
    return reverse("events:check_in", args=[event.slug])


def test_anonymous_visitors_go_to_the_login_page(client):
    event = factories.EventFactory()
    response = client.get(_url(event))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["candidate", "employer"])
def test_people_who_are_not_staff_get_403(client, request, who):
    registration = factories.RegistrationFactory()
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(registration.event)).status_code == 403
    response = client.post(_url(registration.event), {"code": registration.code})
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_an_unknown_event_is_404(client, staff):
    client.force_login(staff)
    assert client.get("/staff/events/no-such-fair/check-in/").status_code == 404


def test_the_page_has_the_field_the_camera_button_and_the_counter(client, staff):
    event = factories.EventFactory(capacity=480)
    factories.RegistrationFactory(event=event, checked_in_at=timezone.now())
    factories.RegistrationFactory(event=event)
    factories.WaitlistedRegistrationFactory(event=event)
    client.force_login(staff)
    response = client.get(_url(event))
    html = response.content.decode()
    assert response.status_code == 200
    assert "autofocus" in html
    assert "Scan with camera" in html
    assert "js/checkin.js" in html
    assert "1 of 2 checked in" in html
    assert "csrfmiddlewaretoken" in html


def test_posting_a_code_shows_the_name_and_clears_the_field(client, staff):
    registration = factories.RegistrationFactory(candidate__name="Chan Tai Man")
    client.force_login(staff)
    code = registration.code.lower()
    response = client.post(_url(registration.event), {"code": code})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Checked in: Chan Tai Man" in html
    assert "result-ok" in html
    assert code not in html
    assert registration.code not in html
    assert "1 of 1 checked in" in html


def test_posting_the_same_code_again_says_already(client, staff):
    registration = factories.RegistrationFactory(candidate__name="Chan Tai Man")
    client.force_login(staff)
    client.post(_url(registration.event), {"code": registration.code})
    registration.refresh_from_db()
    at = timezone.localtime(registration.checked_in_at).strftime("%H:%M")
    response = client.post(_url(registration.event), {"code": registration.code})
    html = response.content.decode()
    assert f"Already checked in at {at}" in html
    assert "result-warn" in html
    registration.refresh_from_db()
    assert timezone.localtime(registration.checked_in_at).strftime("%H:%M") == at


def test_posting_a_refused_ticket_shows_the_reason(client, staff):
    cancelled = factories.CancelledRegistrationFactory()
    client.force_login(staff)
    response = client.post(_url(cancelled.event), {"code": cancelled.code})
    html = response.content.decode()
    assert "Refused:" in html
    assert "This ticket was cancelled." in html
    assert "result-refused" in html
    response = client.post(_url(cancelled.event), {"code": "QQQQ-QQQQ"})
    assert "No ticket with this code." in response.content.decode()


def test_posting_nothing_is_a_form_error(client, staff):
    event = factories.EventFactory()
    client.force_login(staff)
    response = client.post(_url(event), {"code": "  -  "})
    assert response.status_code == 400
    assert "Scan or type a ticket code." in response.content.decode()


def test_get_never_checks_anyone_in(client, staff):
    registration = factories.RegistrationFactory()
    client.force_login(staff)
    client.get(_url(registration.event), {"code": registration.code})
    registration.refresh_from_db()
    assert registration.checked_in_at is None


@pytest.mark.parametrize("size", [3, 60])
def test_a_check_in_post_takes_the_same_few_queries_whatever_the_event_size(
    client, staff, django_assert_num_queries, size
):
    event = factories.EventFactory(capacity=500)
    registrations = [factories.RegistrationFactory(event=event) for _ in range(size)]
    client.force_login(staff)
    client.get(_url(event))  # the session is warm
    # session, user, event, [SAVEPOINT], the locked read, the update, [RELEASE], the counter.
    # (The savepoint pair is the test's transaction; in production it is BEGIN/COMMIT.)
    with django_assert_num_queries(8):
        response = client.post(_url(event), {"code": registrations[-1].code})
    assert response.status_code == 200
    assert "Checked in:" in response.content.decode()
