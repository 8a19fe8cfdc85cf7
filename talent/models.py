import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hkstp_portal.vocabulary import (
    Education,
    EmploymentType,
    JobField,
    Language,
    Residence,
    Site,
    WorkEligibility,
    WorkMode,
)


def private_storage():
    """CVs and exports: outside MEDIA_ROOT, with no URL (settings.STORAGES["private"])."""
    return storages["private"]


def _cv_path(instance, filename):
    # Never the uploaded name: a server-chosen name cannot collide, traverse or be guessed.
    return f"cvs/{uuid.uuid4().hex}"


def _export_path(instance, filename):
    return f"exports/{uuid.uuid4().hex}.zip"


class CandidateProfile(models.Model):
    """What a candidate tells park companies about themselves, and what they are looking for."""

    # What the candidate may change through the profile form; skills and entries have their own.
    EDITABLE_FIELDS = [
        "headline",
        "summary",
        "residence",
        "eligibility",
        "languages",
        "desired_fields",
        "desired_employment_types",
        "desired_sites",
        "desired_work_modes",
        "min_salary",
        "available_from",
        "visibility",
    ]

    class Visibility(models.TextChoices):
        PRIVATE = "private", _("Private: only companies I apply to see my profile")
        DISCOVERABLE = (
            "discoverable",
            _("Discoverable: verified park companies can find me in the Talent Pool"),
        )

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="candidate_profile"
    )
    headline = models.CharField(
        _("headline"),
        max_length=160,
        blank=True,
        help_text=_("One line, e.g. “Final-year EE student, FPGA and embedded C”."),
    )
    summary = models.TextField(_("about me"), blank=True)
    skills = models.ManyToManyField(
        "skills.Skill", verbose_name=_("skills"), related_name="candidates", blank=True
    )
    residence = models.CharField(
        _("where I live now"), max_length=16, choices=Residence.choices, blank=True
    )
    eligibility = models.CharField(
        _("work eligibility"), max_length=24, choices=WorkEligibility.choices, blank=True
    )
    languages = ArrayField(
        models.CharField(max_length=8, choices=Language.choices),
        verbose_name=_("languages I work in"),
        default=list,
        blank=True,
    )
    desired_fields = ArrayField(
        models.CharField(max_length=16, choices=JobField.choices),
        verbose_name=_("fields I want to work in"),
        default=list,
        blank=True,
    )
    desired_employment_types = ArrayField(
        models.CharField(max_length=24, choices=EmploymentType.choices),
        verbose_name=_("employment types"),
        default=list,
        blank=True,
    )
    desired_sites = ArrayField(
        models.CharField(max_length=32, choices=Site.choices),
        verbose_name=_("sites I can work at"),
        default=list,
        blank=True,
    )
    desired_work_modes = ArrayField(
        models.CharField(max_length=16, choices=WorkMode.choices),
        verbose_name=_("work modes"),
        default=list,
        blank=True,
    )
    min_salary = models.PositiveIntegerField(
        _("minimum monthly salary (HKD)"), null=True, blank=True
    )
    available_from = models.DateField(_("available from"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("candidate profile")
        verbose_name_plural = _("candidate profiles")

    def __str__(self):
        return f"{self.user} — {self.headline}" if self.headline else str(self.user)

    @property
    def is_discoverable(self):
        return self.visibility == self.Visibility.DISCOVERABLE


class ExperienceEntry(models.Model):
    """A job the candidate held."""

    profile = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="experience"
    )
    title = models.CharField(_("job title"), max_length=160)
    organisation = models.CharField(_("organisation"), max_length=200)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True, help_text=_("Empty if current."))
    description = models.TextField(_("what I did"), blank=True)

    class Meta:
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")
        ordering = [F("ended_on").desc(nulls_first=True), "-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="experience_ends_after_it_starts",
                violation_error_message=_("The end date is before the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.title}, {self.organisation}"


class EducationEntry(models.Model):
    """A degree or diploma, finished or expected."""

    profile = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="education"
    )
    institution = models.CharField(_("university or school"), max_length=200)
    level = models.CharField(_("level"), max_length=16, choices=Education.choices)
    field_of_study = models.CharField(_("field of study"), max_length=160, blank=True)
    graduation_year = models.PositiveSmallIntegerField(
        _("graduation year"),
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
        help_text=_("Expected year if you are still studying."),
    )

    class Meta:
        verbose_name = _("education")
        verbose_name_plural = _("education")
        ordering = ["-graduation_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(graduation_year__gte=1950, graduation_year__lte=2100),
                name="education_graduation_year_plausible",
                violation_error_message=_("Enter a graduation year between 1950 and 2100."),
            ),
        ]

    def __str__(self):
        return f"{self.get_level_display()}, {self.institution}"


class CV(models.Model):
    """An uploaded CV (PDF or DOCX), stored privately under a random name."""

    MAX_BYTES = 5 * 1024 * 1024

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"

    class ParseStatus(models.TextChoices):
        PENDING = "pending", _("Reading your CV")
        PARSED = "parsed", _("Read")
        FAILED = "failed", _("Could not be read")

    class Note(models.TextChoices):
        NO_TEXT = "no_text", _("No text in the file: it looks like a scan or a photo")
        LONG = "long", _("Very long: only the beginning was read")
        NO_ENTRIES = "no_entries", _("No work history or education found in a form we read")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cvs"
    )
    # The CV's address (download_url): random, so nobody finds CVs by counting ids. Having
    # the address is not permission: the download still asks talent.selectors.cv_can_view.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(storage=private_storage, upload_to=_cv_path, max_length=200)
    # Shown and used in Content-Disposition; cleaned of any path and control characters.
    original_name = models.CharField(_("file name"), max_length=120)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    size = models.PositiveIntegerField()
    is_default = models.BooleanField(_("default CV"), default=False)
    text = models.TextField(blank=True, editable=False)
    parse_status = models.CharField(
        max_length=16, choices=ParseStatus.choices, default=ParseStatus.PENDING
    )
    suggested_skills = models.ManyToManyField(
        "skills.Skill", related_name="+", blank=True, verbose_name=_("skills found in the CV")
    )
    # Read from the text (talent.services.cv_reading), for the candidate to confirm:
    # [{"title", "organisation", "started_on", "ended_on"}] with ISO dates (ended_on null
    # for a current job), and [{"level", "institution", "field_of_study",
    # "graduation_year"}]. Until the profile has entries of its own, matching uses these.
    suggested_experience = models.JSONField(default=list, blank=True, editable=False)
    suggested_education = models.JSONField(default=list, blank=True, editable=False)
    # What reading the CV found worth saying ("scanned", "long"…), shown with the result.
    parse_notes = ArrayField(
        models.CharField(max_length=24, choices=Note.choices), default=list, blank=True
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("CV")
        verbose_name_plural = _("CVs")
        ordering = ["-is_default", "-uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                "owner", condition=Q(is_default=True), name="cv_one_default_per_owner"
            ),
            models.CheckConstraint(condition=Q(size__lte=5 * 1024 * 1024), name="cv_at_most_5_mb"),
        ]

    def __str__(self):
        return self.original_name

    @property
    def download_url(self) -> str:
        """The only address of the file, for every link to it (pages, admin, exports)."""
        return reverse("talent:cv_download", args=[self.token])


class SavedJob(models.Model):
    """A job a candidate bookmarked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_jobs"
    )
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="saved_by")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("saved job")
        verbose_name_plural = _("saved jobs")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint("user", "job", name="saved_job_once_per_user"),
        ]

    def __str__(self):
        return f"{self.user} ♥ {self.job}"


class DataExport(models.Model):
    """A zip of everything the portal holds about a person (PDPO data access request)."""

    VALID_DAYS = 7

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(
        storage=private_storage, upload_to=_export_path, max_length=200, blank=True
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    ready_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="ready") | (~Q(file="") & Q(ready_at__isnull=False)),
                name="export_ready_has_file",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.requested_at:%Y-%m-%d})"
