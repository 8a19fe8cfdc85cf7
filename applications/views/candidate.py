"""A candidate's side: apply, follow and withdraw applications, saved jobs.

Every object is looked up through the signed-in candidate, so someone else's
application is a 404.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import candidate_required
from applications.forms import ApplyForm
from applications.selectors import (
    application_get_for_candidate,
    application_get_for_job,
    application_list_for_candidate,
    question_list,
    saved_job_list,
)
from applications.services import (
    FINAL_STAGES,
    AlreadyApplied,
    application_submit,
    application_withdraw,
    saved_job_add,
    saved_job_remove,
)
from events.selectors_fairs import event_featuring_job
from hkstp_portal.errors import DomainError
from hkstp_portal.ratelimit import key_user, rate_limited
from jobs.selectors import job_get_public
from talent.selectors import cv_list_for_owner


def _job_or_404(pk):
    job = job_get_public(pk)
    if job is None:
        raise Http404
    return job


def _already_applied(request, application):
    messages.info(
        request,
        _("You applied for this job on %(date)s. Here is your application.")
        % {"date": date_format(timezone.localtime(application.created_at), "j M Y")},
    )
    return redirect("applications:my_application", pk=application.pk)


@candidate_required
@require_http_methods(["GET", "POST"])
@rate_limited("apply", key=key_user)
def apply(request, pk):
    """The apply page: CV, cover note and the job's screening questions."""
    job = _job_or_404(pk)
    existing = application_get_for_job(job, request.user)
    if existing is not None:
        return _already_applied(request, existing)
    if not job.is_open:
        messages.error(request, _("This job is no longer taking applications."))
        return redirect(job)
    # Applying from a fair's booth: kept only if the event is real and features the job.
    source_event = event_featuring_job(request.GET.get("from_event", ""), job)
    cvs = cv_list_for_owner(request.user)
    questions = question_list(job)
    form = ApplyForm(
        request.POST or None,
        cvs=cvs,
        questions=questions,
        initial={"cv": cvs.first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = application_submit(
                job=job,
                candidate=request.user,
                cv=form.cleaned_data["cv"],
                cover_note=form.cleaned_data["cover_note"],
                answers=form.answers(),
                source_event=source_event,
            )
        except AlreadyApplied as exc:
            if exc.application is not None:
                return _already_applied(request, exc.application)
            form.add_error(None, str(exc))
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Your application was sent to %(company)s. You can follow it here.")
                % {"company": job.company.name},
            )
            return redirect("applications:my_application", pk=application.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "applications/apply.html",
        {"job": job, "form": form, "has_cv": cvs.exists(), "source_event": source_event},
        status=status,
    )


@candidate_required
def my_applications(request):
    return render(
        request,
        "applications/my_applications.html",
        {"applications": application_list_for_candidate(request.user)},
    )


def _own_or_404(request, pk):
    application = application_get_for_candidate(request.user, pk)
    if application is None:
        raise Http404
    return application


@candidate_required
def my_application(request, pk):
    application = _own_or_404(request, pk)
    return render(
        request,
        "applications/my_application.html",
        {"application": application, "can_withdraw": application.stage not in FINAL_STAGES},
    )


@candidate_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    """GET asks to confirm; POST withdraws."""
    application = _own_or_404(request, pk)
    if request.method == "POST":
        try:
            application_withdraw(application=application, by=request.user)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your application is withdrawn."))
        return redirect("applications:my_application", pk=application.pk)
    if application.stage in FINAL_STAGES:
        messages.error(request, _("This application can no longer be withdrawn."))
        return redirect("applications:my_application", pk=application.pk)
    return render(request, "applications/withdraw_confirm.html", {"application": application})


@candidate_required
def saved_jobs(request):
    return render(
        request, "applications/saved_jobs.html", {"saved_jobs": saved_job_list(request.user)}
    )


def _back(request, job):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(job)


@candidate_required
@require_POST
def save_job(request, pk):
    job = _job_or_404(pk)
    try:
        saved_job_add(user=request.user, job=job)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Saved. Find it under Saved jobs."))
    return _back(request, job)


@candidate_required
@require_POST
def unsave_job(request, pk):
    job = _job_or_404(pk)
    saved_job_remove(user=request.user, job=job)
    messages.success(request, _("Removed from your saved jobs."))
    return _back(request, job)
