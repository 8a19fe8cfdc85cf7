"""A park company's side of fairs: apply to exhibit, its booth, slots, drops and bookings.

Every object is looked up through the signed-in member's company, so another company's
booth, slot or drop is a 404; candidates get 403, visitors the login page.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from companies.decorators import company_member_required
from events.forms_fairs import ExhibitorForm, OutcomeForm, SlotSeriesForm
from events.models import Exhibitor
from events.selectors_fairs import (
    drop_get_for_exhibitor,
    event_get_open_for_exhibitors,
    exhibitor_form_choices,
    exhibitor_get_for_company,
    fair_dashboard,
    fair_list_for_company,
    slot_get_for_exhibitor,
)
from events.services.exhibitors import exhibitor_apply, exhibitor_update, exhibitor_withdraw
from events.services.interviews import (
    interview_cancel,
    interview_outcome_set,
    slot_delete,
    slot_series_create,
)
from hkstp_portal.errors import DomainError


def _exhibitor_or_404(request, slug) -> Exhibitor:
    exhibitor = exhibitor_get_for_company(request.membership.company, slug)
    if exhibitor is None:
        raise Http404
    return exhibitor


@company_member_required
def fair_list(request):
    """Events taking exhibitors, and the company's applications and booths."""
    company = request.membership.company
    return render(
        request,
        "events/fairs/employer_fair_list.html",
        {"company": company, **fair_list_for_company(company)},
    )


@company_member_required
@require_http_methods(["GET", "POST"])
def exhibitor_apply_view(request, slug):
    company = request.membership.company
    if exhibitor_get_for_company(company, slug) is not None:
        return redirect("events:fair_dashboard", slug=slug)
    event = event_get_open_for_exhibitors(slug)
    if event is None:
        raise Http404
    form = ExhibitorForm(request.POST or None, **exhibitor_form_choices(company))
    if request.method == "POST" and form.is_valid():
        try:
            exhibitor_apply(event=event, company=company, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Thank you. HKSTP will review your application to exhibit.")
            )
            return redirect("events:fair_dashboard", slug=slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "events/fairs/exhibitor_form.html",
        {"event": event, "company": company, "form": form, "exhibitor": None},
        status=status,
    )


@company_member_required
@require_http_methods(["GET", "POST"])
def exhibitor_edit(request, slug):
    exhibitor = _exhibitor_or_404(request, slug)
    company = exhibitor.company
    initial = {
        "featured_jobs": list(exhibitor.featured_jobs.values_list("pk", flat=True)),
        "attendees": list(exhibitor.attendees.values_list("pk", flat=True)),
        "pitch": exhibitor.pitch,
        "contact_email": exhibitor.contact_email,
    }
    form = ExhibitorForm(request.POST or None, initial=initial, **exhibitor_form_choices(company))
    if request.method == "POST" and form.is_valid():
        try:
            exhibitor_update(exhibitor=exhibitor, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Booth details saved."))
            return redirect("events:fair_dashboard", slug=slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "events/fairs/exhibitor_form.html",
        {"event": exhibitor.event, "company": company, "form": form, "exhibitor": exhibitor},
        status=status,
    )


@company_member_required
@require_POST
def exhibitor_withdraw_view(request, slug):
    exhibitor = _exhibitor_or_404(request, slug)
    try:
        exhibitor_withdraw(exhibitor=exhibitor, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("events:fair_dashboard", slug=slug)
    messages.success(request, _("Your application to exhibit was withdrawn."))
    return redirect("events:fair_list")


@company_member_required
def fair_dashboard_view(request, slug):
    """The booth, its featured jobs, the CVs dropped, the bookings and outcomes, and the
    applications made through the fair."""
    exhibitor = _exhibitor_or_404(request, slug)
    return render(
        request,
        "events/fairs/fair_dashboard.html",
        {
            "exhibitor": exhibitor,
            "event": exhibitor.event,
            "company": exhibitor.company,
            "slot_form": SlotSeriesForm(
                initial={"day": timezone.localtime(exhibitor.event.starts_at).date()}
            ),
            "outcome_form": OutcomeForm(),
            "now": timezone.now(),
            **fair_dashboard(exhibitor),
        },
    )


@company_member_required
@require_POST
def slot_series_view(request, slug):
    exhibitor = _exhibitor_or_404(request, slug)
    form = SlotSeriesForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            slots = slot_series_create(
                exhibitor=exhibitor,
                by=request.user,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                minutes=data["minutes"],
                mode=data["mode"],
                meeting_url=data["meeting_url"],
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(n)d interview slots published.") % {"n": len(slots)})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("events:fair_dashboard", slug=slug)


def _slot_or_404(request, slug, pk):
    exhibitor = _exhibitor_or_404(request, slug)
    slot = slot_get_for_exhibitor(exhibitor, pk)
    if slot is None:
        raise Http404
    return slot


def _slot_action(request, slug, do, success):
    try:
        do()
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("events:fair_dashboard", slug=slug)


@company_member_required
@require_POST
def slot_delete_view(request, slug, pk):
    slot = _slot_or_404(request, slug, pk)
    return _slot_action(
        request, slug, lambda: slot_delete(slot=slot, by=request.user), _("Slot deleted.")
    )


@company_member_required
@require_POST
def slot_cancel_view(request, slug, pk):
    slot = _slot_or_404(request, slug, pk)
    return _slot_action(
        request,
        slug,
        lambda: interview_cancel(slot=slot, by=request.user),
        _("Booking cancelled; the candidate has been told and the slot is free again."),
    )


@company_member_required
@require_POST
def slot_outcome_view(request, slug, pk):
    slot = _slot_or_404(request, slug, pk)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an outcome from the list."))
        return redirect("events:fair_dashboard", slug=slug)
    return _slot_action(
        request,
        slug,
        lambda: interview_outcome_set(
            slot=slot,
            by=request.user,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
        ),
        _("Outcome saved."),
    )


@company_member_required
def drop_detail(request, slug, pk):
    """The profile summary of a candidate who left their CV or profile at the booth."""
    exhibitor = _exhibitor_or_404(request, slug)
    drop = drop_get_for_exhibitor(exhibitor, pk)
    if drop is None:
        raise Http404
    profile = getattr(drop.candidate, "candidate_profile", None)
    return render(
        request,
        "events/fairs/drop_detail.html",
        {"exhibitor": exhibitor, "event": exhibitor.event, "drop": drop, "profile": profile},
    )
