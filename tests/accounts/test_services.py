import pytest
from django.contrib.auth.models import Group

from accounts.services import EVENT_ORGANISERS, MODERATORS, staff_groups_sync

pytestmark = pytest.mark.django_db


def test_staff_groups_have_their_permissions_and_sync_is_idempotent():
    staff_groups_sync()
    staff_groups_sync()

    moderators = Group.objects.get(name=MODERATORS)
    organisers = Group.objects.get(name=EVENT_ORGANISERS)
    assert moderators.permissions.filter(codename="change_job").exists()
    assert not moderators.permissions.filter(codename="delete_job").exists()
    assert organisers.permissions.filter(codename="add_event").exists()
    # Fair staff approve exhibitors and run programme rounds, but cannot edit tickets.
    assert organisers.permissions.filter(codename="change_exhibitor").exists()
    assert organisers.permissions.filter(codename="view_programmeapplication").exists()
    assert not organisers.permissions.filter(codename="change_registration").exists()
    assert Group.objects.filter(name__in=[MODERATORS, EVENT_ORGANISERS]).count() == 2


def test_moderator_can_use_the_admin_for_jobs_but_not_events(client):
    from tests import factories

    staff_groups_sync()
    moderator = factories.StaffFactory()
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)

    assert client.get("/admin/jobs/job/").status_code == 200
    assert client.get("/admin/events/event/").status_code == 403
