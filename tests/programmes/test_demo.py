import pytest

from hkstp_portal.demo.catalogue import COMPANIES, EMPLOYER_EMAIL
from hkstp_portal.demo.programmes import PLACEMENTS, SLUG, demo_programmes_load
from programmes.models import PlacementPreference, Programme, ProgrammeApplication, StatusChange
from programmes.selectors import apply_state
from talent.models import CV
from tests import factories
from tests.storage import isolated_storage_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

Status = ProgrammeApplication.Status


@pytest.fixture
def demo_companies(isolated_storage):
    names = {row.slug: row.name for row in COMPANIES}
    companies = {
        slug: factories.VerifiedCompanyFactory(slug=slug, name=names[slug])
        for slug in {row[0] for row in PLACEMENTS}
    }
    factories.CompanyMemberFactory(
        company=companies["lumen-genomics"],
        user=factories.EmployerFactory(email=EMPLOYER_EMAIL),
    )
    return companies


def _counts():
    return (
        Programme.objects.count(),
        ProgrammeApplication.objects.count(),
        PlacementPreference.objects.count(),
        StatusChange.objects.count(),
        CV.objects.count(),
    )


def test_the_demo_round_is_open_with_applications_in_every_state(demo_companies):
    result = demo_programmes_load()
    programme = Programme.objects.get(slug=SLUG)
    assert apply_state(programme) == "open"
    assert result == {"programme_placements": 10, "programme_applications": 8}
    statuses = set(programme.applications.values_list("status", flat=True))
    assert statuses == {
        Status.SUBMITTED,
        Status.SHORTLISTED,
        Status.SELECTED,
        Status.ACCEPTED,
        Status.NOT_SELECTED,
        Status.WITHDRAWN,
    }
    assert PlacementPreference.objects.filter(interview_outcome="recommended").exists()


def test_running_the_demo_twice_duplicates_nothing(demo_companies):
    demo_programmes_load()
    before = _counts()
    demo_programmes_load()
    assert _counts() == before
