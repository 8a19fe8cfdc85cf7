"""A job search's parameters, read exactly as the public search reads them.

The parameters go through jobs.filters.JobSearchFilter's own form, so a saved
search keeps what the search page ran: an unknown value is dropped there and
here alike.
"""

import dataclasses

from django.http import QueryDict
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from jobs.filters import JobSearchFilter
from jobs.models import Job

# JobSearchFilter's facet -> the SavedSearch column holding its values.
FACET_COLUMNS = {
    "cluster": "clusters",
    "site": "sites",
    "employment_type": "employment_types",
    "seniority": "seniorities",
    "education": "educations",
    "field": "job_fields",
    "eligibility": "eligibility",
    "programme": "programmes",
}
KEYWORD_MAX_LENGTH = 100


@dataclasses.dataclass
class SearchCriteria:
    query: str  # the normalised query string: no page or sort, values in the facets' order
    keyword: str
    columns: dict  # SavedSearch column -> value
    labels: list[str]  # the filters in words, for a default name

    def default_name(self, max_length: int) -> str:
        if not self.labels:
            return _("All jobs")
        return Truncator(" · ".join(self.labels)).chars(max_length)


def search_criteria(params: QueryDict, search: JobSearchFilter | None = None) -> SearchCriteria:
    """The search that `params` (the GET parameters of /jobs/) runs, normalised.

    `search`, the page's filter of the same `params` if there is one, saves building
    another (its filters and form cost a few milliseconds of CPU).
    """
    if not isinstance(search, JobSearchFilter) or search.data != params:
        search = JobSearchFilter(params, queryset=Job.objects.none())
    search.form.is_valid()
    data = search.form.cleaned_data
    keyword = (data.get("q") or "").strip()
    items: list[tuple[str, str]] = [("q", keyword)] if keyword else []
    labels = [keyword] if keyword else []
    columns: dict = {"keyword": keyword}
    for name, column in FACET_COLUMNS.items():
        chosen = set(data.get(name) or [])
        choices = dict(search.filters[name].extra["choices"])
        values = [value for value in choices if value in chosen]
        columns[column] = values
        items += [(name, value) for value in values]
        labels += [str(choices[value]) for value in values]
    salary = data.get("salary") or ""
    posted = data.get("posted") or ""
    columns["salary_floor"] = int(salary) if salary else None
    columns["posted_within_days"] = int(posted) if posted else None
    for name, value in (("salary", salary), ("posted", posted)):
        if value:
            items.append((name, value))
            labels.append(str(dict(search.filters[name].extra["choices"])[value]))
    return SearchCriteria(query=urlencode(items), keyword=keyword, columns=columns, labels=labels)
