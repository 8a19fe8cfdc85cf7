"""Saved job searches and the jobs they found.

A saved search keeps the public search's query string (to re-run it) and the same
filters in columns that one SQL statement can compare with a new job
(alerts.services.saved_search_hits_record). A hit row is the queue of alerts: one per
saved search and job, ever.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alerts.fields import TsQueryField
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


def _values(choices, verbose_name):
    return ArrayField(
        models.CharField(max_length=32, choices=choices),
        verbose_name=verbose_name,
        default=list,
        blank=True,
    )


class SavedSearch(models.Model):
    MAX_PER_USER = 20
    NAME_MAX_LENGTH = 100

    class Frequency(models.TextChoices):
        INSTANT = "instant", _("Instantly")
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")
        PAUSED = "paused", _("Paused")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    # The public search's parameters (/jobs/?…), normalised: no page or sort, the
    # values in a fixed order; two equal searches have the same text.
    query = models.CharField(_("search"), max_length=2000, blank=True)
    frequency = models.CharField(
        _("alert frequency"), max_length=8, choices=Frequency.choices, default=Frequency.DAILY
    )

    # The same filters, for matching a new job. An empty list means "any".
    keyword = models.CharField(_("keywords"), max_length=200, blank=True)
    # jobs.search.keyword_query(keyword) as PostgreSQL parsed it; NULL without keywords.
    keyword_tsquery = TsQueryField(null=True, blank=True, editable=False)
    clusters = _values(Cluster.choices, _("clusters"))
    sites = _values(Site.choices, _("sites"))
    employment_types = _values(EmploymentType.choices, _("employment types"))
    seniorities = _values(Seniority.choices, _("seniorities"))
    educations = _values(Education.choices, _("minimum education"))
    job_fields = _values(JobField.choices, _("fields"))
    eligibility = _values(Eligibility.choices, _("open to"))
    programmes = _values(ProgrammeTag.choices, _("programmes"))
    salary_floor = models.PositiveIntegerField(_("monthly salary at least"), null=True, blank=True)
    # Re-running the search keeps it; a brand-new job is always within it, so
    # matching ignores it.
    posted_within_days = models.PositiveSmallIntegerField(
        _("posted within (days)"), null=True, blank=True
    )

    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_notified_at = models.DateTimeField(_("last alert"), null=True, blank=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                "user",
                Lower("name"),
                name="saved_search_name_unique_per_user",
                violation_error_message=_("You already have a saved search with this name."),
            ),
            models.UniqueConstraint(
                fields=["user", "query"],
                name="saved_search_query_once_per_user",
                violation_error_message=_("You have already saved this search."),
            ),
            models.CheckConstraint(condition=~Q(name=""), name="saved_search_name_not_empty"),
            models.CheckConstraint(
                condition=Q(frequency__in=["instant", "daily", "weekly", "paused"]),
                name="saved_search_frequency_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("alerts:saved_search_edit", args=[self.pk])

    @property
    def search_url(self) -> str:
        """The public search page showing this search's jobs."""
        url = reverse("jobs:job_list")
        return f"{url}?{self.query}" if self.query else url

    @property
    def is_paused(self) -> bool:
        return self.frequency == self.Frequency.PAUSED

    def filter_labels(self) -> list[str]:
        """The filters in words, for the list of saved searches (no query)."""
        labels = [f"“{self.keyword}”"] if self.keyword else []
        for values, choices in (
            (self.clusters, Cluster),
            (self.sites, Site),
            (self.employment_types, EmploymentType),
            (self.seniorities, Seniority),
            (self.educations, Education),
            (self.job_fields, JobField),
            (self.eligibility, Eligibility),
            (self.programmes, ProgrammeTag),
        ):
            labels += [str(choices(value).label) for value in values]
        if self.salary_floor:
            labels.append(_("HK$%(floor)s+") % {"floor": f"{self.salary_floor:,}"})
        if self.posted_within_days:
            labels.append(_("posted within %(days)s days") % {"days": self.posted_within_days})
        return labels


class SavedSearchHit(models.Model):
    """A new job that a saved search found; at most one per saved search and job.

    Unnotified rows (notified_at NULL) are the alerts still to send: instant ones
    at once, daily and weekly ones in the digest.
    """

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="hits")
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="saved_search_hits")
    created_at = models.DateTimeField(_("found"), auto_now_add=True)
    notified_at = models.DateTimeField(_("notified"), null=True, blank=True)

    class Meta:
        verbose_name = _("saved search hit")
        verbose_name_plural = _("saved search hits")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "job"], name="saved_search_hit_once_per_job"
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                name="saved_search_hit_pending",
                condition=Q(notified_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.saved_search} → {self.job}"
