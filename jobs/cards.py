"""Job cards (search results, home page, company pages, dashboard) as HTML, mostly from Redis.

A card is the same for everyone reading it in a language, except two parts: "Posted X
ago", which changes with the clock, and the signed-in candidate's Save button. The rest
(templates/jobs/_job_card_static.html) is cached per job, keyed by what it shows: the
job's and its company's `updated_at` (auto_now, so any save() or service edit makes a new
key), the logo, the language and the heading level. A page fetches all its cards with one
get_many, renders only the missing ones (in one template render) and stores them with one
set_many. Writes that bypass auto_now (QuerySet.update() of a title or a company name, a
translation deployed without a template change) show within CACHE_SECONDS at most.
"""

import functools
import hashlib
import time

from django.contrib.humanize.templatetags.humanize import naturaltime
from django.core.cache import cache
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from applications.templatetags.applications import job_is_saved
from hkstp_portal.i18n import localised

STATIC_TEMPLATE = "jobs/_job_card_static.html"
CACHE_SECONDS = 60 * 60
# Bump when what is cached changes in a way the template's text does not show.
CACHE_VERSION = 1
# Between the cards of one render: PostgreSQL text never holds a NUL, so no job's text can.
_SEPARATOR = "\x00"
_URL_PLACEHOLDER = 987654321


@functools.lru_cache(maxsize=8)
def _digest(source: str) -> str:
    return hashlib.blake2b(source.encode(), digest_size=6).hexdigest()


def _key_prefix(*, heading_level: str, language: str) -> str:
    # The template's text is in the key: a changed card template (a deploy, or an edit
    # that the development server's template reloading picks up) is a new set of keys.
    source = get_template(STATIC_TEMPLATE).template.source
    return f"jobcard:{CACHE_VERSION}:{_digest(source)}:{language}:h{heading_level}"


def _card_key(prefix: str, job) -> str:
    company = job.company
    return (
        f"{prefix}:{job.pk}:{job.updated_at.timestamp()}:"
        f"{company.pk}:{company.updated_at.timestamp()}:{company.logo.name}"
    )


def card_key(job, *, heading_level: str, language: str) -> str:
    return _card_key(_key_prefix(heading_level=heading_level, language=language), job)


def _render_static(jobs, heading_level: str) -> list[str]:
    """The cached part of each card, in one template render."""
    url = reverse("jobs:job_detail", args=[_URL_PLACEHOLDER])
    prefix, _, suffix = url.partition(str(_URL_PLACEHOLDER))
    html = get_template(STATIC_TEMPLATE).render(
        {
            "jobs": jobs,
            "heading_level": heading_level,
            "separator": mark_safe(_SEPARATOR),  # noqa: S308 - a constant
            "job_url_prefix": prefix,
            "job_url_suffix": suffix,
        }
    )
    return [part.strip() for part in html.split(_SEPARATOR)]


def static_cards(jobs, *, heading_level: str = "3") -> list[str]:
    """The cached part of each job's card, in order: one Redis round trip when all are
    cached, a second to store the ones that were not."""
    jobs = list(jobs)
    if not jobs:
        return []
    prefix = _key_prefix(heading_level=heading_level, language=get_language() or "en")
    keys = [_card_key(prefix, job) for job in jobs]
    found = cache.get_many(keys)
    missing = [(key, job) for key, job in zip(keys, jobs, strict=True) if key not in found]
    if missing:
        rendered = _render_static([job for _key, job in missing], heading_level)
        fresh = {key: html for (key, _job), html in zip(missing, rendered, strict=True)}
        cache.set_many(fresh, CACHE_SECONDS)
        found.update(fresh)
    return [found[key] for key in keys]


def _posted(job) -> str:
    if not job.published_at:
        return ""
    return _posted_html(job.published_at, get_language(), int(time.time()))


@functools.lru_cache(maxsize=4096)
def _posted_html(published_at, language: str | None, second: int) -> str:
    # naturaltime costs as much as the rest of a cached card. The same job on another page
    # view within the same second (the first page of a popular search) reuses the words,
    # which are then at most a second old: as live as the page.
    posted = gettext("Posted %(when)s") % {"when": conditional_escape(naturaltime(published_at))}
    return f'<p class="muted"><small>{posted}</small></p>'


def _save_button(job, saved: bool) -> str:
    # The search results sit inside the search form and HTML forms cannot nest: the button
    # belongs to its own form, rendered after the search form by jobs/_job_save_forms.html.
    title = {"title": conditional_escape(localised(job, "title"))}
    if saved:
        label = (
            "★ " + gettext('Saved <span class="visually-hidden">%(title)s</span> — remove') % title
        )
    else:
        label = "☆ " + gettext('Save <span class="visually-hidden">%(title)s</span>') % title
    return (
        "\n    \n    \n    "
        f'<div class="card-save" id="save-{job.pk}">\n      '
        f'<button class="btn btn-ghost" type="submit" form="save-job-{job.pk}" '
        f'aria-pressed="{"true" if saved else "false"}">{label}</button>\n    </div>\n  '
    )


def job_cards(context, jobs, *, show_save: bool = False, heading_level: str = "3") -> SafeString:
    """The HTML of `jobs`' cards, as templates/jobs/_job_card_static.html plus the live parts.

    `context` is the page's template context (its request and user): with `show_save`, a
    signed-in candidate gets a Save button on each card, in their own saved state.
    """
    jobs = list(jobs)
    user = context.get("user")
    with_save = bool(show_save and user is not None and user.is_authenticated and user.is_candidate)
    parts = []
    for job, static in zip(jobs, static_cards(jobs, heading_level=heading_level), strict=True):
        save = _save_button(job, job_is_saved(context, job)) if with_save else ""
        parts.append(f"\n{static}\n  {_posted(job)}\n  {save}\n</article>\n")
    return mark_safe("".join(parts))  # noqa: S308 - escaped by the template and above
