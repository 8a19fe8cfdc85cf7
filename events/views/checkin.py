"""The door: HKSTP staff scan or type ticket codes on a phone or a handheld scanner."""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from events.forms import CheckInForm
from events.selectors import event_check_in_counts, event_get_for_staff
from events.services.registrations import CheckInRefused, registration_check_in
from hkstp_portal.ratelimit import key_user, rate_limited


def staff_required(view):
    """HKSTP staff only: anonymous visitors go to the login page, anyone else gets 403."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)


@staff_required
@require_http_methods(["GET", "POST"])
@rate_limited("check_in", key=key_user)
def check_in(request, slug):
    """GET: the empty form and the counter. POST: check one code in and show the result in
    big words, with the field empty and focused again for the next person in the queue."""
    event = event_get_for_staff(slug)
    if event is None:
        raise Http404
    form = CheckInForm(request.POST if request.method == "POST" else None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            outcome = registration_check_in(
                event=event, code=form.cleaned_data["code"], by=request.user
            )
        except CheckInRefused as exc:
            result = {"kind": "refused", "message": str(exc), "registration": exc.registration}
        else:
            result = {
                "kind": "already" if outcome.already else "ok",
                "registration": outcome.registration,
            }
        form = CheckInForm()  # cleared for the next ticket
    return render(
        request,
        "events/check_in.html",
        {"event": event, "form": form, "result": result, "counts": event_check_in_counts(event)},
        status=400 if request.method == "POST" and result is None else 200,
    )
