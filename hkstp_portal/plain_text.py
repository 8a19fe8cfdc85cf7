"""Plain-text templates: what no browser reads as HTML (email subjects and text bodies).

Django escapes every variable for HTML, whatever a template's extension, so a job called
"R&D Engineer (Women's Health)" would reach a subject line as "R&amp;D … Women&#x27;s".
These render with autoescaping off and are kept as written; a page that shows one
(the notification centre, an email's HTML part) escapes it there, once.
"""

from django.template import Context
from django.template.loader import get_template


def plain_text_render(template_name: str, context: dict) -> str:
    """`template_name` rendered as plain text: nothing is HTML-escaped."""
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def subject_render(template_name: str, context: dict) -> str:
    """A subject line: the template as plain text, on one line."""
    return " ".join(plain_text_render(template_name, context).split())
