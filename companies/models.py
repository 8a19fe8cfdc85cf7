from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from hkstp_portal.vocabulary import Cluster, Site


class Company(models.Model):
    """A park company. Pending until HKSTP staff verify it."""

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

    name = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
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
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_verified(self):
        return self.status == self.Status.VERIFIED


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

    class Meta:
        verbose_name = _("company member")
        verbose_name_plural = _("company members")
        ordering = ["company", "user__name"]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.company})"
