"""The admin's "View on site" (and the event list's "Public page") only where the object has
a public page: a draft job, an unverified company, an unpublished event or programme, a
team invitation and a saved search answered 404 from it."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def change_page(client, obj):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response


def view_on_site_link(client, obj):
    """Where the page's "View on site" leads, followed to the end (None: no link)."""
    url = change_page(client, obj).context["adminform"].model_admin.get_view_on_site_url(obj)
    if url is None:
        return None
    return client.get(url, follow=True).status_code


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (lambda: factories.JobFactory(), None),  # a draft
        (lambda: factories.PendingJobFactory(), None),
        (lambda: factories.PublishedJobFactory(), 200),
        (lambda: factories.ClosedJobFactory(), 200),
        (lambda: factories.CompanyFactory(), None),  # waiting for verification
        (lambda: factories.RejectedCompanyFactory(), None),
        (lambda: factories.VerifiedCompanyFactory(), 200),
        (lambda: factories.EventFactory(is_published=False), None),
        (lambda: factories.EventFactory(), 200),
        (lambda: factories.ProgrammeFactory(is_published=False), None),
        (lambda: factories.ProgrammeFactory(), 200),
        (lambda: factories.SavedSearchFactory(), None),
    ],
)
def test_view_on_site_only_where_the_page_answers(admin_client, build, expected):
    assert view_on_site_link(admin_client, build()) == expected


def test_a_team_invitation_has_no_view_on_site(admin_client):
    from companies.services import member_invite

    admin = factories.CompanyAdminFactory()
    invitation = member_invite(
        company=admin.company, by=admin.user, email="new@example.com", role="recruiter"
    )
    assert view_on_site_link(admin_client, invitation) is None


def test_every_view_on_site_link_answers(admin_client):
    """Whatever admin a model gets: a model with get_absolute_url whose admin keeps the
    default "View on site" must have a page for every object."""
    kept = sorted(
        f"{model._meta.label}"
        for model, model_admin in admin.site._registry.items()
        if hasattr(model, "get_absolute_url") and model_admin.view_on_site is True
    )
    assert kept == [], f"say in each admin when its objects have a page: {kept}"


def test_the_event_list_links_a_public_page_only_when_published(admin_client):
    published = factories.EventFactory(title="Published Fair")
    hidden = factories.EventFactory(title="Hidden Fair", is_published=False)
    html = admin_client.get(reverse("admin:events_event_changelist")).content.decode()
    assert f'href="{published.get_absolute_url()}"' in html
    assert f'href="{hidden.get_absolute_url()}"' not in html
