"""Template helpers for jobs: {% load jobs %}."""

import functools
from html import escape

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from jobs import cards

register = template.Library()


@register.simple_tag(takes_context=True)
def job_cards(context, jobs, show_save=False, heading_level="3"):
    """{% job_cards jobs show_save=True heading_level="2" %}: every card of a list, most
    from the cache (jobs.cards)."""
    return cards.job_cards(context, jobs, show_save=show_save, heading_level=heading_level)


@register.simple_tag(takes_context=True)
def job_card(context, job, show_save=False, heading_level="3"):
    """{% job_card job %}: one card, where each sits in its own markup."""
    return cards.job_cards(context, [job], show_save=show_save, heading_level=heading_level)


@functools.lru_cache(maxsize=4096)
def _count(count: int, language: str | None) -> str:
    # intcomma localises the number on each call (a tenth of the panel's cost); the same
    # counts come up again and again.
    return escape(intcomma(count))


@register.simple_tag
def facet_fieldsets(groups):
    """The search's filter panel: a fieldset per facet of JobSearchResult.facet_groups.

    About eighty options a search, each a dozen template nodes when written as a loop:
    built here in Python instead, with the same markup, escaped as the template would
    (html.escape is what django.utils.html.escape calls, without its check for lazy
    strings: the labels are plain strings, see JobSearchResult.facet_groups).
    """
    language = get_language()
    parts = []
    for group in groups:
        name = escape(group["name"])
        multiple = group["multiple"]
        legend = escape(str(group["label"]))
        parts.append(
            '\n          <fieldset class="facet">\n'
            f"            <legend>{legend}</legend>\n            "
        )
        if not multiple:
            checked = "" if group["active"] else "checked"
            any_label = escape(gettext("Any") if group["name"] == "salary" else gettext("Any time"))
            parts.append(
                f'\n              <label class="facet-option"><input type="radio" name="{name}" '
                f'value="" {checked}> <span>{any_label}</span></label>\n            '
            )
        parts.append("\n            ")
        kind = "checkbox" if multiple else "radio"
        for option in group["options"]:
            count, checked = option["count"], option["checked"]
            empty = "" if count or checked else " facet-empty"
            parts.append(
                f'\n              <label class="facet-option{empty}">\n                '
                f'<input type="{kind}" name="{name}" value="{escape(str(option["value"]))}" '
                f"{'checked' if checked else ''}>\n                "
                f"<span>{escape(str(option['label']))}</span> "
                f'<span class="count">{_count(count, language)}</span>\n'
                "              </label>\n            "
            )
        parts.append("\n          </fieldset>\n        ")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above
