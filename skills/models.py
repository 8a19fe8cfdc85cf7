from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Skill(models.Model):
    """A canonical skill with its aliases: the shared words of jobs, profiles and matching."""

    class Category(models.TextChoices):
        PROGRAMMING = "programming", _("Programming")
        DATA_AI = "data_ai", _("Data & AI")
        CLOUD = "cloud", _("Cloud & DevOps")
        HARDWARE = "hardware", _("Hardware & microelectronics")
        LIFE_SCIENCES = "life_sciences", _("Life sciences")
        ENGINEERING = "engineering", _("Engineering")
        FINANCE = "finance", _("Finance")
        BUSINESS = "business", _("Business")
        DESIGN = "design", _("Design")

    name = models.CharField(_("name"), max_length=80)
    name_zh = models.CharField(_("name (Chinese)"), max_length=80, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    aliases = ArrayField(
        models.CharField(max_length=80), verbose_name=_("aliases"), default=list, blank=True
    )

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="skill_name_unique_ci"),
        ]

    def __str__(self):
        return self.name
