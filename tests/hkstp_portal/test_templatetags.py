"""The portal template library (hkstp_portal/templatetags/portal.py)."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.html import escape

from events.models import EventSession
from hkstp_portal.vocabulary import Education, EmploymentType, JobField, Seniority, Site, WorkMode
from tests import factories

CHOICE_FIELDS = {
    "site": Site,
    "employment_type": EmploymentType,
    "seniority": Seniority,
    "work_mode": WorkMode,
    "education": Education,
    "field": JobField,
}


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
@pytest.mark.parametrize("name", list(CHOICE_FIELDS))
def test_display_is_get_foo_display_for_every_choice_and_language(name, language):
    template = Template("{% load portal %}{{ job|display:name }}")
    for value in CHOICE_FIELDS[name].values:
        job = factories.JobFactory.build(**{name: value})
        with translation.override(language):
            expected = getattr(job, f"get_{name}_display")()
            assert template.render(Context({"job": job, "name": name})) == escape(expected)


def test_display_shows_an_unknown_value_as_is():
    job = factories.JobFactory.build(site="moon_base")
    assert (
        Template('{% load portal %}{{ job|display:"site" }}').render(Context({"job": job}))
        == job.get_site_display()
        == "moon_base"
    )


# --- <time datetime> ---------------------------------------------------------------------

HTML_DATETIME = re.compile(r"^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,3})?)?([+-]\d\d:\d\d|Z))?$")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            datetime.datetime(2026, 11, 25, 2, 30, 15, 123456, tzinfo=datetime.UTC),
            "2026-11-25T10:30:15+08:00",  # Hong Kong time, to the second
        ),
        (datetime.date(2026, 11, 25), "2026-11-25"),
        (None, ""),
        ("", ""),
    ],
)
def test_datetime_attr_is_a_valid_html_datetime(value, expected):
    rendered = Template("{% load portal %}{{ value|datetime_attr }}").render(
        Context({"value": value})
    )
    assert rendered == expected
    assert not rendered or HTML_DATETIME.match(rendered)


def test_every_time_element_in_the_templates_uses_datetime_attr():
    # Django's date:"c" writes microseconds, which HTML's datetime attribute does not allow
    # (the Nu Html Checker reports every one).
    templates = Path(settings.BASE_DIR, "templates")
    found = []
    for path in templates.rglob("*.html"):
        for value in re.findall(r'datetime="([^"]*)"', path.read_text()):
            if not re.fullmatch(r"\{\{ [\w.]+\|datetime_attr \}\}", value):
                found.append(f"{path.relative_to(templates)}: {value}")
    assert found == []


@pytest.mark.django_db
def test_event_page_times_carry_no_microseconds(client):
    starts = timezone.now().replace(microsecond=654321) + datetime.timedelta(days=10)
    event = factories.EventFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=3))
    EventSession.objects.create(
        event=event, title="Opening", starts_at=starts, ends_at=starts + datetime.timedelta(hours=1)
    )

    content = client.get(event.get_absolute_url()).content.decode()

    values = re.findall(r'datetime="([^"]*)"', content)
    assert len(values) == 4
    assert all(HTML_DATETIME.match(value) for value in values), values
