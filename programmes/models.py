from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hkstp_portal.vocabulary import Cluster, Education


class Programme(models.Model):
    """A Global Internship Programme style round: one application window, placements
    offered by park companies, staff selection, then offers with a deadline."""

    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    eligibility = models.TextField(
        _("who may apply"), blank=True, help_text=_("Shown to candidates, in plain words.")
    )
    eligible_levels = ArrayField(
        models.CharField(max_length=16, choices=Education.choices),
        verbose_name=_("degree levels studied"),
        default=list,
        blank=True,
        help_text=_("Empty: any level."),
    )
    earliest_graduation_year = models.PositiveSmallIntegerField(
        _("graduating in or after"), null=True, blank=True
    )
    applications_open_at = models.DateTimeField(_("applications open"))
    applications_close_at = models.DateTimeField(_("applications close"))
    offers_by = models.DateTimeField(_("offers made by"))
    accept_by = models.DateTimeField(_("offers accepted by"))
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-applications_open_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(applications_close_at__gt=F("applications_open_at"))
                & Q(offers_by__gte=F("applications_close_at"))
                & Q(accept_by__gt=F("offers_by")),
                name="programme_windows_in_order",
                violation_error_message=_(
                    "The windows must follow each other: applications open, close, "
                    "offers, then acceptances."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programmes:programme_detail", args=[self.slug])


class Placement(models.Model):
    """An internship a park company offers in a programme, with how many it will take."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="placements")
    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="placements"
    )
    title = models.CharField(_("title"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    cluster = models.CharField(_("cluster"), max_length=32, choices=Cluster.choices)
    quota = models.PositiveSmallIntegerField(_("interns to select"), default=1)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["programme", "company__name", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(quota__gte=1), name="placement_quota_positive"),
        ]

    def __str__(self):
        return f"{self.title} — {self.company}"


class ProgrammeApplication(models.Model):
    """A candidate's one application to a programme, with up to three ranked placements."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        SELECTED = "selected", _("Selected: offer made")
        ACCEPTED = "accepted", _("Offer accepted")
        DECLINED = "declined", _("Offer declined")
        NOT_SELECTED = "not_selected", _("Not selected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="applications")
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_applications"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    # As the candidate gave them when applying: the programme report counts by these.
    university = models.CharField(_("university"), max_length=200)
    country = models.CharField(_("country or region of study"), max_length=100)
    statement = models.TextField(_("why this programme"), max_length=3000, blank=True)
    cv = models.ForeignKey(
        "talent.CV", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    selected_placement = models.ForeignKey(
        Placement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="selected_applications",
    )
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("programme application")
        verbose_name_plural = _("programme applications")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                "programme",
                "candidate",
                name="programme_application_once",
                violation_error_message=_("You have already applied to this programme."),
            ),
            models.CheckConstraint(
                condition=Q(selected_placement__isnull=True)
                | Q(status__in=["selected", "accepted", "declined"]),
                name="programme_placement_only_when_selected",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["selected", "accepted", "declined"])
                | Q(selected_placement__isnull=False),
                name="programme_selected_has_placement",
            ),
        ]

    def __str__(self):
        return f"{self.candidate} → {self.programme}"


class PlacementPreference(models.Model):
    """One of an application's ranked placements (1 = first choice), and the company's
    interview of a shortlisted candidate for it."""

    class Interview(models.TextChoices):
        NONE = "", _("Not interviewed")
        RECOMMENDED = "recommended", _("Recommended")
        NOT_RECOMMENDED = "not_recommended", _("Not recommended")

    MAX_RANK = 3

    application = models.ForeignKey(
        ProgrammeApplication, on_delete=models.CASCADE, related_name="preferences"
    )
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="preferences")
    rank = models.PositiveSmallIntegerField(_("choice"))
    interview_outcome = models.CharField(
        _("interview"), max_length=16, choices=Interview.choices, blank=True, default=""
    )
    interview_note = models.TextField(_("interview note"), blank=True)

    class Meta:
        verbose_name = _("placement preference")
        verbose_name_plural = _("placement preferences")
        ordering = ["application", "rank"]
        constraints = [
            models.UniqueConstraint("application", "rank", name="preference_rank_unique"),
            models.UniqueConstraint("application", "placement", name="preference_placement_unique"),
            models.CheckConstraint(
                condition=Q(rank__gte=1, rank__lte=3),
                name="preference_at_most_three",
                violation_error_message=_("Choose at most three placements."),
            ),
        ]

    def __str__(self):
        return f"{self.rank}. {self.placement}"


class StatusChange(models.Model):
    """One step of a programme application's history, for the candidate's page and the
    staff's audit: who moved it, when, and to which placement if it was an offer."""

    application = models.ForeignKey(
        ProgrammeApplication, on_delete=models.CASCADE, related_name="history"
    )
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, choices=ProgrammeApplication.Status.choices)
    placement = models.ForeignKey(
        Placement, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Empty when the portal itself acted (an offer left unanswered past its deadline).
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_status or '—'} → {self.to_status}"
