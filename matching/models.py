from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CandidateFeatures(models.Model):
    """One candidate's profile, flattened for set-based matching (matching.sql).

    Derived data only: rebuilt from the profile, its entries and the default CV by
    `matching.services.candidate_features_refresh`; never edited by hand.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="match_features",
    )
    discoverable = models.BooleanField(default=False)
    # Profile skills plus the skills found in the default CV.
    skill_ids = ArrayField(models.IntegerField(), default=list)
    # Those and the skills related to them (broader, narrower): what passes a job's gate.
    reach_ids = ArrayField(models.IntegerField(), default=list)
    # The weighted units of their own and related skills (matching.sql explains them),
    # and the units of their own: the size of the profile.
    unit_ids = ArrayField(models.IntegerField(), default=list)
    skill_units = models.PositiveIntegerField(default=0)
    # Word ids of their past job titles and headline (scoring.title_terms).
    title_terms = ArrayField(models.IntegerField(), default=list)
    years = models.PositiveSmallIntegerField(default=0)
    education_rank = models.PositiveSmallIntegerField(default=0)
    seniority_rank = models.PositiveSmallIntegerField(default=1)
    eligibility = models.CharField(max_length=24, blank=True)
    residence = models.CharField(max_length=16, blank=True)
    desired_sites = ArrayField(models.CharField(max_length=32), default=list)
    desired_work_modes = ArrayField(models.CharField(max_length=16), default=list)
    desired_fields = ArrayField(models.CharField(max_length=16), default=list)
    min_salary = models.PositiveIntegerField(null=True)
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("candidate match features")
        verbose_name_plural = _("candidate match features")
        indexes = [
            # gin__int_ops: with the intarray extension installed, `int[] && int[]` is
            # intarray's operator, which only this operator class can answer.
            GinIndex(
                fields=["reach_ids"],
                name="match_cand_reach_disc_gin",
                condition=Q(discoverable=True),
                opclasses=["gin__int_ops"],
            ),
        ]

    def __str__(self):
        return str(self.user_id)


class JobFeatures(models.Model):
    """One job, flattened for set-based matching (matching.sql). Derived data only,
    rebuilt by `matching.services.job_features_refresh` when a job is published."""

    job = models.OneToOneField(
        "jobs.Job", on_delete=models.CASCADE, primary_key=True, related_name="match_features"
    )
    required_ids = ArrayField(models.IntegerField(), default=list)
    preferred_ids = ArrayField(models.IntegerField(), default=list)
    # Required skills, or the preferred ones when none are required: a candidate must
    # have at least one, or a related one, to be matched (scoring.JobFacts.gate_ids).
    gate_ids = ArrayField(models.IntegerField(), default=list)
    # The weighted units of its skills (matching.sql) and their number.
    unit_ids = ArrayField(models.IntegerField(), default=list)
    skill_units = models.PositiveIntegerField(default=0)
    title_terms = ArrayField(models.IntegerField(), default=list)
    seniority_rank = models.PositiveSmallIntegerField()
    education_rank = models.PositiveSmallIntegerField()
    site = models.CharField(max_length=32)
    work_mode = models.CharField(max_length=16)
    field = models.CharField(max_length=16)
    salary_top = models.PositiveIntegerField(null=True)
    open_to_overseas = models.BooleanField(default=False)
    open_to_gba = models.BooleanField(default=False)
    visa_sponsorship = models.BooleanField(default=False)
    ttps_welcome = models.BooleanField(default=False)
    # A copy, so ranking every open job for a candidate need not read jobs_job; a job
    # closed early is filtered against jobs_job afterwards and pruned by a beat task.
    expires_at = models.DateTimeField(null=True)
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("job match features")
        verbose_name_plural = _("job match features")
        indexes = [
            GinIndex(fields=["gate_ids"], name="match_job_gate_gin", opclasses=["gin__int_ops"])
        ]

    def __str__(self):
        return str(self.job_id)


class Match(models.Model):
    """A discoverable candidate who fits a published job, found by the matching task.

    `created_at` is when the pair was first matched (the moment to notify the
    candidate, once: key the notification on job and candidate); `updated_at`
    when the score was last recomputed.
    """

    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="matches")
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_matches"
    )
    score = models.PositiveSmallIntegerField()
    # What ranks: 0 to 100,000 (matching.scoring); the score is points // 1000.
    points = models.PositiveIntegerField(default=0)
    # The factor values (0 to 1000 each, see matching.scoring) behind the score.
    factors = models.JSONField(default=dict)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-points", "candidate_id"]
        constraints = [
            models.UniqueConstraint("job", "candidate", name="match_once_per_job_candidate"),
            models.CheckConstraint(condition=Q(score__lte=100), name="match_score_at_most_100"),
            models.CheckConstraint(
                condition=Q(points__lte=100_000) & Q(score=models.F("points") / 1000),
                name="match_score_is_points_over_1000",
            ),
        ]
        indexes = [
            models.Index(fields=["job", "-points"], name="match_job_points"),
            models.Index(fields=["candidate", "-created_at"], name="match_candidate_new"),
        ]

    def __str__(self):
        return f"{self.job_id} ↔ {self.candidate_id}: {self.score}"


class Invitation(models.Model):
    """A company member invited a recommended candidate to apply for a job."""

    MESSAGE_MAX_LENGTH = 1000

    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="invitations")
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # What the recruiter wrote to the candidate, as typed: the candidate's notification,
    # email and the job page show it escaped, never as markup.
    message = models.CharField(
        _("personal message"), max_length=MESSAGE_MAX_LENGTH, blank=True, default=""
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation to apply")
        verbose_name_plural = _("invitations to apply")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint("job", "candidate", name="invitation_once_per_job_candidate"),
        ]

    def __str__(self):
        return f"{self.job_id} → {self.candidate_id}"
