from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import candidate_required
from events.selectors import event_list_upcoming
from hkstp_portal.errors import DomainError
from jobs.selectors import job_list_open
from matching.selectors import invitation_list_for_candidate, job_recommendations
from talent.forms import ProfileIntroForm
from talent.selectors import cv_list_for_owner, profile_completeness
from talent.services.profiles import profile_get_or_create, profile_update


@candidate_required
@require_http_methods(["GET", "POST"])
def dashboard(request):
    """A candidate's starting page: how complete their profile is, their CVs, their
    introduction, invitations, recommended and new jobs, and coming events."""
    profile = profile_get_or_create(user=request.user)
    form = ProfileIntroForm(request.POST if request.method == "POST" else None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            profile_update(user=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as exc:
            form.add_error(None, exc if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("Your introduction is saved."))
            return redirect("talent:dashboard")
    return render(
        request,
        "talent/dashboard.html",
        {
            "form": form,
            "completeness": profile_completeness(request.user),
            "cvs": cv_list_for_owner(request.user).only(
                "pk", "original_name", "kind", "is_default", "parse_status", "uploaded_at"
            ),
            "recommended": job_recommendations(request.user),
            "invitations": invitation_list_for_candidate(request.user),
            "jobs": job_list_open()[:6],
            "events": event_list_upcoming(),
        },
    )
