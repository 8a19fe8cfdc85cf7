import pytest
from django.core.exceptions import ValidationError

from companies.models import Company
from companies.services import company_register
from hkstp_portal.errors import DomainError
from tests import factories

pytestmark = pytest.mark.django_db


def test_only_employers_register_companies(candidate):
    with pytest.raises(DomainError):
        company_register(user=candidate, name="X Ltd", programme="tenant")
    assert not Company.objects.exists()


def test_slugs_stay_unique(employer):
    factories.CompanyFactory(name="Same Name", slug="same-name")
    company = company_register(user=employer, name="Same Name", programme="tenant")
    assert company.slug == "same-name-2"


def test_invalid_fields_leave_no_row(employer):
    with pytest.raises(ValidationError) as error:
        company_register(user=employer, name="", programme="tenant")
    assert "name" in error.value.message_dict
    assert not Company.objects.exists()
