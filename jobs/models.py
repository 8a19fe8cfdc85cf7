from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hkstp_portal.vocabulary import Education, EmploymentType, JobField, Seniority, Site, WorkMode


class JobQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Job.Status.PUBLISHED)


class Job(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Pending review")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")
        EXPIRED = "expired", _("Expired")

    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="jobs")
    title = models.CharField(_("title"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    description = models.TextField(_("description"))
    employment_type = models.CharField(
        _("employment type"), max_length=24, choices=EmploymentType.choices
    )
    seniority = models.CharField(_("seniority"), max_length=16, choices=Seniority.choices)
    education = models.CharField(_("minimum education"), max_length=16, choices=Education.choices)
    field = models.CharField(_("field"), max_length=16, choices=JobField.choices)
    site = models.CharField(_("site"), max_length=32, choices=Site.choices)
    work_mode = models.CharField(_("work mode"), max_length=16, choices=WorkMode.choices)
    salary_min = models.PositiveIntegerField(_("monthly salary from (HKD)"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("monthly salary to (HKD)"), null=True, blank=True)
    show_salary = models.BooleanField(_("show the salary"), default=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    deadline = models.DateField(_("application deadline"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=F("salary_max")),
                name="job_salary_min_not_above_max",
                violation_error_message=_("The salary minimum is above the maximum."),
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="job_published_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("jobs:job_detail", args=[self.pk])

    @property
    def salary_shown(self):
        return self.show_salary and self.salary_min is not None

    @property
    def salary_range(self):
        """'HK$38,000–55,000' with the same separators in every language."""
        if self.salary_min is None:
            return ""
        high = f"–{self.salary_max:,}" if self.salary_max else ""
        return f"HK${self.salary_min:,}{high}"
