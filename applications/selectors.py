"""Reads for applications: what a candidate sees of their own, and a company's pipeline."""

from collections.abc import Iterator

from django.db.models import Count, Prefetch, Q, QuerySet, Value
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from applications.models import (
    Application,
    ApplicationNote,
    ScreeningAnswer,
    ScreeningQuestion,
    Stage,
    StageChange,
)
from jobs.models import Job
from jobs.selectors import CARD_DEFERRED
from talent.models import SavedJob
from talent.selectors import cv_list_for_owner

PIPELINE_ORDERS = {"newest": "-created_at", "oldest": "created_at"}


def question_list(job: Job) -> QuerySet[ScreeningQuestion]:
    return job.questions.order_by("position")


def question_get_for_job(job: Job, pk: int) -> ScreeningQuestion | None:
    return job.questions.select_related("job").filter(pk=pk).first()


# --- The candidate's side ------------------------------------------------------------------


def application_get_for_job(job: Job, candidate) -> Application | None:
    if not candidate.is_authenticated:
        return None
    return Application.objects.filter(job=job, candidate=candidate).first()


def job_apply_context(job: Job, user) -> dict:
    """What a job's page shows a visitor about applying and saving: their application if
    any, whether they saved the job, the CV a one-click apply uses, and whether the job
    asks screening questions."""
    if not user.is_authenticated or not user.is_candidate:
        return {}
    cvs = list(cv_list_for_owner(user).only("pk", "original_name", "is_default", "owner_id"))
    return {
        "application": application_get_for_job(job, user),
        "is_saved": SavedJob.objects.filter(user=user, job=job).exists(),
        "default_cv": cvs[0] if cvs else None,
        "question_count": job.questions.count(),
    }


def application_list_for_candidate(user) -> QuerySet[Application]:
    """A candidate's applications, newest first, with their job, company and history."""
    return (
        Application.objects.filter(candidate=user)
        .select_related("job", "job__company")
        .defer(*(f"job__{name}" for name in CARD_DEFERRED))
        .prefetch_related(Prefetch("history", queryset=StageChange.objects.order_by("at", "id")))
        .order_by("-created_at")
    )


def application_get_for_candidate(user, pk: int) -> Application | None:
    """One of the candidate's own applications (None for anyone else's)."""
    return (
        Application.objects.filter(candidate=user, pk=pk)
        .select_related("job", "job__company", "cv")
        .prefetch_related(
            Prefetch("history", queryset=StageChange.objects.order_by("at", "id")),
            Prefetch("answers", queryset=ScreeningAnswer.objects.order_by("id")),
        )
        .first()
    )


def saved_job_list(user) -> QuerySet[SavedJob]:
    """The candidate's saved jobs, newest first, with each job's company."""
    return (
        SavedJob.objects.filter(user=user)
        .select_related("job", "job__company")
        .defer(*(f"job__{name}" for name in CARD_DEFERRED))
        .order_by("-created_at")
    )


# --- The company's side --------------------------------------------------------------------


def _answers_prefetch() -> Prefetch:
    return Prefetch("answers", queryset=ScreeningAnswer.objects.order_by("id"))


def application_list_for_job(job: Job, *, stage: str = "", q: str = "", order: str = "newest"):
    """A job's applicants for its company's pipeline, with what the table shows."""
    applications = (
        job.applications.select_related("candidate", "candidate__candidate_profile", "cv")
        .defer("cover_note")
        .prefetch_related(_answers_prefetch())
        .order_by(PIPELINE_ORDERS.get(order, "-created_at"), "-pk")
    )
    if stage:
        applications = applications.filter(stage=stage)
    if q:
        applications = applications.filter(candidate__name__icontains=q)
    return applications


def application_stage_counts(job: Job) -> dict[str, int]:
    """How many of the job's applications are at each stage (every stage listed)."""
    rows = job.applications.order_by().values("stage").annotate(n=Count("pk"))
    counts = dict.fromkeys(Stage.values, 0)
    counts.update({row["stage"]: row["n"] for row in rows})
    return counts


def application_board(job: Job) -> list[tuple[str, str, list[Application]]]:
    """The board: one column per stage, (value, label, applications), oldest move first."""
    columns = {value: [] for value in Stage.values}
    for application in application_list_for_job(job).order_by("stage_changed_at", "pk"):
        columns[application.stage].append(application)
    return [(stage.value, stage.label, columns[stage.value]) for stage in Stage]


def application_get_for_company(company, pk: int) -> Application | None:
    """One application to one of `company`'s jobs, with everything the recruiter's page
    shows (None for another company's)."""
    return (
        Application.objects.filter(pk=pk, job__company=company)
        .select_related("job", "candidate", "candidate__candidate_profile", "cv")
        .prefetch_related(
            "candidate__candidate_profile__skills",
            "candidate__candidate_profile__experience",
            "candidate__candidate_profile__education",
            _answers_prefetch(),
            Prefetch(
                "history",
                queryset=StageChange.objects.select_related("by").order_by("at", "id"),
            ),
            Prefetch("notes", queryset=ApplicationNote.objects.select_related("author")),
        )
        .first()
    )


def job_list_with_applicants(jobs: QuerySet[Job], *, since=None) -> QuerySet[Job]:
    """`jobs` with `applicant_count` (every application, as the pipeline counts them) and
    `new_applicant_count` (those made after `since`; 0 without a `since`), in the same
    query as the jobs: for a company's dashboard."""
    new = Count("applications", filter=Q(applications__created_at__gt=since)) if since else None
    return jobs.annotate(
        applicant_count=Count("applications"),
        new_applicant_count=new if new is not None else Value(0),
    )


# --- CSV export ----------------------------------------------------------------------------


def application_csv_rows(job: Job) -> Iterator[list]:
    """The job's applicants as CSV rows (hkstp_portal.csv_export writes them): a header,
    then one row each, oldest first."""
    yield [
        _("Name"),
        _("Email"),
        _("Stage"),
        pgettext("date column", "Applied"),
        _("Knock-out answer"),
        _("Answers"),
    ]
    for application in application_list_for_job(job, order="oldest").iterator(chunk_size=500):
        candidate = application.candidate
        answers = " | ".join(f"{a.question_text}: {a.answer}" for a in application.answers.all())
        yield [
            candidate.name if candidate else _("Anonymised candidate"),
            candidate.email if candidate else "",
            application.get_stage_display(),
            timezone.localtime(application.created_at).strftime("%Y-%m-%d %H:%M"),
            _("yes") if application.knocked_out else _("no"),
            answers,
        ]


def saved_job_ids(user) -> set[int]:
    return set(SavedJob.objects.filter(user=user).values_list("job_id", flat=True))
