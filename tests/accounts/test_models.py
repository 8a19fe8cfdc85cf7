import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db


def test_staff_kind_and_staff_flag_go_together_in_the_database():
    with pytest.raises(IntegrityError):
        User.objects.bulk_create([User(email="a@example.com", name="A", kind="staff")])


def test_a_candidate_cannot_be_given_the_staff_flag():
    user = factories.CandidateFactory()
    user.is_staff = True
    with pytest.raises(ValidationError):
        user.full_clean()


def test_createsuperuser_makes_a_staff_account():
    user = User.objects.create_superuser("boss@example.com", "x-Strong-pass-1", name="Boss")
    assert user.kind == User.Kind.STAFF
    assert user.is_staff


def test_email_is_the_login_and_unique():
    User.objects.create_user("someone@example.com", "x-Strong-pass-1", name="Someone")
    with pytest.raises(ValidationError):
        User.objects.create_user("someone@example.com", "x-Strong-pass-1", name="Again")
