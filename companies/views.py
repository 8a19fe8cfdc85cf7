from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from companies.forms import CompanyRegisterForm
from companies.selectors import company_team_list, membership_get
from companies.services import company_register
from hkstp_portal.errors import DomainError
from jobs.selectors import job_list_for_company


@login_required
@require_http_methods(["GET", "POST"])
def dashboard(request):
    """An employer's starting page: register the company, then see its state."""
    if not request.user.is_employer:
        raise PermissionDenied
    membership = membership_get(request.user)
    if membership is None:
        form = CompanyRegisterForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                company_register(user=request.user, **form.cleaned_data)
            except DomainError as exc:
                messages.error(request, str(exc))
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Thank you. HKSTP will verify your company within two working days."),
                )
                return redirect("companies:dashboard")
        return render(request, "companies/register.html", {"form": form})
    company = membership.company
    return render(
        request,
        "companies/dashboard.html",
        {
            "membership": membership,
            "company": company,
            "team": company_team_list(company),
            "jobs": job_list_for_company(company),
        },
    )
