from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CandidateProfile(models.Model):
    """What a candidate tells park companies about themselves."""

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
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("candidate profile")
        verbose_name_plural = _("candidate profiles")

    def __str__(self):
        return f"{self.user} — {self.headline}" if self.headline else str(self.user)
