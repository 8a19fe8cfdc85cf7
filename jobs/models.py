from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Case, F, Q, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hkstp_portal.vocabulary import (
    Education,
    EmploymentType,
    JobField,
    Language,
    ProgrammeTag,
    Seniority,
    Site,
    WorkMode,
)


def salary_sort_key():
    """What "sort by salary" orders by: the shown top of the range; hidden salaries have none."""
    return Case(When(show_salary=True, then=Coalesce("salary_max", "salary_min")), default=None)


class JobQuerySet(models.QuerySet):
    def open(self, now=None):
        """Published and not yet past its expiry: what search, feeds and sitemaps show.

        The expiry beat task flips the status later; this filter hides a job the
        moment it expires.
        """
        return self.filter(status=Job.Status.PUBLISHED, expires_at__gt=now or timezone.now())

    def public(self):
        """Every job that was ever published: its page stays, saying when it is closed."""
        return self.filter(status__in=Job.PUBLIC_STATUSES, published_at__isnull=False)


class Job(models.Model):
    DEFAULT_LIFETIME_DAYS = 60
    # What a company team may change; the lifecycle fields change only through jobs.services.
    EDITABLE_FIELDS = [
        "title",
        "title_zh",
        "title_zh_hans",
        "description",
        "description_zh",
        "description_zh_hans",
        "responsibilities",
        "responsibilities_zh",
        "responsibilities_zh_hans",
        "requirements",
        "requirements_zh",
        "requirements_zh_hans",
        "employment_type",
        "seniority",
        "education",
        "field",
        "site",
        "work_mode",
        "salary_min",
        "salary_max",
        "show_salary",
        "open_to_overseas",
        "open_to_gba",
        "visa_sponsorship",
        "ttps_welcome",
        "programmes",
        "languages",
        "openings",
        "deadline",
    ]

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Pending review")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")
        EXPIRED = "expired", _("Expired")

    # The statuses of a job that has a page (with its published_at set).
    PUBLIC_STATUSES = [Status.PUBLISHED, Status.CLOSED, Status.EXPIRED]

    class ClosedReason(models.TextChoices):
        FILLED = "filled", _("Filled")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        # Set by companies.services.company_reject, never chosen by the company: a verify
        # again reopens these jobs (jobs.services.jobs_reopen_for_verified_company).
        COMPANY_NOT_VERIFIED = "unverified", _("Company not verified by HKSTP")

    # The reasons a company's team may give when it closes a job itself.
    CLOSED_BY_COMPANY = [ClosedReason.FILLED, ClosedReason.WITHDRAWN]

    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="jobs")
    # Content in three languages: English is required, each Chinese version optional;
    # hkstp_portal.i18n.localised picks the reader's (`_zh` is Traditional Chinese).
    title = models.CharField(_("title"), max_length=200)
    title_zh = models.CharField(_("title (Traditional Chinese)"), max_length=200, blank=True)
    title_zh_hans = models.CharField(_("title (Simplified Chinese)"), max_length=200, blank=True)
    description = models.TextField(
        _("description"), help_text=_("Markdown: **bold**, *italic*, lists and links.")
    )
    description_zh = models.TextField(_("description (Traditional Chinese)"), blank=True)
    description_zh_hans = models.TextField(_("description (Simplified Chinese)"), blank=True)
    responsibilities = models.TextField(_("responsibilities"), blank=True)
    responsibilities_zh = models.TextField(_("responsibilities (Traditional Chinese)"), blank=True)
    responsibilities_zh_hans = models.TextField(
        _("responsibilities (Simplified Chinese)"), blank=True
    )
    requirements = models.TextField(_("requirements"), blank=True)
    requirements_zh = models.TextField(_("requirements (Traditional Chinese)"), blank=True)
    requirements_zh_hans = models.TextField(_("requirements (Simplified Chinese)"), blank=True)
    required_skills = models.ManyToManyField(
        "skills.Skill", verbose_name=_("required skills"), related_name="jobs_requiring", blank=True
    )
    preferred_skills = models.ManyToManyField(
        "skills.Skill",
        verbose_name=_("preferred skills"),
        related_name="jobs_preferring",
        blank=True,
    )
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
    # Eligibility: the names match hkstp_portal.vocabulary.Eligibility.
    open_to_overseas = models.BooleanField(_("open to overseas talent"), default=False)
    open_to_gba = models.BooleanField(_("open to GBA talent"), default=False)
    visa_sponsorship = models.BooleanField(_("visa sponsorship offered"), default=False)
    ttps_welcome = models.BooleanField(_("TTPS holders welcome"), default=False)
    programmes = ArrayField(
        models.CharField(max_length=16, choices=ProgrammeTag.choices),
        verbose_name=_("programmes"),
        default=list,
        blank=True,
    )
    languages = ArrayField(
        models.CharField(max_length=8, choices=Language.choices),
        verbose_name=_("languages required"),
        default=list,
        blank=True,
    )
    openings = models.PositiveSmallIntegerField(_("number of openings"), default=1)
    deadline = models.DateField(_("application deadline"), null=True, blank=True)

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    moderation_note = models.TextField(
        _("note from HKSTP"),
        blank=True,
        help_text=_("Why the job was sent back; the company sees it."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_reason = models.CharField(
        _("closed because"), max_length=16, choices=ClosedReason.choices, blank=True
    )
    # Kept up to date by jobs.services.job_search_index: weighted English words
    # plus Chinese bigrams (see the cjk_bigrams migration).
    search_vector = SearchVectorField(null=True, editable=False)
    # Only the A and B weights (title, skills, company) of search_vector: small enough to
    # stay in the row, so ranking thousands of matches does not unpack each long vector.
    rank_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-published_at", "-id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="job_search_vector_gin"),
            models.Index(
                F("published_at").desc(),
                F("id").desc(),
                name="job_open_newest",
                condition=Q(status="published"),
            ),
            models.Index(fields=["status", "expires_at"], name="job_status_expires"),
            models.Index(
                salary_sort_key().desc(nulls_last=True),
                F("published_at").desc(),
                F("id").desc(),
                name="job_open_salary",
                condition=Q(status="published"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=F("salary_max")),
                name="job_salary_min_not_above_max",
                violation_error_message=_("The salary minimum is above the maximum."),
            ),
            models.CheckConstraint(
                condition=~Q(status="published")
                | Q(published_at__isnull=False, expires_at__isnull=False),
                name="job_published_has_dates",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(closed_reason=""),
                name="job_closed_has_reason",
            ),
            models.CheckConstraint(condition=Q(openings__gte=1), name="job_openings_at_least_one"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("jobs:job_detail", args=[self.pk])

    @property
    def has_public_page(self) -> bool:
        """Whether get_absolute_url answers (JobQuerySet.public, for one job in hand)."""
        return self.status in self.PUBLIC_STATUSES and self.published_at is not None

    @property
    def is_open(self):
        return self.status == self.Status.PUBLISHED and (
            self.expires_at is None or self.expires_at > timezone.now()
        )

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

    def get_programme_labels(self):
        return [ProgrammeTag(value).label for value in self.programmes]

    def get_language_labels(self):
        return [Language(value).label for value in self.languages]


class SearchChange(models.Model):
    """A job whose row, or whose company's row, was written: the search bitmaps'
    (jobs.search_index) record of writes that bypass the services.

    Rows are written by statement-level triggers on jobs_job and companies_company
    (migration 0005), so the admin's forms, bulk updates and raw SQL are recorded as
    surely as the services' writes. Only the triggers write here; a beat task prunes.
    """

    id = models.BigAutoField(primary_key=True)
    # Not a foreign key: the change of a deleted job is a change too.
    job_id = models.IntegerField()
    # clock_timestamp() at the write, not the transaction's start.
    changed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["changed_at"], name="search_change_changed_at")]

    def __str__(self):
        return f"job {self.job_id} at {self.changed_at:%Y-%m-%d %H:%M:%S}"
