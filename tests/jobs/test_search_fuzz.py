"""Fuzzing the job search: any query string and any filter parameters, never a 500.

/jobs/, its Atom feed and the saved-search form all read the same parameters
(jobs.filters.JobSearchFilter); each answers anything with a page (or a clear 4xx),
in the format it promises.
"""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import example, given, settings
from hypothesis import strategies as st

from alerts.models import SavedSearch
from hkstp_portal.vocabulary import Cluster, Site
from jobs.filters import JobSearchFilter
from tests import factories
from tests.fuzz import FINE, examples, nasty_text, numberish

pytestmark = pytest.mark.django_db

FACETS = JobSearchFilter.FACETS
KEYS = ["q", "page", "sort", *FACETS]
KNOWN_VALUES = [
    *Cluster.values,
    *Site.values,
    "relevance",
    "newest",
    "salary",
    "20000",
    "1",
    "7",
    "ttps_welcome",
]


def _value() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(KNOWN_VALUES), numberish(), nasty_text(max_size=60))


# Repeated keys, unknown keys and any value: a list of pairs, not a dict.
PARAMS = st.lists(
    st.tuples(st.one_of(st.sampled_from(KEYS), nasty_text(max_size=10)), _value()),
    max_size=8,
)


def _url(name: str, pairs) -> str:
    return f"{reverse(name)}?{urlencode(pairs)}"


@pytest.fixture
def jobs(db):
    """A few open jobs, so that the search has pages, facets and keyword matches."""
    factories.PublishedJobFactory(title="Machine Learning Engineer")
    factories.PublishedJobFactory(title="機器學習工程師")
    factories.PublishedJobFactory(title="Firmware Engineer (C/C++)", salary_min=40000)


def _assert_page(response, content_type: str) -> None:
    assert response.status_code in FINE, response.status_code
    if response.status_code == 200:
        assert response["Content-Type"].startswith(content_type)


@settings(max_examples=examples(120))
@given(q=nasty_text())
@example(q="\x00")
@example(q="a\x00b")
@example(q="機器\x00學習")
@example(q="'&|!:*()\\\"")
@example(q="!!!")
@example(q="<->")
@example(q="x" * 5000)
def test_any_keywords_get_a_search_page(client, jobs, q):
    _assert_page(client.get(_url("jobs:job_list", [("q", q)])), "text/html")


@settings(max_examples=examples(120))
@given(pairs=PARAMS)
@example(pairs=[("page", "0")])
@example(pairs=[("page", "-1")])
@example(pairs=[("page", str(10**20))])
@example(pairs=[("page", "last"), ("sort", "salary")])
@example(pairs=[("sort", "garbage"), ("sort", "relevance")])
@example(pairs=[("salary", "-5"), ("posted", str(10**20))])
@example(pairs=[("cluster", "ai_robotics"), ("cluster", "ai_robotics"), ("cluster", "nope")])
def test_any_filters_get_a_search_page(client, jobs, pairs):
    _assert_page(client.get(_url("jobs:job_list", pairs)), "text/html")


@settings(max_examples=examples(100))
@given(pairs=PARAMS)
@example(pairs=[("q", "\x01")])
@example(pairs=[("q", "\x00")])
@example(pairs=[("q", "\ufffe")])
@example(pairs=[("sort", "garbage"), ("page", "-1")])
def test_any_search_has_an_atom_feed(client, jobs, pairs):
    _assert_page(client.get(_url("jobs:job_feed", pairs)), "application/atom+xml")


@given(pairs=PARAMS)
@example(pairs=[("q", "\x00")])
def test_any_search_opens_the_save_form(client, signed_in_candidate, jobs, pairs):
    _assert_page(client.get(_url("alerts:saved_search_create", pairs)), "text/html")


@settings(max_examples=examples(100))
@given(pairs=PARAMS, name=nasty_text(max_size=120), frequency=_value())
@example(pairs=[("q", "\x00")], name="NUL", frequency="daily")
@example(pairs=[("q", "!!!")], name="only syntax", frequency="instant")
@example(pairs=[("q", "the")], name="stop word", frequency="daily")
@example(pairs=[("q", "engineer")], name="a\x00b", frequency="daily")
def test_saving_any_search_is_a_page_or_a_form_error(
    client, signed_in_candidate, jobs, pairs, name, frequency
):
    before = SavedSearch.objects.filter(user=signed_in_candidate).count()
    response = client.post(
        reverse("alerts:saved_search_create"),
        {"query": urlencode(pairs), "name": name, "frequency": frequency},
    )
    assert response.status_code in FINE, response.status_code
    after = SavedSearch.objects.filter(user=signed_in_candidate).count()
    # Saved (and redirected to the search), or refused with the form again: never half.
    assert after == before + (response.status_code == 302)
    # Keep under the per-candidate limit so later examples still exercise the form.
    SavedSearch.objects.filter(user=signed_in_candidate).delete()
