"""Demo exhibitors at the two demo fairs: approved booths with featured jobs and interview
slots (the demo employer's company among them), one application still pending, a few
interviews booked and CVs dropped by the demo candidates.

Idempotent: a second run finds every row in place and creates nothing. Everything goes
through the services, so the demo obeys the same rules as the pages.
"""

import datetime

from django.db import transaction

from accounts.models import User
from applications.models import Application
from applications.services import application_submit
from companies.models import Company, CompanyMember
from events.models import Event, Exhibitor, InterviewSlot, Registration
from events.services.exhibitors import exhibitor_apply, exhibitor_approve, exhibitor_booth_set
from events.services.interviews import booth_drop_create, interview_book, slot_series_create
from events.services.registrations import registration_create
from hkstp_portal.demo.catalogue import COMPANIES, EVENTS, STAFF_EMAIL
from hkstp_portal.demo.people import PEOPLE
from hkstp_portal.demo.talent import _answers
from hkstp_portal.errors import DomainError
from jobs.models import Job
from talent.models import CV
from tests import factories

# slug -> (booth prefix, approved exhibitors besides the demo employer's company, online slots)
PLAN = {
    "ai-in-action-career-day": ("A", 5, True),
    "top-talent-recruitment-fair": ("T", 3, False),
}
PITCH = (
    "Meet the {company} team at booth {booth}: see what we build, talk to the engineers "
    "who build it, and book a 15-minute interview for one of our open roles."
)


def _team_member(company: Company, password) -> User:
    """The company's first admin; a demo recruiter for companies that have no team yet."""
    member = (
        CompanyMember.objects.filter(company=company)
        .select_related("user")
        .order_by("-role", "pk")
        .first()
    )
    if member is not None:
        return member.user
    user = factories.EmployerFactory(
        email=f"fairs.{company.slug}@demo.hkstp.example",
        name=f"Fair team, {company.name}",
        password=password,
    )
    CompanyMember.objects.get_or_create(
        user=user, defaults={"company": company, "role": CompanyMember.Role.ADMIN}
    )
    return user


def _exhibiting_companies(offset: int, count: int) -> list[Company]:
    """The demo employer's company, then `count` + 1 other verified companies with open
    jobs (the same ones on every run)."""
    demo = Company.objects.filter(slug=COMPANIES[0].slug).first()
    others = (
        Company.objects.verified()
        .filter(pk__in=Job.objects.open().values("company_id"))
        .exclude(pk=demo.pk if demo else None)
        .order_by("slug")
    )
    return ([demo] if demo else []) + list(others[offset : offset + count + 1])


def _exhibit(event, company, by, staff, *, approve: bool, booth: str) -> Exhibitor:
    exhibitor = Exhibitor.objects.filter(event=event, company=company).first()
    if exhibitor is None:
        exhibitor = exhibitor_apply(
            event=event,
            company=company,
            by=by,
            featured_jobs=list(Job.objects.open().filter(company=company).order_by("pk")[:4]),
            attendees=[by],
            pitch=PITCH.format(company=company.name, booth=booth),
            contact_email=f"careers@{company.slug}.example",
        )
    if approve and exhibitor.status == Exhibitor.Status.PENDING:
        exhibitor = exhibitor_approve(exhibitor=exhibitor, by=staff, reason="")
    if approve and not exhibitor.booth:
        exhibitor = exhibitor_booth_set(exhibitor=exhibitor, by=staff, booth=booth)
    return exhibitor


def _slots(exhibitor: Exhibitor, by: User, *, online: bool) -> None:
    if exhibitor.interview_slots.exists():
        return
    start = exhibitor.event.starts_at + datetime.timedelta(hours=1)
    slot_series_create(
        exhibitor=exhibitor,
        by=by,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        minutes=15,
        mode=InterviewSlot.Mode.ONLINE if online else InterviewSlot.Mode.BOOTH,
        meeting_url=f"https://meet.example/{exhibitor.company.slug}" if online else "",
    )


def _ticket(event: Event, candidate: User) -> bool:
    """Booking needs a confirmed place: a demo candidate with no registration registers
    through the service, so the event's audience rules hold (a non-TTPS candidate gets
    no place at the TTPS-only fair, and books nothing there)."""
    registration = (
        Registration.objects.filter(event=event, candidate=candidate)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )
    if registration is None:
        try:
            registration = registration_create(event=event, candidate=candidate)
        except DomainError:
            return False
    return registration.status == Registration.Status.CONFIRMED


def _apply_from_booths(event: Event, exhibitors: list[Exhibitor], candidates: list[User]):
    """A few applications made from the fair's Talent Pool (the report counts them)."""
    for exhibitor, candidate in zip(exhibitors, candidates, strict=False):
        if Application.objects.filter(candidate=candidate, source_event=event).exists():
            continue
        job = exhibitor.featured_jobs.exclude(applications__candidate=candidate).first()
        cv = CV.objects.filter(owner=candidate, is_default=True).first()
        if job is None or cv is None or not job.is_open:
            continue
        application_submit(
            job=job, candidate=candidate, cv=cv, answers=_answers(job), source_event=event
        )


@transaction.atomic
def demo_fair_exhibitors_load(*, password=None) -> dict:
    """Exhibitors, booths, slots, bookings and CV drops for the demo fairs."""
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    if staff is None:
        return {}
    password = password or factories.DEFAULT_PASSWORD
    candidates = list(
        User.objects.filter(email__in=[p.email for p in PEOPLE[:4]]).order_by("email")
    )
    events = Event.objects.filter(slug__in=[slug for slug, *_ in EVENTS])
    for event_index, event in enumerate(events.order_by("slug")):
        prefix, count, online = PLAN[event.slug]
        if not event.exhibitor_registration_open:
            Event.objects.filter(pk=event.pk).update(exhibitor_registration_open=True)
            event.exhibitor_registration_open = True
        companies = _exhibiting_companies(event_index * 8, count)
        approved = []
        for index, company in enumerate(companies):
            by = _team_member(company, password)
            is_pending = index == len(companies) - 1  # the last one still waits for HKSTP
            exhibitor = _exhibit(
                event,
                company,
                by,
                staff,
                approve=not is_pending,
                booth=f"{prefix}{index + 1:02d}",
            )
            if not is_pending:
                _slots(exhibitor, by, online=online and index % 2 == 1)
                approved.append(exhibitor)
        for position, candidate in enumerate(candidates):
            confirmed = _ticket(event, candidate)
            for offset, exhibitor in enumerate(approved[:2]):
                if confirmed and not exhibitor.interview_slots.filter(candidate=candidate).exists():
                    slot = exhibitor.interview_slots.order_by("starts_at")[position + 3 * offset]
                    if slot.candidate_id is None:
                        interview_book(slot=slot, candidate=candidate)
            cv = CV.objects.filter(owner=candidate, is_default=True).first()
            for exhibitor in approved[: 3 - position % 2]:
                if not exhibitor.drops.filter(candidate=candidate).exists():
                    booth_drop_create(
                        exhibitor=exhibitor,
                        candidate=candidate,
                        cv=cv,
                        message="I enjoyed your talk and would love to hear more.",
                    )
        _apply_from_booths(event, approved[:2], candidates[1:3])
    return {
        "exhibitors": Exhibitor.objects.filter(event__in=events).count(),
        "interview_slots": InterviewSlot.objects.filter(exhibitor__event__in=events).count(),
        "interviews_booked": InterviewSlot.objects.filter(
            exhibitor__event__in=events, candidate__isnull=False
        ).count(),
    }
