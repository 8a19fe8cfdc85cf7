"""Every URL pattern of the portal, resolved with odd path segments and odd query
parameters (tests/fuzz.py), by a visitor, a candidate, a company admin and staff: the
answer is a page, a redirect or a clear 4xx, never a 500.

Odd path segments never name a row, so the pages of real rows (a job's apply page, a fair's
booth…) get the odd query parameters too, and the admin's changelists get them in each of
their own filters. The admin's patterns are requested by staff only: anyone else is sent to
the admin login before the path is looked at.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.fuzz import (
    FINE,
    ODD_SEGMENTS,
    admin_filter_queries,
    odd_queries,
    url_pattern_paths,
    url_pattern_plain_paths,
)

pytestmark = pytest.mark.django_db

# 429: a rate limit reached by the many requests of one test is a clear answer too.
ALLOWED = FINE | {429}


def _person(kind):
    if kind == "candidate":
        return factories.CandidateProfileFactory().user
    if kind == "company admin":
        return factories.CompanyAdminFactory(company=factories.VerifiedCompanyFactory()).user
    if kind == "staff":
        return factories.SuperuserFactory()
    return None


def _pages_of_rows():
    """Pages of real rows, which odd path segments never reach."""
    exhibitor = factories.ApprovedExhibitorFactory()
    event, company = exhibitor.event, exhibitor.company
    job = factories.PublishedJobFactory(company=company)
    invitation = factories.CompanyFactory().invitations.create(email="new@example.com")
    programme = factories.ProgrammeFactory()
    return [
        reverse("jobs:job_detail", args=[job.pk]),
        reverse("applications:apply", args=[job.pk]),
        reverse("companies:company_detail", args=[company.slug]),
        reverse("companies:invitation_accept", args=[invitation.token]),
        reverse("events:event_detail", args=[event.slug]),
        reverse("events:exhibitor_list", args=[event.slug]),
        reverse("events:booth_detail", args=[event.slug, company.slug]),
        reverse("events:check_in", args=[event.slug]),
        reverse("events:event_report", args=[event.slug]),
        reverse("programmes:programme_detail", args=[programme.slug]),
        reverse("programmes:report", args=[programme.slug]),
    ]


def _requests(kind, pages_of_rows):
    for segment in ODD_SEGMENTS:
        for name, path in url_pattern_paths(segment):
            if kind == "staff" or not path.startswith("/admin/"):
                yield name, path
    queries = odd_queries()
    for name, path in url_pattern_plain_paths():
        if not path.startswith("/admin/"):
            for query in queries:
                yield name, f"{path}?{query}"
    for path in pages_of_rows:
        for query in queries:
            yield path, f"{path}?{query}"
    if kind == "staff":
        yield from admin_filter_queries()


@pytest.mark.parametrize("kind", ["visitor", "candidate", "company admin", "staff"])
def test_no_url_pattern_answers_odd_values_with_a_500(kind):
    pages_of_rows = _pages_of_rows()  # and rows for the list pages and the admin
    client = Client(raise_request_exception=False)
    person = _person(kind)
    if person is not None:
        client.force_login(person)
    failures = []
    for name, url in _requests(kind, pages_of_rows):
        status = client.get(url).status_code
        if status not in ALLOWED:
            failures.append(f"{status} {name}: {url[:120]}")
        if person is not None and "logout" in url:
            client.force_login(person)
    assert not failures, "\n".join(failures)
