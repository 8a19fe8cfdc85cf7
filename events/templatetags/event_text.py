"""Template helpers for events: ticket codes for people, places left. Text in the visitor's
language comes from the shared `localised` library (hkstp_portal/templatetags/localised.py)."""

from django import template
from django.utils.safestring import mark_safe

from events.tickets import ticket_code_display, ticket_qr_svg

register = template.Library()


@register.filter
def ticket_code(code: str) -> str:
    return ticket_code_display(code)


@register.filter
def ticket_qr(code: str) -> str:
    # segno writes the SVG itself from the code alone: nothing user-written goes in.
    return mark_safe(ticket_qr_svg(code))  # noqa: S308


@register.filter
def places_left(event) -> int | None:
    """Needs `places_taken` (annotated by the selectors); None when there is no limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - event.places_taken, 0)
