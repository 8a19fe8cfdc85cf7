import pytest
from django.urls import reverse

from companies.models import Company, CompanyMember
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("companies:dashboard")


def company_data(**overrides):
    data = {
        "name": "Harbour Photonics Limited",
        "name_zh": "港灣光子有限公司",
        "programme": "incubatee",
        "clusters": ["microelectronics"],
        "sites": ["science_park"],
        "size": "11-50",
        "website": "harbour-photonics.example",
        "description": "Silicon photonics transceivers.",
    }
    data.update(overrides)
    return data


def test_employer_registers_a_company_that_waits_for_verification(client, employer):
    client.force_login(employer)
    assert b"Register your company" in client.get(URL).content

    response = client.post(URL, company_data())

    assert response.url == URL
    company = Company.objects.get()
    assert company.status == Company.Status.PENDING
    assert company.slug == "harbour-photonics-limited"
    assert company.website == "https://harbour-photonics.example"
    member = CompanyMember.objects.get()
    assert (member.user, member.company, member.role) == (employer, company, "admin")
    page = client.get(URL)
    assert b"Pending verification" in page.content


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"programme": "galactic"}, "programme"),
        ({"clusters": ["underwater-basket-weaving"]}, "clusters"),
        ({"website": "not a url"}, "website"),
    ],
)
def test_bad_company_input_shows_errors_and_creates_nothing(client, employer, overrides, field):
    client.force_login(employer)
    response = client.post(URL, company_data(**overrides))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Company.objects.exists()


def test_a_member_cannot_register_a_second_company(client):
    member = factories.CompanyAdminFactory()
    client.force_login(member.user)

    response = client.post(URL, company_data())

    assert response.status_code == 200  # the dashboard, not the form
    assert Company.objects.count() == 1


def test_dashboard_shows_only_the_members_own_company(client):
    mine = factories.CompanyMemberFactory(company__name="Mine Limited")
    factories.CompanyMemberFactory(company__name="Theirs Limited")
    factories.JobFactory(company=mine.company, title="Our Draft Role")
    client.force_login(mine.user)

    content = client.get(URL).content

    assert b"Mine Limited" in content
    assert b"Our Draft Role" in content
    assert b"Theirs Limited" not in content


def test_candidates_and_anonymous_visitors_cannot_open_it(client, candidate):
    assert client.get(URL).status_code == 302
    client.force_login(candidate)
    assert client.get(URL).status_code == 403
    assert client.post(URL, company_data()).status_code == 403
    assert not Company.objects.exists()
