"""A job's recommended candidates for its company team, and inviting one to apply.

The job is found through the user's own company, so another company's job is a 404.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from companies.decorators import company_member_required
from hkstp_portal.errors import DomainError
from jobs.selectors import job_get_for_company
from matching.forms import InvitationForm
from matching.models import Match
from matching.selectors import recommended_candidates
from matching.services import invitation_create


def _job_or_404(request, pk):
    job = job_get_for_company(request.membership.company, pk)
    if job is None:
        raise Http404
    return job


@company_member_required
def job_candidates(request, pk):
    job = _job_or_404(request, pk)
    if not request.membership.company.is_verified:
        # Candidates made their profiles discoverable to verified park companies only.
        return render(
            request,
            "matching/job_candidates.html",
            {"job": job, "rows": [], "not_verified": True},
            status=403,
        )
    return render(
        request,
        "matching/job_candidates.html",
        {"job": job, "rows": recommended_candidates(job), "form": InvitationForm()},
    )


@company_member_required
@require_POST
def candidate_invite(request, pk, user_id):
    job = _job_or_404(request, pk)
    # Only a candidate recommended for this job: anyone else is a 404.
    match = Match.objects.filter(job=job, candidate_id=user_id).select_related("candidate")
    match = match.first()
    if match is None:
        raise Http404
    candidate: User = match.candidate
    form = InvitationForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("message", []):
            messages.error(request, error)
        return redirect("matching:job_candidates", pk=job.pk)
    try:
        invitation_create(
            job=job, candidate=candidate, by=request.user, message=form.cleaned_data["message"]
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Invitation sent. The candidate sees it on their dashboard."))
    return redirect("matching:job_candidates", pk=job.pk)
