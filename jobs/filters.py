import django_filters
from django.utils.translation import gettext_lazy as _

from hkstp_portal.vocabulary import EmploymentType, Site
from jobs.models import Job
from jobs.selectors import job_search


class JobSearchFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Keywords"), method="filter_q")
    employment_type = django_filters.ChoiceFilter(
        label=_("Employment type"), choices=EmploymentType.choices, empty_label=_("Any")
    )
    site = django_filters.ChoiceFilter(label=_("Site"), choices=Site.choices, empty_label=_("Any"))

    class Meta:
        model = Job
        fields = ["q", "employment_type", "site"]

    def filter_q(self, queryset, name, value):
        return job_search(q=value, jobs=queryset)
