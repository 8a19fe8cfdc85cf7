"""A job called "R&D Engineer (Women's Health)" reads the same everywhere: as written in a
subject and a text body, escaped exactly once in HTML (an email's HTML part, the
notification centre)."""

import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse

from applications.models import Stage
from applications.services import application_stage_set
from notifications.models import Channel, Notification
from tests import factories

pytestmark = pytest.mark.django_db

TITLE = "R&D Engineer (Women's Health)"
COMPANY = 'Tam & Lee "Bio" <Labs>'


@pytest.fixture
def moved(committed):
    """A stage change on an application to TITLE at COMPANY: the candidate's email and
    the item in their notification centre."""
    member = factories.CompanyMemberFactory(company__name=COMPANY)
    application = factories.ApplicationFactory(
        job__company=member.company, job__title=TITLE, candidate__language="en"
    )
    with committed():
        application_stage_set(application=application, to_stage=Stage.INTERVIEW, by=member.user)
    return application


def _html_part(message) -> str:
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def test_the_subject_and_the_text_body_carry_the_title_as_written(moved):
    [message] = mail.outbox
    assert message.subject == f"Your application for {TITLE}: Interview"
    assert f'"{TITLE}" at {COMPANY}' in message.body
    for text in (message.subject, message.body):
        assert "&amp;" not in text
        assert "&#x27;" not in text
        assert "&quot;" not in text
        assert "&lt;" not in text


def test_the_html_body_escapes_the_title_once(moved):
    [message] = mail.outbox
    part = _html_part(message)
    assert "R&amp;D Engineer (Women&#x27;s Health)" in part
    assert "Tam &amp; Lee &quot;Bio&quot; &lt;Labs&gt;" in part
    assert "&amp;amp;" not in part
    assert "&amp;#x27;" not in part
    assert "<Labs>" not in part


def test_the_notification_centre_escapes_the_title_once(client, moved):
    client.force_login(moved.candidate)
    page = client.get(reverse("notifications:inbox")).content.decode()
    title = "R&amp;D Engineer (Women&#x27;s Health)"
    assert f"{title} at Tam &amp; Lee &quot;Bio&quot; &lt;Labs&gt;" in page
    assert "&amp;amp;" not in page
    assert "&amp;#x27;" not in page


def test_a_stored_subject_is_kept_as_written(moved):
    row = Notification.objects.get(channel=Channel.EMAIL, recipient=moved.candidate)
    assert row.subject == f"Your application for {TITLE}: Interview"


def test_the_migration_unescapes_subjects_stored_escaped(candidate):
    migration = importlib.import_module("notifications.migrations.0002_subjects_as_written")
    escaped, templated = (
        Notification.objects.create(
            recipient=candidate,
            kind="application_stage",
            channel=Channel.EMAIL,
            key=key,
            template=template,
            subject="Your application for R&amp;D Engineer (Women&#x27;s Health): Interview",
        )
        for key, template in (("a", ""), ("b", "application_stage"))
    )
    migration.subjects_unescape(apps, None)
    escaped.refresh_from_db()
    templated.refresh_from_db()
    assert escaped.subject == f"Your application for {TITLE}: Interview"
    # A templated row renders its subject at send time; its stored field is left alone.
    assert templated.subject.startswith("Your application for R&amp;D")
