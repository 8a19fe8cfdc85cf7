"""Staff see saved searches and hits in the admin, read-only, without N+1 queries."""

import pytest
from django.urls import reverse

from alerts.services import saved_search_hits_record
from tests import factories

pytestmark = pytest.mark.django_db


def test_staff_browse_saved_searches_and_hits(client, superuser, django_assert_max_num_queries):
    saved = factories.SavedSearchFactory(query="", name="Everything")
    for job in factories.PublishedJobFactory.create_batch(5):
        saved_search_hits_record(job.pk)
    client.force_login(superuser)
    for name in ("savedsearch", "savedsearchhit"):
        with django_assert_max_num_queries(12):
            response = client.get(reverse(f"admin:alerts_{name}_changelist"))
        assert response.status_code == 200
        assert "Everything" in response.content.decode()
        assert client.get(reverse(f"admin:alerts_{name}_add")).status_code == 403
    page = client.get(reverse("admin:alerts_savedsearch_change", args=[saved.pk]))
    assert page.status_code == 200
