"""Every candidate page: anonymous → sign in, employers and staff → 403, and an id that
belongs to another candidate → 404."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

PLAIN_URLS = ["talent:profile", "talent:experience_new", "talent:education_new", "talent:cv_list"]
# (url name, object to build, method)
ID_URLS = [
    ("talent:experience_edit", "experience", "get"),
    ("talent:experience_delete", "experience", "post"),
    ("talent:education_edit", "education", "get"),
    ("talent:education_delete", "education", "post"),
    ("talent:cv_make_default", "cv", "post"),
    ("talent:cv_delete", "cv", "post"),
    ("talent:cv_skills", "cv", "get"),
    ("talent:cv_status", "cv", "get"),
]


@pytest.fixture
def owned():
    """One object of each kind, all belonging to the same candidate."""
    owner = factories.CandidateFactory()
    profile = factories.CandidateProfileFactory(user=owner)
    return {
        "experience": profile.experience.create(
            title="Intern", organisation="Harbour Labs", started_on="2024-06-01"
        ),
        "education": profile.education.create(
            institution="HKUST", level="bachelor", graduation_year=2025
        ),
        "cv": factories.CVFactory(owner=owner),
    }


def _call(client, name, obj, method):
    url = reverse(name, args=[obj.pk])
    return client.post(url) if method == "post" else client.get(url)


@pytest.mark.parametrize("name", PLAIN_URLS)
def test_anonymous_visitors_sign_in_first(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize(("name", "kind", "method"), ID_URLS)
def test_anonymous_visitors_sign_in_first_for_objects(client, owned, name, kind, method):
    response = _call(client, name, owned[kind], method)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("who", ["EmployerFactory", "StaffFactory"])
@pytest.mark.parametrize("name", [*PLAIN_URLS, "talent:dashboard"])
def test_employers_and_staff_get_403(client, who, name):
    client.force_login(getattr(factories, who)())
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("who", ["EmployerFactory", "StaffFactory"])
@pytest.mark.parametrize(("name", "kind", "method"), ID_URLS)
def test_employers_and_staff_get_403_for_objects(client, owned, who, name, kind, method):
    client.force_login(getattr(factories, who)())
    assert _call(client, name, owned[kind], method).status_code == 403


@pytest.mark.parametrize(("name", "kind", "method"), ID_URLS)
def test_another_candidate_gets_404_and_changes_nothing(client, owned, name, kind, method):
    client.force_login(factories.CandidateFactory())
    assert _call(client, name, owned[kind], method).status_code == 404
    obj = owned[kind]
    assert type(obj).objects.filter(pk=obj.pk).exists()
    if kind == "cv":
        obj.refresh_from_db()
        assert obj.is_default


@pytest.mark.parametrize(("name", "kind", "method"), ID_URLS)
def test_the_owner_reaches_every_page(client, owned, name, kind, method):
    client.force_login(owned["cv"].owner)
    assert _call(client, name, owned[kind], method).status_code in (200, 302)


@pytest.mark.parametrize("name", ["talent:experience_delete", "talent:cv_delete"])
def test_state_changes_only_on_post(client, owned, name):
    client.force_login(owned["cv"].owner)
    kind = "cv" if "cv" in name else "experience"
    assert client.get(reverse(name, args=[owned[kind].pk])).status_code == 405
