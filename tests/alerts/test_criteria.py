"""The normalised search a saved search stores (alerts/criteria.py)."""

import pytest
from django.http import QueryDict
from django.utils import translation

from alerts.criteria import search_criteria
from jobs.filters import JobSearchFilter
from jobs.models import Job

QUERIES = [
    "",
    "q=python",
    "site=science_park&employment_type=full_time&q=data",
    "salary=40000&posted=7&sort=salary&page=3",
    "site=nowhere&salary=1",
]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_the_pages_own_filter_gives_the_same_criteria(query, language):
    params = QueryDict(query)
    page_filter = JobSearchFilter(params, queryset=Job.objects.none())
    page_filter.form.is_valid()
    with translation.override(language):
        assert search_criteria(params, search=page_filter) == search_criteria(params)


def test_a_filter_of_other_parameters_is_not_reused():
    other = JobSearchFilter(QueryDict("q=rust"), queryset=Job.objects.none())
    criteria = search_criteria(QueryDict("q=python"), search=other)
    assert criteria.keyword == "python"
    assert criteria.query == "q=python"
