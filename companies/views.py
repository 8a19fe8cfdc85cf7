from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from applications.selectors import job_list_with_applicants
from companies.decorators import company_member_required
from companies.forms import CompanyProfileForm, CompanyRegisterForm, InvitationForm
from companies.models import Company, CompanyInvitation, CompanyMember, CompanyNameChange
from companies.selectors import (
    company_get_public,
    company_list_public,
    company_team_list,
    invitation_list_open,
    membership_get,
    name_change_latest,
)
from companies.services import (
    company_register,
    company_update,
    invitation_accept,
    invitation_is_expired,
    invitation_withdraw,
    member_dashboard_visit,
    member_invite,
    member_remove,
    member_role_set,
    name_change_withdraw,
)
from events.selectors_fairs import exhibitions_upcoming_attach
from hkstp_portal.errors import DomainError
from hkstp_portal.vocabulary import Cluster
from jobs.selectors import job_list_for_company, job_list_open_for_company


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
    since = member_dashboard_visit(member=membership)
    jobs = list(job_list_with_applicants(job_list_for_company(company), since=since))
    return render(
        request,
        "companies/dashboard.html",
        {
            "membership": membership,
            "company": company,
            "jobs": jobs,
            "since": since,
            "new_applicants": sum(job.new_applicant_count for job in jobs),
        },
    )


@company_member_required(admin=True)
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    company = request.membership.company
    form = CompanyProfileForm(request.POST or None, request.FILES or None, instance=company)
    if request.method == "POST" and form.is_valid():
        try:
            company_update(company=company, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Company profile saved."))
            renamed = set(Company.NAME_FIELDS) & set(form.changed_data)
            if renamed and company.is_verified:
                messages.info(
                    request,
                    _(
                        "Your new name waits for HKSTP's review. Your current name stays "
                        "on your pages until HKSTP approves it."
                    ),
                )
            return redirect("companies:dashboard")
        company.refresh_from_db()
    return render(
        request,
        "companies/profile_form.html",
        {"form": form, "company": company, "name_change": name_change_latest(company)},
    )


@company_member_required(admin=True)
@require_POST
def name_change_withdraw_view(request, pk):
    change = get_object_or_404(
        CompanyNameChange.objects.select_related("company"),
        pk=pk,
        company=request.membership.company,
    )
    try:
        name_change_withdraw(change=change, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your new name is withdrawn; your name stays as it is."))
    return redirect("companies:profile_edit")


@company_member_required
@require_http_methods(["GET", "POST"])
def team(request):
    membership = request.membership
    company = membership.company
    is_admin = membership.role == CompanyMember.Role.ADMIN
    form = InvitationForm(request.POST or None)
    if request.method == "POST":
        if not is_admin:
            raise PermissionDenied
        if form.is_valid():
            try:
                member_invite(company=company, by=request.user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error("email", str(exc))
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
                )
                return redirect("companies:team")
    return render(
        request,
        "companies/team.html",
        {
            "company": company,
            "membership": membership,
            "is_admin": is_admin,
            "team": company_team_list(company),
            "invitations": invitation_list_open(company) if is_admin else [],
            "form": form,
            "roles": CompanyMember.Role.choices,
        },
    )


def _member_or_404(request, pk) -> CompanyMember:
    return get_object_or_404(
        CompanyMember.objects.select_related("user", "company"),
        pk=pk,
        company=request.membership.company,
    )


def _action(request, do, success):
    try:
        do()
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("companies:team")


@company_member_required(admin=True)
@require_POST
def member_remove_view(request, pk):
    member = _member_or_404(request, pk)
    return _action(
        request,
        lambda: member_remove(member=member, by=request.user),
        _("%(name)s is no longer in your team.") % {"name": member.user.name},
    )


@company_member_required(admin=True)
@require_POST
def member_role_view(request, pk):
    member = _member_or_404(request, pk)
    return _action(
        request,
        lambda: member_role_set(member=member, by=request.user, role=request.POST.get("role", "")),
        _("Role changed."),
    )


@company_member_required(admin=True)
@require_POST
def invitation_withdraw_view(request, pk):
    invitation = get_object_or_404(
        CompanyInvitation.objects.select_related("company"),
        pk=pk,
        company=request.membership.company,
    )
    return _action(
        request,
        lambda: invitation_withdraw(invitation=invitation, by=request.user),
        _("Invitation withdrawn."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_accept_view(request, token):
    invitation = (
        CompanyInvitation.objects.select_related("company", "invited_by")
        .filter(token=token, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        raise Http404
    if request.method == "POST":
        try:
            invitation_accept(token=token, user=request.user)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Welcome to %(company)s.") % {"company": invitation.company.name},
            )
            return redirect("companies:dashboard")
    return render(
        request,
        "companies/invitation.html",
        {"invitation": invitation, "expired": invitation_is_expired(invitation)},
    )


def company_list(request):
    cluster = request.GET.get("cluster", "")
    if cluster not in Cluster.values:
        cluster = ""
    page = Paginator(company_list_public(cluster=cluster), 30).get_page(request.GET.get("page"))
    exhibitions_upcoming_attach(page.object_list)
    return render(
        request,
        "companies/company_list.html",
        {"page": page, "cluster": cluster, "clusters": Cluster.choices},
    )


def company_detail(request, slug):
    company = company_get_public(slug)
    if company is None:
        raise Http404
    exhibitions_upcoming_attach([company])
    return render(
        request,
        "companies/company_detail.html",
        {"company": company, "jobs": job_list_open_for_company(company)},
    )
