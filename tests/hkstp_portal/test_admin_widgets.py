"""Date and time inputs in the admin: native inputs that send ISO 8601 whatever the
language, each part labelled, read and written in Hong Kong time."""

import datetime
import zoneinfo

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from events.models import Event
from hkstp_portal.admin_widgets import HongKongDateInput, HongKongSplitDateTimeWidget
from tests import factories

pytestmark = pytest.mark.django_db

HONG_KONG = zoneinfo.ZoneInfo("Asia/Hong_Kong")


def _admin_forms(request):
    for model_admin in admin.site._registry.values():
        yield type(model_admin).__name__, model_admin.get_form(request, None)
        for inline in model_admin.get_inline_instances(request):
            yield type(inline).__name__, inline.get_formset(request).form


def test_every_date_and_time_in_the_admin_uses_the_native_inputs(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    checked = []
    for name, form in _admin_forms(request):
        for field_name, field in form.base_fields.items():
            if isinstance(field, forms.SplitDateTimeField):
                assert isinstance(field.widget, HongKongSplitDateTimeWidget), (name, field_name)
                checked.append(field_name)
            elif isinstance(field, forms.DateField):
                assert isinstance(field.widget, HongKongDateInput), (name, field_name)
                checked.append(field_name)
    assert {"starts_at", "registration_opens_at", "deadline", "accept_by"} <= set(checked)


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
def test_an_events_times_show_as_iso_in_hong_kong_time_with_a_label_each(
    client, superuser, language
):
    event = factories.EventFactory(
        starts_at=datetime.datetime(2026, 11, 25, 10, 0, tzinfo=HONG_KONG),
        ends_at=datetime.datetime(2026, 11, 25, 17, 30, tzinfo=HONG_KONG),
    )
    client.force_login(superuser)
    with translation.override(language):
        url = reverse("admin:events_event_change", args=[event.pk])

    html = client.get(url).content.decode()

    assert (
        '<input type="date" name="starts_at_0" value="2026-11-25" required id="id_starts_at_0">'
        in html
    )
    assert '<input type="time" name="ends_at_1" value="17:30" required id="id_ends_at_1">' in html
    assert '<label for="id_starts_at_0" class="hk-datetime-part">' in html
    assert 'class="vDateField"' not in html  # no second, text-box calendar


def _event_form(client, url, **changes):
    page = client.get(url)
    formset = page.context["inline_admin_formsets"][0].formset
    data = {
        "title": "Microelectronics Career Day",
        "slug": "microelectronics-career-day",
        "kind": Event.Kind.RECRUITMENT_FAIR,
        "format": Event.Format.PHYSICAL,
        "theme": "",
        "is_published": "on",
        "starts_at_0": "2026-11-25",
        "starts_at_1": "14:30",
        "ends_at_0": "2026-11-25",
        "ends_at_1": "18:00",
        "registration_opens_at_0": "",
        "registration_opens_at_1": "",
        "registration_closes_at_0": "2026-11-24",
        "registration_closes_at_1": "23:59",
        "site": "",
        "venue": "Charles K. Kao Auditorium",
        "stream_url": "",
        "description": "",
        "partners": "",
        "audience": Event.Audience.EVERYONE,
        "audience_universities": "",
        "capacity": "200",
        "waitlist_enabled": "on",
        "waitlist_offer_hours": "24",
        f"{formset.prefix}-TOTAL_FORMS": "0",
        f"{formset.prefix}-INITIAL_FORMS": "0",
        f"{formset.prefix}-MIN_NUM_FORMS": "0",
        f"{formset.prefix}-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
def test_what_the_inputs_send_is_saved_as_hong_kong_time_in_every_language(
    client, superuser, language
):
    client.force_login(superuser)
    with translation.override(language):
        url = reverse("admin:events_event_add")

    response = client.post(url, _event_form(client, url))

    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="microelectronics-career-day")
    assert event.starts_at == datetime.datetime(2026, 11, 25, 14, 30, tzinfo=HONG_KONG)
    assert event.starts_at == datetime.datetime(2026, 11, 25, 6, 30, tzinfo=datetime.UTC)
    assert event.registration_closes_at == datetime.datetime(2026, 11, 24, 23, 59, tzinfo=HONG_KONG)
