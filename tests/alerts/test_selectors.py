"""The hits a digest or an instant alert will send."""

import datetime

import pytest
from django.utils import timezone

from alerts.models import SavedSearchHit
from alerts.selectors import saved_search_hits_due, saved_search_list_for_user
from alerts.services import (
    saved_search_hits_mark_notified,
    saved_search_hits_record,
    saved_search_update,
)
from tests import factories

pytestmark = pytest.mark.django_db


def test_due_hits_are_the_unnotified_ones_of_that_frequency(django_assert_num_queries):
    daily = factories.SavedSearchFactory(query="", frequency="daily")
    weekly = factories.SavedSearchFactory(query="", frequency="weekly")
    instant = factories.SavedSearchFactory(query="", frequency="instant")
    older = factories.PublishedJobFactory(
        title="Older", published_at=timezone.now() - datetime.timedelta(hours=2)
    )
    newer = factories.PublishedJobFactory(title="Newer")
    for job in (older, newer):
        saved_search_hits_record(job.pk)
    now = timezone.now()

    with django_assert_num_queries(1):  # the search, candidate, job and company come along
        due = list(saved_search_hits_due("daily", now))
        assert [(hit.saved_search, hit.job.title) for hit in due] == [
            (daily, "Newer"),
            (daily, "Older"),
        ]
        assert due[0].saved_search.user == daily.user
        assert due[0].job.company.name
    assert {hit.saved_search for hit in saved_search_hits_due("weekly", now)} == {weekly}
    assert {hit.saved_search for hit in saved_search_hits_due("instant", now)} == {instant}

    saved_search_hits_mark_notified([hit.pk for hit in due], now)
    assert not saved_search_hits_due("daily", now).exists()
    assert saved_search_hits_due("weekly", now).count() == 2


def test_hits_found_after_now_wait_for_the_next_run():
    factories.SavedSearchFactory(query="", frequency="daily")
    saved_search_hits_record(factories.PublishedJobFactory().pk)
    assert not saved_search_hits_due("daily", timezone.now() - datetime.timedelta(minutes=1))
    assert saved_search_hits_due("daily", timezone.now()).count() == 1


def test_a_paused_search_has_nothing_due_and_closed_jobs_are_not_sent(candidate):
    saved = factories.SavedSearchFactory(user=candidate, query="", frequency="daily")
    open_job = factories.PublishedJobFactory(title="Open")
    closing = factories.PublishedJobFactory(title="Closing")
    saved_search_hits_record(open_job.pk)
    saved_search_hits_record(closing.pk)
    closing.status = closing.Status.CLOSED
    closing.closed_reason = closing.ClosedReason.FILLED
    closing.save()
    now = timezone.now()
    assert [hit.job for hit in saved_search_hits_due("daily", now)] == [open_job]
    saved_search_update(saved_search=saved, by=candidate, name=saved.name, frequency="paused")
    assert not saved_search_hits_due("daily", now).exists()
    assert SavedSearchHit.objects.count() == 2  # kept; sent if the search is resumed


@pytest.mark.parametrize("frequency", ["paused", "hourly"])
def test_no_frequency_but_instant_daily_and_weekly_is_due(frequency):
    with pytest.raises(ValueError, match="no alerts are due"):
        saved_search_hits_due(frequency, timezone.now())


def test_the_list_counts_hits_found_and_waiting(candidate):
    saved = factories.SavedSearchFactory(user=candidate, query="")
    for job in factories.PublishedJobFactory.create_batch(3):
        saved_search_hits_record(job.pk)
    first = SavedSearchHit.objects.order_by("pk").first()
    saved_search_hits_mark_notified([first.pk], timezone.now())
    [listed] = saved_search_list_for_user(candidate)
    assert (listed, listed.hit_count, listed.pending_count) == (saved, 3, 2)
    assert list(saved_search_list_for_user(factories.CandidateFactory())) == []
