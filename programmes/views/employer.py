"""A park company's side: its placements in a programme, the shortlisted candidates who
ranked them, and interview outcomes. A programme where the company offers no placement,
and a preference for another company's placement, are 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from companies.decorators import company_member_required
from hkstp_portal.errors import DomainError
from programmes.forms import InterviewForm
from programmes.selectors import (
    placement_list_for_company,
    preference_get_for_company,
    programme_get_for_company,
    programme_list_for_company,
)
from programmes.services import programme_interview_record


@company_member_required
def programme_list(request):
    return render(
        request,
        "programmes/employer/programme_list.html",
        {"programmes": programme_list_for_company(request.membership.company)},
    )


@company_member_required
def programme_detail(request, slug):
    company = request.membership.company
    programme = programme_get_for_company(company, slug)
    if programme is None:
        raise Http404
    placements = placement_list_for_company(company, programme)
    for placement in placements:
        for preference in placement.candidates:
            preference.form = InterviewForm(
                prefix=f"p{preference.pk}",
                initial={
                    "interview_outcome": preference.interview_outcome,
                    "interview_note": preference.interview_note,
                },
            )
    return render(
        request,
        "programmes/employer/programme_detail.html",
        {"programme": programme, "placements": placements, "company": company},
    )


@company_member_required
@require_POST
def interview_record(request, pk):
    preference = preference_get_for_company(request.membership.company, pk)
    if preference is None:
        raise Http404
    form = InterviewForm(request.POST, prefix=f"p{preference.pk}")
    if form.is_valid():
        try:
            programme_interview_record(
                preference=preference,
                by=request.user,
                outcome=form.cleaned_data["interview_outcome"],
                note=form.cleaned_data["interview_note"],
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Interview outcome saved for %(name)s.")
                % {"name": preference.application.candidate},
            )
    else:
        messages.error(request, _("Choose an interview outcome from the list."))
    url = redirect("programmes:employer_programme", slug=preference.placement.programme.slug)
    url["Location"] += f"#candidate-{preference.pk}"
    return url
