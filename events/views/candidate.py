"""A candidate's side of events: register, the waitlist offer, the ticket and its .ics,
sessions, and "My events".

Every registration is looked up through the signed-in candidate, so nobody reaches
someone else's ticket (404).
"""

from email.utils import parseaddr

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import candidate_required
from events.models import Event, Registration
from events.selectors import (
    event_get_public_detail,
    registration_get_for_candidate,
    registration_list_for_candidate,
    registration_waitlist_position,
)
from events.services.registrations import (
    AlreadyRegistered,
    registration_cancel,
    registration_create,
    registration_offer_accept,
    session_cancel,
    session_register,
)
from events.tickets import ics_event
from hkstp_portal.errors import DomainError
from hkstp_portal.i18n import localised
from hkstp_portal.ratelimit import key_user, rate_limited


def _event_or_404(slug) -> Event:
    event = event_get_public_detail(slug)
    if event is None:
        raise Http404
    return event


def _own_registration_or_404(request, event) -> Registration:
    registration = registration_get_for_candidate(event, request.user)
    if registration is None:
        raise Http404
    return registration


@candidate_required
@require_POST
@rate_limited("event_register", key=key_user)
def register(request, slug):
    event = _event_or_404(slug)
    try:
        registration = registration_create(event=event, candidate=request.user)
    except AlreadyRegistered:
        messages.info(request, _("You are already registered for this event."))
        return redirect("events:event_detail", slug=event.slug)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("events:event_detail", slug=event.slug)
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(
            request, _("You are registered. Here is your ticket; we have emailed it to you too.")
        )
        return redirect("events:ticket", slug=event.slug)
    messages.info(
        request,
        _(
            "The event is full: you are number %(position)s on the waitlist. We will email "
            "you if a place frees up."
        )
        % {"position": registration_waitlist_position(registration)},
    )
    return redirect("events:event_detail", slug=event.slug)


@candidate_required
@require_POST
def cancel(request, slug):
    event = _event_or_404(slug)
    registration = _own_registration_or_404(request, event)
    try:
        registration_cancel(registration=registration, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("events:event_detail", slug=event.slug)


@candidate_required
@require_POST
def offer_accept(request, slug):
    event = _event_or_404(slug)
    registration = _own_registration_or_404(request, event)
    try:
        registration_offer_accept(registration=registration, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("events:event_detail", slug=event.slug)
    messages.success(request, _("Your place is confirmed. Here is your ticket."))
    return redirect("events:ticket", slug=event.slug)


@candidate_required
def ticket(request, slug):
    event = _event_or_404(slug)
    registration = _own_registration_or_404(request, event)
    return render(
        request,
        "events/ticket.html",
        {
            "event": event,
            "registration": registration,
            "position": registration_waitlist_position(registration),
            "sessions": [s for s in event.sessions.all() if s.pk in registration.session_ids],
            "is_online": event.format in (Event.Format.VIRTUAL, Event.Format.HYBRID),
        },
    )


def _location(event: Event) -> str:
    if event.format == Event.Format.VIRTUAL:
        return _("Online")
    return ", ".join(event.place())


@candidate_required
def ticket_ics(request, slug):
    """The event for the candidate's calendar (RFC 5545), for a live registration."""
    event = _event_or_404(slug)
    registration = _own_registration_or_404(request, event)
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    organizer_name, organizer_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    body = ics_event(
        uid=f"event-{event.pk}-{registration.code}@{host}",
        organizer_name=organizer_name or str(settings.PORTAL_NAME),
        organizer_email=organizer_email,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=localised(event, "title"),
        location=_location(event),
        url=request.build_absolute_uri(event.get_absolute_url()),
        description=_("Your ticket: %(url)s")
        % {"url": request.build_absolute_uri(request.path.removesuffix(".ics") + "/")},
        now=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def _session_or_404(event, pk):
    for session in event.sessions.all():
        if session.pk == pk:
            return session
    raise Http404


@candidate_required
@require_POST
def session_join(request, slug, pk):
    event = _event_or_404(slug)
    session = _session_or_404(event, pk)
    try:
        session_register(session=session, candidate=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("You have a place in “%(session)s”.") % {"session": localised(session, "title")},
        )
    return redirect("events:event_detail", slug=event.slug)


@candidate_required
@require_POST
def session_leave(request, slug, pk):
    event = _event_or_404(slug)
    session = _session_or_404(event, pk)
    session_cancel(session=session, candidate=request.user)
    messages.success(
        request,
        _("You gave up your place in “%(session)s”.") % {"session": localised(session, "title")},
    )
    return redirect("events:event_detail", slug=event.slug)


@candidate_required
def my_events(request):
    return render(
        request,
        "events/my_events.html",
        {"registrations": registration_list_for_candidate(request.user), "now": timezone.now()},
    )
