"""A few of the Nu Html Checker's (validator.w3.org/nu) rules, in Python, for the suite.

The checker itself needs Java; these are the mistakes it found in the portal's templates,
so a test can keep them out: block content (a form, a div) inside an element that may
hold only phrasing content (a span, a button), ARIA names on elements that cannot have
one, date inputs whose value a browser cannot read, and a heading that skips a level
(an h3 straight after the h1).
"""

import re
from html.parser import HTMLParser

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
# Elements whose content model is phrasing content only.
PHRASING_ONLY = {
    "abbr", "b", "button", "code", "em", "h1", "h2", "h3", "h4", "h5", "h6", "i", "label",
    "p", "small", "span", "strong", "time",
}  # fmt: skip
# Flow content that is not phrasing content: never inside the elements above.
BLOCK = {
    "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl",
    "fieldset", "figure", "footer", "form", "header", "hr", "main", "nav", "ol", "p", "pre",
    "section", "table", "ul",
}  # fmt: skip
# Elements with a generic role: aria-label and aria-labelledby are prohibited on them.
NAMELESS = {"b", "code", "div", "em", "i", "p", "small", "span", "strong"}
ISO_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.heading = 0

    def _where(self) -> str:
        line, _column = self.getpos()
        return f"line {line}"

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        parent = self.stack[-1] if self.stack else None
        if tag in BLOCK and parent in PHRASING_ONLY:
            self.errors.append(f"<{tag}> inside <{parent}> ({self._where()})")
        if tag in NAMELESS and "role" not in attributes:
            for name in ("aria-label", "aria-labelledby"):
                if name in attributes:
                    self.errors.append(f"{name} on <{tag}> without a role ({self._where()})")
        if tag == "input" and attributes.get("type") == "date":
            value = attributes.get("value")
            if value and not ISO_DATE.match(value):
                self.errors.append(f'date input with value "{value}" ({self._where()})')
        if re.fullmatch(r"h[1-6]", tag):
            level = int(tag[1])
            # The first heading may be any level (a filter panel's h2 before the results' h1).
            if self.heading and level > self.heading + 1:
                self.errors.append(f"<{tag}> after <h{self.heading}> ({self._where()})")
            self.heading = level
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass


def html_errors(html: str) -> list[str]:
    """The rule breaks found in a page (an empty list for a clean one)."""
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker.errors
