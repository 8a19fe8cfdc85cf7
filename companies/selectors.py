from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from companies.models import Company, CompanyInvitation, CompanyMember, CompanyNameChange


def membership_get(user) -> CompanyMember | None:
    """The user's place in a company, with the company, or None."""
    return CompanyMember.objects.select_related("company").filter(user=user).first()


def company_team_list(company) -> QuerySet[CompanyMember]:
    return company.members.select_related("user").order_by("role", "user__name")


def invitation_list_open(company) -> QuerySet[CompanyInvitation]:
    return company.invitations.filter(accepted_at__isnull=True).select_related("invited_by")


def company_list_public(*, cluster: str = "") -> QuerySet[Company]:
    """Verified companies with how many jobs each has open, most jobs first."""
    companies = Company.objects.verified().annotate(
        open_jobs=Count(
            "jobs",
            filter=Q(jobs__status="published", jobs__expires_at__gt=timezone.now()),
        )
    )
    if cluster:
        companies = companies.filter(clusters__contains=[cluster])
    return companies.order_by("-open_jobs", "name")


def company_get_public(slug: str) -> Company | None:
    return Company.objects.verified().filter(slug=slug).first()


def name_change_latest(company) -> CompanyNameChange | None:
    """The company's latest proposed name that is pending or was refused (the profile form
    shows it, with HKSTP's reason), or None: withdrawn and approved ones say nothing."""
    latest = company.name_changes.exclude(status=CompanyNameChange.Status.WITHDRAWN).first()
    if latest is None or latest.status == CompanyNameChange.Status.APPROVED:
        return None
    return latest
