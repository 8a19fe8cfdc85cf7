"""A company team's own jobs: draft, edit, submit for review, close.

Every view finds the job through the user's own company, so another company's
job is a 404, never a 403 that would confirm it exists.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from applications.selectors import application_stage_counts
from companies.decorators import company_member_required
from hkstp_portal.errors import DomainError
from jobs.forms import JobCloseForm, JobForm
from jobs.selectors import job_get_for_company
from jobs.services import (
    job_close,
    job_create,
    job_delete,
    job_submit,
    job_update,
    job_withdraw_submission,
)
from skills.selectors import skill_list


def _job_or_404(request, pk):
    job = job_get_for_company(request.membership.company, pk)
    if job is None:
        raise Http404
    return job


def _save(request, form, save):
    """Run a service with the form's data; a domain or model error becomes a form error."""
    try:
        return save(**form.cleaned_data)
    except DomainError as exc:
        form.add_error(None, str(exc))
    except ValidationError as exc:
        form.add_error(None, exc)
    return None


@company_member_required
@require_http_methods(["GET", "POST"])
def job_new(request):
    form = JobForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        job = _save(
            request,
            form,
            lambda **data: job_create(company=request.membership.company, by=request.user, **data),
        )
        if job:
            messages.success(request, _("Draft saved. Check it, then submit it for review."))
            return redirect("jobs:employer_job", pk=job.pk)
    return render(request, "jobs/employer/job_form.html", {"form": form, "skills": skill_list()})


@company_member_required
@require_http_methods(["GET", "POST"])
def job_edit(request, pk):
    job = _job_or_404(request, pk)
    if job.status not in (job.Status.DRAFT, job.Status.PENDING, job.Status.PUBLISHED):
        messages.error(request, _("A closed or expired job cannot be edited."))
        return redirect("jobs:employer_job", pk=job.pk)
    form = JobForm(request.POST or None, instance=job)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, lambda **data: job_update(job=job, by=request.user, **data))
        if saved:
            if job.status == job.Status.PUBLISHED and saved.status == job.Status.PENDING:
                messages.info(
                    request, _("Changes saved. HKSTP will review them before they go live.")
                )
            else:
                messages.success(request, _("Changes saved."))
            return redirect("jobs:employer_job", pk=job.pk)
    return render(
        request,
        "jobs/employer/job_form.html",
        {"form": form, "job": job, "skills": skill_list()},
    )


@company_member_required
def job_manage(request, pk):
    job = _job_or_404(request, pk)
    return render(
        request,
        "jobs/employer/job_manage.html",
        {
            "job": job,
            "company": request.membership.company,
            "close_form": JobCloseForm(),
            "stage_counts": application_stage_counts(job),
            "question_count": job.questions.count(),
        },
    )


def _transition(request, job, action, success):
    try:
        action(job)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("jobs:employer_job", pk=job.pk)


@company_member_required
@require_POST
def job_submit_view(request, pk):
    job = _job_or_404(request, pk)
    try:
        job = job_submit(job=job, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        if job.status == job.Status.PUBLISHED:
            messages.success(request, _("Your job is live."))
        else:
            messages.success(request, _("Submitted. HKSTP reviews jobs within one working day."))
    return redirect("jobs:employer_job", pk=job.pk)


@company_member_required
@require_POST
def job_withdraw_view(request, pk):
    return _transition(
        request,
        _job_or_404(request, pk),
        lambda job: job_withdraw_submission(job=job, by=request.user),
        _("The job is a draft again."),
    )


@company_member_required
@require_POST
def job_close_view(request, pk):
    job = _job_or_404(request, pk)
    form = JobCloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whether the job was filled or withdrawn."))
        return redirect("jobs:employer_job", pk=job.pk)
    return _transition(
        request,
        job,
        lambda job: job_close(job=job, by=request.user, reason=form.cleaned_data["reason"]),
        _("The job is closed and no longer appears in search."),
    )


@company_member_required
@require_POST
def job_delete_view(request, pk):
    job = _job_or_404(request, pk)
    try:
        job_delete(job=job, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("jobs:employer_job", pk=job.pk)
    messages.success(request, _("Draft deleted."))
    return redirect("companies:dashboard")
