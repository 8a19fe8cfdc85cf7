"""Reads for exhibitors, booths, interviews and CV drops, with what each page needs."""

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from applications.models import Application
from companies.models import Company, CompanyMember
from events.models import BoothDrop, Event, Exhibitor, InterviewSlot, Registration
from jobs.models import Job


def _open_jobs() -> QuerySet[Job]:
    return Job.objects.open().only(
        "id", "title", "title_zh", "company_id", "site", "seniority", "employment_type", "status"
    )


def event_featuring_job(slug: str, job: Job) -> Event | None:
    """The published event `slug`, if an approved exhibitor features `job` there."""
    if not slug:
        return None
    return Event.objects.filter(
        slug=slug,
        is_published=True,
        exhibitors__status=Exhibitor.Status.APPROVED,
        exhibitors__featured_jobs=job,
    ).first()


# --- The company's side --------------------------------------------------------------------


def fair_list_for_company(company: Company) -> dict:
    """Events taking exhibitors now, and every event the company has applied to."""
    mine = list(
        Exhibitor.objects.filter(company=company)
        .select_related("event")
        .order_by("-event__starts_at")
    )
    applied = {exhibitor.event_id for exhibitor in mine}
    open_events = [
        event
        for event in Event.objects.filter(
            is_published=True, exhibitor_registration_open=True, ends_at__gt=timezone.now()
        ).order_by("starts_at")
        if event.pk not in applied
    ]
    return {"open_events": open_events, "exhibitions": mine}


def event_get_open_for_exhibitors(slug: str) -> Event | None:
    return Event.objects.filter(
        slug=slug, is_published=True, exhibitor_registration_open=True, ends_at__gt=timezone.now()
    ).first()


def exhibitor_get_for_company(company: Company, slug: str) -> Exhibitor | None:
    """The company's own exhibitor row at event `slug`, or None: another company's is 404."""
    return (
        Exhibitor.objects.filter(company=company, event__slug=slug)
        .select_related("event", "company")
        .first()
    )


def exhibitor_form_choices(company: Company) -> dict:
    """What an exhibitor form offers: the company's open jobs and its team."""
    return {
        "jobs": _open_jobs().filter(company=company).order_by("title"),
        "people": CompanyMember.objects.filter(company=company)
        .select_related("user")
        .order_by("user__name"),
    }


def fair_dashboard(exhibitor: Exhibitor) -> dict:
    """Everything the company's fair dashboard shows, in a fixed number of queries."""
    drops = list(
        BoothDrop.objects.filter(exhibitor=exhibitor)
        .select_related("candidate__candidate_profile", "cv")
        .order_by("-created_at")
    )
    slots = list(
        InterviewSlot.objects.filter(exhibitor=exhibitor)
        .select_related("candidate__candidate_profile")
        .order_by("starts_at")
    )
    applications = list(
        Application.objects.filter(
            source_event_id=exhibitor.event_id, job__company=exhibitor.company_id
        )
        .select_related("job", "candidate")
        .order_by("-created_at")
    )
    return {
        "featured_jobs": list(exhibitor.featured_jobs.order_by("title")),
        "attendees": list(exhibitor.attendees.order_by("name")),
        "drops": drops,
        "slots": slots,
        "booked": [slot for slot in slots if slot.candidate_id],
        "applications": applications,
    }


def slot_get_for_exhibitor(exhibitor: Exhibitor, pk: int) -> InterviewSlot | None:
    return (
        InterviewSlot.objects.filter(exhibitor=exhibitor, pk=pk)
        .select_related("exhibitor__event", "exhibitor__company", "candidate")
        .first()
    )


def drop_get_for_exhibitor(exhibitor: Exhibitor, pk: int) -> BoothDrop | None:
    """A drop at the company's booth, with the candidate's profile summary."""
    return (
        BoothDrop.objects.filter(exhibitor=exhibitor, pk=pk)
        .select_related("candidate__candidate_profile", "cv")
        .prefetch_related(
            "candidate__candidate_profile__skills",
            "candidate__candidate_profile__experience",
            "candidate__candidate_profile__education",
        )
        .first()
    )


# --- The public side: the fair's Talent Pool and the booths --------------------------------


def exhibitions_upcoming_attach(companies) -> None:
    """Give each company `upcoming_exhibitions`: its approved booths at published events
    that have not ended, soonest first (one query for all of them). The company pages
    link those booths."""
    booths = (
        Exhibitor.objects.filter(
            status=Exhibitor.Status.APPROVED,
            event__is_published=True,
            event__ends_at__gte=timezone.now(),
        )
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )
    prefetch_related_objects(
        list(companies),
        Prefetch("exhibitions", queryset=booths, to_attr="upcoming_exhibitions"),
    )


# A booth is public while HKSTP has approved it and its company is verified: a company
# refused verification (companies.services.company_reject) keeps no stand at any fair.
PUBLIC_BOOTH = Q(status=Exhibitor.Status.APPROVED, company__status=Company.Status.VERIFIED)


def exhibitor_list_public(event: Event, *, cluster: str = "") -> list[Exhibitor]:
    """Approved exhibitors of verified companies with their open featured jobs, by booth
    then name."""
    exhibitors = (
        Exhibitor.objects.filter(PUBLIC_BOOTH, event=event)
        .select_related("company")
        .prefetch_related(
            Prefetch("featured_jobs", queryset=_open_jobs().order_by("title"), to_attr="jobs")
        )
        .order_by("booth", "company__name")
    )
    if cluster:
        exhibitors = exhibitors.filter(company__clusters__contains=[cluster])
    return list(exhibitors)


def exhibitor_get_public(event: Event, company_slug: str) -> Exhibitor | None:
    return (
        Exhibitor.objects.filter(PUBLIC_BOOTH, event=event, company__slug=company_slug)
        .select_related("company", "event")
        .prefetch_related(
            Prefetch("featured_jobs", queryset=_open_jobs().order_by("title"), to_attr="jobs")
        )
        .first()
    )


def booth_page(exhibitor: Exhibitor, user) -> dict:
    """The booth's free future slots, its sessions, and the visitor's own booking, drop and
    whether they hold a confirmed place (booking needs one)."""
    now = timezone.now()
    slots = list(
        InterviewSlot.objects.filter(
            exhibitor=exhibitor, starts_at__gt=now, candidate__isnull=True
        ).order_by("starts_at")
    )
    # Sessions where the company's people speak: the speakers list names the company.
    sessions = list(
        exhibitor.event.sessions.filter(speakers__icontains=exhibitor.company.name).order_by(
            "starts_at"
        )
    )
    mine, drop, has_ticket = None, None, False
    if user.is_authenticated and user.is_candidate:
        has_ticket = Registration.objects.filter(
            event_id=exhibitor.event_id, candidate=user, status=Registration.Status.CONFIRMED
        ).exists()
        mine = (
            InterviewSlot.objects.filter(exhibitor=exhibitor, candidate=user)
            .order_by("starts_at")
            .first()
        )
        drop = (
            BoothDrop.objects.filter(exhibitor=exhibitor, candidate=user)
            .select_related("cv")
            .first()
        )
    return {
        "slots": slots,
        "sessions": sessions,
        "my_slot": mine,
        "my_drop": drop,
        "has_ticket": has_ticket,
    }


def slot_get_public(exhibitor: Exhibitor, pk: int) -> InterviewSlot | None:
    return InterviewSlot.objects.filter(exhibitor=exhibitor, pk=pk).first()


def slot_get_for_candidate(user, event: Event, pk: int) -> InterviewSlot | None:
    """A slot the candidate booked at the event, or None: someone else's is 404."""
    return (
        InterviewSlot.objects.filter(pk=pk, candidate=user, exhibitor__event=event)
        .select_related("exhibitor__company", "exhibitor__event")
        .first()
    )


def candidate_fair_activity(user, event: Event) -> dict:
    """The candidate's interviews and drops at an event."""
    return {
        "slots": list(
            InterviewSlot.objects.filter(candidate=user, exhibitor__event=event)
            .select_related("exhibitor__company")
            .order_by("starts_at")
        ),
        "drops": list(
            BoothDrop.objects.filter(candidate=user, exhibitor__event=event)
            .select_related("exhibitor__company", "cv")
            .order_by("-created_at")
        ),
    }


def drop_get_for_candidate(user, exhibitor: Exhibitor) -> BoothDrop | None:
    """The candidate's own drop at this booth, or None."""
    return BoothDrop.objects.filter(exhibitor=exhibitor, candidate=user).first()
