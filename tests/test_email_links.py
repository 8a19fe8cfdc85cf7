"""Every email the portal sends links only to SITE_URL, in every language.

The worker that sends most of them has no request to take a host from, and allauth's
sign-up and password emails would take theirs from the request: each email here is
rendered the way its service sends it (the portal's own templates with the context their
services give, the notification ledger's templates, digests, and allauth's emails through
its views), with SITE_URL set to an address nothing else uses. Adding an email template
without adding it here fails `test_every_email_template_is_covered`.
"""

import datetime
import html
import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from applications.models import Stage
from companies.models import CompanyNameChange
from companies.services import member_invite
from events.models import InterviewSlot
from notifications import tasks
from notifications.models import Delivery, Kind
from notifications.outbox import email_render_and_enqueue
from notifications.services import notification_create
from tests import factories

pytestmark = pytest.mark.django_db

SITE = "https://talent.hkstp.example"
LANGUAGES = ["en", "zh-hant", "zh-hans"]
PREFIX = {"en": "", "zh-hant": "/zh-hant", "zh-hans": "/zh-hans"}
# A company's own online interview room: the one link in an email that is not the portal's.
MEETING_URL = "https://meet.kowloon-robotics.example/room/42"

TEMPLATES = Path(settings.BASE_DIR) / "templates"
URL = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s<>\"']*|\bwww\.[^\s<>\"']+", re.IGNORECASE)
PATH = re.compile(r"(?<!\S)/[\w-]+/")
ATTRIBUTE = re.compile(r"\b(?:href|src|action)=\"([^\"]*)\"")
# Addresses the portal answers on in development and tests, which an email must not name.
LOCAL_HOSTS = ("testserver", "127.0.0.1", "localhost")


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE


def _parts(message) -> list[str]:
    return [content for content, _mimetype in getattr(message, "alternatives", [])]


def links_of(message) -> list[str]:
    """Every link in a message: in its subject, its text, its HTML (text and attributes)
    and its List-Unsubscribe header."""
    texts = [message.subject, message.body, *(html.unescape(part) for part in _parts(message))]
    # A link at the end of a sentence is followed by its full stop.
    links = [link.rstrip(".,;:!?。，；：！？") for text in texts for link in URL.findall(text)]
    links += [html.unescape(link) for part in _parts(message) for link in ATTRIBUTE.findall(part)]
    links += re.findall(r"<([^>]*)>", message.extra_headers.get("List-Unsubscribe", ""))
    return links


def assert_links_only_to_site(message, allowed=()):
    links = links_of(message)
    elsewhere = [
        link
        for link in links
        if link != SITE
        and not link.startswith(f"{SITE}/")
        and link not in allowed
        and not link.startswith("mailto:")
    ]
    assert not elsewhere, f"{message.subject!r} links elsewhere: {elsewhere}"
    # A path without the address is no link in an email.
    assert not PATH.findall(URL.sub("", message.body)), message.body
    everything = "\n".join([message.subject, message.body, *_parts(message)])
    for host in LOCAL_HOSTS:
        assert host not in everything, f"{message.subject!r} names {host}"
    return links


def _only(outbox):
    assert len(outbox) == 1, [m.subject for m in outbox]
    return outbox[0]


# --- The portal's own emails (templates/emails/), as their services send them -------------


def _member(lang, factory=factories.CompanyMemberFactory, **kwargs):
    return factory(user__language=lang, **kwargs)


def _event():
    return factories.EventFactory(venue="Charles K. Kao Auditorium")


def _programme_offer(lang, *, to_candidate=True):
    placement = factories.PlacementFactory()
    application = factories.ProgrammeApplicationFactory(
        programme=placement.programme, candidate__language=lang
    )
    user = application.candidate if to_candidate else _member(lang, company=placement.company).user
    context = {
        "application": application,
        "programme": placement.programme,
        "placement": placement,
        "reply_by": timezone.now() + datetime.timedelta(days=7),
        "expired": False,
        "to_candidate": to_candidate,
        "user": user,
    }
    return user.email, context


def _interview(lang, **slot):
    slot = factories.InterviewSlotFactory(exhibitor__event=_event(), **slot)
    candidate = factories.CandidateFactory(language=lang)
    context = {"slot": slot, "exhibitor": slot.exhibitor, "event": slot.exhibitor.event}
    return candidate.email, {**context, "user": candidate}


def _registration(lang, **context):
    registration = factories.RegistrationFactory(event=_event(), candidate__language=lang)
    return registration.candidate.email, {
        "registration": registration,
        "event": registration.event,
        **context,
    }


def _company(lang, status):
    member = _member(lang, factories.CompanyAdminFactory, company__status=status)
    # Two jobs closed by the refusal, or reopened by the verification.
    return member.user.email, {"company": member.company, "user": member.user, "jobs": 2}


def _name_change(lang, status):
    member = _member(lang, factories.CompanyAdminFactory)
    change = CompanyNameChange.objects.create(
        company=member.company,
        name="Quartzwave Photonics",
        name_zh="石英波光子",
        status=status,
        reason="Only HKSTP may use its name.",
    )
    old_names = {"name": "Harbour Photonics", "name_zh": "港灣光子", "name_zh_hans": ""}
    context = {"company": member.company, "user": member.user, "change": change}
    return member.user.email, context | {"old_names": old_names}


def _application(lang, to_candidate):
    if to_candidate:
        application = factories.ApplicationFactory(candidate__language=lang, stage=Stage.INTERVIEW)
        user = application.candidate
    else:
        member = _member(lang)
        application = factories.ApplicationFactory(job__company=member.company)
        user = member.user
    return user.email, {"application": application, "job": application.job, "user": user}


def _exhibitor(lang):
    exhibitor = factories.ApprovedExhibitorFactory(
        event=_event(), decision_reason="See you at booth B12."
    )
    admin = _member(lang, factories.CompanyAdminFactory, company=exhibitor.company).user
    return admin.email, {"exhibitor": exhibitor, "event": exhibitor.event, "user": admin}


def _programme_application(lang):
    application = factories.ProgrammeApplicationFactory(candidate__language=lang)
    placements = factories.PlacementFactory.create_batch(2, programme=application.programme)
    context = {"application": application, "programme": application.programme}
    return application.candidate.email, {
        **context,
        "placements": placements,
        "user": application.candidate,
    }


def _job_rejected(lang):
    member = _member(lang)
    job = factories.JobFactory(company=member.company, moderation_note="Add the salary range.")
    return member.user.email, {"job": job, "user": member.user}


def _user(lang, **context):
    user = factories.CandidateFactory(language=lang)
    return user.email, {"user": user, **context}


PORTAL_EMAILS = {
    "account_deleted": lambda lang: ("gone@example.com", {"name": "Chan Tai Man"}),
    "application_received": lambda lang: _application(lang, to_candidate=False),
    "application_stage_changed": lambda lang: _application(lang, to_candidate=True),
    "company_name_approved": lambda lang: _name_change(lang, "approved"),
    "company_name_refused": lambda lang: _name_change(lang, "refused"),
    "company_rejected": lambda lang: _company(lang, "rejected"),
    "company_verified": lambda lang: _company(lang, "verified"),
    "data_export_failed": lambda lang: _user(lang),
    "data_export_ready": lambda lang: _user(lang, valid_days=7),
    "event_registration_confirmed": lambda lang: _registration(lang),
    "event_registration_offer_expired": lambda lang: _registration(lang),
    "event_registration_offered": lambda lang: _registration(lang, deadline="2 Dec 2026, 10:00"),
    "event_registration_waitlisted": lambda lang: _registration(lang, position=3),
    "event_reminder": lambda lang: _registration(lang),
    "exhibitor_approved": _exhibitor,
    "exhibitor_declined": _exhibitor,
    "interview_booked": lambda lang: _interview(lang),
    "interview_cancelled": lambda lang: _interview(lang),
    "job_rejected": _job_rejected,
    "programme_applied": _programme_application,
    "programme_not_selected": _programme_application,
    "programme_offer": lambda lang: _programme_offer(lang),
    "programme_offer_accepted": lambda lang: _programme_offer(lang),
    "programme_offer_company": lambda lang: _programme_offer(lang, to_candidate=False),
    "programme_offer_declined": lambda lang: _programme_offer(lang, to_candidate=False),
    "programme_shortlisted": _programme_application,
    # team_invitation: sent by its service, below (the address is no user yet).
}

# The notification ledger's templates (templates/notifications/emails/), as their services
# store them: names in every language, the page's path in the recipient's language.
LEDGER_EMAILS = {
    "job_match": (
        Kind.JOB_MATCH,
        {
            "job_title": "Firmware Engineer",
            "job_title_zh": "韌體工程師",
            "company_name": "Kowloon Robotics",
            "score": 82,
            "reasons": ["Python", "Robotics"],
        },
        "/jobs/12/firmware-engineer/",
    ),
    "saved_search": (
        Kind.SAVED_SEARCH,
        {"search_name": "Robotics", "job_title": "Firmware Engineer", "company_name": "KR"},
        "/jobs/12/firmware-engineer/",
    ),
    "invitation": (
        Kind.INVITATION,
        {"job_title": "Firmware Engineer", "company_name": "Kowloon Robotics", "reasons": []},
        "/jobs/12/firmware-engineer/",
    ),
    "application_stage": (
        Kind.APPLICATION_STAGE,
        {"job_title": "Firmware Engineer", "company_name": "Kowloon Robotics", "stage": "offer"},
        "/my/applications/7/",
    ),
    "candidate_match": (
        Kind.CANDIDATE_MATCH,
        {"job_title": "Firmware Engineer", "count": 3},
        "/employer/jobs/12/candidates/",
    ),
    # digest: gathered from waiting job matches, below.
}


def _names(folder: str) -> set[str]:
    return {
        path.name.removesuffix("_subject.txt")
        for path in (TEMPLATES / folder).glob("*_subject.txt")
    }


def test_every_email_template_is_covered():
    assert _names("emails") == {*PORTAL_EMAILS, "team_invitation"}
    assert _names("notifications/emails") == {*LEDGER_EMAILS, "digest"}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("template", sorted(PORTAL_EMAILS))
def test_each_portal_email_links_only_to_site_url(template, lang, committed):
    to, context = PORTAL_EMAILS[template](lang)
    with committed():
        email_render_and_enqueue(to=to, template=template, context=context, language=lang)
    message = _only(mail.outbox)
    links = assert_links_only_to_site(message)
    if template != "account_deleted":  # the last email to a deleted account links nowhere
        assert any(link.startswith(f"{SITE}{PREFIX[lang]}/") for link in links), links


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("template", "to_candidate"),
    [("programme_offer_accepted", False), ("programme_offer_declined", True)],
)
def test_the_other_side_of_an_offer_answer_links_only_to_site_url(
    template, to_candidate, lang, committed
):
    """The table above covers one side of these two; each tells both."""
    to, context = _programme_offer(lang, to_candidate=to_candidate)
    with committed():
        email_render_and_enqueue(to=to, template=template, context=context, language=lang)
    links = assert_links_only_to_site(_only(mail.outbox))
    assert any(link.startswith(f"{SITE}{PREFIX[lang]}/") for link in links), links


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_online_interview_links_to_the_portal_and_the_company_room(lang, committed):
    to, context = _interview(lang, mode=InterviewSlot.Mode.ONLINE, meeting_url=MEETING_URL)
    with committed():
        email_render_and_enqueue(to=to, template="interview_booked", context=context, language=lang)
    links = assert_links_only_to_site(_only(mail.outbox), allowed={MEETING_URL})
    assert MEETING_URL in links


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_team_invitation_links_only_to_site_url(lang, committed):
    admin = _member(lang, factories.CompanyAdminFactory)
    with committed():
        member_invite(
            company=admin.company, by=admin.user, email="new@example.com", role="recruiter"
        )
    links = assert_links_only_to_site(_only(mail.outbox))
    assert any(f"{SITE}{PREFIX[lang]}/" in link for link in links)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("template", sorted(LEDGER_EMAILS))
def test_each_ledger_email_links_only_to_site_url(template, lang, committed):
    kind, context, path = LEDGER_EMAILS[template]
    user = factories.CandidateFactory(language=lang)
    with committed():
        notification_create(
            recipient=user,
            kind=kind,
            key=f"{template}:1",
            template=template,
            context=context,
            url=PREFIX[lang] + path,
        )
    message = _only(mail.outbox)
    links = assert_links_only_to_site(message)
    assert f"{SITE}{PREFIX[lang]}{path}" in links
    assert any("/unsubscribe/" in link for link in links)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_digest_links_only_to_site_url(lang, committed):
    user = factories.CandidateFactory(language=lang)
    kind, context, _path = LEDGER_EMAILS["job_match"]
    with committed():
        for n in range(2):
            notification_create(
                recipient=user,
                kind=kind,
                key=f"job-match:{n}",
                template="job_match",
                context=context,
                url=f"{PREFIX[lang]}/jobs/{n}/",
                channels=["email"],
                delivery=Delivery.DAILY,
            )
    assert mail.outbox == []
    with committed():
        tasks.notifications_digest_daily()
    links = assert_links_only_to_site(_only(mail.outbox))
    assert f"{SITE}{PREFIX[lang]}/jobs/1/" in links


# --- allauth's emails, through its views ------------------------------------------------

PASSWORD = "Kowloon-Tong-42"


def _signup(client, lang, email):
    return client.post(
        f"{PREFIX[lang]}/accounts/signup/",
        {
            "kind": "candidate",
            "name": "Chan Tai Man",
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "privacy": "on",
        },
    )


def assert_names_the_portal(message, lang):
    """allauth's emails open with "Hello from <site>!" and close with its name and address."""
    with translation.override(lang):
        name = str(settings.PORTAL_NAME)
    assert name in message.body
    assert "from !" not in message.body
    assert "using !" not in message.body
    assert SITE in message.body
    # In the reader's language from the first word (allauth's own Chinese opened with
    # "Hello from …!" mistranslated in both Chinese scripts); no English tag leads the subject.
    first_line = message.body.splitlines()[0]
    with translation.override(lang):
        assert first_line == str(_("Hello from %(site_name)s.") % {"site_name": name})
    if lang != "en":
        assert "Hello" not in message.body
        assert "!" not in first_line
    assert not message.subject.startswith("[")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_sign_up_email_names_the_portal_and_links_to_site_url(client, lang, committed):
    with committed():
        _signup(client, lang, "taiman@example.com")
    message = _only(mail.outbox)
    assert_names_the_portal(message, lang)
    links = assert_links_only_to_site(message)
    assert any(f"{PREFIX[lang]}/accounts/confirm-email/" in link for link in links)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_signing_up_with_a_known_address_emails_links_to_site_url(client, lang, committed):
    user = factories.CandidateFactory()
    with committed():
        _signup(client, lang, user.email)
    message = _only(mail.outbox)
    assert_names_the_portal(message, lang)
    links = assert_links_only_to_site(message)
    assert f"{SITE}{PREFIX[lang]}/accounts/password/reset/" in links


@pytest.mark.parametrize("lang", LANGUAGES)
def test_signing_in_unverified_resends_the_link_at_site_url(client, lang, committed):
    user = factories.CandidateFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    with committed():
        client.post(
            f"{PREFIX[lang]}/accounts/login/",
            {"login": user.email, "password": factories.DEFAULT_PASSWORD},
        )
    message = _only(mail.outbox)
    assert_names_the_portal(message, lang)
    links = assert_links_only_to_site(message)
    assert any("/accounts/confirm-email/" in link for link in links)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_password_reset_email_links_to_site_url(client, lang, committed):
    user = factories.CandidateFactory()
    with committed():
        client.post(f"{PREFIX[lang]}/accounts/password/reset/", {"email": user.email})
    message = _only(mail.outbox)
    assert_names_the_portal(message, lang)
    links = assert_links_only_to_site(message)
    assert any(f"{PREFIX[lang]}/accounts/password/reset/key/" in link for link in links)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_password_reset_for_an_unknown_address_links_to_site_url(client, lang, committed):
    with committed():
        client.post(f"{PREFIX[lang]}/accounts/password/reset/", {"email": "nobody@example.com"})
    message = _only(mail.outbox)
    assert_names_the_portal(message, lang)
    assert "nobody@example.com" in message.body  # "… an account with email nobody@…"
    links = assert_links_only_to_site(message)
    assert f"{SITE}{PREFIX[lang]}/accounts/signup/" in links
