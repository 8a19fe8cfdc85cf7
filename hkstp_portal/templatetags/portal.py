import datetime
import functools
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.safestring import mark_safe

from hkstp_portal.markdown import markdown_to_html

register = template.Library()

# The characters that could end a <script> block or start a comment inside it.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@functools.cache
def _choice_labels(field) -> dict:
    return {make_hashable(value): label for value, label in field.flatchoices}


@register.filter
def display(obj, name: str):
    """{{ job|display:"site" }} is {{ job.get_site_display }}, for a fraction of the CPU:
    Django's rebuilds the dict of every choice on each call, translating every label."""
    field = obj._meta.get_field(name)
    value = getattr(obj, field.attname)
    return force_str(_choice_labels(field).get(make_hashable(value), value), strings_only=True)


@register.filter
def datetime_attr(value) -> str:
    """The `datetime` attribute of a `<time>`: ISO 8601, a moment in Hong Kong time to the
    second (`2026-11-25T10:30:15+08:00`), a day as a date. Django's `date:"c"` adds the
    microseconds, which HTML does not allow (three digits at most)."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""


@register.filter
def markdown(text):
    return markdown_to_html(text)


@register.filter
def jsonld(data):
    """A dict as a <script type="application/ld+json"> block that user text cannot break out of."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None removes one)."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def query_without(context, name, value=None):
    """The current query string without one filter (or one value of a multi-value filter)."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    if value is None:
        query.pop(name, None)
    else:
        query.setlist(name, [v for v in query.getlist(name) if v != str(value)])
    return query.urlencode()
