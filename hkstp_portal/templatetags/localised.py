"""Content in the page's language: {% load localised %} {{ job|localised:"title" }}."""

from django import template

from hkstp_portal import i18n

register = template.Library()


@register.filter
def localised(obj, field: str) -> str:
    """`obj.<field>` in the active language, with the fallback of hkstp_portal.i18n.localised."""
    return i18n.localised(obj, field)


@register.filter
def content_lang(obj, field: str) -> str:
    """The `lang` of the text `localised` shows: {{ job|content_lang:"title" }}."""
    return i18n.content_language(obj, field)


@register.filter
def alternative(obj, field: str):
    """{% with other=job|alternative:"title" %}{{ other.text }} lang={{ other.lang }}"""
    return i18n.alternative(obj, field)
