from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ScreeningQuestion(models.Model):
    """A question a company asks everyone who applies to one job (at most five)."""

    MAX_PER_JOB = 5

    class Kind(models.TextChoices):
        YES_NO = "yes_no", _("Yes or no")
        TEXT = "text", _("Short text")

    class Knockout(models.TextChoices):
        NONE = "", _("No knock-out answer")
        YES = "yes", _("Flag the application if the answer is yes")
        NO = "no", _("Flag the application if the answer is no")

    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="questions")
    # 1..5, unique per job: the database itself caps a job at five questions.
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("answer"), max_length=8, choices=Kind.choices, default=Kind.YES_NO)
    knockout_answer = models.CharField(
        _("knock-out"), max_length=4, choices=Knockout.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = _("screening question")
        verbose_name_plural = _("screening questions")
        ordering = ["job", "position"]
        constraints = [
            models.UniqueConstraint("job", "position", name="question_position_unique_per_job"),
            models.CheckConstraint(
                condition=Q(position__gte=1, position__lte=5),
                name="question_at_most_five_per_job",
                violation_error_message=_("A job can have at most five screening questions."),
            ),
            models.CheckConstraint(
                condition=Q(kind="yes_no") | Q(knockout_answer=""),
                name="question_knockout_only_for_yes_no",
                violation_error_message=_("Only a yes-or-no question can have a knock-out answer."),
            ),
        ]

    def __str__(self):
        return self.text


class Stage(models.TextChoices):
    NEW = "new", _("New")
    SCREENING = "screening", _("Screening")
    INTERVIEW = "interview", _("Interview")
    OFFER = "offer", _("Offer")
    HIRED = "hired", _("Hired")
    REJECTED = "rejected", _("Not selected")
    WITHDRAWN = "withdrawn", pgettext_lazy("application stage", "Withdrawn")


class RejectionReason(models.TextChoices):
    SKILLS = "skills", _("Skills or experience do not match")
    ELIGIBILITY = "eligibility", _("Work eligibility")
    SALARY = "salary", _("Salary expectations")
    FILLED = "filled", _("Position filled")
    OTHER_CANDIDATE = "other_candidate", _("Another candidate was a closer fit")
    NO_RESPONSE = "no_response", _("No response from the candidate")
    OTHER = "other", _("Other")


class ApplicationQuerySet(models.QuerySet):
    def sharing_cv(self):
        """Applications through which the job's company may open the CV sent with them:
        not withdrawn (the candidate took it back) and not anonymised (account deleted, or
        the retention limit passed). `Application.shares_cv` says the same of one row."""
        return self.filter(cv__isnull=False, anonymised_at__isnull=True).exclude(
            stage=Stage.WITHDRAWN
        )


class Application(models.Model):
    """A candidate's application to a job, and where it stands in the company's pipeline.

    When a candidate deletes their account, or the retention limit passes for an
    unsuccessful application, the personal data goes (candidate, CV, cover note,
    answers, notes) and the row stays, anonymised, for the company's statistics.
    """

    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="applications")
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    cv = models.ForeignKey(
        "talent.CV",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    cover_note = models.TextField(_("cover note"), blank=True, max_length=4000)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.NEW)
    rejection_reason = models.CharField(
        _("reason"), max_length=24, choices=RejectionReason.choices, blank=True
    )
    knocked_out = models.BooleanField(
        _("knock-out answer"),
        default=False,
        help_text=_("A screening answer matched the job's knock-out answer."),
    )
    # Set when the candidate applied from a fair's Talent Pool: the fair's outcome report.
    source_event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("applied through"),
    )
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    stage_changed_at = models.DateTimeField(_("stage changed"), auto_now_add=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "job",
                "candidate",
                condition=Q(candidate__isnull=False),
                name="application_once_per_job",
                violation_error_message=_("You have already applied for this job."),
            ),
            models.CheckConstraint(
                condition=Q(stage="rejected") | Q(rejection_reason=""),
                name="application_reason_only_when_rejected",
            ),
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=True) | Q(candidate__isnull=True),
                name="application_anonymised_has_no_candidate",
            ),
        ]
        indexes = [
            models.Index(fields=["job", "stage"], name="application_job_stage"),
            models.Index(fields=["stage", "stage_changed_at"], name="application_stage_changed"),
        ]

    def __str__(self):
        return f"{self.candidate or _('(anonymised)')} → {self.job}"

    @property
    def shares_cv(self) -> bool:
        """Whether the company may open the CV sent with this application (the rule of
        ApplicationQuerySet.sharing_cv, for a row already loaded: no query)."""
        return (
            self.cv_id is not None and self.anonymised_at is None and self.stage != Stage.WITHDRAWN
        )


class ScreeningAnswer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        ScreeningQuestion, on_delete=models.SET_NULL, null=True, related_name="answers"
    )
    # The question as it was asked: the company may edit or delete it later.
    question_text = models.CharField(max_length=300)
    answer = models.CharField(max_length=500)
    is_knockout = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("screening answer")
        verbose_name_plural = _("screening answers")
        ordering = ["question__position", "id"]

    def __str__(self):
        return f"{self.question_text}: {self.answer}"


class StageChange(models.Model):
    """One move of an application, for the candidate's history and the company's audit."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")
    from_stage = models.CharField(max_length=16, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=16, choices=Stage.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    candidate_notified = models.BooleanField(default=False)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_stage or '∅'} → {self.to_stage}"


class ApplicationNote(models.Model):
    """A recruiter's private note: only the company's team sees it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("private note")
        verbose_name_plural = _("private notes")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.body[:60]
