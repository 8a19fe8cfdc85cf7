"""The events admin: events with sessions, and the registrations list (read-only, CSV)."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Registration
from tests import factories
from tests.helpers import csv_rows

pytestmark = pytest.mark.django_db

REGISTRATIONS = reverse("admin:events_registration_changelist")
EVENTS = reverse("admin:events_event_changelist")


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_the_registrations_list_takes_the_same_queries_for_2_or_30_rows(client, superuser):
    event = factories.EventFactory()
    for _ in range(2):
        factories.RegistrationFactory(event=event)
    client.force_login(superuser)
    few, _ = _queries(client, REGISTRATIONS)
    for _ in range(28):
        factories.RegistrationFactory(event=factories.EventFactory())
    many, response = _queries(client, REGISTRATIONS)
    assert many == few
    assert response.content.decode().count('class="action-checkbox"') == 30


def test_the_events_list_takes_the_same_queries_for_2_or_20_events(client, superuser):
    for _ in range(2):
        factories.RegistrationFactory()
    client.force_login(superuser)
    few, _ = _queries(client, EVENTS)
    for _ in range(18):
        factories.WaitlistedRegistrationFactory()
    many, response = _queries(client, EVENTS)
    assert many == few
    html = response.content.decode()
    assert reverse("events:check_in", args=[Event.objects.first().slug]) in html


def test_the_event_form_has_the_sessions_inline_and_the_pages(client, superuser):
    event = factories.EventFactory()
    client.force_login(superuser)
    html = client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    assert "sessions-TOTAL_FORMS" in html
    assert "recording_url" in html
    assert reverse("events:check_in", args=[event.slug]) in html
    assert f"{REGISTRATIONS}?event__id__exact={event.pk}" in html
    # Every event has a report, exhibitors or not.
    assert reverse("events:event_report", args=[event.slug]) in html


def test_staff_find_a_registration_by_code_as_printed_name_or_email(client, superuser):
    registration = factories.RegistrationFactory(
        candidate__name="Chan Tai Man", candidate__email="tai.man@example.com"
    )
    other = factories.RegistrationFactory(candidate__name="Lee Siu Ling")
    client.force_login(superuser)
    code = registration.code
    for term in (f"{code[:4].lower()}-{code[4:]}", "Chan Tai", "tai.man@"):
        html = client.get(REGISTRATIONS, {"q": term}).content.decode()
        assert "Chan Tai Man" in html, term
        assert "Lee Siu Ling" not in html, term
    assert other.code not in client.get(REGISTRATIONS, {"q": "Chan"}).content.decode()


def test_registrations_are_read_only_in_the_admin(client, superuser):
    registration = factories.RegistrationFactory()
    client.force_login(superuser)
    assert client.get(reverse("admin:events_registration_add")).status_code == 403
    change = reverse("admin:events_registration_change", args=[registration.pk])
    client.post(change, {"status": "cancelled"})
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_export_csv_of_the_selected_registrations(client, superuser):
    event = factories.EventFactory(title="AI in Action")
    checked_in = factories.RegistrationFactory(
        event=event, candidate__name="陳大文", checked_in_at=timezone.now()
    )
    formula = factories.RegistrationFactory(event=event, candidate__name="=HYPERLINK(1)")
    client.force_login(superuser)
    response = client.post(
        REGISTRATIONS,
        {"action": "export_csv", ACTION_CHECKBOX_NAME: [checked_in.pk, formula.pk]},
    )
    assert response.status_code == 200
    rows = csv_rows(response)  # UTF-8 with a byte-order mark, for Excel
    assert rows[0][:3] == ["ticket code", "name", "email"]
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["陳大文"][0] == f"{checked_in.code[:4]}-{checked_in.code[4:]}"
    assert by_name["陳大文"][3] == "AI in Action"
    assert by_name["陳大文"][6]  # checked in
    assert "'=HYPERLINK(1)" in by_name  # never a live formula


def test_only_staff_reach_the_registrations_admin(client, candidate):
    client.force_login(candidate)
    response = client.get(REGISTRATIONS)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
