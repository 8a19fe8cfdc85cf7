import datetime

import pytest

from events.models import EventSession
from events.selectors import event_get_public, event_get_public_detail
from tests import factories

pytestmark = pytest.mark.django_db


def test_event_get_public_gives_a_published_event_alone(django_assert_num_queries):
    event = factories.EventFactory()
    with django_assert_num_queries(1):
        found = event_get_public(event.slug)
    assert found == event
    assert not hasattr(found, "places_taken")


@pytest.mark.parametrize("getter", [event_get_public, event_get_public_detail])
def test_an_unpublished_or_unknown_event_is_none(getter):
    hidden = factories.EventFactory(is_published=False)
    assert getter(hidden.slug) is None
    assert getter("no-such-event") is None


def test_event_get_public_detail_has_counts_and_sessions_in_time_order(
    django_assert_num_queries,
):
    event = factories.EventFactory(capacity=10)
    factories.RegistrationFactory(event=event)
    factories.WaitlistedRegistrationFactory(event=event)
    factories.ApprovedExhibitorFactory(event=event)
    later = EventSession.objects.create(
        event=event,
        title="A later talk",
        starts_at=event.starts_at + datetime.timedelta(hours=2),
        ends_at=event.starts_at + datetime.timedelta(hours=3),
    )
    first = EventSession.objects.create(
        event=event,
        title="The first talk",
        starts_at=event.starts_at,
        ends_at=event.starts_at + datetime.timedelta(hours=1),
    )
    with django_assert_num_queries(2):  # the event with its counts, then its sessions
        found = event_get_public_detail(event.slug)
        sessions = list(found.sessions.all())
    assert found == event
    assert (found.places_taken, found.exhibitor_count) == (1, 1)
    assert sessions == [first, later]
