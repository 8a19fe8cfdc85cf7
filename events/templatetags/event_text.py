"""Template helpers for events: text in the visitor's language, ticket codes for people."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from events.tickets import ticket_code_display, ticket_qr_svg

register = template.Library()

# Which field holds a text in each UI language; English is the fallback.
_SUFFIX = {"zh-hant": "_zh", "zh-hans": "_zh_hans"}


def event_text(obj, field: str) -> str:
    """`obj.<field>` in the active language, falling back to English when not written.

    Traditional Chinese readers who find no Traditional text get the Simplified text
    before English, and the other way round; sessions have one Chinese title (`title_zh`)."""
    language = (get_language() or "en").lower()
    if language in _SUFFIX:
        other = "zh-hans" if language == "zh-hant" else "zh-hant"
        for suffix in (_SUFFIX[language], _SUFFIX[other]):
            value = getattr(obj, f"{field}{suffix}", "")
            if value:
                return value
    return getattr(obj, field, "")


@register.filter
def localised(obj, field: str) -> str:
    """{{ event|localised:"title" }}"""
    return event_text(obj, field)


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
