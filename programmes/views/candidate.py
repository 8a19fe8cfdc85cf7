"""A candidate's side: apply once, follow the application, change choices, withdraw, and
answer an offer. Applications are looked up through the signed-in candidate, so someone
else's is a 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import candidate_required
from hkstp_portal.errors import DomainError
from hkstp_portal.ratelimit import key_user, rate_limited
from programmes import services
from programmes.forms import ApplyForm, PreferencesForm
from programmes.selectors import (
    apply_defaults,
    apply_state,
    apply_window_problem,
    candidate_eligibility_problem,
    offer_reply_by,
    placement_list_for_programme,
    programme_application_for,
    programme_application_get_for_candidate,
    programme_application_list_for_candidate,
    programme_get_public,
)
from programmes.services import OPEN_STATUSES
from talent.selectors import cv_list_for_owner

Status = services.Status


def _programme_or_404(slug):
    programme = programme_get_public(slug)
    if programme is None:
        raise Http404
    return programme


def _own_or_404(request, pk):
    application = programme_application_get_for_candidate(request.user, pk)
    if application is None:
        raise Http404
    return application


def _already_applied(request, application):
    messages.info(
        request,
        _("You applied to this programme on %(date)s. Here is your application.")
        % {"date": date_format(timezone.localtime(application.created_at), "j M Y")},
    )
    return redirect("programmes:my_application", pk=application.pk)


@candidate_required
@require_http_methods(["GET", "POST"])
@rate_limited("programme_apply", key=key_user)
def apply(request, slug):
    """The application form: university, country, CV, statement and up to three ranked
    placements. Refused early, with the reason, when the window is not open or the
    candidate's profile does not meet the eligibility."""
    programme = _programme_or_404(slug)
    existing = programme_application_for(programme, request.user)
    if existing is not None:
        return _already_applied(request, existing)
    closed = apply_window_problem(programme)
    if closed:
        messages.error(request, closed)
        return redirect(programme)
    problem = candidate_eligibility_problem(programme, request.user)
    placements = placement_list_for_programme(programme)
    cvs = cv_list_for_owner(request.user)
    form = ApplyForm(
        request.POST or None,
        placements=placements,
        cvs=cvs,
        initial={**apply_defaults(request.user), "cv": cvs.first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.programme_apply(
                programme=programme,
                candidate=request.user,
                university=form.cleaned_data["university"],
                country=form.cleaned_data["country"],
                statement=form.cleaned_data["statement"],
                cv=form.cleaned_data["cv"],
                placement_ids=form.placement_ids(),
            )
        except services.AlreadyApplied as exc:
            if exc.application is not None:
                return _already_applied(request, exc.application)
            form.add_error(None, str(exc))
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Your application is in. We have emailed you a copy; follow it here."),
            )
            return redirect("programmes:my_application", pk=application.pk)
    return render(
        request,
        "programmes/apply.html",
        {
            "programme": programme,
            "form": form,
            "problem": problem,
            "has_cv": cvs.exists(),
        },
        status=400 if request.method == "POST" else 200,
    )


@candidate_required
def my_applications(request):
    return render(
        request,
        "programmes/my_applications.html",
        {"applications": programme_application_list_for_candidate(request.user)},
    )


def _detail_context(application, form=None):
    programme = application.programme
    can_edit = application.status in OPEN_STATUSES and apply_state(programme) == "open"
    if can_edit and form is None:
        form = PreferencesForm(
            placements=placement_list_for_programme(programme),
            initial={
                f"choice_{preference.rank}": str(preference.placement_id)
                for preference in application.preferences.all()
            },
        )
    reply_by = offer_reply_by(application) if application.status == Status.SELECTED else None
    return {
        "application": application,
        "programme": programme,
        "form": form if can_edit or form is not None else None,
        "can_withdraw": application.status in OPEN_STATUSES,
        "reply_by": reply_by,
        "reply_late": reply_by is not None and timezone.now() > reply_by,
    }


@candidate_required
def my_application(request, pk):
    application = _own_or_404(request, pk)
    return render(request, "programmes/my_application.html", _detail_context(application))


@candidate_required
@require_POST
def preferences(request, pk):
    """Save a new ranking of placements (while the window is open)."""
    application = _own_or_404(request, pk)
    form = PreferencesForm(
        request.POST, placements=placement_list_for_programme(application.programme)
    )
    if form.is_valid():
        try:
            services.programme_preferences_update(
                application=application, by=request.user, placement_ids=form.placement_ids()
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your choices are saved."))
        return redirect("programmes:my_application", pk=application.pk)
    return render(
        request,
        "programmes/my_application.html",
        _detail_context(application, form=form),
        status=400,
    )


def _confirmed_action(request, pk, *, service, template, done, allowed):
    """GET asks to confirm; POST calls `service` and says how it went."""
    application = _own_or_404(request, pk)
    if request.method == "POST":
        try:
            service(application=application, by=request.user)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, done)
        return redirect("programmes:my_application", pk=application.pk)
    if application.status not in allowed:
        messages.error(request, _("There is nothing to confirm for this application any more."))
        return redirect("programmes:my_application", pk=application.pk)
    return render(request, template, _detail_context(application))


@candidate_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    return _confirmed_action(
        request,
        pk,
        service=services.programme_application_withdraw,
        template="programmes/withdraw_confirm.html",
        done=_("Your application is withdrawn."),
        allowed=OPEN_STATUSES,
    )


@candidate_required
@require_POST
def accept(request, pk):
    application = _own_or_404(request, pk)
    try:
        services.programme_offer_accept(application=application, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Congratulations! You accepted the offer."))
    return redirect("programmes:my_application", pk=application.pk)


@candidate_required
@require_http_methods(["GET", "POST"])
def decline(request, pk):
    return _confirmed_action(
        request,
        pk,
        service=services.programme_offer_decline,
        template="programmes/decline_confirm.html",
        done=_("You declined the offer. Thank you for letting us know."),
        allowed=[Status.SELECTED],
    )
