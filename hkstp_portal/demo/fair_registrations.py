"""Demo rows for fair registrations: the two demo events' programmes, who registered,
and one past workshop whose attendees were checked in at the door.

Runs after the demo events and candidates exist (hkstp_portal.demo). Registrations go
through the services, so audience rules and places are checked as on the site. Idempotent:
sessions have a natural key (event + title), a person registers only once, and the past
workshop's check-ins are made only when missing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from events.models import Event, EventSession, Registration
from events.services.registrations import (
    registration_check_in,
    registration_create,
    session_register,
)
from hkstp_portal.demo.catalogue import CANDIDATE_EMAIL, STAFF_EMAIL
from hkstp_portal.demo.people import PEOPLE
from hkstp_portal.errors import DomainError
from hkstp_portal.vocabulary import Site, WorkEligibility

AI_DAY = "ai-in-action-career-day"
TOP_TALENT = "top-talent-recruitment-fair"
PAST_WORKSHOP = "cv-clinic-personal-branding-workshop"

# (minutes after the event starts, minutes long, kind, title, title_zh, room, speakers,
#  capacity, streamed)
SESSIONS = {
    AI_DAY: [
        (0, 45, EventSession.Kind.PANEL, "AI in the park: where the jobs are",
         "園區AI發展：職位在哪裏", "Charles K. Kao Auditorium",
         "Dr Ivy Leung, Head of Talent, Harbourline Robotics (fictional)\n"
         "Marcus Tse, CTO, Lumen Vision Lab (fictional)", None, True),
        (60, 60, EventSession.Kind.WORKSHOP, "Job-search technique for AI roles",
         "AI職位求職技巧", "Seminar Room 1, Core Building 2",
         "Karen Mok, HKSTP Talent Services", 40, False),
        (150, 60, EventSession.Kind.WORKSHOP, "Personal branding on LinkedIn and GitHub",
         "個人品牌：LinkedIn與GitHub", "Seminar Room 2, Core Building 2",
         "Jason Fung, career coach", 40, False),
        (240, 45, EventSession.Kind.TALK, "Industry insight: large models in healthcare",
         "行業洞察：大模型於醫療", "Charles K. Kao Auditorium",
         "Prof. Wendy Kwok (fictional)", None, True),
    ],
    TOP_TALENT: [
        (0, 30, EventSession.Kind.TALK, "Living and working in Hong Kong with Top Talent Pass",
         "以高才通在香港生活及工作", "Conference Hall", "HKSTP Talent Services", None, False),
        (45, 75, EventSession.Kind.TALENT_SHOW, "Talent show: two-minute pitches",
         "人才秀：兩分鐘自我推介", "Conference Hall", "Hosted by HKSTP Talent Services", 30,
         False),
        (150, 45, EventSession.Kind.PANEL, "Panel: from campus to Science Park",
         "座談：由校園到科學園", "Conference Hall",
         "Founders of three park start-ups (fictional)", None, False),
    ],
}  # fmt: skip

AI_DAY_STREAM = "https://stream.hkstp.example/ai-in-action"


def _sessions(event: Event) -> None:
    for offset, minutes, kind, title, title_zh, room, speakers, capacity, streamed in SESSIONS[
        event.slug
    ]:
        starts_at = event.starts_at + datetime.timedelta(minutes=offset)
        EventSession.objects.update_or_create(
            event=event,
            title=title,
            defaults={
                "kind": kind,
                "title_zh": title_zh,
                "starts_at": starts_at,
                "ends_at": starts_at + datetime.timedelta(minutes=minutes),
                "room": room,
                "speakers": speakers,
                "capacity": capacity,
                "stream_url": f"{AI_DAY_STREAM}/{offset}" if streamed else "",
            },
        )


def _register(event: Event, user: User) -> Registration | None:
    existing = (
        Registration.objects.filter(event=event, candidate=user)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )
    if existing is not None:
        return existing
    try:
        return registration_create(event=event, candidate=user)
    except DomainError:
        return None  # outside the audience (e.g. not TTPS): as on the site, no registration


def _past_workshop(now: datetime.datetime) -> Event:
    starts_at = timezone.localtime(now - datetime.timedelta(days=20)).replace(
        hour=14, minute=30, second=0, microsecond=0
    )
    event, _ = Event.objects.update_or_create(
        slug=PAST_WORKSHOP,
        defaults={
            "kind": Event.Kind.WORKSHOP,
            "format": Event.Format.PHYSICAL,
            "title": "CV Clinic and Personal Branding Workshop",
            "title_zh": "履歷診所及個人品牌工作坊",
            "title_zh_hans": "履历诊所及个人品牌工作坊",
            "description": "Bring your CV: HKSTP Talent Services and park recruiters review it "
            "with you, one to one.",
            "site": Site.SCIENCE_PARK,
            "venue": "Seminar Room 1, Core Building 2",
            "starts_at": starts_at,
            "ends_at": starts_at + datetime.timedelta(hours=2),
            "capacity": 30,
            "is_published": True,
        },
    )
    return event


def _past_registrations(event: Event, people: list[User], staff: User) -> None:
    """A past event can only have been registered for before it happened: the rows are
    written as they were then, and attendees checked in through the door's service."""
    for index, user in enumerate(people):
        registration = Registration.objects.filter(event=event, candidate=user).first()
        if registration is None:
            registration = Registration.objects.create(
                event=event, candidate=user, status=Registration.Status.CONFIRMED
            )
            Registration.objects.filter(pk=registration.pk).update(
                created_at=event.starts_at - datetime.timedelta(days=10 - index),
                reminded_at=event.starts_at - datetime.timedelta(hours=20),
            )
            if index % 4 != 3:  # most came; one in four did not
                registration_check_in(event=event, code=registration.code, by=staff)
                Registration.objects.filter(pk=registration.pk).update(
                    checked_in_at=event.starts_at + datetime.timedelta(minutes=index * 2 - 10)
                )


@transaction.atomic
def demo_fair_registrations_load(*, now: datetime.datetime | None = None) -> dict:
    """Sessions for the demo events, the demo candidates' registrations (the demo
    candidate on the AI day), and a past workshop with check-ins. Needs the demo events,
    candidates and staff account; returns counts."""
    now = now or timezone.now()
    ai_day = Event.objects.get(slug=AI_DAY)
    top_talent = Event.objects.get(slug=TOP_TALENT)
    # The AI day is hybrid with a stream; the Top Talent fair is for TTPS talent only.
    Event.objects.filter(pk=ai_day.pk).update(
        format=Event.Format.HYBRID,
        stream_url=AI_DAY_STREAM,
        theme=Event.Theme.AI,
        title_zh_hans="「AI in Action」职涯日",
        partners=["HKUST Career Center", "HKU Careers and Placement"],
    )
    Event.objects.filter(pk=top_talent.pk).update(
        audience=Event.Audience.TTPS, title_zh_hans="高端人才招聘会"
    )
    ai_day.refresh_from_db()
    top_talent.refresh_from_db()
    for event in (ai_day, top_talent):
        _sessions(event)

    people = list(User.objects.filter(email__in=[p.email for p in PEOPLE]).order_by("pk"))
    by_email = {user.email: user for user in people}
    demo = by_email.get(CANDIDATE_EMAIL)
    ordered = ([demo] if demo else []) + [u for u in people if u.email != CANDIDATE_EMAIL]
    for index, user in enumerate(ordered):
        if index % 3 != 2 or user == demo:
            registration = _register(ai_day, user)
            if registration is not None and user == demo:
                workshop = ai_day.sessions.filter(kind=EventSession.Kind.WORKSHOP).first()
                if (
                    workshop
                    and not workshop.registrations.filter(registration=registration).exists()
                ):
                    session_register(session=workshop, candidate=user)
    ttps = [
        user
        for user in ordered
        if getattr(getattr(user, "candidate_profile", None), "eligibility", "")
        == WorkEligibility.TTPS
    ]
    for user in ttps:
        _register(top_talent, user)

    past = _past_workshop(now)
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    if staff is not None:
        _past_registrations(past, ordered[1:9], staff)
    return {
        "event_registrations": Registration.objects.count(),
        "checked_in": Registration.objects.filter(checked_in_at__isnull=False).count(),
    }
