"""Writes for exhibitors: companies apply to exhibit, HKSTP staff decide and assign booths.

Every rule lives here (backed by the constraints in events.models), so the
company's pages, the admin and the demo data meet the same ones; an action the
rules refuse raises DomainError with a message safe to show.
"""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from companies.models import Company, CompanyMember
from events.models import Event, Exhibitor
from hkstp_portal.errors import DomainError
from jobs.models import Job
from notifications.outbox import email_render_and_enqueue

MAX_PITCH = 4000
MAX_FEATURED_JOBS = 30


def require_member(company_id: int, user: User) -> None:
    """Refuse anyone who is not in the company's team."""
    if not CompanyMember.objects.filter(company_id=company_id, user=user).exists():
        raise DomainError(_("You are not in this company's team."))


def _checked_booth_content(
    company: Company, featured_jobs: Iterable[Job], attendees: Iterable[User], pitch: str
) -> tuple[list[Job], list[User], str]:
    jobs = list(featured_jobs)
    people = list(attendees)
    if any(job.company_id != company.pk for job in jobs):
        raise DomainError(_("Feature only your own company's jobs."))
    if any(not job.is_open for job in jobs):
        raise DomainError(_("Feature only jobs that are open."))
    if len(jobs) > MAX_FEATURED_JOBS:
        raise DomainError(_("Feature at most 30 jobs."))
    members = set(
        CompanyMember.objects.filter(company=company, user__in=people).values_list(
            "user_id", flat=True
        )
    )
    if any(person.pk not in members for person in people):
        raise DomainError(_("Only members of your team can attend for your company."))
    pitch = (pitch or "").strip()
    if len(pitch) > MAX_PITCH:
        raise DomainError(_("Keep the booth description to at most 4,000 characters."))
    return jobs, people, pitch


def _check_event_open(event: Event) -> None:
    if not event.is_published or not event.exhibitor_registration_open:
        raise DomainError(_("This event is not taking exhibitors."))
    if event.ends_at <= timezone.now():
        raise DomainError(_("This event is over."))


@transaction.atomic
def exhibitor_apply(
    *,
    event: Event,
    company: Company,
    by: User,
    featured_jobs: Iterable[Job] = (),
    attendees: Iterable[User] = (),
    pitch: str = "",
    contact_email: str = "",
) -> Exhibitor:
    """Apply for a booth at an event, waiting for HKSTP. Members of a verified company only,
    once per event (the unique constraint decides a double click), while the event takes
    exhibitors. Featured jobs must be the company's own open jobs, attendees its own members."""
    require_member(company.pk, by)
    company = Company.objects.select_for_update().get(pk=company.pk)
    if not company.is_verified:
        raise DomainError(_("Only verified park companies can exhibit."))
    _check_event_open(event)
    jobs, people, pitch = _checked_booth_content(company, featured_jobs, attendees, pitch)
    exhibitor = Exhibitor(
        event=event,
        company=company,
        pitch=pitch,
        contact_email=(contact_email or "").strip(),
        status=Exhibitor.Status.PENDING,
    )
    exhibitor.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            exhibitor.save()
    except IntegrityError:
        raise DomainError(_("Your company has already applied to exhibit at this event.")) from None
    exhibitor.featured_jobs.set(jobs)
    exhibitor.attendees.set(people)
    return exhibitor


@transaction.atomic
def exhibitor_update(
    *,
    exhibitor: Exhibitor,
    by: User,
    featured_jobs: Iterable[Job] = (),
    attendees: Iterable[User] = (),
    pitch: str = "",
    contact_email: str = "",
) -> Exhibitor:
    """Change the booth's jobs, team, description and contact. Members of the company only,
    while the application is pending or approved and the event has not ended (staff
    approve the company, not the wording of its stand); a declined one is final."""
    require_member(exhibitor.company_id, by)
    exhibitor = (
        Exhibitor.objects.select_for_update(of=("self",))
        .select_related("event", "company")
        .get(pk=exhibitor.pk)
    )
    if exhibitor.status == Exhibitor.Status.DECLINED:
        raise DomainError(_("HKSTP declined this application; it can no longer be changed."))
    if exhibitor.event.ends_at <= timezone.now():
        raise DomainError(_("This event is over."))
    jobs, people, pitch = _checked_booth_content(exhibitor.company, featured_jobs, attendees, pitch)
    exhibitor.pitch = pitch
    exhibitor.contact_email = (contact_email or "").strip()
    exhibitor.full_clean(validate_constraints=False)
    exhibitor.save(update_fields=["pitch", "contact_email"])
    exhibitor.featured_jobs.set(jobs)
    exhibitor.attendees.set(people)
    return exhibitor


@transaction.atomic
def exhibitor_withdraw(*, exhibitor: Exhibitor, by: User) -> None:
    """Take back an application to exhibit. Members of the company only, while it is still
    pending (an approved booth has visitors' CVs and bookings: ask HKSTP)."""
    require_member(exhibitor.company_id, by)
    exhibitor = Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)
    if exhibitor.status != Exhibitor.Status.PENDING:
        raise DomainError(
            _("Only a pending application can be withdrawn. Contact HKSTP to cancel a booth.")
        )
    exhibitor.delete()


def _email_admins(exhibitor: Exhibitor, template: str) -> None:
    admins = User.objects.filter(
        company_membership__company_id=exhibitor.company_id,
        company_membership__role=CompanyMember.Role.ADMIN,
    )
    for admin in admins:
        email_render_and_enqueue(
            to=admin.email,
            template=template,
            context={"exhibitor": exhibitor, "event": exhibitor.event, "user": admin},
            language=admin.language,
        )


def _require_staff(by: User) -> None:
    if not by.is_staff:
        raise DomainError(_("Only HKSTP staff can decide on exhibitors."))


def _locked(exhibitor: Exhibitor) -> Exhibitor:
    return (
        Exhibitor.objects.select_for_update(of=("self",))
        .select_related("event", "company")
        .get(pk=exhibitor.pk)
    )


@transaction.atomic
def exhibitor_approve(*, exhibitor: Exhibitor, by: User, reason: str = "") -> Exhibitor:
    """Approve a pending (or previously declined) exhibitor and email the company's admins,
    each in their language. Staff only."""
    _require_staff(by)
    exhibitor = _locked(exhibitor)
    if exhibitor.status == Exhibitor.Status.APPROVED:
        raise DomainError(_("%(exhibitor)s is already approved.") % {"exhibitor": exhibitor})
    exhibitor.status = Exhibitor.Status.APPROVED
    exhibitor.decision_reason = reason.strip()
    exhibitor.decided_at = timezone.now()
    exhibitor.save(update_fields=["status", "decision_reason", "decided_at"])
    _email_admins(exhibitor, "exhibitor_approved")
    return exhibitor


@transaction.atomic
def exhibitor_decline(*, exhibitor: Exhibitor, by: User, reason: str) -> Exhibitor:
    """Decline an exhibitor with a reason the company sees; its admins are emailed. Staff
    only. An approved exhibitor loses its booth number; one with booked interviews is
    refused (free the candidates first)."""
    _require_staff(by)
    if not (reason or "").strip():
        raise DomainError(_("Give the company a reason."))
    exhibitor = _locked(exhibitor)
    if exhibitor.status == Exhibitor.Status.DECLINED:
        raise DomainError(_("%(exhibitor)s is already declined.") % {"exhibitor": exhibitor})
    if exhibitor.interview_slots.filter(candidate__isnull=False).exists():
        raise DomainError(
            _("%(exhibitor)s has booked interviews; cancel them before declining.")
            % {"exhibitor": exhibitor}
        )
    exhibitor.status = Exhibitor.Status.DECLINED
    exhibitor.decision_reason = reason.strip()
    exhibitor.decided_at = timezone.now()
    exhibitor.booth = ""
    exhibitor.save(update_fields=["status", "decision_reason", "decided_at", "booth"])
    _email_admins(exhibitor, "exhibitor_declined")
    return exhibitor


@transaction.atomic
def exhibitor_booth_set(*, exhibitor: Exhibitor, by: User, booth: str) -> Exhibitor:
    """Give an approved exhibitor a booth number (empty clears it). Staff only. A number
    another exhibitor of the event already has is refused by the unique constraint."""
    _require_staff(by)
    exhibitor = _locked(exhibitor)
    booth = (booth or "").strip()
    if booth and exhibitor.status != Exhibitor.Status.APPROVED:
        raise DomainError(_("Only an approved exhibitor can have a booth."))
    if len(booth) > Exhibitor._meta.get_field("booth").max_length:
        raise DomainError(_("A booth number has at most 16 characters."))
    exhibitor.booth = booth
    try:
        with transaction.atomic():
            exhibitor.save(update_fields=["booth"])
    except IntegrityError:
        holder = (
            Exhibitor.objects.filter(event_id=exhibitor.event_id, booth=booth)
            .select_related("company")
            .first()
        )
        raise DomainError(
            _("Booth %(booth)s is already taken by %(company)s.")
            % {"booth": booth, "company": holder.company if holder else "?"}
        ) from None
    return exhibitor
