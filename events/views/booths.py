"""The fair's Talent Pool and the virtual stands: public pages for published events;
booking an interview and leaving a CV need a signed-in candidate.

A booking is looked up through the signed-in candidate, so someone else's is a 404.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import candidate_required
from events.forms_fairs import BoothDropForm
from events.models import Event, Exhibitor
from events.selectors import event_get_public
from events.selectors_fairs import (
    booth_page,
    candidate_fair_activity,
    drop_get_for_candidate,
    exhibitor_get_public,
    exhibitor_list_public,
    slot_get_for_candidate,
    slot_get_public,
)
from events.services.interviews import (
    booth_drop_create,
    booth_drop_withdraw,
    interview_book,
    interview_cancel,
)
from hkstp_portal.errors import DomainError
from hkstp_portal.vocabulary import Cluster
from talent.selectors import cv_list_for_owner


def _event_or_404(slug) -> Event:
    event = event_get_public(slug)
    if event is None:
        raise Http404
    return event


def _booth_or_404(slug, company_slug) -> Exhibitor:
    exhibitor = exhibitor_get_public(_event_or_404(slug), company_slug)
    if exhibitor is None:
        raise Http404
    return exhibitor


def exhibitor_list(request, slug):
    """The fair's Talent Pool: approved exhibitors, their booths and featured jobs."""
    event = _event_or_404(slug)
    cluster = request.GET.get("cluster", "")
    if cluster not in Cluster.values:
        cluster = ""
    return render(
        request,
        "events/fairs/exhibitor_list.html",
        {
            "event": event,
            "exhibitors": exhibitor_list_public(event, cluster=cluster),
            "clusters": Cluster.choices,
            "cluster": cluster,
        },
    )


def booth_detail(request, slug, company_slug):
    """A virtual stand: the pitch, featured jobs, sessions, interview slots, CV drop."""
    exhibitor = _booth_or_404(slug, company_slug)
    context = {"exhibitor": exhibitor, "event": exhibitor.event, "company": exhibitor.company}
    context.update(booth_page(exhibitor, request.user))
    if request.user.is_authenticated and request.user.is_candidate:
        cvs = cv_list_for_owner(request.user)
        drop = context["my_drop"]
        if drop is not None:
            initial = {"cv": drop.cv_id, "message": drop.message}
        else:
            initial = {"cv": cvs.filter(is_default=True).values_list("pk", flat=True).first()}
        context["drop_form"] = BoothDropForm(cvs=cvs, initial=initial)
    return render(request, "events/fairs/booth_detail.html", context)


def _to_booth(exhibitor):
    return redirect(
        "events:booth_detail", slug=exhibitor.event.slug, company_slug=exhibitor.company.slug
    )


@candidate_required
@require_POST
def interview_book_view(request, slug, company_slug, pk):
    exhibitor = _booth_or_404(slug, company_slug)
    slot = slot_get_public(exhibitor, pk)
    if slot is None:
        raise Http404
    try:
        interview_book(slot=slot, candidate=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Interview booked. We have emailed you the details."))
    return _to_booth(exhibitor)


@candidate_required
@require_POST
def interview_cancel_view(request, slug, pk):
    event = _event_or_404(slug)
    slot = slot_get_for_candidate(request.user, event, pk)
    if slot is None:
        raise Http404
    try:
        interview_cancel(slot=slot, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your interview was cancelled."))
    return _to_booth(slot.exhibitor)


@candidate_required
@require_POST
def booth_drop_view(request, slug, company_slug):
    exhibitor = _booth_or_404(slug, company_slug)
    form = BoothDropForm(request.POST, cvs=cv_list_for_owner(request.user))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _to_booth(exhibitor)
    try:
        booth_drop_create(
            exhibitor=exhibitor,
            candidate=request.user,
            cv=form.cleaned_data["cv"],
            message=form.cleaned_data["message"],
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(company)s can now see what you shared. You can take it back at any time.")
            % {"company": exhibitor.company.name},
        )
    return _to_booth(exhibitor)


@candidate_required
@require_POST
def booth_drop_withdraw_view(request, slug, company_slug):
    exhibitor = _booth_or_404(slug, company_slug)
    drop = drop_get_for_candidate(request.user, exhibitor)
    if drop is None:
        raise Http404
    try:
        booth_drop_withdraw(drop=drop, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Withdrawn. %(company)s no longer sees it.") % {"company": exhibitor.company.name},
        )
    return _to_booth(exhibitor)


@candidate_required
def my_fair(request, slug):
    """The candidate's interviews and CV drops at this event."""
    event = _event_or_404(slug)
    return render(
        request,
        "events/fairs/my_fair.html",
        {"event": event, **candidate_fair_activity(request.user, event)},
    )
