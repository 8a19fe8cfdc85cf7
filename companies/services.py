from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from companies.models import Company, CompanyMember
from hkstp_portal.errors import DomainError


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "company"
    slug, n = base, 1
    while Company.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


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
