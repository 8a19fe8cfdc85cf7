"""Writes for park companies: registration, profile, verification, team."""

import datetime

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from companies.models import Company, CompanyInvitation, CompanyMember, CompanyNameChange
from hkstp_portal.errors import DomainError
from jobs.services import (
    job_search_index,
    jobs_close_for_unverified_company,
    jobs_reopen_for_verified_company,
)
from notifications.outbox import email_render_and_enqueue


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "company"
    slug, n = base, 1
    while Company.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _admins(company: Company):
    return User.objects.filter(
        company_membership__company=company, company_membership__role=CompanyMember.Role.ADMIN
    )


@transaction.atomic
def company_register(*, user: User, **fields) -> Company:
    """Create a company, pending HKSTP verification, with `user` as its admin.

    Only an employer account without a company may register one; the
    one-company-per-person rule is also a unique constraint on CompanyMember.
    """
    if not user.is_employer:
        raise DomainError(_("Only park company accounts can register a company."))
    if CompanyMember.objects.filter(user=user).exists():
        raise DomainError(_("You already belong to a company."))
    company = Company(**fields, status=Company.Status.PENDING)
    company.slug = _unique_slug(company.name)
    company.full_clean()
    company.save()
    member = CompanyMember(company=company, user=user, role=CompanyMember.Role.ADMIN)
    try:
        member.full_clean()
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc
    member.save()
    return company


def _require_admin(company: Company, user: User) -> None:
    if not CompanyMember.objects.filter(
        company=company, user=user, role=CompanyMember.Role.ADMIN
    ).exists():
        raise DomainError(_("Only a company admin can do this."))


@transaction.atomic
def company_update(*, company: Company, by: User, **fields) -> Company:
    """Change the company's profile. Company admins only.

    A verified company's new name does not go live: it waits for HKSTP as a
    CompanyNameChange (name_change_request), and the public name stays until staff
    approve it; the rest of the profile is saved at once. A company not yet verified
    renames itself directly. A new name is reindexed into the company's jobs, which are
    searched by it; a replaced logo file is removed from storage once the change has
    committed.
    """
    _require_admin(company, by)
    for key in fields:
        if key not in Company.PROFILE_FIELDS:
            raise TypeError(f"company_update() got an unexpected field {key!r}")
    # Locked, and read again: a decision by staff in between is what counts.
    live = (
        Company.objects.select_for_update()
        .filter(pk=company.pk)
        .values("status", *Company.NAME_FIELDS)[0]
    )
    names = {key: fields.pop(key) for key in Company.NAME_FIELDS if key in fields}
    if live["status"] == Company.Status.VERIFIED:
        for key in Company.NAME_FIELDS:
            setattr(company, key, live[key])
        proposed = {key: live[key] for key in Company.NAME_FIELDS} | names
        if any((value or "") != live[key] for key, value in proposed.items()):
            name_change_request(company=company, by=by, **proposed)
    else:
        fields.update(names)
    old_logo = company.logo.name if company.logo else ""
    for key, value in fields.items():
        if key == "logo" and value is False:  # "clear" ticked on the form
            value = ""
        setattr(company, key, value)
    company.full_clean()
    # Only the profile: the form's copy of the status may be stale, and a refusal made
    # meanwhile must stick.
    company.save(update_fields=[*fields, "updated_at"])
    new_logo = company.logo.name if company.logo else ""
    if old_logo and old_logo != new_logo:
        storage = company.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    job_search_index(company.jobs.values_list("pk", flat=True))
    return company


# --- A verified company's new name ------------------------------------------------------


def _name_change_pending(company: Company) -> CompanyNameChange | None:
    return company.name_changes.filter(status=CompanyNameChange.Status.PENDING).first()


@transaction.atomic
def name_change_request(
    *, company: Company, by: User, name: str, name_zh: str = "", name_zh_hans: str = ""
) -> CompanyNameChange:
    """Propose a new name for a verified company, for HKSTP to review. Company admins only.

    The pending proposal, if there is one, is replaced by this one (still one per
    company: a constraint); the public name does not change. Idempotent for the same
    names.
    """
    _require_admin(company, by)
    company = Company.objects.select_for_update().get(pk=company.pk)
    if not company.is_verified:
        raise DomainError(_("Only a verified company's new name waits for review."))
    change = _name_change_pending(company) or CompanyNameChange(company=company)
    change.name, change.name_zh, change.name_zh_hans = (
        (name or "").strip(),
        (name_zh or "").strip(),
        (name_zh_hans or "").strip(),
    )
    change.requested_by = by
    # Field errors are keyed like the profile form's ("name"); one pending per company
    # holds under the company's lock, and the constraint backs it.
    change.full_clean(exclude=["company", "requested_by"], validate_constraints=False)
    change.save()
    return change


@transaction.atomic
def name_change_withdraw(*, change: CompanyNameChange, by: User) -> CompanyNameChange:
    """Take back a new name before HKSTP decides. Company admins only."""
    _require_admin(change.company, by)
    change = CompanyNameChange.objects.select_for_update().get(pk=change.pk)
    if change.status != CompanyNameChange.Status.PENDING:
        raise DomainError(_("HKSTP has already decided on this name."))
    change.status = CompanyNameChange.Status.WITHDRAWN
    change.save(update_fields=["status"])
    return change


def _name_decide(change: CompanyNameChange, *, by: User, status: str, reason: str) -> None:
    change.status = status
    change.reason = reason.strip()
    change.decided_by = by
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "reason", "decided_by", "decided_at"])


def _name_change_locked(change: CompanyNameChange, by: User) -> CompanyNameChange:
    if not by.is_staff:
        raise DomainError(_("Only HKSTP staff can decide on a company's name."))
    # The company first, then the change: the order company_update takes them in.
    Company.objects.select_for_update().filter(pk=change.company_id).values("pk").first()
    change = (
        CompanyNameChange.objects.select_for_update(of=("self",))
        .select_related("company")
        .get(pk=change.pk)
    )
    if change.status != CompanyNameChange.Status.PENDING:
        raise DomainError(_("This name change has already been decided or withdrawn."))
    return change


def _email_admins(company: Company, template: str, context: dict) -> None:
    for admin in _admins(company):
        email_render_and_enqueue(
            to=admin.email,
            template=template,
            context={"company": company, "user": admin, **context},
            language=admin.language,
        )


@transaction.atomic
def name_change_approve(*, change: CompanyNameChange, by: User, reason: str = "") -> Company:
    """Make the new name the company's public name. HKSTP staff only.

    Its jobs are reindexed, so search finds them by the new name, and the company's
    admins are emailed (after commit).
    """
    change = _name_change_locked(change, by)
    company = change.company
    old_names = {key: getattr(company, key) for key in Company.NAME_FIELDS}
    for key in Company.NAME_FIELDS:
        setattr(company, key, getattr(change, key))
    company.full_clean()
    company.save()
    _name_decide(change, by=by, status=CompanyNameChange.Status.APPROVED, reason=reason)
    job_search_index(company.jobs.values_list("pk", flat=True))
    _email_admins(company, "company_name_approved", {"change": change, "old_names": old_names})
    return company


@transaction.atomic
def name_change_refuse(*, change: CompanyNameChange, by: User, reason: str) -> CompanyNameChange:
    """Keep the company's name, with a reason its admins are emailed. HKSTP staff only."""
    if not reason.strip():
        raise DomainError(_("Give the company a reason."))
    change = _name_change_locked(change, by)
    _name_decide(change, by=by, status=CompanyNameChange.Status.REFUSED, reason=reason)
    _email_admins(change.company, "company_name_refused", {"change": change})
    return change


def _decide(
    company: Company, *, status: str, by: User, reason: str, template: str, recipients, jobs: int
) -> None:
    company.status = status
    company.status_reason = reason.strip()
    company.status_changed_at = timezone.now()
    company.status_changed_by = by
    if status != Company.Status.VERIFIED:
        company.is_trusted = False
    company.full_clean()
    company.save()
    for user in recipients:
        email_render_and_enqueue(
            to=user.email,
            template=template,
            context={"company": company, "user": user, "jobs": jobs},
            language=user.language,
        )


@transaction.atomic
def company_verify(*, company: Company, by: User, reason: str = "") -> Company:
    """Verify a pending (or previously refused) company and email its admins. Staff only.

    The jobs a refusal closed reopen if their closing date has not passed
    (jobs.services.jobs_reopen_for_verified_company): the company gets back what it had,
    and the email says how many.
    """
    if not by.is_staff:
        raise DomainError(_("Only HKSTP staff can verify companies."))
    company = Company.objects.select_for_update().get(pk=company.pk)
    if company.status == Company.Status.VERIFIED:
        raise DomainError(_("%(company)s is already verified.") % {"company": company})
    reopened = jobs_reopen_for_verified_company(company=company)
    _decide(
        company,
        status=Company.Status.VERIFIED,
        by=by,
        reason=reason,
        template="company_verified",
        recipients=_admins(company),
        jobs=len(reopened),
    )
    return company


@transaction.atomic
def company_reject(*, company: Company, by: User, reason: str) -> Company:
    """Refuse verification with a reason the company sees; every member of its team is
    emailed. Staff only.

    A verified company can lose its verification too. Either way nothing of it stays
    live: its published jobs close at once, with the reason COMPANY_NOT_VERIFIED
    (jobs.services.jobs_close_for_unverified_company, which leaves search, feed and
    sitemap on commit), and its pages, booths and Talent Pool answer only a verified
    company. The company row is locked first, then its jobs, the order every job
    service takes them in.
    """
    if not by.is_staff:
        raise DomainError(_("Only HKSTP staff can verify companies."))
    if not reason.strip():
        raise DomainError(_("Give the company a reason."))
    company = Company.objects.select_for_update().get(pk=company.pk)
    if company.status == Company.Status.REJECTED:
        raise DomainError(_("%(company)s is already refused.") % {"company": company})
    closed = jobs_close_for_unverified_company(company=company)
    members = User.objects.filter(company_membership__company=company)
    _decide(
        company,
        status=Company.Status.REJECTED,
        by=by,
        reason=reason,
        template="company_rejected",
        recipients=members,
        jobs=len(closed),
    )
    return company


@transaction.atomic
def company_trust_set(*, company: Company, by: User, trusted: bool) -> Company:
    """Mark a verified company trusted (its jobs skip review), or take that away. Staff only."""
    if not by.is_staff:
        raise DomainError(_("Only HKSTP staff can do this."))
    if trusted and company.status != Company.Status.VERIFIED:
        raise DomainError(_("Only a verified company can be trusted."))
    company.is_trusted = trusted
    company.save(update_fields=["is_trusted", "updated_at"])
    return company


@transaction.atomic
def member_invite(*, company: Company, by: User, email: str, role: str) -> CompanyInvitation:
    """Invite someone by email to join the team. Company admins only.

    Refused for a current member and for an address with an open invitation
    (also a unique constraint). The email goes out after commit.
    """
    _require_admin(company, by)
    email = User.objects.normalize_email(email).strip()
    if CompanyMember.objects.filter(company=company, user__email__iexact=email).exists():
        raise DomainError(_("%(email)s is already in your team.") % {"email": email})
    invitation = CompanyInvitation(company=company, email=email, role=role, invited_by=by)
    # The one-open-invitation rule is left to the database, whose error names the address.
    invitation.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError as exc:
        raise DomainError(_("%(email)s has already been invited.") % {"email": email}) from exc
    email_render_and_enqueue(
        to=email,
        template="team_invitation",
        context={"invitation": invitation, "inviter": by, "company": company},
        language=by.language,
    )
    return invitation


def invitation_is_expired(invitation: CompanyInvitation, now=None) -> bool:
    now = now or timezone.now()
    return invitation.created_at + datetime.timedelta(days=CompanyInvitation.VALID_DAYS) < now


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> CompanyMember:
    """Join the company of an open invitation addressed to one of the user's verified emails.

    Refused for a used or expired invitation, for a candidate or staff account,
    and for anyone already in a company.
    """
    invitation = (
        CompanyInvitation.objects.select_for_update()
        .select_related("company")
        .filter(token=token)
        .first()
    )
    if invitation is None or invitation.accepted_at is not None:
        raise DomainError(_("This invitation has already been used or was withdrawn."))
    if invitation_is_expired(invitation):
        raise DomainError(_("This invitation has expired. Ask your company admin for a new one."))
    if not EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists():
        raise DomainError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    if not user.is_employer:
        raise DomainError(_("Only park company accounts can join a company team."))
    if CompanyMember.objects.filter(user=user).exists():
        raise DomainError(_("You already belong to a company."))
    member = CompanyMember.objects.create(
        company=invitation.company, user=user, role=invitation.role
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return member


@transaction.atomic
def invitation_withdraw(*, invitation: CompanyInvitation, by: User) -> None:
    """Delete an open invitation, so its link stops working. Company admins only."""
    _require_admin(invitation.company, by)
    if invitation.accepted_at is not None:
        raise DomainError(_("This invitation has already been accepted."))
    invitation.delete()


@transaction.atomic
def member_remove(*, member: CompanyMember, by: User) -> None:
    """Remove someone from the team. Company admins only; the last admin stays.

    The person's account stays; they simply no longer see the company.
    """
    _require_admin(member.company, by)
    admins = CompanyMember.objects.select_for_update().filter(
        company=member.company, role=CompanyMember.Role.ADMIN
    )
    if member.role == CompanyMember.Role.ADMIN and len(admins) <= 1:
        raise DomainError(_("A company needs at least one admin. Make someone else admin first."))
    member.delete()


@transaction.atomic
def member_role_set(*, member: CompanyMember, by: User, role: str) -> CompanyMember:
    """Change a team member's role. Company admins only; the last admin stays admin."""
    _require_admin(member.company, by)
    if role not in CompanyMember.Role.values:
        raise DomainError(_("Unknown role."))
    admins = CompanyMember.objects.select_for_update().filter(
        company=member.company, role=CompanyMember.Role.ADMIN
    )
    if member.role == CompanyMember.Role.ADMIN and role != member.role and len(admins) <= 1:
        raise DomainError(_("A company needs at least one admin. Make someone else admin first."))
    member.role = role
    member.save(update_fields=["role"])
    return member


# A visit to the dashboard lasts while the member comes back within this time.
DASHBOARD_VISIT_GAP = datetime.timedelta(minutes=30)


def member_dashboard_visit(
    *, member: CompanyMember, now: datetime.datetime | None = None
) -> datetime.datetime | None:
    """Record that `member` opened the employer dashboard; return when their previous
    visit was (None on their first), the moment from which the dashboard marks new things.

    Coming back within DASHBOARD_VISIT_GAP (a reload, back from a job) is the same visit
    and keeps its marks; the first visit after a break counts from the last one. Kept on
    the membership, not in a cookie, so the member's phone and laptop agree. This is
    bookkeeping of what someone has seen, like Django's last_login, so the dashboard's GET
    may call it. One UPDATE.
    """
    now = now or timezone.now()
    visited = member.dashboard_visited_at
    if visited is None or now - visited > DASHBOARD_VISIT_GAP:
        previous = visited
    else:
        previous = member.dashboard_previous_visit_at
    CompanyMember.objects.filter(pk=member.pk).update(
        dashboard_visited_at=now, dashboard_previous_visit_at=previous
    )
    member.dashboard_visited_at, member.dashboard_previous_visit_at = now, previous
    return previous
