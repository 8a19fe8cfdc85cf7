"""User-written Markdown to HTML that is safe to show: nothing outside an allow-list survives."""

import functools
import hashlib
import threading

import markdown as markdown_lib
import nh3
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code", "pre",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
# The output depends only on the text (and this module): a changed text is a new key, so
# nothing needs invalidating. Bump the version when the rendering rules change.
CACHE_VERSION = 1
CACHE_SECONDS = 60 * 60 * 24
# Texts shorter than this render faster than a round trip to Redis.
CACHE_MIN_LENGTH = 200


def markdown_to_html(text: str) -> SafeString:
    """Render Markdown, then let nh3 drop every tag, attribute and URL scheme not allowed.

    Raw HTML in the input is escaped by nh3's cleaning (scripts, styles, event
    handlers and javascript: links never reach the page); links get
    rel="noopener noreferrer nofollow".

    A job page renders up to three texts, twice with its JSON-LD: the results are kept in
    this process (the same request, the next one for a popular job) and, for the longer
    texts, in Redis (the other workers), keyed by a hash of the text.
    """
    return _cached(text or "")


@functools.lru_cache(maxsize=1024)
def _cached(text: str) -> SafeString:
    if len(text) < CACHE_MIN_LENGTH:
        return _render(text)
    digest = hashlib.blake2b(text.encode(), digest_size=20).hexdigest()
    key = f"markdown:{CACHE_VERSION}:{digest}"
    html = cache.get(key)
    if html is None:
        html = _render(text)
        cache.set(key, str(html), CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - what _render cleaned, stored under its text's hash


_converters = threading.local()


def _converter() -> markdown_lib.Markdown:
    """This thread's Markdown converter: building one (its extensions and processors) costs
    about a third of converting a job's description; reset() clears a document's state."""
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown_lib.Markdown(
            extensions=["sane_lists"], output_format="html"
        )
    return converter


def _render(text: str) -> SafeString:
    html = _converter().reset().convert(text)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned to an allow-list just above
