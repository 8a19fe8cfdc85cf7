"""The public job search: django-filter facets (counted in jobs.search_index), keywords, order."""

import datetime
import functools

import django_filters
from django import forms
from django.contrib.postgres.search import SearchRank
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hkstp_portal.vocabulary import (
    Cluster,
    Education,
    Eligibility,
    EmploymentType,
    JobField,
    ProgrammeTag,
    Seniority,
    Site,
)
from jobs.models import salary_sort_key
from jobs.search import MAX_LENGTH, keyword_query


class FacetFilter(django_filters.MultipleChoiceFilter):
    """Checkboxes, OR within the facet. `condition` is reused for the facet counts."""

    def __init__(self, *, lookup: str = "in", **kwargs):
        self.lookup = lookup
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(**kwargs)

    def condition(self, values) -> Q:
        if self.lookup == "flag":  # each value is a boolean field
            q = Q()
            for value in values:
                q |= Q(**{value: True})
            return q
        return Q(**{f"{self.field_name}__{self.lookup}": list(values)})

    def filter(self, qs, value):
        return qs.filter(self.condition(value)) if value else qs


class OptionFilter(django_filters.ChoiceFilter):
    """One choice of a few (salary floor, posted within), counted like a facet."""

    def __init__(self, *, build, **kwargs):
        self.build = build
        kwargs.setdefault("widget", forms.RadioSelect)
        super().__init__(**kwargs)

    def condition(self, values) -> Q:
        return self.build(values[0])

    def filter(self, qs, value):
        return qs.filter(self.build(value)) if value else qs


def _salary_at_least(value: str) -> Q:
    floor = int(value)
    # Only salaries the company shows: a filter must not reveal a hidden one.
    return Q(show_salary=True, salary_min__isnull=False) & (
        Q(salary_max__gte=floor) | Q(salary_max__isnull=True, salary_min__gte=floor)
    )


def _posted_within(value: str) -> Q:
    return Q(published_at__gte=timezone.now() - datetime.timedelta(days=int(value)))


SALARY_FLOORS = [
    ("20000", _("HK$20,000+")),
    ("30000", _("HK$30,000+")),
    ("40000", _("HK$40,000+")),
    ("60000", _("HK$60,000+")),
    ("80000", _("HK$80,000+")),
]
POSTED_WITHIN = [("1", _("Past 24 hours")), ("7", _("Past week")), ("30", _("Past month"))]


class JobSearchFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Keywords"),
        method="filter_q",
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Title, skill or company")}
        ),
    )
    cluster = FacetFilter(
        label=_("Cluster"),
        field_name="company__clusters",
        lookup="overlap",
        choices=Cluster.choices,
    )
    site = FacetFilter(label=_("Site"), field_name="site", choices=Site.choices)
    employment_type = FacetFilter(
        label=_("Employment type"), field_name="employment_type", choices=EmploymentType.choices
    )
    seniority = FacetFilter(label=_("Seniority"), field_name="seniority", choices=Seniority.choices)
    education = FacetFilter(
        label=_("Minimum education"), field_name="education", choices=Education.choices
    )
    field = FacetFilter(label=_("Field"), field_name="field", choices=JobField.choices)
    eligibility = FacetFilter(
        label=_("Open to"), field_name="eligibility", lookup="flag", choices=Eligibility.choices
    )
    programme = FacetFilter(
        label=_("Programme"),
        field_name="programmes",
        lookup="overlap",
        choices=ProgrammeTag.choices,
    )
    salary = OptionFilter(
        label=_("Monthly salary"),
        build=_salary_at_least,
        choices=SALARY_FLOORS,
        empty_label=_("Any"),
    )
    posted = OptionFilter(
        label=_("Posted"), build=_posted_within, choices=POSTED_WITHIN, empty_label=_("Any time")
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="filter_sort",
        choices=[("relevance", _("Relevance")), ("newest", _("Newest")), ("salary", _("Salary"))],
        empty_label=None,
        null_label=None,
    )

    FACETS = [
        "cluster",
        "site",
        "employment_type",
        "seniority",
        "education",
        "field",
        "eligibility",
        "programme",
        "salary",
        "posted",
    ]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.form.fields["sort"].required = False

    def get_form_class(self):
        # The filters and their fields are the same for every search: build the form
        # class once per process, not a class and ten fields a search (each form still
        # gets its own copy of the fields, as every Django form does).
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    # -- keyword and order ------------------------------------------------
    def filter_q(self, queryset, name, value):
        return self._keyword_filter(queryset)

    @functools.cached_property
    def keyword(self):
        """The text-search query of the keywords, or None when there are none."""
        self.form.is_valid()
        return keyword_query((self.form.cleaned_data or {}).get("q") or "")

    def _keyword_filter(self, queryset):
        query = self.keyword
        if query is None:
            return queryset
        return queryset.filter(search_vector=query).annotate(
            rank=SearchRank(F("rank_vector"), query)
        )

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset

    def sort_key(self) -> str:
        self.form.is_valid()
        data = self.form.cleaned_data or {}
        sort = data.get("sort") or ""
        has_keyword = self.keyword is not None
        if sort == "relevance" and not has_keyword:
            return "newest"
        return sort or ("relevance" if has_keyword else "newest")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.sort_key()
        if sort == "relevance":
            return queryset.order_by("-rank", "-published_at", "-id")
        if sort == "salary":
            # The same expression as the job_open_salary index, so the page comes from it.
            return queryset.order_by(
                salary_sort_key().desc(nulls_last=True), "-published_at", "-id"
            )
        return queryset.order_by("-published_at", "-id")

    # -- facet counts ----------------------------------------------------------
    def chosen_values(self) -> dict[str, list[str]]:
        """The ticked values of each active facet: {facet: [value, ...]}."""
        self.form.is_valid()
        data = self.form.cleaned_data or {}
        return {
            name: data[name] if isinstance(data[name], list) else [data[name]]
            for name in self.FACETS
            if data.get(name)
        }

    def active_conditions(self) -> dict[str, Q]:
        return {
            name: self.filters[name].condition(values)
            for name, values in self.chosen_values().items()
        }

    def facet_choices(self) -> dict[str, list[str]]:
        """Every value each facet can count, in display order."""
        return {
            name: [value for value, _label in self.filters[name].extra["choices"]]
            for name in self.FACETS
        }

    @property
    def keyword_text(self) -> str:
        """The keywords as searched (cleaned), the key of their cached matches."""
        self.form.is_valid()
        return ((self.form.cleaned_data or {}).get("q") or "").strip()[:MAX_LENGTH]
