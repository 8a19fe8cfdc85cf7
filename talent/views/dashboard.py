from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from events.selectors import event_list_upcoming
from jobs.selectors import job_list_open
from talent.forms import ProfileIntroForm
from talent.services.profiles import profile_get_or_create


@login_required
@require_http_methods(["GET", "POST"])
def dashboard(request):
    """A candidate's starting page: their introduction, new jobs and coming events."""
    if not request.user.is_candidate:
        raise PermissionDenied
    profile = profile_get_or_create(user=request.user)
    form = ProfileIntroForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your introduction is saved."))
        return redirect("talent:dashboard")
    return render(
        request,
        "talent/dashboard.html",
        {
            "form": form,
            "jobs": job_list_open()[:6],
            "events": event_list_upcoming(),
        },
    )
