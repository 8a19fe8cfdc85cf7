from django.urls import path

from events import urls_fairs as fairs
from events.views import candidate, checkin, public

app_name = "events"

urlpatterns = [
    # Registration, tickets and check-in (events/views/public.py, candidate.py, checkin.py)
    path("events/", public.event_list, name="event_list"),
    path("events/<slug:slug>/", public.event_detail, name="event_detail"),
    path("events/<slug:slug>/register/", candidate.register, name="register"),
    path("events/<slug:slug>/cancel/", candidate.cancel, name="cancel"),
    path("events/<slug:slug>/confirm-place/", candidate.offer_accept, name="offer_accept"),
    path("events/<slug:slug>/ticket/", candidate.ticket, name="ticket"),
    path("events/<slug:slug>/ticket.ics", candidate.ticket_ics, name="ticket_ics"),
    path("events/<slug:slug>/sessions/<int:pk>/join/", candidate.session_join, name="session_join"),
    path(
        "events/<slug:slug>/sessions/<int:pk>/leave/",
        candidate.session_leave,
        name="session_leave",
    ),
    path("me/events/", candidate.my_events, name="my_events"),
    path("staff/events/<slug:slug>/check-in/", checkin.check_in, name="check_in"),
    # Exhibitors, booths, interviews, CV drops, the outcome report (events/urls_fairs.py)
    *fairs.urlpatterns,
]
