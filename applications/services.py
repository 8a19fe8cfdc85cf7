"""Writes for applications: screening questions, applying, the pipeline, saved jobs.

Every rule lives here (backed by the constraints in applications.models), so the
candidate's pages, the company's pipeline, the admin and any task meet the same
ones; an action the rules refuse raises DomainError with a message safe to show.
Emails leave through notifications.outbox.email_render_and_enqueue, after commit.
"""

from collections.abc import Iterable, Mapping

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from applications.models import (
    Application,
    ApplicationNote,
    RejectionReason,
    ScreeningAnswer,
    ScreeningQuestion,
    Stage,
    StageChange,
)
from companies.models import CompanyMember
from events.models import Event
from hkstp_portal.errors import DomainError
from hkstp_portal.i18n import in_language, localised_versions
from jobs.models import Job
from notifications.models import Channel, Kind
from notifications.outbox import email_render_and_enqueue
from notifications.services import notification_create
from talent.models import CV, SavedJob

# The stages a company's team may move an application to; only the candidate withdraws.
RECRUITER_STAGES = [
    Stage.NEW,
    Stage.SCREENING,
    Stage.INTERVIEW,
    Stage.OFFER,
    Stage.HIRED,
    Stage.REJECTED,
]
# A candidate can no longer withdraw once the outcome is decided.
FINAL_STAGES = [Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN]
MAX_ANSWER_LENGTH = 500
YES, NO = "yes", "no"


class AlreadyApplied(DomainError):
    """The candidate already applied for this job; `application` is the earlier one."""

    def __init__(self, application: Application | None):
        super().__init__(_("You have already applied for this job."))
        self.application = application


def _require_member(job: Job, user: User) -> None:
    if not CompanyMember.objects.filter(company_id=job.company_id, user=user).exists():
        raise DomainError(_("You are not in this company's team."))


# --- Screening questions -------------------------------------------------------------------


def _check_question_fields(kind: str, knockout_answer: str, text: str) -> None:
    if kind not in ScreeningQuestion.Kind.values:
        raise DomainError(_("Choose the kind of answer."))
    if knockout_answer not in ScreeningQuestion.Knockout.values:
        raise DomainError(_("Choose a knock-out answer from the list."))
    if kind != ScreeningQuestion.Kind.YES_NO and knockout_answer:
        raise DomainError(_("Only a yes-or-no question can have a knock-out answer."))
    if not text.strip():
        raise DomainError(_("Write the question."))


def _check_job_editable(job: Job) -> None:
    if job.status in (Job.Status.CLOSED, Job.Status.EXPIRED):
        raise DomainError(_("The questions of a closed or expired job cannot be changed."))


@transaction.atomic
def question_create(
    *, job: Job, by: User, text: str, kind: str, knockout_answer: str = ""
) -> ScreeningQuestion:
    """Add a question at the end of the job's list (at most five). Members of the job's
    company only, while the job is not closed or expired."""
    _require_member(job, by)
    job = Job.objects.select_for_update().get(pk=job.pk)
    _check_job_editable(job)
    _check_question_fields(kind, knockout_answer, text)
    last = job.questions.aggregate(last=Max("position"))["last"] or 0
    if last >= ScreeningQuestion.MAX_PER_JOB:
        raise DomainError(_("A job can have at most five screening questions."))
    return ScreeningQuestion.objects.create(
        job=job, position=last + 1, text=text.strip(), kind=kind, knockout_answer=knockout_answer
    )


@transaction.atomic
def question_update(
    *, question: ScreeningQuestion, by: User, text: str, kind: str, knockout_answer: str = ""
) -> ScreeningQuestion:
    """Edit a question. Once someone has answered it, its kind and knock-out answer are
    fixed (the answers and their knock-out flags were given against them); the wording
    may still be improved, and each answer keeps the wording it was given against."""
    _require_member(question.job, by)
    job = Job.objects.select_for_update().get(pk=question.job_id)
    _check_job_editable(job)
    _check_question_fields(kind, knockout_answer, text)
    question = ScreeningQuestion.objects.select_for_update().get(pk=question.pk)
    changes_meaning = kind != question.kind or knockout_answer != question.knockout_answer
    if changes_meaning and question.answers.exists():
        raise DomainError(
            _(
                "People have already answered this question, so its kind and knock-out "
                "answer cannot change. Delete it and add a new one instead."
            )
        )
    question.text = text.strip()
    question.kind = kind
    question.knockout_answer = knockout_answer
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_delete(*, question: ScreeningQuestion, by: User) -> None:
    """Delete a question; the answers already given keep its wording. The questions after
    it move up, so positions stay 1..n."""
    _require_member(question.job, by)
    job = Job.objects.select_for_update().get(pk=question.job_id)
    _check_job_editable(job)
    position = question.position
    question.delete()
    # In ascending order, each question moves into the slot just freed.
    for later in job.questions.filter(position__gt=position).order_by("position"):
        later.position -= 1
        later.save(update_fields=["position"])


# --- Applying ------------------------------------------------------------------------------


def _existing_application(job: Job, candidate: User) -> Application | None:
    return Application.objects.filter(job=job, candidate=candidate).first()


def _answers_checked(
    questions: list[ScreeningQuestion], answers: Mapping[int, str]
) -> list[ScreeningAnswer]:
    known = {question.pk for question in questions}
    if set(answers) - known:
        raise DomainError(_("The job's questions have changed. Please answer them again."))
    checked = []
    for question in questions:
        answer = (answers.get(question.pk) or "").strip()
        if not answer:
            raise DomainError(_("Please answer every question."))
        if question.kind == ScreeningQuestion.Kind.YES_NO and answer not in (YES, NO):
            raise DomainError(_("Answer yes or no."))
        if len(answer) > MAX_ANSWER_LENGTH:
            raise DomainError(_("Keep each answer to at most 500 characters."))
        checked.append(
            ScreeningAnswer(
                question=question,
                question_text=question.text,
                answer=answer,
                is_knockout=bool(question.knockout_answer) and answer == question.knockout_answer,
            )
        )
    return checked


@transaction.atomic
def application_submit(
    *,
    job: Job,
    candidate: User,
    cv: CV | None,
    cover_note: str = "",
    answers: Mapping[int, str] | None = None,
    source_event: Event | None = None,
) -> Application:
    """Apply for an open job with one of the candidate's own CVs.

    Candidates only; once per job (AlreadyApplied, also when a parallel request wins the
    race: the unique constraint `application_once_per_job` decides); every screening
    question answered (`answers` maps question id to "yes"/"no" or short text). A
    knock-out answer flags the application, it does not refuse it. Records the first
    stage change and emails the company's team, each member in their own language,
    after commit. `source_event` (applying from a fair's Talent Pool) must be a published
    event where an approved exhibitor features the job; the fair's report counts it.
    """
    if not candidate.is_candidate:
        raise DomainError(_("Only candidates can apply for jobs."))
    # The lock orders this against closing the job: nothing arrives after it is closed.
    # The job's row only: a refusal of the company holds the company's row while it
    # closes the jobs (companies.services.company_reject), and would deadlock with this.
    job = Job.objects.select_for_update(of=("self",)).select_related("company").get(pk=job.pk)
    if not job.is_open:
        raise DomainError(_("This job is no longer taking applications."))
    existing = _existing_application(job, candidate)
    if existing is not None:
        raise AlreadyApplied(existing)
    if cv is None:
        raise DomainError(_("Upload a CV before you apply."))
    if cv.owner_id != candidate.pk:
        raise DomainError(_("Choose one of your own CVs."))
    cover_note = (cover_note or "").strip()
    if len(cover_note) > 4000:
        raise DomainError(_("Keep the cover note to at most 4,000 characters."))
    checked = _answers_checked(list(job.questions.order_by("position")), answers or {})
    if source_event is not None and not (
        source_event.is_published
        and job.featured_at.filter(event=source_event, status="approved").exists()
    ):
        raise DomainError(_("This job is not featured at that event."))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                job=job,
                candidate=candidate,
                cv=cv,
                cover_note=cover_note,
                knocked_out=any(answer.is_knockout for answer in checked),
                source_event=source_event,
            )
    except IntegrityError:
        # A parallel request (a double click) inserted first.
        raise AlreadyApplied(_existing_application(job, candidate)) from None
    for answer in checked:
        answer.application = application
    ScreeningAnswer.objects.bulk_create(checked)
    StageChange.objects.create(
        application=application, from_stage="", to_stage=Stage.NEW, by=candidate
    )
    for member in job.company.members.select_related("user"):
        email_render_and_enqueue(
            to=member.user.email,
            template="application_received",
            context={"application": application, "job": job, "user": member.user},
            language=member.user.language,
        )
    return application


@transaction.atomic
def application_withdraw(*, application: Application, by: User) -> Application:
    """The candidate takes their application back. Only its candidate, and not once it is
    hired, not selected or already withdrawn."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.candidate_id is None or application.candidate_id != by.pk:
        raise DomainError(_("Only the candidate can withdraw an application."))
    if application.stage in FINAL_STAGES:
        raise DomainError(_("This application can no longer be withdrawn."))
    _move(application, Stage.WITHDRAWN, by=by, reason="", notified=False)
    return application


# --- The company's pipeline ----------------------------------------------------------------


def _check_move(application: Application, to_stage: str, reason: str) -> None:
    if application.candidate_id is None:
        raise DomainError(_("An anonymised application cannot be moved."))
    if application.stage == Stage.WITHDRAWN:
        raise DomainError(_("The candidate withdrew this application."))
    if to_stage == Stage.WITHDRAWN:
        raise DomainError(_("Only the candidate can withdraw an application."))
    if to_stage not in RECRUITER_STAGES:
        raise DomainError(_("Choose a stage from the list."))
    if to_stage == application.stage:
        raise DomainError(_("The application is already at this stage."))
    if to_stage == Stage.REJECTED:
        if not reason:
            raise DomainError(_("Choose a reason for not selecting the candidate."))
        if reason not in RejectionReason.values:
            raise DomainError(_("Choose a reason from the list."))
    elif reason:
        raise DomainError(_("A reason is given only when a candidate is not selected."))


def _move(application: Application, to_stage: str, *, by: User, reason: str, notified: bool):
    change = StageChange.objects.create(
        application=application,
        from_stage=application.stage,
        to_stage=to_stage,
        by=by,
        candidate_notified=notified,
    )
    application.stage = to_stage
    application.rejection_reason = reason if to_stage == Stage.REJECTED else ""
    application.stage_changed_at = change.at
    application.save(update_fields=["stage", "rejection_reason", "stage_changed_at"])
    return change


def _notify_candidate(application: Application, change: StageChange) -> None:
    """The email, and an item in the candidate's notification centre; once per move (the
    ledger key is the stage change), so a retried task or request sends nothing twice."""
    candidate = application.candidate
    key = f"application-stage:{change.pk}"
    email_render_and_enqueue(
        to=candidate.email,
        template="application_stage_changed",
        context={"application": application, "job": application.job, "user": candidate},
        language=candidate.language,
        kind=Kind.APPLICATION_STAGE,
        key=key,
    )
    notification_create(
        recipient=candidate,
        kind=Kind.APPLICATION_STAGE,
        key=key,
        template="application_stage",
        context={
            **localised_versions(application.job, "title", "job_title"),
            **localised_versions(application.job.company, "name", "company_name"),
            "stage": change.to_stage,
        },
        url=in_language(
            candidate.language, reverse, "applications:my_application", args=[application.pk]
        ),
        channels=(Channel.IN_APP,),
    )


def _locked_for_job(ids: Iterable[int], job_id: int) -> list[Application]:
    return list(
        Application.objects.select_for_update(of=("self",))
        .select_related("candidate", "job", "job__company")
        .filter(pk__in=list(ids), job_id=job_id)
        .order_by("pk")
    )


@transaction.atomic
def application_stage_set(
    *, application: Application, to_stage: str, by: User, reason: str = "", notify: bool = True
) -> Application:
    """Move one application in the pipeline. Members of the job's company only.

    Among new, screening, interview, offer, hired and not selected (which needs a
    reason); never a withdrawn or anonymised application, never to the same stage.
    With `notify`, the candidate is emailed in their language after commit.
    """
    return application_stage_bulk_set(
        job=application.job,
        application_ids=[application.pk],
        to_stage=to_stage,
        by=by,
        reason=reason,
        notify=notify,
    )[0]


@transaction.atomic
def application_stage_bulk_set(
    *,
    job: Job,
    application_ids: Iterable[int],
    to_stage: str,
    by: User,
    reason: str = "",
    notify: bool = True,
) -> list[Application]:
    """Move several applications to one job to the same stage, all or nothing.

    Every application is checked (the same rules as application_stage_set) before any
    moves; if one is refused, none moves and the DomainError names who blocked it.
    """
    _require_member(job, by)
    ids = set(application_ids)
    if not ids:
        raise DomainError(_("Select at least one applicant."))
    applications = _locked_for_job(ids, job.pk)
    if len(applications) != len(ids):
        raise DomainError(_("Some of the selected applications are not for this job."))
    for application in applications:
        try:
            _check_move(application, to_stage, reason)
        except DomainError as exc:
            if len(applications) == 1:
                raise
            who = application.candidate.name if application.candidate else _("Anonymised candidate")
            raise DomainError(
                _("Nothing was changed. %(who)s: %(error)s") % {"who": who, "error": exc}
            ) from None
    for application in applications:
        change = _move(application, to_stage, by=by, reason=reason, notified=notify)
        if notify:
            _notify_candidate(application, change)
    return applications


@transaction.atomic
def application_note_add(*, application: Application, by: User, body: str) -> ApplicationNote:
    """A private note on an application, seen only by the company's team. Members only."""
    _require_member(application.job, by)
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Write the note."))
    if len(body) > 4000:
        raise DomainError(_("Keep the note to at most 4,000 characters."))
    if application.candidate_id is None:
        raise DomainError(_("An anonymised application cannot take notes."))
    return ApplicationNote.objects.create(application=application, author=by, body=body)


# --- Saved jobs ----------------------------------------------------------------------------


@transaction.atomic
def saved_job_add(*, user: User, job: Job) -> None:
    """Bookmark a published job. Candidates only; saving twice changes nothing."""
    if not user.is_candidate:
        raise DomainError(_("Only candidates can save jobs."))
    if job.published_at is None:
        raise DomainError(_("This job cannot be saved."))
    # The unique constraint `saved_job_once_per_user` makes a parallel second save a no-op.
    SavedJob.objects.bulk_create([SavedJob(user=user, job=job)], ignore_conflicts=True)


@transaction.atomic
def saved_job_remove(*, user: User, job: Job) -> None:
    """Remove a bookmark; removing one that is not there changes nothing."""
    SavedJob.objects.filter(user=user, job=job).delete()
