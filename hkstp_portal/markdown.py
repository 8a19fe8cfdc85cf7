"""User-written Markdown to HTML that is safe to show: nothing outside an allow-list survives."""

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code", "pre",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def markdown_to_html(text: str) -> SafeString:
    """Render Markdown, then let nh3 drop every tag, attribute and URL scheme not allowed.

    Raw HTML in the input is escaped by nh3's cleaning (scripts, styles, event
    handlers and javascript: links never reach the page); links get
    rel="noopener noreferrer nofollow".
    """
    html = markdown_lib.markdown(text or "", extensions=["sane_lists"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned to an allow-list just above
