"""An Atom feed for any job search: the same filters as the search page."""

import re

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from hkstp_portal.i18n import localised
from hkstp_portal.markdown import markdown_to_html
from hkstp_portal.templatetags.portal import display
from jobs.filters import JobSearchFilter
from jobs.selectors import CARD_DEFERRED, job_list_open

FEED_SIZE = 50
# Each entry quotes the start of the description: this many characters of its text.
SUMMARY_CHARS = 500
# XML 1.0 has no way to write these; Django's feed writer raises on them (a 500).
XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_text(text: str) -> str:
    """Text a feed can carry. Keywords come from the URL as typed, and a job's text from a
    form that keeps control characters: one of them would break the feed for everyone."""
    return XML_INVALID.sub("", text)


class JobSearchFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request):
        return request

    def title(self, request):
        q = _xml_text(request.GET.get("q", "")).strip()
        if q:
            return _("HKSTP jobs matching “%(q)s”") % {"q": q[:100]}
        return _("New jobs at HKSTP park companies")

    def subtitle(self, request):
        return _("Open roles at Hong Kong Science and Technology Parks companies.")

    def link(self, request):
        query = request.GET.urlencode()
        return reverse("jobs:job_list") + (f"?{query}" if query else "")

    def feed_url(self, request):
        # rel="self": this search's feed, not every job's (Django's default drops the query).
        return request.get_full_path()

    def items(self, request):
        params = request.GET.copy()
        params["sort"] = "newest"  # a feed is read in date order
        # Each entry quotes the start of the description, in the feed's language (its URL's).
        deferred = [name for name in CARD_DEFERRED if not name.startswith("description")]
        search = JobSearchFilter(params, queryset=job_list_open().defer(*deferred))
        return search.qs[:FEED_SIZE]

    def item_title(self, job):
        return _xml_text(f"{localised(job, 'title')} — {localised(job.company, 'name')}")

    def item_description(self, job):
        """<summary type="html">: the facts as text, then the start of the description as
        the job page shows it (Markdown rendered and cleaned to hkstp_portal.markdown's
        allow-list), so no Markdown source and no markup a company typed reaches a reader."""
        parts = [display(job, "employment_type"), display(job, "site")]
        if job.salary_shown:
            parts.append(_("%(range)s a month") % {"range": job.salary_range})
        description = markdown_to_html(_xml_text(localised(job, "description")))
        # Cutting cleaned HTML between characters keeps every tag closed and adds none.
        start = Truncator(description).chars(SUMMARY_CHARS, html=True)
        facts = " · ".join(str(part) for part in parts)
        return format_html("<p>{}</p>{}", _xml_text(facts), mark_safe(start))  # noqa: S308

    def item_pubdate(self, job):
        return job.published_at

    def item_updateddate(self, job):
        return job.updated_at

    def item_author_name(self, job):
        return _xml_text(localised(job.company, "name"))
