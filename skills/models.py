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

    # How specific a skill is, 1 (Excel: says little about a role) to 9 (Verilog), from how
    # many occupations use it (skills.services.skill_weight); the match score weighs
    # shared skills by it.
    MIN_WEIGHT, DEFAULT_WEIGHT, MAX_WEIGHT = 1, 6, 9

    name = models.CharField(_("name"), max_length=80)
    name_zh = models.CharField(_("name (Traditional Chinese)"), max_length=80, blank=True)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=80, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    aliases = ArrayField(
        models.CharField(max_length=80), verbose_name=_("aliases"), default=list, blank=True
    )
    # Kinds of: SystemVerilog is a kind of Verilog, Scrum of agile. Someone with the
    # narrower skill partly has the broader one, and the other way round (matching.scoring).
    broader = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="narrower",
        blank=True,
        verbose_name=_("broader skills"),
    )
    weight = models.PositiveSmallIntegerField(_("specificity"), default=DEFAULT_WEIGHT)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="skill_name_unique_ci"),
            models.CheckConstraint(
                condition=models.Q(weight__gte=1, weight__lte=9), name="skill_weight_1_to_9"
            ),
        ]

    def __str__(self):
        return self.name
