"""The door: HKSTP staff scan or type ticket codes on a phone or a handheld scanner, or
find someone without their ticket by name and check them in from the list."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from accounts.decorators import staff_required
from events.forms import CheckInForm, CheckInSearchForm
from events.selectors import (
    event_check_in_counts,
    event_get_for_staff,
    registration_search_for_check_in,
)
from events.services.registrations import CheckInRefused, registration_check_in
from hkstp_portal.middleware import permissions_policy
from hkstp_portal.ratelimit import key_user, rate_limited


@staff_required
@require_http_methods(["GET", "POST"])
@rate_limited("check_in", key=key_user)
@permissions_policy(camera="self")  # the ticket scanner
def check_in(request, slug):
    """GET: the empty form and the counter, and with `q` the event's registrants found by
    name. POST: check one code in (typed, scanned, or the button beside a name found) and
    show the result in big words, with the field empty and focused again for the next
    person in the queue; a search in progress stays on the page."""
    event = event_get_for_staff(slug)
    if event is None:
        raise Http404
    data = request.POST if request.method == "POST" else request.GET
    search = CheckInSearchForm(data if data.get("q") else None)
    searching = search.is_valid()
    form = CheckInForm(request.POST if request.method == "POST" else None, focus=not searching)
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
        form = CheckInForm(focus=not searching)  # cleared for the next ticket
    return render(
        request,
        "events/check_in.html",
        {
            "event": event,
            "form": form,
            "result": result,
            "counts": event_check_in_counts(event),
            "search": search if search.is_bound else CheckInSearchForm(),
            # After a check-in from the list, the list shows it.
            "found": (
                registration_search_for_check_in(event, search.cleaned_data["q"])
                if searching
                else None
            ),
        },
        status=400 if request.method == "POST" and result is None else 200,
    )
