import secrets
import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hkstp_portal.vocabulary import Cluster, Site


def _logo_path(instance, filename):
    # Never the uploaded name: a server-chosen name cannot collide or traverse.
    return f"logos/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class CompanyQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=Company.Status.VERIFIED)


class Company(models.Model):
    """A park company. Pending until HKSTP staff verify it."""

    # A verified company's new name waits for HKSTP (CompanyNameChange).
    NAME_FIELDS = ["name", "name_zh", "name_zh_hans"]
    # What a company admin may change; status and trust change only through the services.
    PROFILE_FIELDS = [
        "name",
        "name_zh",
        "name_zh_hans",
        "programme",
        "clusters",
        "sites",
        "size",
        "has_offices_outside_hk",
        "website",
        "description",
        "description_zh",
        "description_zh_hans",
        "logo",
    ]

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Not verified")

    class Programme(models.TextChoices):
        TENANT = "tenant", _("Park tenant")
        INCUBATEE = "incubatee", _("Incubatee")
        INNOHK = "innohk", _("InnoHK centre")
        SHENZHEN = "shenzhen", _("Shenzhen branch company")

    class Size(models.TextChoices):
        MICRO = "1-10", _("1–10 people")
        SMALL = "11-50", _("11–50 people")
        MEDIUM = "51-200", _("51–200 people")
        LARGE = "201+", _("More than 200 people")

    # English is required, each Chinese version optional; hkstp_portal.i18n.localised picks
    # the reader's (`_zh` is Traditional Chinese).
    name = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Traditional Chinese)"), max_length=200, blank=True)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=200, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    logo = models.ImageField(_("logo"), upload_to=_logo_path, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_zh = models.TextField(_("description (Traditional Chinese)"), blank=True)
    description_zh_hans = models.TextField(_("description (Simplified Chinese)"), blank=True)
    clusters = ArrayField(
        models.CharField(max_length=32, choices=Cluster.choices),
        verbose_name=_("clusters"),
        default=list,
        blank=True,
    )
    sites = ArrayField(
        models.CharField(max_length=32, choices=Site.choices),
        verbose_name=_("HKSTP sites"),
        default=list,
        blank=True,
    )
    programme = models.CharField(_("programme"), max_length=16, choices=Programme.choices)
    size = models.CharField(_("size"), max_length=8, choices=Size.choices, blank=True)
    has_offices_outside_hk = models.BooleanField(
        _("has offices in the GBA or abroad"), default=False
    )
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    status_reason = models.TextField(
        _("reason given to the company"),
        blank=True,
        help_text=_("Shown to the company with the verification decision."),
    )
    status_changed_at = models.DateTimeField(_("decided"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_trusted = models.BooleanField(
        _("trusted"),
        default=False,
        help_text=_("Jobs from a trusted company are published without review."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_trusted=False) | Q(status="verified"),
                name="company_trusted_is_verified",
                violation_error_message=_("Only a verified company can be trusted."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("companies:company_detail", args=[self.slug])

    @property
    def is_verified(self):
        return self.status == self.Status.VERIFIED

    def get_cluster_labels(self):
        return [Cluster(value).label for value in self.clusters]

    def get_site_labels(self):
        return [Site(value).label for value in self.sites]


class CompanyMember(models.Model):
    """A user's place in one company's team."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Company admin")
        RECRUITER = "recruiter", _("Recruiter")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="members")
    # One company per person: a recruiter who moves company gets a new account.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="company_membership"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.RECRUITER)
    created_at = models.DateTimeField(auto_now_add=True)
    # The employer dashboard marks what is new since the member's previous visit, on any
    # device (companies.services.member_dashboard_visit).
    dashboard_visited_at = models.DateTimeField(_("last on the dashboard"), null=True, blank=True)
    dashboard_previous_visit_at = models.DateTimeField(
        _("previous visit to the dashboard"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("company member")
        verbose_name_plural = _("company members")
        ordering = ["company", "user__name"]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.company})"


def _invitation_token():
    return secrets.token_urlsafe(32)


class CompanyInvitation(models.Model):
    """An invitation, sent by email, to join a company's team."""

    VALID_DAYS = 14

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    role = models.CharField(
        _("role"), max_length=16, choices=CompanyMember.Role.choices, default="recruiter"
    )
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("team invitation")
        verbose_name_plural = _("team invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "company",
                Lower("email"),
                condition=Q(accepted_at__isnull=True),
                name="invitation_one_open_per_email",
                violation_error_message=_("This person has already been invited."),
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.company}"

    def get_absolute_url(self):
        return reverse("companies:invitation_accept", args=[self.token])


class CompanyNameChange(models.Model):
    """A verified company's new name, waiting for HKSTP staff.

    A verified company's name is what candidates trust (a refused company could otherwise
    call itself "HKSTP Official Recruitment Office" the moment it is verified), so its
    admins propose a new name here and the public one stays until staff approve it
    (companies.services.name_change_approve). A company that is not verified edits its
    name directly: it is under review anyway. One pending change per company at most.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        # Not the job's "Withdrawn" (taken off by the company), whose Chinese differs.
        WITHDRAWN = "withdrawn", pgettext_lazy("name change status", "Withdrawn")

    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="name_changes",
    )
    name = models.CharField(_("new name (English)"), max_length=200)
    name_zh = models.CharField(_("new name (Traditional Chinese)"), max_length=200, blank=True)
    name_zh_hans = models.CharField(_("new name (Simplified Chinese)"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    reason = models.TextField(
        _("reason given to the company"),
        blank=True,
        help_text=_("Shown to the company when the new name is refused."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("company name change")
        verbose_name_plural = _("company name changes")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["company"],
                condition=Q(status="pending"),
                name="company_one_pending_name_change",
                violation_error_message=_("This company already has a new name under review."),
            ),
            models.CheckConstraint(condition=~Q(name=""), name="company_name_change_has_a_name"),
        ]

    def __str__(self):
        return self.name
