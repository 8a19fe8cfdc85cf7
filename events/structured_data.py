"""schema.org Event, as search engines read it for their event listings.

See developers.google.com/search/docs/appearance/structured-data/event
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event
from hkstp_portal.i18n import localised
from hkstp_portal.vocabulary import SITE_ADDRESSES

SCHEMA = "https://schema.org/"
ATTENDANCE_MODES = {
    Event.Format.PHYSICAL: SCHEMA + "OfflineEventAttendanceMode",
    Event.Format.VIRTUAL: SCHEMA + "OnlineEventAttendanceMode",
    Event.Format.HYBRID: SCHEMA + "MixedEventAttendanceMode",
}


def _when(moment: datetime.datetime) -> str:
    # Hong Kong time with its offset (+08:00), to the second.
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _place(event: Event) -> dict:
    if event.site:
        address = {"@type": "PostalAddress", **SITE_ADDRESSES[event.site]}
    else:
        address = {"@type": "PostalAddress", "addressRegion": "Hong Kong", "addressCountry": "HK"}
        if event.venue:
            address["streetAddress"] = event.venue
    name = event.venue or (event.get_site_display() if event.site else "")
    return {"@type": "Place", **({"name": name} if name else {}), "address": address}


def _availability(event: Event, now: datetime.datetime) -> str:
    if event.registration_opens_at and now < event.registration_opens_at:
        return SCHEMA + "PreOrder"
    taken = getattr(event, "places_taken", 0)
    if event.capacity is not None and taken >= event.capacity and not event.waitlist_enabled:
        return SCHEMA + "SoldOut"
    return SCHEMA + "InStock"


def event_data(event: Event, *, url: str, organizer_url: str, now=None) -> dict:
    """The JSON-LD of a published event, in the active language.

    The online location is the event page, never the stream link (that is for registered
    people only). Registration is free, so an event that has not started carries an offer
    at 0 HKD. Reads `event.places_taken` when the selector annotated it."""
    now = now or timezone.now()
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": localised(event, "title"),
        "startDate": _when(event.starts_at),
        "endDate": _when(event.ends_at),
        "eventAttendanceMode": ATTENDANCE_MODES[event.format],
        # Events are unpublished, never cancelled in place: a published one is on.
        "eventStatus": SCHEMA + "EventScheduled",
        "organizer": {
            "@type": "Organization",
            "name": _("Hong Kong Science and Technology Parks Corporation"),
            "url": organizer_url,
        },
        "url": url,
    }
    if description := localised(event, "description"):
        data["description"] = description
    online = {"@type": "VirtualLocation", "url": url}
    data["location"] = {
        Event.Format.PHYSICAL: _place(event),
        Event.Format.VIRTUAL: online,
        Event.Format.HYBRID: [_place(event), online],
    }[event.format]
    if event.starts_at > now:
        offer = {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "HKD",
            "availability": _availability(event, now),
            "url": url,
            "validThrough": _when(event.registration_closes_at or event.starts_at),
        }
        if event.registration_opens_at:
            offer["validFrom"] = _when(event.registration_opens_at)
        data["offers"] = offer
    return data
