from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from hkstp_portal.vocabulary import Site


class EventQuerySet(models.QuerySet):
    def upcoming(self, now):
        return self.filter(is_published=True, ends_at__gte=now).order_by("starts_at")


class Event(models.Model):
    """A career expo, recruitment fair, themed career day, workshop, talk or campus session."""

    class Kind(models.TextChoices):
        CAREER_EXPO = "career_expo", _("Career expo")
        RECRUITMENT_FAIR = "recruitment_fair", _("Recruitment fair")
        THEMED_CAREER_DAY = "themed_career_day", _("Themed career day")
        WORKSHOP = "workshop", _("Workshop")
        TALK = "talk", _("Talk or panel")
        CAMPUS_SESSION = "campus_session", _("Campus session")

    class Format(models.TextChoices):
        PHYSICAL = "physical", _("In person")
        VIRTUAL = "virtual", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=16, choices=Format.choices)
    title = models.CharField(_("title"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    site = models.CharField(_("HKSTP site"), max_length=32, choices=Site.choices, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="event_ends_after_it_starts",
                violation_error_message=_("An event must end after it starts."),
            ),
        ]

    def __str__(self):
        return self.title
