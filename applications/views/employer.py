"""A company team's side: screening questions, the applicant pipeline, CSV export.

Every view finds the job or application through the user's own company, so another
company's is a 404; candidates get 403 and anonymous visitors the login page
(companies.decorators.company_member_required).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from applications.forms import (
    BulkStageForm,
    NoteForm,
    PipelineFilterForm,
    QuestionForm,
    StageForm,
)
from applications.models import Application, ScreeningQuestion, Stage
from applications.selectors import (
    application_board,
    application_csv_rows,
    application_get_for_company,
    application_list_for_job,
    application_stage_counts,
    question_get_for_job,
    question_list,
)
from applications.services import (
    application_note_add,
    application_stage_bulk_set,
    application_stage_set,
    question_create,
    question_delete,
    question_update,
)
from companies.decorators import company_member_required
from hkstp_portal.csv_export import csv_response
from hkstp_portal.errors import DomainError
from jobs.selectors import job_get_for_company

PIPELINE_PAGE_SIZE = 50


def _job_or_404(request, pk):
    job = job_get_for_company(request.membership.company, pk)
    if job is None:
        raise Http404
    return job


def _application_or_404(request, pk):
    application = application_get_for_company(request.membership.company, pk)
    if application is None:
        raise Http404
    return application


# --- Screening questions -------------------------------------------------------------------


@company_member_required
@require_http_methods(["GET", "POST"])
def questions(request, pk):
    """The job's questions, and a form to add one."""
    job = _job_or_404(request, pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            question_create(job=job, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Question added."))
            return redirect("applications:questions", pk=job.pk)
    items = list(question_list(job))
    return render(
        request,
        "applications/employer/questions.html",
        {
            "job": job,
            "questions": items,
            "form": form,
            "can_add": len(items) < ScreeningQuestion.MAX_PER_JOB,
        },
        status=400 if request.method == "POST" else 200,
    )


def _question_or_404(request, pk, question_pk):
    job = _job_or_404(request, pk)
    question = question_get_for_job(job, question_pk)
    if question is None:
        raise Http404
    return job, question


@company_member_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk, question_pk):
    job, question = _question_or_404(request, pk, question_pk)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            question_update(question=question, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Question saved."))
            return redirect("applications:questions", pk=job.pk)
    return render(
        request,
        "applications/employer/question_form.html",
        {"job": job, "question": question, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@company_member_required
@require_POST
def question_delete_view(request, pk, question_pk):
    job, question = _question_or_404(request, pk, question_pk)
    try:
        question_delete(question=question, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Question deleted. Answers already given keep it."))
    return redirect("applications:questions", pk=job.pk)


# --- The pipeline --------------------------------------------------------------------------


@company_member_required
def pipeline(request, pk):
    """The job's applicants as a table: filter by stage, search by name, sort by date."""
    job = _job_or_404(request, pk)
    filters = PipelineFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    applications = application_list_for_job(
        job,
        stage=criteria.get("stage", ""),
        q=criteria.get("q", ""),
        order=criteria.get("order") or "newest",
    )
    page = Paginator(applications, PIPELINE_PAGE_SIZE).get_page(request.GET.get("page"))
    query = {k: v for k, v in criteria.items() if v}
    counts = application_stage_counts(job)
    return render(
        request,
        "applications/employer/pipeline.html",
        {
            "job": job,
            "page": page,
            "filters": filters,
            "stage_counts": [(value, label, counts[value]) for value, label in Stage.choices],
            "total": sum(counts.values()),
            "bulk_form": BulkStageForm(),
            "query": urlencode(query),
        },
    )


@company_member_required
def board(request, pk):
    """The job's applicants in one column per stage; each card has a small move form."""
    job = _job_or_404(request, pk)
    return render(
        request,
        "applications/employer/board.html",
        {"job": job, "columns": application_board(job), "stage_form": StageForm()},
    )


@company_member_required
@require_POST
def bulk_stage(request, pk):
    """Move the checked applicants to one stage, all or nothing."""
    job = _job_or_404(request, pk)
    form = BulkStageForm(request.POST)
    back = reverse("applications:pipeline", args=[job.pk])
    if request.POST.get("query"):
        back += "?" + request.POST["query"]
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    data = form.cleaned_data
    try:
        moved = application_stage_bulk_set(
            job=job,
            application_ids=data["applications"],
            to_stage=data["stage"],
            by=request.user,
            reason=data["reason"],
            notify=data["notify"],
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d applicant moved to %(stage)s.",
                "%(count)d applicants moved to %(stage)s.",
                len(moved),
            )
            % {"count": len(moved), "stage": Stage(data["stage"]).label},
        )
    return redirect(back)


@company_member_required
def export_csv(request, pk):
    """Every applicant of the job as CSV, streamed row by row."""
    job = _job_or_404(request, pk)
    return csv_response(application_csv_rows(job), filename=f"applicants-job-{job.pk}.csv")


@company_member_required
def application_detail(request, pk):
    application = _application_or_404(request, pk)
    candidate = application.candidate
    profile = getattr(candidate, "candidate_profile", None) if candidate else None
    return render(
        request,
        "applications/employer/application_detail.html",
        {
            "application": application,
            "job": application.job,
            "profile": profile,
            "profile_has_details": bool(
                profile
                and (
                    profile.summary
                    or profile.eligibility
                    or profile.residence
                    or profile.available_from
                    or profile.skills.all()
                    or profile.experience.all()
                    or profile.education.all()
                )
            ),
            "stage_form": StageForm(initial={"stage": _next_stage(application)}),
            "note_form": NoteForm(),
            "can_move": candidate is not None and application.stage != Stage.WITHDRAWN,
        },
    )


def _next_stage(application: Application) -> str:
    order = [Stage.NEW, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED]
    if application.stage in order[:-1]:
        return order[order.index(application.stage) + 1]
    return application.stage


def _back_to_application(request, application):
    target = request.POST.get("next")
    if target == "board":
        return redirect("applications:board", pk=application.job_id)
    return redirect("applications:application", pk=application.pk)


@company_member_required
@require_POST
def stage_set(request, pk):
    application = _application_or_404(request, pk)
    form = StageForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back_to_application(request, application)
    data = form.cleaned_data
    try:
        application_stage_set(
            application=application,
            to_stage=data["stage"],
            by=request.user,
            reason=data["reason"],
            notify=data["notify"],
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        if data["notify"]:
            messages.success(request, _("Stage changed. The candidate will get an email."))
        else:
            messages.success(request, _("Stage changed. The candidate was not emailed."))
    return _back_to_application(request, application)


@company_member_required
@require_POST
def note_add(request, pk):
    application = _application_or_404(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the note (at most 4,000 characters)."))
        return redirect("applications:application", pk=application.pk)
    try:
        application_note_add(
            application=application, by=request.user, body=form.cleaned_data["body"]
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Note added."))
    return redirect("applications:application", pk=application.pk)
