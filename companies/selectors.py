from companies.models import CompanyMember


def membership_get(user) -> CompanyMember | None:
    """The user's place in a company, with the company, or None."""
    return CompanyMember.objects.select_related("company").filter(user=user).first()


def company_team_list(company):
    return company.members.select_related("user").order_by("role", "user__name")
