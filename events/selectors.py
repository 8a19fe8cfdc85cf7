"""Reads for events: the public pages, a candidate's registrations, the door's counter."""

import dataclasses
import datetime
from collections.abc import Iterator

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, EventSession, Exhibitor, Registration, SessionRegistration
from events.selectors_fairs import PUBLIC_BOOTH
from events.tickets import ticket_code_display

Status = Registration.Status


def _places_taken():
    return Count("registrations", filter=Q(registrations__status__in=Registration.HOLDING))


def exhibitor_count(event_ref="pk"):
    """How many public booths (PUBLIC_BOOTH) the event (`event_ref` from the outer query)
    has: a subquery, so it does not multiply the rows of another Count in the same query."""
    approved = (
        Exhibitor.objects.filter(PUBLIC_BOOTH, event=OuterRef(event_ref))
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(approved, output_field=IntegerField()), 0)


def event_list_upcoming(*, limit: int = 3):
    """The next events, each with `exhibitor_count` (the home page links their booths)."""
    events = Event.objects.upcoming(timezone.now()).annotate(exhibitor_count=exhibitor_count())
    return list(events[:limit])


def event_list_public(*, kind: str = "", theme: str | None = None):
    """Published events that have not ended, soonest first, each with `places_taken`
    (confirmed + offered) and `exhibitor_count`: one query."""
    events = Event.objects.upcoming(timezone.now()).annotate(
        places_taken=_places_taken(), exhibitor_count=exhibitor_count()
    )
    if kind:
        events = events.filter(kind=kind)
    if theme is not None:
        events = events.filter(theme=theme)
    return events


def event_get_public(slug: str) -> Event | None:
    """A published event (past ones too), or None (the views turn it into 404): the event
    alone, for pages that need no counts (the booths and interviews of a fair)."""
    return Event.objects.filter(slug=slug, is_published=True).first()


def event_get_public_detail(slug: str) -> Event | None:
    """A published event (past ones too: their recordings stay), or None, for its own pages
    (the detail page, the candidate's ticket and sessions): with its sessions in time order
    and `places_taken` and `exhibitor_count`."""
    return (
        Event.objects.filter(slug=slug, is_published=True)
        .annotate(places_taken=_places_taken(), exhibitor_count=exhibitor_count())
        .prefetch_related(
            Prefetch(
                "sessions",
                # In time order: a query that counts (GROUP BY) ignores Meta.ordering.
                queryset=EventSession.objects.annotate(taken=Count("registrations")).order_by(
                    "starts_at", "title"
                ),
            )
        )
        .first()
    )


def event_get_for_staff(slug: str) -> Event | None:
    """Any event, published or not: staff check people in at rehearsals too."""
    return Event.objects.filter(slug=slug).first()


def registration_get_for_candidate(event: Event, candidate) -> Registration | None:
    """The candidate's live (not cancelled) registration for the event, with the ids of
    the sessions they hold a place in as `session_ids`."""
    if not candidate.is_authenticated:
        return None
    registration = (
        Registration.objects.filter(event=event, candidate=candidate)
        .exclude(status=Status.CANCELLED)
        .select_related("event")
        .first()
    )
    if registration is not None:
        registration.session_ids = set(
            SessionRegistration.objects.filter(registration=registration).values_list(
                "session_id", flat=True
            )
        )
    return registration


def registration_list_for_candidate(candidate):
    """All the candidate's registrations, upcoming events first, then past ones, each with
    `exhibitor_count` (the event's approved exhibitors)."""
    return (
        Registration.objects.filter(candidate=candidate)
        .select_related("event")
        .annotate(exhibitor_count=exhibitor_count("event_id"))
        .order_by("-event__starts_at", "-created_at")
    )


def registration_waitlist_position(registration: Registration) -> int | None:
    """1 for the next person to be offered a place; None when not on the waitlist."""
    if registration.status != Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, id__lt=registration.id),
        event_id=registration.event_id,
        status=Status.WAITLISTED,
    )
    return ahead.count() + 1


CHECK_IN_SEARCH_LIMIT = 20


def registration_search_for_check_in(
    event: Event, q: str, *, limit: int = CHECK_IN_SEARCH_LIMIT
) -> list[Registration]:
    """The event's registrations (only this event's, any status, so the door sees why a
    place is missing) whose holder's name or email contains `q`, by name. One query."""
    q = q.strip()
    if not q:
        return []
    return list(
        Registration.objects.filter(event=event)
        .filter(Q(candidate__name__icontains=q) | Q(candidate__email__icontains=q))
        .select_related("candidate")
        .only(
            "pk",
            "code",
            "status",
            "checked_in_at",
            "event_id",
            "candidate__id",
            "candidate__name",
            "candidate__email",
        )
        .order_by("candidate__name", "pk")[:limit]
    )


def event_check_in_counts(event: Event) -> dict:
    """{"checked_in": 312, "expected": 480}: one query."""
    return Registration.objects.filter(event=event, status=Status.CONFIRMED).aggregate(
        expected=Count("id"), checked_in=Count("id", filter=Q(checked_in_at__isnull=False))
    )


# --- What the register button says ------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class RegistrationState:
    """Which button or note the event page shows. `state` is one of: registered,
    waitlisted, offered, not_candidate, not_open, closed, full, waitlist, open."""

    state: str
    registration: Registration | None = None
    opens_at: datetime.datetime | None = None
    position: int | None = None
    places_left: int | None = None


def registration_state(event: Event, user, *, now: datetime.datetime | None = None):
    """What `user` can do about registering for `event` right now (a read; the service
    decides). Needs `event.places_taken` (from event_get_public_detail)."""
    now = now or timezone.now()
    places_left = None if event.capacity is None else max(event.capacity - event.places_taken, 0)
    registration = registration_get_for_candidate(event, user)
    if registration is not None:
        state = {
            Status.CONFIRMED: "registered",
            Status.WAITLISTED: "waitlisted",
            Status.OFFERED: "offered",
        }[registration.status]
        return RegistrationState(
            state,
            registration=registration,
            position=registration_waitlist_position(registration),
            places_left=places_left,
        )
    if user.is_authenticated and not user.is_candidate:
        return RegistrationState("not_candidate", places_left=places_left)
    if event.registration_opens_at and now < event.registration_opens_at:
        return RegistrationState(
            "not_open", opens_at=event.registration_opens_at, places_left=places_left
        )
    if now >= (event.registration_closes_at or event.starts_at):
        return RegistrationState("closed", places_left=places_left)
    if places_left == 0:
        return RegistrationState(
            "waitlist" if event.waitlist_enabled else "full", places_left=places_left
        )
    return RegistrationState("open", places_left=places_left)


def registration_csv_rows(registrations: QuerySet[Registration]) -> Iterator[list]:
    """Registrations as CSV rows for staff (hkstp_portal.csv_export writes them): a
    header, then one row each, by event then time of registering."""

    def when(moment):
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""

    yield [
        _("ticket code"),
        _("name"),
        _("email"),
        _("event"),
        _("status"),
        _("registered"),
        _("checked in"),
    ]
    for registration in registrations.select_related("event", "candidate").order_by(
        "event__starts_at", "created_at"
    ):
        yield [
            ticket_code_display(registration.code),
            registration.candidate.name,
            registration.candidate.email,
            registration.event.title,
            registration.get_status_display(),
            when(registration.created_at),
            when(registration.checked_in_at),
        ]
