"""The public event pages: upcoming events, and one event with its register button."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from events.forms import EventFilterForm
from events.models import Event
from events.selectors import event_get_public_detail, event_list_public, registration_state
from events.structured_data import event_data


def event_list(request):
    form = EventFilterForm(request.GET or None)
    events = event_list_public(**form.filters())
    return render(request, "events/event_list.html", {"form": form, "events": events})


def event_detail(request, slug):
    event = event_get_public_detail(slug)
    if event is None:
        raise Http404
    state = registration_state(event, request.user)
    now = timezone.now()
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "state": state,
            "now": now,
            "is_online": event.format in (Event.Format.VIRTUAL, Event.Format.HYBRID),
            "sessions": list(event.sessions.all()),
            "session_ids": getattr(state.registration, "session_ids", set()),
            "jsonld": event_data(
                event,
                url=request.build_absolute_uri(event.get_absolute_url()),
                organizer_url=request.build_absolute_uri(reverse("home")),
                now=now,
            ),
        },
    )
