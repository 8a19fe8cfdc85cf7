"""A personal message with an invitation to apply: written on the recommended-candidates
page, read in the candidate's notification, email and on the job's page, always as text."""

import pytest
from django.urls import reverse

from matching.models import Invitation
from matching.services import candidate_features_refresh, matches_for_job_record
from notifications.models import Channel, Notification
from notifications.services import notification_send
from tests import factories
from tests.helpers import messages_of
from tests.matching.conftest import make_candidate, make_job

MESSAGE = 'Hi Siu Ming,\nyour <b>R&D</b> work on "edge AI" fits our team\'s plans.\n'
ESCAPED = "your &lt;b&gt;R&amp;D&lt;/b&gt; work on &quot;edge AI&quot; fits our team&#x27;s plans."


@pytest.fixture
def setup(skills):
    python, torch = skills["Python"], skills["PyTorch"]
    job = make_job(required=[python, torch], title="ML Engineer")
    recruiter = factories.CompanyMemberFactory(company=job.company, user__name="Lam Wing Yee").user
    candidate = make_candidate(skills=[python, torch], headline="ML engineer")
    candidate_features_refresh()
    matches_for_job_record(job.pk)
    return job, recruiter, candidate


def invite_url(job, candidate):
    return reverse("matching:candidate_invite", args=[job.pk, candidate.pk])


def test_the_recommended_candidates_page_has_a_message_field_per_candidate(client, setup):
    job, recruiter, candidate = setup
    client.force_login(recruiter)

    html = client.get(reverse("matching:job_candidates", args=[job.pk])).content.decode()

    field_id = f"invite-message-{candidate.pk}"
    assert f'<label for="{field_id}">Personal message (optional)</label>' in html
    assert f'<textarea id="{field_id}" name="message" rows="4" maxlength="1000"' in html


def test_the_message_is_kept_as_written_and_reaches_the_notification(client, setup):
    job, recruiter, candidate = setup
    client.force_login(recruiter)

    response = client.post(invite_url(job, candidate), {"message": f"  {MESSAGE}  "})

    assert response.status_code == 302
    invitation = Invitation.objects.get(job=job, candidate=candidate)
    assert invitation.message == MESSAGE.strip()  # markup kept: the pages escape it
    notifications = Notification.objects.filter(recipient=candidate, kind="invitation")
    assert {n.channel for n in notifications} == {Channel.IN_APP, Channel.EMAIL}
    for notification in notifications:
        assert notification.context["message"] == MESSAGE.strip()
        assert notification.context["sender"] == "Lam Wing Yee"


def test_the_email_carries_the_message_as_text_and_escaped_in_html(
    client, setup, mailoutbox, committed
):
    job, recruiter, candidate = setup
    client.force_login(recruiter)
    with committed():
        client.post(invite_url(job, candidate), {"message": MESSAGE})
    email_row = Notification.objects.get(recipient=candidate, channel=Channel.EMAIL)
    if not mailoutbox:
        notification_send(email_row.pk)

    message = mailoutbox[-1]
    assert "Lam Wing Yee writes:" in message.body
    assert 'your <b>R&D</b> work on "edge AI" fits our team\'s plans.' in message.body
    html = message.alternatives[0][0]
    assert ESCAPED in html
    assert "<b>R&D</b>" not in html


def test_the_notification_centre_and_the_job_page_show_it_escaped(client, setup):
    job, recruiter, candidate = setup
    client.force_login(recruiter)
    client.post(invite_url(job, candidate), {"message": MESSAGE})
    client.force_login(candidate)

    inbox = client.get(reverse("notifications:inbox")).content.decode()
    assert ESCAPED in inbox
    assert "<b>R&D</b>" not in inbox

    page = client.get(job.get_absolute_url()).content.decode()
    banner = page[page.index("invite-banner") :]
    assert f"{job.company.name} invited you to apply" in banner
    assert "Hi Siu Ming,\nyour &lt;b&gt;R&amp;D&lt;/b&gt;" in banner
    assert "— Lam Wing Yee" in banner
    assert "<b>R&D</b>" not in page


def test_an_invitation_without_a_message_says_nothing_more(client, setup):
    job, recruiter, candidate = setup
    client.force_login(recruiter)
    client.post(invite_url(job, candidate), {"message": "   "})
    client.force_login(candidate)

    assert Invitation.objects.get().message == ""
    page = client.get(job.get_absolute_url()).content.decode()
    assert "invite-message" not in page
    assert "notification-excerpt" not in client.get(reverse("notifications:inbox")).content.decode()


def test_a_message_over_1000_characters_is_refused_and_nobody_is_invited(client, setup):
    job, recruiter, candidate = setup
    client.force_login(recruiter)

    response = client.post(invite_url(job, candidate), {"message": "字" * 1001})

    assert response.status_code == 302
    assert any("at most 1000 characters" in text for text in messages_of(response))
    assert not Invitation.objects.exists()
    assert not Notification.objects.exists()
    # Exactly 1000 is fine.
    client.post(invite_url(job, candidate), {"message": "字" * 1000})
    assert Invitation.objects.get().message == "字" * 1000


def test_the_service_refuses_a_long_message_too(setup):
    from hkstp_portal.errors import DomainError
    from matching.services import invitation_create

    job, recruiter, candidate = setup
    with pytest.raises(DomainError, match="1000 characters"):
        invitation_create(job=job, candidate=candidate, by=recruiter, message="x" * 1001)
    assert not Invitation.objects.exists()
